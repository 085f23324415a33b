// The collections tree (folders and saved requests), read again when the app says collections changed.
import { useQuery } from "@tanstack/react-query";
import type { FolderNode } from "../bindings/FolderNode";
import { queries } from "../lib/queries";

export function useCollections(): FolderNode | null {
  return useQuery(queries.collections()).data ?? null;
}

/** Every folder with its depth, for "choose a folder" lists. */
export function flattenFolders(node: FolderNode, depth = 0): { id: number; name: string; depth: number }[] {
  return node.folders.flatMap((f) => [{ id: f.id, name: f.name, depth }, ...flattenFolders(f, depth + 1)]);
}
