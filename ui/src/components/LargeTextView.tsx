// An answer too large to show as one block of text, read as text anyway: the app cuts it into rows (as it came,
// or pretty-printed) and this list asks for the rows in view, a page at a time, so the window never waits.
import { useQueries, useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { toIpcError } from "../lib/api";
import { queries } from "../lib/queries";

const ROW_HEIGHT = 18;
const PAGE = 200;

interface Props {
  handle: number;
  pretty: boolean;
}

export function LargeTextView({ handle, pretty }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // The first page tells how many rows there are; then the pages in view are asked for as they scroll in. A kept
  // answer never changes, so each page is read once.
  const head = useQuery(queries.answerText(handle, pretty, 0, PAGE));
  const total = head.data?.total ?? null;

  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 40 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  const firstPage = Math.floor(first / PAGE);
  const inView = useQueries({
    queries: Array.from({ length: Math.floor(last / PAGE) - firstPage + 1 }, (_, i) => ({
      ...queries.answerText(handle, pretty, firstPage + i, PAGE),
      enabled: total !== null,
    })),
  });
  const rowsOf = (page: number) => (page === 0 ? head.data?.rows : inView[page - firstPage]?.data?.rows);
  const failed = head.error ?? inView.find((q) => q.error)?.error;
  const error = failed ? toIpcError(failed).message : null;

  if (error) return <p className="input-error" role="alert">{error}</p>;
  return (
    <div className="tree-scroll large-text" ref={scroller} data-testid="large-text" aria-label={pretty ? "The answer, pretty-printed" : "The answer as it came"}>
      {total === null ? (
        <p className="placeholder">{pretty ? "Laying out the answer…" : "Reading the answer…"}</p>
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((v) => {
            const text = rowsOf(Math.floor(v.index / PAGE))?.[v.index % PAGE];
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
