// The history sidebar: search as you type, a status filter, and every send (virtualised, so thousands stay smooth).
import { useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { HistorySummary } from "../bindings/HistorySummary";
import type { HistoryState, StatusChoice } from "../hooks/useHistory";
import { statusTone } from "../lib/format";

interface Props {
  history: HistoryState;
  onOpen: (id: number) => void;
}

function when(ms: number): string {
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : `${d.toLocaleDateString()} ${d.toLocaleTimeString()}`;
}

function Row({ item, onOpen }: { item: HistorySummary; onOpen: (id: number) => void }) {
  const outcome = item.error_code ?? (item.status === null ? "no answer" : String(item.status));
  const tone = item.status === null ? "client-error" : item.error_code ? "client-error" : statusTone(item.status);
  return (
    <button type="button" className="history-row" data-testid="history-row" onClick={() => onOpen(item.id)}>
      <span className="history-line">
        <span className="history-method">{item.method}</span>
        <span className="history-endpoint">{item.endpoint.replace("/api/v1/", "")}</span>
      </span>
      <span className="history-line">
        <span className={`history-outcome ${tone}`}>{outcome}</span>
        <span className="history-time">{when(item.sent_at_ms)}</span>
      </span>
    </button>
  );
}

export function HistorySidebar({ history, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // NOTE: this build does not use the React Compiler, which is what the rule below protects.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: history.items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 52,
    overscan: 8,
  });

  return (
    <aside className="panel sidebar" aria-label="History">
      <h2>History</h2>
      <input
        type="search"
        data-testid="history-search"
        placeholder="Search requests and answers…"
        value={history.text}
        onChange={(e) => history.setText(e.target.value)}
      />
      <select
        aria-label="Show"
        data-testid="history-status"
        value={history.status}
        onChange={(e) => history.setStatus(e.target.value as StatusChoice)}
      >
        <option value="all">All results</option>
        <option value="2">Successful</option>
        <option value="4">Refused (4xx)</option>
        <option value="5">Server errors (5xx)</option>
        <option value="0">No answer</option>
      </select>
      {history.items.length === 0 ? (
        <p className="placeholder">{history.text ? "Nothing found." : "Requests you send appear here."}</p>
      ) : (
        <div className="history-list" ref={scroller} data-testid="history-list">
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((v) => {
              const item = history.items[v.index];
              return item ? (
                <div key={item.id} style={{ position: "absolute", top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}>
                  <Row item={item} onOpen={onOpen} />
                </div>
              ) : null;
            })}
          </div>
        </div>
      )}
    </aside>
  );
}
