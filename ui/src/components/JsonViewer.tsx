// The answer as a collapsible JSON tree, virtualised and built in a worker, so an answer of any size opens without
// freezing the window. Filter by text or by JSONPath; copy a value or its path.
import { useEffect, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { convertFileSrc, invoke } from "@tauri-apps/api/core";
import { writeText } from "@tauri-apps/plugin-clipboard-manager";
import type { ResponseView } from "../bindings/ResponseView";
import { Button } from "../core/Button";
import { useNotify } from "../core/Notices";
import { JsonClient } from "../lib/jsonClient";
import { jsonPathOf, MAX_MATCHES, type Key, type Row } from "../lib/jsonRows";
import type { Summary } from "../lib/summary";

interface Props {
  response: ResponseView;
  onSummary: (summary: Summary | null) => void;
}

const ROW_HEIGHT = 22;

async function copy(text: string): Promise<boolean> {
  try {
    // The app's clipboard (tauri-plugin-clipboard-manager): the web view's own asks for a permission it never gets.
    await writeText(text);
    return true;
  } catch {
    return false;
  }
}

async function bytesOf(response: ResponseView): Promise<ArrayBuffer> {
  if (response.body_complete) return new TextEncoder().encode(response.body_text).buffer as ArrayBuffer;
  return invoke<ArrayBuffer>("response_body", { handle: response.body_handle });
}

export function JsonViewer({ response, onSummary }: Props) {
  const notify = useNotify();
  const client = useRef<JsonClient | null>(null);
  const [state, setState] = useState<{ status: "loading" | "ready" | "error"; error: string | null }>({ status: "loading", error: null });
  const [count, setCount] = useState(0);
  const [capped, setCapped] = useState(false);
  const [version, setVersion] = useState(0);
  const [rows, setRows] = useState<Map<number, Row>>(new Map());
  const [query, setQuery] = useState("");
  const [filterError, setFilterError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const c = new JsonClient();
    client.current = c;
    const loaded = response.body_file
      ? c.ask({ type: "fetch", url: convertFileSrc(response.body_file) })
      : bytesOf(response).then((bytes) => c.ask({ type: "load", bytes }, [bytes]));
    // Once this effect is cleaned up, the client is closed and `settle` never answers: no stale answer lands here.
    c.settle(loaded).then(
      (reply) => {
        if (reply.type !== "loaded") return;
        if (reply.error) {
          setState({ status: "error", error: reply.error });
          onSummary(null);
          return;
        }
        setCount(reply.count);
        setVersion((v) => v + 1);
        setState({ status: "ready", error: null });
        onSummary(reply.summary);
      },
      (e: unknown) => setState({ status: "error", error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      c.close();
      client.current = null;
    };
    // A new answer is a new handle; nothing else reloads the document.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [response.body_handle]);

  // NOTE: this build does not use the React Compiler, which is what the rule below protects.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 30 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    const c = client.current;
    if (!c || state.status !== "ready" || count === 0) return;
    const start = Math.max(0, first - 50);
    // NOTE: no reply is dropped as stale. The worker answers in the order it is asked, so rows read before a filter
    // or a toggle arrive before its count (which clears the rows, below), and rows read after it are of the new tree.
    void c.ask({ type: "rows", start, end: last + 50 }).then((reply) => {
      if (reply.type !== "rows") return;
      setRows((old) => {
        const next = new Map(old);
        reply.rows.forEach((r, i) => next.set(reply.start + i, r));
        return next;
      });
    });
  }, [first, last, version, count, state.status]);

  const apply = (reply: Awaited<ReturnType<JsonClient["ask"]>>) => {
    if (reply.type !== "count") return;
    setRows(new Map());
    setCount(reply.count);
    setCapped(reply.capped);
    setFilterError(reply.error);
    setVersion((v) => v + 1);
  };
  const ask = (request: Parameters<JsonClient["ask"]>[0]) => void client.current?.ask(request).then(apply);

  const copyValue = async (path: Key[]) => {
    const reply = await client.current?.ask({ type: "value", path });
    if (reply?.type === "value") notify((await copy(reply.text)) ? "Value copied." : "The clipboard could not be reached.");
  };

  if (state.status === "loading") return <p className="placeholder" data-testid="tree-loading">Opening the answer ({Math.round(response.size_bytes / 1024)} KB)…</p>;
  if (state.status === "error") return <p className="field-error">This answer is not valid JSON ({state.error}). Use Raw, or save it to a file.</p>;

  return (
    <div className="json-viewer" data-testid="json-tree">
      <div className="row tree-tools">
        <input
          type="search"
          aria-label="Filter the answer"
          data-testid="tree-filter"
          placeholder="Filter: a word, or a JSONPath such as $.data.customers[*].name"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            ask({ type: "filter", query: e.target.value });
          }}
        />
        <Button variant="secondary" small onClick={() => ask({ type: "expand", depth: 4 })} disabled={query !== ""}>
          Open 4 levels
        </Button>
        <Button variant="secondary" small onClick={() => ask({ type: "collapse" })} disabled={query !== ""}>
          Close all
        </Button>
      </div>
      <p className="hint" data-testid="tree-count">
        {filterError ?? (query ? `${count} match${count === 1 ? "" : "es"}${capped ? ` (the first ${MAX_MATCHES})` : ""}` : `${count} rows showing`)}
      </p>
      <div className="tree-scroll" ref={scroller} role="tree" aria-label="The answer">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((v) => {
            const row = rows.get(v.index);
            return (
              <div key={v.key} className="tree-line" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                {row && <TreeRow row={row} filtered={query !== ""} onToggle={(p) => ask({ type: "toggle", path: p })} onCopyValue={copyValue}
                  onCopyPath={(p) => void copy(jsonPathOf(p)).then((ok) => notify(ok ? `Copied ${jsonPathOf(p)}` : "The clipboard could not be reached."))} />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  row: Row;
  filtered: boolean;
  onToggle: (path: Key[]) => void;
  onCopyValue: (path: Key[]) => Promise<void>;
  onCopyPath: (path: Key[]) => void;
}

function TreeRow({ row, filtered, onToggle, onCopyValue, onCopyPath }: RowProps) {
  const label = filtered ? jsonPathOf(row.path) : row.key === null ? "answer" : String(row.key);
  return (
    <div className="tree-row-line" role="treeitem" aria-expanded={row.expandable ? row.expanded : undefined} aria-level={row.depth + 1}
      style={{ paddingLeft: filtered ? 4 : row.depth * 14 + 4 }}>
      {row.expandable ? (
        <Button className="tree-toggle" aria-label={row.expanded ? `Close ${label}` : `Open ${label}`} onClick={() => onToggle(row.path)}>
          {row.expanded ? "▾" : "▸"}
        </Button>
      ) : (
        <span className="tree-toggle" />
      )}
      <span className={typeof row.key === "number" && !filtered ? "tree-key index" : "tree-key"}>{label}</span>
      <span className="tree-colon">:</span>
      <span className={`tree-value ${row.kind}`}>{row.preview}</span>
      <span className="tree-actions">
        <Button variant="link" onClick={() => void onCopyValue(row.path)} title="Copy the value">
          copy
        </Button>
        <Button variant="link" onClick={() => onCopyPath(row.path)} title="Copy the JSONPath of this value">
          path
        </Button>
      </span>
    </div>
  );
}
