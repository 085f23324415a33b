// The sidebar: History and Collections, one at a time, as tabs; it folds away to a narrow strip (Ctrl+B) to give the
// request and the response the room.
import type { ReactNode } from "react";
import { Button } from "../core/Button";

export type SidebarTab = "history" | "collections";

interface Props {
  tab: SidebarTab;
  onTab: (tab: SidebarTab) => void;
  history: ReactNode;
  collections: ReactNode;
  shown: boolean;
  onShown: (shown: boolean) => void;
}

export function Sidebar({ tab, onTab, history, collections, shown, onShown }: Props) {
  const tabButton = (id: SidebarTab, label: string) => (
    <Button
      role="tab"
      aria-selected={tab === id}
      className={tab === id ? "tab active" : "tab"}
      data-testid={`sidebar-${id}`}
      onClick={() => onTab(id)}
    >
      {label}
    </Button>
  );
  if (!shown) {
    return (
      <aside className="panel sidebar folded" aria-label="History and collections (hidden)">
        <Button variant="link" data-testid="sidebar-show" title="Show history and collections (Ctrl+B)" onClick={() => onShown(true)}>
          <span aria-hidden="true">»</span>
          <span className="folded-label">History · Collections</span>
        </Button>
      </aside>
    );
  }
  return (
    <aside className="panel sidebar" aria-label="History and collections">
      <div className="sidebar-head">
        <div className="tabs" role="tablist">
          {tabButton("history", "History")}
          {tabButton("collections", "Collections")}
        </div>
        <Button variant="link" data-testid="sidebar-hide" aria-label="Hide history and collections" title="Hide history and collections, for a wider request (Ctrl+B)" onClick={() => onShown(false)}>
          «
        </Button>
      </div>
      <div role="tabpanel" className="sidebar-body">
        {tab === "history" ? history : collections}
      </div>
    </aside>
  );
}
