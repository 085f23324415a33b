// Collection helpers: where an item sits in the tree, so it can move up, down or into another folder.
import type { FolderNode } from "../bindings/FolderNode";
import type { Item } from "../bindings/Item";

export interface Place {
  /** The folder the item is in (null: the top level). */
  parent: number | null;
  index: number;
  siblings: number;
}

/** Where `item` is in `tree`, or null when it is not there. */
export function placeOf(tree: FolderNode, item: Item): Place | null {
  const walk = (node: FolderNode, parent: number | null): Place | null => {
    const list = item.kind === "folder" ? node.folders : node.requests;
    const index = list.findIndex((x) => x.id === item.id);
    if (index >= 0) return { parent, index, siblings: list.length };
    for (const f of node.folders) {
      const found = walk(f, f.id);
      if (found) return found;
    }
    return null;
  };
  return walk(tree, null);
}

/** The folders a folder may move into: not itself and not any folder inside it. */
export function foldersOutside(tree: FolderNode, folderId: number): { id: number; name: string; depth: number }[] {
  const out: { id: number; name: string; depth: number }[] = [];
  const walk = (node: FolderNode, depth: number) => {
    for (const f of node.folders) {
      if (f.id === folderId) continue;
      out.push({ id: f.id, name: f.name, depth });
      walk(f, depth + 1);
    }
  };
  walk(tree, 0);
  return out;
}

export function countRequests(node: FolderNode): number {
  return node.requests.length + node.folders.reduce((n, f) => n + countRequests(f), 0);
}
