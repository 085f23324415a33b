// The app's change events, applied to the page's cache: a new send is put at the top of the history lists that
// need no search to know it belongs there; everything else named is read again (by the views showing it) when the
// app says it changed.
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { listen } from "@tauri-apps/api/event";
import type { BatchEvent } from "../bindings/BatchEvent";
import type { HistoryFilter } from "../bindings/HistoryFilter";
import type { HistorySummary } from "../bindings/HistorySummary";
import type { Progress } from "../bindings/Progress";
import type { Change } from "../bindings/Change";
import { keys } from "./queries";

export type { Change };

/** The one event the app's Rust side emits after every write; its payload is a `Change`. */
export const CHANGE_EVENT = "vk-change";

/** How often one read is asked again, at most, while changes keep coming (a batch run writes many a second). */
export const REREAD_WINDOW_MS = 250;

/**
 * Invalidations, at most one per read per window: the first at once, then one more at the window's end if anything
 * changed meanwhile. NOTE: react-query cancels a read in flight when its query is invalidated; without the window,
 * a run announcing 40 results a second would cancel every read of its rows before it could answer.
 */
class Rereads {
  private readonly open = new Map<string, { dirty: boolean }>();

  constructor(private readonly client: QueryClient) {}

  ask(queryKey: QueryKey, exact = false) {
    const id = JSON.stringify([queryKey, exact]);
    const window = this.open.get(id);
    if (window) {
      window.dirty = true;
      return;
    }
    void this.client.invalidateQueries({ queryKey, exact });
    const opened = { dirty: false };
    this.open.set(id, opened);
    setTimeout(() => {
      this.open.delete(id);
      if (opened.dirty) this.ask(queryKey, exact);
    }, REREAD_WINDOW_MS);
  }
}

const rereads = new WeakMap<QueryClient, Rereads>();

function rereadsOf(client: QueryClient): Rereads {
  let r = rereads.get(client);
  if (!r) {
    r = new Rereads(client);
    rereads.set(client, r);
  }
  return r;
}

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
  const reread = rereadsOf(client);
  for (const query of client.getQueryCache().findAll({ queryKey: keys.historyLists })) {
    const filter = filterOf(query.queryKey);
    const list = query.state.data as HistorySummary[] | undefined;
    // NOTE: a list being read now may have been read before this send was written: its answer could leave the
    // send out, so it is read again instead. A search (by words of the answer, by outcome…) is the app's to match.
    if (filter && isUnfiltered(filter) && list !== undefined && query.state.fetchStatus === "idle") {
      client.setQueryData<HistorySummary[]>(query.queryKey, prepend(list, entry, filter.limit));
    } else {
      reread.ask(query.queryKey, true);
    }
  }
}

function batchRun(client: QueryClient, event: BatchEvent) {
  if (event.kind === "progress") {
    client.setQueryData<Record<number, Progress>>(keys.batchProgress, (old) => ({ ...old, [event.run_id]: event.progress }));
  } else {
    rereadsOf(client).ask(keys.batchRuns);
  }
  // The rows on screen show each result as it arrives.
  rereadsOf(client).ask(keys.batchRowsOf(event.run_id));
}

export function applyChange(client: QueryClient, change: Change): void {
  switch (change.what) {
    case "history_added":
      historyAdded(client, change.entry);
      return;
    case "history":
      rereadsOf(client).ask(keys.history);
      return;
    case "collections":
      rereadsOf(client).ask(keys.collections);
      return;
    case "environments":
      rereadsOf(client).ask(keys.environments);
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
