// The change events, applied to the cache: a new send goes to the top of the history list without reading the list
// again; a search is read again; every other change reads again what it names, and only that.
import { QueryObserver, type QueryClient, type QueryKey, type QueryObserverOptions } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { HistoryFilter } from "../bindings/HistoryFilter";
import type { HistorySummary } from "../bindings/HistorySummary";
import type { Progress } from "../bindings/Progress";
import { filterFor, NO_CHOICES } from "../hooks/useHistory";
import { applyChange, CHANGE_EVENT, followChanges, REREAD_WINDOW_MS, type Change } from "./changeFeed";
import { keys, queries } from "./queries";
import { makeQueryClient } from "./queryClient";

const entry = (id: number, endpoint = "/api/v1/verify/pan"): HistorySummary => ({
  id, sent_at_ms: 1_700_000_000_000 + id, environment: "Sandbox (built in)", module: "verify", method: "POST", endpoint,
  status: 200, elapsed_ms: 12, size_bytes: 300, error_code: null,
});

const api = vi.hoisted(() => ({
  historyList: vi.fn(async (filter: HistoryFilter): Promise<HistorySummary[]> => (void filter, [])),
  collectionsTree: vi.fn(async () => ({ id: 0, name: "", folders: [], requests: [] })),
  environmentsList: vi.fn(async () => ({ environments: [], active_id: null })),
  batchRuns: vi.fn(async () => []),
  batchRows: vi.fn(async () => ({ total: 0, rows: [] })),
}));
vi.mock("./api", () => api);

const events = vi.hoisted(() => ({ handlers: [] as ((e: { payload: unknown }) => void)[], unlisten: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, handler: (e: { payload: unknown }) => void) => {
    events.handlers.push((e) => name === "vk-change" && handler(e));
    return events.unlisten;
  }),
}));

let client: QueryClient;
let stops: (() => void)[];

/** A query the page is showing (so an invalidation reads it again), settled on its first answer. */
async function shown<T, K extends QueryKey>(options: QueryObserverOptions<T, Error, T, T, K>) {
  const observer = new QueryObserver(client, options);
  stops.push(observer.subscribe(() => undefined));
  await vi.waitFor(() => expect(client.getQueryState(options.queryKey)?.status).toBe("success"));
}

const settled = () => vi.waitFor(() => expect(client.isFetching()).toBe(0));

beforeEach(() => {
  client = makeQueryClient();
  stops = [];
  vi.clearAllMocks();
});

afterEach(() => {
  stops.forEach((stop) => stop());
  client.clear();
});

describe("history_added", () => {
  const everything = filterFor(NO_CHOICES);
  const search = filterFor({ ...NO_CHOICES, text: "Ramesh" });

  it("puts the new send at the top of the unfiltered list without reading the list again", async () => {
    api.historyList.mockResolvedValueOnce([entry(2), entry(1)]);
    await shown(queries.history(everything));
    expect(api.historyList).toHaveBeenCalledTimes(1);

    applyChange(client, { what: "history_added", entry: entry(3) });

    expect(client.getQueryData<HistorySummary[]>(keys.historyList(everything))?.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(client.getQueryState(keys.historyList(everything))?.isInvalidated).toBe(false);
    await settled();
    expect(api.historyList).toHaveBeenCalledTimes(1);
  });

  it("keeps the list to its limit, and a send announced twice once", async () => {
    const small = { ...everything, limit: 2 };
    api.historyList.mockResolvedValueOnce([entry(2), entry(1)]);
    await shown(queries.history(small));
    applyChange(client, { what: "history_added", entry: entry(3) });
    applyChange(client, { what: "history_added", entry: entry(3) });
    expect(client.getQueryData<HistorySummary[]>(keys.historyList(small))?.map((e) => e.id)).toEqual([3, 2]);
  });

  it("reads again a list that was being read when the send arrived (its answer may be from before the send)", async () => {
    api.historyList.mockResolvedValueOnce([entry(1)]);
    await shown(queries.history(everything));
    let answer: (rows: HistorySummary[]) => void = () => undefined;
    api.historyList.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    void client.refetchQueries({ queryKey: keys.historyList(everything) });
    await vi.waitFor(() => expect(api.historyList).toHaveBeenCalledTimes(2));

    api.historyList.mockResolvedValueOnce([entry(3), entry(1)]);
    applyChange(client, { what: "history_added", entry: entry(3) });
    answer([entry(1)]);

    await settled();
    expect(api.historyList).toHaveBeenCalledTimes(3);
    expect(client.getQueryData<HistorySummary[]>(keys.historyList(everything))?.map((e) => e.id)).toEqual([3, 1]);
  });

  it("reads a search again (the app matches words of the answer), and only the search", async () => {
    api.historyList.mockResolvedValueOnce([entry(1)]).mockResolvedValueOnce([entry(1)]);
    await shown(queries.history(everything));
    await shown(queries.history(search));
    expect(api.historyList).toHaveBeenCalledTimes(2);

    api.historyList.mockResolvedValueOnce([entry(3), entry(1)]);
    applyChange(client, { what: "history_added", entry: entry(3) });

    await settled();
    expect(api.historyList).toHaveBeenCalledTimes(3);
    expect(api.historyList).toHaveBeenLastCalledWith(search);
    expect(client.getQueryData<HistorySummary[]>(keys.historyList(search))?.map((e) => e.id)).toEqual([3, 1]);
  });
});

describe("many changes at once", () => {
  it("reads a search again at once, then once more after the burst, not once per send", async () => {
    const search = filterFor({ ...NO_CHOICES, text: "Ramesh" });
    await shown(queries.history(search));
    expect(api.historyList).toHaveBeenCalledTimes(1);
    for (let id = 10; id < 50; id++) applyChange(client, { what: "history_added", entry: entry(id) });
    await settled();
    expect(api.historyList).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(api.historyList).toHaveBeenCalledTimes(3), { timeout: REREAD_WINDOW_MS * 4 });
    await new Promise((done) => setTimeout(done, REREAD_WINDOW_MS * 2));
    expect(api.historyList).toHaveBeenCalledTimes(3);
  });
});

