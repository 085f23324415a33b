// Finding things by words: every word typed must appear (as the start of a word) in what is searched.
import type { Endpoint } from "../bindings/Endpoint";
import type { FolderNode } from "../bindings/FolderNode";
import type { SavedRequest } from "../bindings/SavedRequest";
import { MODULE_NAMES } from "./draft";

export function matchesWords(query: string, haystack: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const text = ` ${haystack.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ")}`;
  return words.every((w) => text.includes(` ${w}`));
}

/** Endpoints whose title, module, description or path hold every word; title matches first. */
export function searchEndpoints(endpoints: Endpoint[], query: string): Endpoint[] {
  if (query.trim() === "") return endpoints;
  const inTitle = endpoints.filter((e) => matchesWords(query, `${e.title} ${MODULE_NAMES[e.module] ?? e.module}`));
  const elsewhere = endpoints.filter((e) => !inTitle.includes(e) && matchesWords(query, `${e.title} ${e.description} ${e.path} ${e.module}`));
  return [...inTitle, ...elsewhere];
}

/** Saved requests (at any depth) whose name, description or endpoint hold every word. */
export function searchSaved(tree: FolderNode | null, query: string): SavedRequest[] {
  if (!tree) return [];
  const all: SavedRequest[] = [];
  const walk = (n: FolderNode) => {
    all.push(...n.requests);
    n.folders.forEach(walk);
  };
  walk(tree);
  return query.trim() === "" ? all : all.filter((r) => matchesWords(query, `${r.name} ${r.description} ${r.endpoint}`));
}
