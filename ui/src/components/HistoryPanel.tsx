// History in the sidebar: search as you type, filters, and every send (virtualised, so thousands stay smooth).
// Each entry opens with a click and can be sent again, saved to a collection, or deleted.
import { useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { HistorySummary } from "../bindings/HistorySummary";
import { Button } from "../core/Button";
import { activeFilterCount, type HistoryState } from "../hooks/useHistory";
import { historyDelete } from "../lib/api";
import { formatWhenShort, statusTone } from "../lib/format";
import { HistoryFilters } from "./HistoryFilters";
import { HistorySettingsDialog } from "./HistorySettingsDialog";

export interface HistoryActions {
  onOpen: (id: number) => void;
  onRerun: (item: HistorySummary) => void;
  onSave: (id: number) => void;
}

interface Props extends HistoryActions {
  history: HistoryState;
  environments: string[];
  modules: string[];
  errorCodes: string[];
}

function Row({ item, actions }: { item: HistorySummary; actions: HistoryActions }) {
  const outcome = item.error_code ?? (item.status === null ? "no answer" : String(item.status));
  const tone = item.status === null ? "client-error" : item.error_code ? "client-error" : statusTone(item.status);
  const label = `${item.method} ${item.endpoint}`;
  return (
    <div className="history-row" data-testid="history-row">
      <Button className="history-open" onClick={() => actions.onOpen(item.id)} title={`Open ${label} (${item.environment})`}>
        <span className="history-line">
          <span className="history-method">{item.method}</span>
          <span className="history-endpoint">{item.endpoint.replace("/api/v1/", "")}</span>
        </span>
        <span className="history-line">
          <span className={`history-outcome ${tone}`}>{outcome}</span>
          <span className="history-time">{formatWhenShort(item.sent_at_ms)}</span>
        </span>
      </Button>
      <span className="history-actions">
        <Button variant="link" aria-label={`Send ${label} again`} title="Send again (new timestamp and signature)" data-testid="history-rerun" onClick={() => actions.onRerun(item)}>
          ↻
        </Button>
        <Button variant="link" aria-label={`Save ${label} to a collection`} title="Save to a collection" data-testid="history-save" onClick={() => actions.onSave(item.id)}>
          ☆
        </Button>
        <Button variant="link" aria-label={`Delete ${label} from history`} title="Delete from history" data-testid="history-delete" onClick={() => void historyDelete(item.id)}>
          ×
        </Button>
      </span>
    </div>
  );
}

export function HistoryPanel({ history, environments, modules, errorCodes, ...actions }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [showFilters, setShowFilters] = useState(false);
  const [settings, setSettings] = useState(false);
  const filters = activeFilterCount(history.choices);
  // NOTE: this build does not use the React Compiler, which is what the rule below protects.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: history.items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 52,
    overscan: 8,
  });
  const searching = history.choices.text.trim() !== "" || filters > 0;

  return (
    <div className="history" data-testid="history">
      <input
        type="search"
        aria-label="Search history"
        data-testid="history-search"
        placeholder="Search requests and answers…"
        value={history.choices.text}
        onChange={(e) => history.setChoices({ ...history.choices, text: e.target.value })}
      />
      <div className="row">
        <Button variant="secondary" small aria-expanded={showFilters} data-testid="history-filters-toggle" onClick={() => setShowFilters(!showFilters)}>
          Filters{filters > 0 ? ` (${filters})` : ""}
        </Button>
        <span className="spacer" />
        <Button variant="secondary" small data-testid="history-settings-open" onClick={() => setSettings(true)}>
          Settings…
        </Button>
      </div>
      {showFilters && (
        <HistoryFilters choices={history.choices} onChange={history.setChoices} environments={environments} modules={modules} errorCodes={errorCodes} />
      )}
      {history.items.length === 0 ? (
        <p className="placeholder">{searching ? "Nothing matches. Try fewer words or clear the filters." : "Requests you send appear here."}</p>
      ) : (
        <div className="history-list" ref={scroller} data-testid="history-list">
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((v) => {
              const item = history.items[v.index];
              return item ? (
                <div key={item.id} style={{ position: "absolute", top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}>
                  <Row item={item} actions={actions} />
                </div>
              ) : null;
            })}
          </div>
        </div>
      )}
      {settings && <HistorySettingsDialog onClose={() => setSettings(false)} />}
    </div>
  );
}
