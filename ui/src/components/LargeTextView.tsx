// An answer too large to show as one block of text, read as text anyway: the app cuts it into rows (as it came,
// or pretty-printed) and this list asks for the rows in view, a page at a time, so the window never waits.
import { useEffect, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { responseTextPage, toIpcError } from "../lib/api";

const ROW_HEIGHT = 18;
const PAGE = 200;

interface Props {
  handle: number;
  pretty: boolean;
}

export function LargeTextView({ handle, pretty }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, string[]>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(new Set<number>());

  const load = (page: number) => {
    if (asked.current.has(page)) return;
    asked.current.add(page);
    responseTextPage(handle, pretty, page * PAGE, PAGE).then(
      (p) => {
        setTotal(p.total);
        setPages((old) => new Map(old).set(page, p.rows));
      },
      (e: unknown) => setError(toIpcError(e).message),
    );
  };

  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 40 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  // The first page tells how many rows there are; then the pages in view are asked for as they scroll in.
  useEffect(() => {
    if (total === null) load(0);
    else for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) load(p);
  });

  if (error) return <p className="input-error" role="alert">{error}</p>;
  return (
    <div className="tree-scroll large-text" ref={scroller} data-testid="large-text" aria-label={pretty ? "The answer, pretty-printed" : "The answer as it came"}>
      {total === null ? (
        <p className="placeholder">{pretty ? "Laying out the answer…" : "Reading the answer…"}</p>
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((v) => {
            const text = pages.get(Math.floor(v.index / PAGE))?.[v.index % PAGE];
            return (
              <div key={v.key} className="tree-line large-text-row" data-testid="large-text-row" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                {text ?? "…"}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