describe("other changes", () => {
  it("reads history again when anything else in it changed", async () => {
    api.historyList.mockResolvedValue([entry(1)]);
    await shown(queries.history(filterFor(NO_CHOICES)));
    applyChange(client, { what: "history" });
    await settled();
    expect(api.historyList).toHaveBeenCalledTimes(2);
  });

  it("reads again only the part that changed", async () => {
    await shown(queries.collections());
    await shown(queries.environments());
    applyChange(client, { what: "collections" });
    await settled();
    expect(api.collectionsTree).toHaveBeenCalledTimes(2);
    expect(api.environmentsList).toHaveBeenCalledTimes(1);

    applyChange(client, { what: "environments" });
    await settled();
    expect(api.environmentsList).toHaveBeenCalledTimes(2);
    expect(api.collectionsTree).toHaveBeenCalledTimes(2);
  });

  it("keeps a run's progress and reads its rows again; a change of state reads the runs again", async () => {
    const progress: Progress = {
      counts: { success: 3, api_error: 1, not_sent: 0, skipped: 0 }, total: 10, waiting: 6, rows_per_second: 2, seconds_left: 3,
      rate_limit: 5, rate_limited: 0,
    };
    await shown(queries.batchRuns());
    await shown(queries.batchRows(7, "all", 0, 200));
    await shown(queries.batchRows(8, "all", 0, 200));

    applyChange(client, { what: "batch_run", event: { kind: "progress", run_id: 7, progress } });
    await settled();
    expect(client.getQueryData(keys.batchProgress)).toEqual({ 7: progress });
    expect(api.batchRows).toHaveBeenCalledTimes(3);
    expect(api.batchRows).toHaveBeenLastCalledWith(7, "all", 0, 200);
    expect(api.batchRuns).toHaveBeenCalledTimes(1);

    applyChange(client, { what: "batch_run", event: { kind: "changed", run_id: 7 } });
    await settled();
    expect(api.batchRuns).toHaveBeenCalledTimes(2);
  });
});

describe("followChanges", () => {
  it("listens to the one event and applies what it carries, until stopped", async () => {
    const { listen } = await import("@tauri-apps/api/event");
    events.handlers = [];
    api.historyList.mockResolvedValueOnce([entry(1)]);
    await shown(queries.history(filterFor(NO_CHOICES)));

    const stop = followChanges(client);
    expect(listen).toHaveBeenCalledTimes(1);
    expect(vi.mocked(listen).mock.calls[0]?.[0]).toBe(CHANGE_EVENT);
    await vi.waitFor(() => expect(events.handlers).toHaveLength(1));
    const change: Change = { what: "history_added", entry: entry(2) };
    events.handlers[0]?.({ payload: change });
    expect(client.getQueryData<HistorySummary[]>(keys.historyList(filterFor(NO_CHOICES)))?.map((e) => e.id)).toEqual([2, 1]);

    stop();
    await vi.waitFor(() => expect(events.unlisten).toHaveBeenCalledTimes(1));
  });
});
