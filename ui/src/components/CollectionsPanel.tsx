// Collections in the sidebar: folders and saved requests. Open a request with a click; rename, duplicate, move,
// export or delete from its "…" menu; a delete can be undone from the message that follows.
import { useState, type FormEvent, type ReactNode } from "react";
import type { FolderNode } from "../bindings/FolderNode";
import type { Item } from "../bindings/Item";
import type { SavedRequest } from "../bindings/SavedRequest";
import {
  collectionDelete,
  collectionDuplicate,
  collectionExport,
  collectionFolderCreate,
  collectionMove,
  collectionRename,
  collectionUndoDelete,
  saveDialog,
  toIpcError,
} from "../lib/api";
import { Button } from "../core/Button";
import { useNotify } from "../core/Notices";
import { foldersOutside, placeOf } from "../lib/collections";
import { flattenFolders } from "../hooks/useCollections";

interface Props {
  tree: FolderNode | null;
  onOpen: (request: SavedRequest) => void;
}

type Target = { item: Item; name: string };

function fileName(name: string): string {
  return `${name.replace(/[^\p{L}\p{N} _-]+/gu, "").trim() || "collection"}.json`;
}

export function CollectionsPanel({ tree, onOpen }: Props) {
  const notify = useNotify();
  const [menu, setMenu] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<Target | null>(null);
  const [newName, setNewName] = useState("");
  const [moving, setMoving] = useState<Target | null>(null);
  const [creating, setCreating] = useState(false);
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());

  const run = (work: () => Promise<unknown>) => {
    setMenu(null);
    work().catch((e: unknown) => notify(toIpcError(e).message));
  };

  const remove = (t: Target) =>
    run(async () => {
      const ticket = await collectionDelete(t.item);
      notify(`Deleted “${t.name}”.`, { label: "Undo", run: () => void collectionUndoDelete(ticket).catch(() => undefined) });
    });

  const shift = (t: Target, by: number) =>
    run(async () => {
      const place = tree && placeOf(tree, t.item);
      if (place) await collectionMove(t.item, place.parent, Math.max(0, place.index + by));
    });

  const exportTo = (folder: number | null, name: string) =>
    run(async () => {
      const path = await saveDialog(fileName(name), { name: "VK Workspace collection", extensions: ["json"] });
      if (!path) return;
      const done = await collectionExport(folder, path);
      notify(`Exported ${done.requests} request(s) to ${done.path}. No secrets are in the file.`);
    });

  function submitRename(event: FormEvent) {
    event.preventDefault();
    const target = renaming;
    setRenaming(null);
    if (target && newName.trim() !== target.name) run(() => collectionRename(target.item, newName));
  }

  function submitFolder(event: FormEvent) {
    event.preventDefault();
    setCreating(false);
    run(() => collectionFolderCreate(null, newName));
  }

  const actions = (t: Target) => {
    const key = `${t.item.kind}-${t.item.id}`;
    return (
      <span className="item-actions">
        <Button
          variant="link"
          aria-label={`More actions for ${t.name}`}
          aria-expanded={menu === key}
          data-testid="item-menu"
          onClick={() => setMenu(menu === key ? null : key)}
        >
          …
        </Button>
        {menu === key && (
          <span className="menu" role="menu" onKeyDown={(e) => e.key === "Escape" && setMenu(null)}>
            <Button role="menuitem" onClick={() => { setMenu(null); setNewName(t.name); setRenaming(t); }}>
              Rename
            </Button>
            {t.item.kind === "request" && (
              <Button role="menuitem" onClick={() => run(() => collectionDuplicate(t.item.id))}>
                Duplicate
              </Button>
            )}
            <Button role="menuitem" onClick={() => shift(t, -1)}>
              Move up
            </Button>
            <Button role="menuitem" onClick={() => shift(t, 1)}>
              Move down
            </Button>
            <Button role="menuitem" onClick={() => { setMenu(null); setMoving(t); }}>
              Move to folder…
            </Button>
            {t.item.kind === "folder" && (
              <Button role="menuitem" onClick={() => exportTo(t.item.id, t.name)}>
                Export…
              </Button>
            )}
            <Button role="menuitem" className="danger-text" data-testid="item-delete" onClick={() => remove(t)}>
              Delete
            </Button>
          </span>
        )}
      </span>
    );
  };

  const nameOrEditor = (t: Target, label: ReactNode) =>
    renaming && renaming.item.kind === t.item.kind && renaming.item.id === t.item.id ? (
      <form onSubmit={submitRename} className="inline-form">
        <input aria-label="New name" autoFocus value={newName} onChange={(e) => setNewName(e.target.value)} onBlur={submitRename}
          onKeyDown={(e) => e.key === "Escape" && setRenaming(null)} />
      </form>
    ) : (
      label
    );

  const renderFolder = (node: FolderNode, depth: number): ReactNode => (
    <ul className="tree" role="group">
      {node.folders.map((f) => {
        const t: Target = { item: { kind: "folder", id: f.id }, name: f.name };
        const open = !collapsed.has(f.id);
        return (
          <li key={`f${f.id}`} role="treeitem" aria-expanded={open}>
            <div className="tree-row folder" style={{ paddingLeft: depth * 12 }}>
              {nameOrEditor(
                t,
                <Button className="tree-label" data-testid="collection-folder"
                  onClick={() => setCollapsed((c) => { const n = new Set(c); if (open) n.add(f.id); else n.delete(f.id); return n; })}>
                  {open ? "▾" : "▸"} {f.name}
                </Button>,
              )}
              {actions(t)}
            </div>
            {open && renderFolder(f, depth + 1)}
          </li>
        );
      })}
      {node.requests.map((r) => {
        const t: Target = { item: { kind: "request", id: r.id }, name: r.name };
        return (
          <li key={`r${r.id}`} role="treeitem">
            <div className="tree-row" style={{ paddingLeft: depth * 12 + 14 }}>
              {nameOrEditor(
                t,
                <Button className="tree-label" data-testid="collection-request" title={r.description || r.endpoint} onClick={() => onOpen(r)}>
                  <span className="history-method">{r.method}</span> {r.name}
                </Button>,
              )}
              {actions(t)}
            </div>
          </li>
        );
      })}
    </ul>
  );

  const empty = tree && tree.folders.length === 0 && tree.requests.length === 0;
  const moveChoices = moving && tree ? (moving.item.kind === "folder" ? foldersOutside(tree, moving.item.id) : flattenFolders(tree)) : [];

  return (
    <div className="collections" data-testid="collections">
      <div className="row">
        <Button variant="secondary" small data-testid="new-folder" onClick={() => { setNewName(""); setCreating(true); }}>
          New folder
        </Button>
        <Button variant="secondary" small disabled={!tree || !!empty} onClick={() => exportTo(null, "VK Workspace collections")}>
          Export all…
        </Button>
      </div>
      {creating && (
        <form onSubmit={submitFolder} className="inline-form">
          <input aria-label="Folder name" data-testid="new-folder-name" autoFocus placeholder="Folder name" value={newName}
            onChange={(e) => setNewName(e.target.value)} onKeyDown={(e) => e.key === "Escape" && setCreating(false)} />
        </form>
      )}
      {moving && (
        <div className="move-box" role="group" aria-label={`Move ${moving.name}`}>
          <label>
            Move “{moving.name}” to{" "}
            <select autoFocus aria-label="Destination folder" defaultValue=""
              onChange={(e) => { const to = e.target.value === "top" ? null : Number(e.target.value); const m = moving; setMoving(null); run(() => collectionMove(m.item, to, 1_000_000)); }}>
              <option value="" disabled>Choose…</option>
              <option value="top">Top level</option>
              {moveChoices.map((f) => (
                <option key={f.id} value={f.id}>{"\u00a0\u00a0".repeat(f.depth)}{f.name}</option>
              ))}
            </select>
          </label>
          <Button variant="link" onClick={() => setMoving(null)}>Cancel</Button>
        </div>
      )}
      {empty ? (
        <p className="placeholder">
          Nothing saved yet. Compose a request and press Ctrl+S (or “Save…”) to keep it here.
        </p>
      ) : (
        tree && renderFolder(tree, 0)
      )}
    </div>
  );
}
