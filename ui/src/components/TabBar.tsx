// The open requests, as tabs above the composer: choose one, close one, open a new one (Ctrl+T, Ctrl+W).
import { Button } from "../core/Button";
import type { RequestTab } from "../hooks/useTabs";

interface Props {
  tabs: RequestTab[];
  activeId: number;
  titleOf: (tab: RequestTab) => string;
  onSelect: (id: number) => void;
  onClose: (id: number) => void;
  onNew: () => void;
}

export function TabBar({ tabs, activeId, titleOf, onSelect, onClose, onNew }: Props) {
  return (
    <div className="request-tabs" role="tablist" aria-label="Open requests" data-testid="request-tabs">
      {tabs.map((t) => {
        const title = titleOf(t);
        return (
          <div key={t.id} className={t.id === activeId ? "request-tab active" : "request-tab"}>
            <Button role="tab" aria-selected={t.id === activeId} className="request-tab-title" data-testid="request-tab"
              title={`${t.draft.method} ${t.draft.endpoint}`} onClick={() => onSelect(t.id)}>
              {t.sending ? "⏳ " : ""}
              {title}
            </Button>
            <Button variant="link" className="request-tab-close" aria-label={`Close ${title}`} title="Close (Ctrl+W)" onClick={() => onClose(t.id)}>
              ×
            </Button>
          </div>
        );
      })}
      <Button variant="link" className="request-tab-new" aria-label="New request tab" title="New request (Ctrl+T)" data-testid="new-tab" onClick={onNew}>
        +
      </Button>
    </div>
  );
}
