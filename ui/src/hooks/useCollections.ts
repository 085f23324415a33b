// The collection tree, refreshed when the app says collections changed.
import { useEffect, useState } from "react";
import type { FolderNode } from "../bindings/FolderNode";
import { collectionsTree } from "../lib/api";
import { useAppEvent } from "./useAppEvent";

export function useCollections(): FolderNode | null {
  const [tree, setTree] = useState<FolderNode | null>(null);
  const changes = useAppEvent("collections-changed");
  useEffect(() => {
    let current = true;
    collectionsTree().then(
      (t) => current && setTree(t),
      () => current && setTree(null),
    );
    return () => {
      current = false;
    };
  }, [changes]);
  return tree;
}

/** Every folder with its depth, for "choose a folder" lists. */
export function flattenFolders(node: FolderNode, depth = 0): { id: number; name: string; depth: number }[] {
  return node.folders.flatMap((f) => [{ id: f.id, name: f.name, depth }, ...flattenFolders(f, depth + 1)]);
}
