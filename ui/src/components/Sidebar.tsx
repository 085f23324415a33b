// The sidebar: History and Collections, one at a time, as tabs.
import type { ReactNode } from "react";

export type SidebarTab = "history" | "collections";

interface Props {
  tab: SidebarTab;
  onTab: (tab: SidebarTab) => void;
  history: ReactNode;
  collections: ReactNode;
}

export function Sidebar({ tab, onTab, history, collections }: Props) {
  const tabButton = (id: SidebarTab, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={tab === id}
      className={tab === id ? "tab active" : "tab"}
      data-testid={`sidebar-${id}`}
      onClick={() => onTab(id)}
    >
      {label}
    </button>
  );
  return (
    <aside className="panel sidebar" aria-label="History and collections">
      <div className="tabs" role="tablist">
        {tabButton("history", "History")}
        {tabButton("collections", "Collections")}
      </div>
      <div role="tabpanel" className="sidebar-body">
        {tab === "history" ? history : collections}
      </div>
    </aside>
  );
}
