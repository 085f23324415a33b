// The app's change events, applied to the page's cache: a new send is put at the top of the history lists that
// need no search to know it belongs there; everything else named is read again (by the views showing it) when the
// app says it changed.
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { listen } from "@tauri-apps/api/event";
import type { BatchEvent } from "../bindings/BatchEvent";
import type { HistoryFilter } from "../bindings/HistoryFilter";
import type { HistorySummary } from "../bindings/HistorySummary";
import type { Progress } from "../bindings/Progress";
import type { Change } from "./changes";
import { keys } from "./queries";

/** The one event the app's Rust side emits after every write; its payload is a `Change`. */
export const CHANGE_EVENT = "vk-change";

/** A history list's filter, from its cache key. */
function filterOf(key: QueryKey): HistoryFilter | null {
  const filter = key[2];
  return typeof filter === "object" && filter !== null ? (filter as HistoryFilter) : null;
}

/** The newest sends, any environment, any outcome: a new send always belongs at the top. */
export function isUnfiltered(f: HistoryFilter): boolean {
  return [f.text, f.environment, f.module, f.status_class, f.error_code, f.batch_run_id, f.from_ms, f.to_ms, f.before_id].every((v) => v === null);
}

export function prepend(list: HistorySummary[], entry: HistorySummary, limit: number): HistorySummary[] {
  return [entry, ...list.filter((e) => e.id !== entry.id)].slice(0, limit);
}

function historyAdded(client: QueryClient, entry: HistorySummary) {
  for (const query of client.getQueryCache().findAll({ queryKey: keys.historyLists })) {
    const filter = filterOf(query.queryKey);
    const list = query.state.data as HistorySummary[] | undefined;
    // NOTE: a list being read now may have been read before this send was written: its answer could leave the
    // send out, so it is read again instead. A search (by words of the answer, by outcome…) is the app's to match.
    if (filter && isUnfiltered(filter) && list !== undefined && query.state.fetchStatus === "idle") {
      client.setQueryData<HistorySummary[]>(query.queryKey, prepend(list, entry, filter.limit));
    } else {
      void client.invalidateQueries({ queryKey: query.queryKey, exact: true });
    }
  }
}

function batchRun(client: QueryClient, event: BatchEvent) {
  if (event.kind === "progress") {
    client.setQueryData<Record<number, Progress>>(keys.batchProgress, (old) => ({ ...old, [event.run_id]: event.progress }));
  } else {
    void client.invalidateQueries({ queryKey: keys.batchRuns });
  }
  // The rows on screen show each result as it arrives.
  void client.invalidateQueries({ queryKey: keys.batchRowsOf(event.run_id) });
}

export function applyChange(client: QueryClient, change: Change): void {
  switch (change.what) {
    case "history_added":
      historyAdded(client, change.entry);
      return;
    case "history":
      void client.invalidateQueries({ queryKey: keys.history });
      return;
    case "collections":
      void client.invalidateQueries({ queryKey: keys.collections });
      return;
    case "environments":
      void client.invalidateQueries({ queryKey: keys.environments });
      return;
    case "batch_run":
      batchRun(client, change.event);
      return;
  }
}

/** Applies every change the app announces to `client`; returns the function that stops listening. */
export function followChanges(client: QueryClient): () => void {
  // Outside the app's window (a plain browser) there is nothing to listen to, and nothing changes.
  const stop = listen<Change>(CHANGE_EVENT, (event) => applyChange(client, event.payload)).catch(() => null);
  return () => {
    void stop.then((unlisten) => unlisten?.());
  };
}
