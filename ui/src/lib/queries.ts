// Every read from the app's Rust side, by its cache key. The keys nest by what the "vk-change" event names
// (environments, history, collections, batch): lib/changeFeed.ts invalidates a whole branch when the app says it
// changed. A read no event covers is pure (its key holds all it depends on) or changes only from this window.
import { queryOptions } from "@tanstack/react-query";
import type { BatchTarget } from "../bindings/BatchTarget";
import type { HistoryFilter } from "../bindings/HistoryFilter";
import type { Progress } from "../bindings/Progress";
import type { RowFilter } from "../bindings/RowFilter";
import type { SnippetInput } from "../bindings/SnippetInput";
import * as api from "./api";
import type { FormValues } from "./form";

export const keys = {
  environments: ["environments"],
  environmentsList: ["environments", "list"],
  credentialStore: ["environments", "credential-store"],
  history: ["history"],
  historyLists: ["history", "list"],
  historyList: (filter: HistoryFilter) => ["history", "list", filter],
  historySettings: ["history", "settings"],
  collections: ["collections"],
  collectionsTree: ["collections", "tree"],
  batch: ["batch"],
  batchRuns: ["batch", "runs"],
  /** Not a command: the latest progress of each sending run, by run id, as the change events bring it. */
  batchProgress: ["batch", "progress"],
  batchRowsOf: (runId: number) => ["batch", "rows", runId],
  batchRows: (runId: number, filter: RowFilter, offset: number, limit: number) => ["batch", "rows", runId, filter, offset, limit],
  /** `sheet` counts the sheets loaded into the app: the same file chosen again (after fixing it) is read again. */
  batchCheck: (sheet: number, target: BatchTarget) => ["batch", "check", sheet, target],
  batchAutoMap: (sheet: number, endpointId: string) => ["batch", "auto-map", sheet, endpointId],
  catalog: ["catalog", "endpoints"],
  formCheck: (endpointId: string, values: FormValues) => ["catalog", "check", endpointId, values],
  testValues: ["sandbox", "test-values"],
  sandboxClock: ["sandbox", "clock"],
  errorCodes: ["errors", "codes"],
  errorExplanations: ["errors", "explanations"],
  startupNotices: ["startup-notices"],
  /** Under "environments": the code holds the environment's key and tenant, so it is written again when they change. */
  snippet: (input: SnippetInput, environmentId: number | null) => ["environments", "snippet", environmentId, input],
  answerText: (handle: number, pretty: boolean, page: number) => ["answer-text", handle, pretty, page],
  savedTabs: ["ui-tabs"],
} as const;

export const queries = {
  environments: () => queryOptions({ queryKey: keys.environmentsList, queryFn: () => api.environmentsList() }),
  credentialStore: () => queryOptions({ queryKey: keys.credentialStore, queryFn: () => api.credentialStoreStatus() }),
  history: (filter: HistoryFilter) => queryOptions({ queryKey: keys.historyList(filter), queryFn: () => api.historyList(filter) }),
  historySettings: () => queryOptions({ queryKey: keys.historySettings, queryFn: () => api.historySettingsGet() }),
  collections: () => queryOptions({ queryKey: keys.collectionsTree, queryFn: () => api.collectionsTree() }),
  batchRuns: () => queryOptions({ queryKey: keys.batchRuns, queryFn: () => api.batchRuns() }),
  batchProgress: () =>
    queryOptions({
      queryKey: keys.batchProgress,
      // Filled by the change events only; kept while the Batch screen is closed, as runs go on sending.
      queryFn: (): Record<number, Progress> => ({}),
      gcTime: Infinity,
    }),
  batchRows: (runId: number, filter: RowFilter, offset: number, limit: number) =>
    queryOptions({ queryKey: keys.batchRows(runId, filter, offset, limit), queryFn: () => api.batchRows(runId, filter, offset, limit) }),
  batchCheck: (sheet: number, target: BatchTarget) =>
    queryOptions({ queryKey: keys.batchCheck(sheet, target), queryFn: () => api.batchCheck(target) }),
  batchAutoMap: (sheet: number, endpointId: string) =>
    queryOptions({ queryKey: keys.batchAutoMap(sheet, endpointId), queryFn: () => api.batchAutoMap(endpointId) }),
  catalog: () => queryOptions({ queryKey: keys.catalog, queryFn: () => api.catalogList() }),
  formCheck: (endpointId: string, values: FormValues) =>
    queryOptions({ queryKey: keys.formCheck(endpointId, values), queryFn: () => api.catalogCheckForm(endpointId, values) }),
  testValues: () => queryOptions({ queryKey: keys.testValues, queryFn: () => api.sandboxTestValues() }),
  sandboxClock: () => queryOptions({ queryKey: keys.sandboxClock, queryFn: () => api.sandboxClockGet() }),
  errorCodes: () => queryOptions({ queryKey: keys.errorCodes, queryFn: () => api.errorCodes() }),
  errorExplanations: () => queryOptions({ queryKey: keys.errorExplanations, queryFn: () => api.errorExplanations() }),
  startupNotices: () => queryOptions({ queryKey: keys.startupNotices, queryFn: () => api.startupNotices() }),
  snippet: (input: SnippetInput, environmentId: number | null) =>
    queryOptions({ queryKey: keys.snippet(input, environmentId), queryFn: () => api.snippetShow(input) }),
  answerText: (handle: number, pretty: boolean, page: number, size: number) =>
    queryOptions({ queryKey: keys.answerText(handle, pretty, page), queryFn: () => api.responseTextPage(handle, pretty, page * size, size) }),
  savedTabs: () => queryOptions({ queryKey: keys.savedTabs, queryFn: () => api.uiTabsGet(), gcTime: Infinity }),
};
