// Typed wrappers over the app's Tauri commands; every type comes from the Rust bindings.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { CollectionExported } from "../bindings/CollectionExported";
import type { CredentialStoreView } from "../bindings/CredentialStoreView";
import type { DeletionTicket } from "../bindings/DeletionTicket";
import type { Endpoint } from "../bindings/Endpoint";
import type { EnvironmentInput } from "../bindings/EnvironmentInput";
import type { EnvironmentsView } from "../bindings/EnvironmentsView";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import type { Explanation } from "../bindings/Explanation";
import type { FieldProblem } from "../bindings/FieldProblem";
import type { FolderNode } from "../bindings/FolderNode";
import type { HistoryFilter } from "../bindings/HistoryFilter";
import type { HistoryOpened } from "../bindings/HistoryOpened";
import type { HistorySettings } from "../bindings/HistorySettings";
import type { HistorySummary } from "../bindings/HistorySummary";
import type { IpcError } from "../bindings/IpcError";
import type { JsonProblem } from "../bindings/JsonProblem";
import type { Item } from "../bindings/Item";
import type { SavedRequest } from "../bindings/SavedRequest";
import type { SecretCheck } from "../bindings/SecretCheck";
import type { SendInput } from "../bindings/SendInput";
import type { SendOutcome } from "../bindings/SendOutcome";
import type { TestValue } from "../bindings/TestValue";
import type { PresignedCurlView } from "../bindings/PresignedCurlView";
import type { SnippetInput } from "../bindings/SnippetInput";
import type { SnippetView } from "../bindings/SnippetView";
import type { TextPage } from "../bindings/TextPage";
import type { BatchEvent } from "../bindings/BatchEvent";
import type { BatchExported } from "../bindings/BatchExported";
import type { BatchRowsView } from "../bindings/BatchRowsView";
import type { BatchStartInput } from "../bindings/BatchStartInput";
import type { BatchTarget } from "../bindings/BatchTarget";
import type { CheckView } from "../bindings/CheckView";
import type { Mapping } from "../bindings/Mapping";
import type { RowFilter } from "../bindings/RowFilter";
import type { RunView } from "../bindings/RunView";
import type { SheetView } from "../bindings/SheetView";

// Environments and secrets.

export function environmentsList(): Promise<EnvironmentsView> {
  return invoke<EnvironmentsView>("environments_list");
}

export function environmentSelect(id: number): Promise<EnvironmentView> {
  return invoke<EnvironmentView>("environment_select", { id });
}

export function environmentSave(input: EnvironmentInput): Promise<EnvironmentView> {
  return invoke<EnvironmentView>("environment_save", { input });
}

export function environmentDelete(id: number): Promise<null> {
  return invoke<null>("environment_delete", { id });
}

/** The secret goes into the app's Rust side and is never returned to the page. */
export function environmentSetSecret(id: number, secret: string, sessionOnly: boolean): Promise<EnvironmentView> {
  return invoke<EnvironmentView>("environment_set_secret", { id, secret, sessionOnly });
}

export function environmentForgetSecret(id: number): Promise<EnvironmentView> {
  return invoke<EnvironmentView>("environment_forget_secret", { id });
}

export function environmentTestSecret(id: number): Promise<SecretCheck> {
  return invoke<SecretCheck>("environment_test_secret", { id });
}

export function credentialStoreStatus(): Promise<CredentialStoreView> {
  return invoke<CredentialStoreView>("credential_store_status");
}

// Sending and history.

export function requestSend(input: SendInput): Promise<SendOutcome> {
  return invoke<SendOutcome>("request_send", { input });
}

export function historyList(filter: HistoryFilter): Promise<HistorySummary[]> {
  return invoke<HistorySummary[]>("history_list", { filter });
}

export function historyOpen(id: number): Promise<HistoryOpened> {
  return invoke<HistoryOpened>("history_open", { id });
}

export function historyRerun(id: number): Promise<SendOutcome> {
  return invoke<SendOutcome>("history_rerun", { id });
}

export function historyDelete(id: number): Promise<boolean> {
  return invoke<boolean>("history_delete", { id });
}

export function historyClear(): Promise<number> {
  return invoke<number>("history_clear");
}

export function historySettingsGet(): Promise<HistorySettings> {
  return invoke<HistorySettings>("history_settings_get");
}

/** Resolves to how many entries the new retention removed. */
export function historySettingsSet(settings: HistorySettings): Promise<number> {
  return invoke<number>("history_settings_set", { settings });
}

// Collections.

/** Rows `start..start+count` of a kept answer as text, as it came or pretty-printed (for answers too large to show whole). */
export function responseTextPage(handle: number, pretty: boolean, start: number, count: number): Promise<TextPage> {
  return invoke<TextPage>("response_text_page", { handle, pretty, start, count });
}

export function collectionsTree(): Promise<FolderNode> {
  return invoke<FolderNode>("collections_tree");
}

export function collectionFolderCreate(parent: number | null, name: string): Promise<number> {
  return invoke<number>("collection_folder_create", { parent, name });
}

/** Saves a new request when `request.id` is 0, otherwise in place; resolves to its id. */
export function collectionRequestSave(request: SavedRequest): Promise<number> {
  return invoke<number>("collection_request_save", { request });
}

export function collectionRequestGet(id: number): Promise<SavedRequest> {
  return invoke<SavedRequest>("collection_request_get", { id });
}

export function collectionRename(item: Item, name: string): Promise<null> {
  return invoke<null>("collection_rename", { item, name });
}

export function collectionMove(item: Item, folder: number | null, position: number): Promise<null> {
  return invoke<null>("collection_move", { item, folder, position });
}

export function collectionDuplicate(id: number): Promise<number> {
  return invoke<number>("collection_duplicate", { id });
}

export function collectionDelete(item: Item): Promise<DeletionTicket> {
  return invoke<DeletionTicket>("collection_delete", { item });
}

export function collectionUndoDelete(ticket: DeletionTicket): Promise<null> {
  return invoke<null>("collection_undo_delete", { ticket });
}

export function collectionExport(folder: number | null, path: string): Promise<CollectionExported> {
  return invoke<CollectionExported>("collection_export", { folder, path });
}

// Reference data.

export function catalogList(): Promise<Endpoint[]> {
  return invoke<Endpoint[]>("catalog_list");
}

export function sandboxTestValues(): Promise<TestValue[]> {
  return invoke<TestValue[]>("sandbox_test_values");
}

export function errorCodes(): Promise<string[]> {
  return invoke<string[]>("error_codes");
}

export function startupNotices(): Promise<string[]> {
  return invoke<string[]>("startup_notices");
}

// Errors and events.

export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    "kind" in value &&
    "message" in value &&
    typeof (value as { message: unknown }).message === "string"
  );
}

/** Any rejection from a command as an IpcError, so the page always has a kind and a message. */
export function toIpcError(value: unknown): IpcError {
  if (isIpcError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return { kind: "internal", message };
}

export type AppEvent = "history-changed" | "environments-changed" | "collections-changed";

/** Calls `onChange` whenever the app announces `event`; returns the function that stops listening. */
export function onAppEvent(event: AppEvent, onChange: () => void): Promise<() => void> {
  return listen(event, () => onChange());
}

/** What is wrong with a form's values, field by field (empty when all is well). */
export function catalogCheckForm(endpointId: string, values: Record<string, string>): Promise<FieldProblem[]> {
  return invoke<FieldProblem[]>("catalog_check_form", { endpointId, values });
}

/** Seconds the built-in sandbox's clock runs ahead (negative: behind). */
export function sandboxClockGet(): Promise<number> {
  return invoke<number>("sandbox_clock_get");
}

export function sandboxClockSet(offsetSecs: number): Promise<number> {
  return invoke<number>("sandbox_clock_set", { offsetSecs });
}

/** Every error code of the API with its meaning and next step. */
export function errorExplanations(): Promise<Explanation[]> {
  return invoke<Explanation[]>("error_explanations");
}

/** Saves the whole body of an answer to `path`; resolves to its size in bytes. */
/**
 * The save dialog, opened by the app: the path chosen (null when cancelled) is the only one the next
 * `responseSave`, `snippetSave` or `collectionExport` may write to, once.
 */
export function saveDialog(fileName: string, filter?: { name: string; extensions: string[] }): Promise<string | null> {
  return invoke<string | null>("save_dialog", {
    fileName,
    filterName: filter?.name ?? null,
    extensions: filter?.extensions ?? [],
  });
}

export function responseSave(handle: number, path: string): Promise<number> {
  return invoke<number>("response_save", { handle, path });
}

/** Where a JSON text breaks, or null when it is valid. */
export function jsonCheck(text: string): Promise<JsonProblem | null> {
  return invoke<JsonProblem | null>("json_check", { text });
}

/** The open tabs as last saved (JSON), kept with the data folder. */
export function uiTabsGet(): Promise<string | null> {
  return invoke<string | null>("ui_tabs_get");
}

export function uiTabsSet(state: string): Promise<null> {
  return invoke<null>("ui_tabs_set", { state });
}

// Code export. A secret chosen "inline" is only ever in the copied or saved code, never in what the page gets.

export function snippetShow(input: SnippetInput): Promise<SnippetView> {
  return invoke<SnippetView>("snippet_show", { input });
}

/** The app's Rust side writes the code to the clipboard itself. */
export function snippetCopy(input: SnippetInput): Promise<null> {
  return invoke<null>("snippet_copy", { input });
}

export function snippetSave(input: SnippetInput, path: string): Promise<null> {
  return invoke<null>("snippet_save", { input, path });
}

/** Copies a curl command signed now (valid for 5 minutes) and returns it; it holds no secret. */
export function snippetCopyPresigned(request: SendInput, baseUrl: string): Promise<PresignedCurlView> {
  return invoke<PresignedCurlView>("snippet_copy_presigned", { request, baseUrl });
}

// Batch runs.

/** The sheet's bytes go to Rust as they are (raw IPC, not JSON); its name in a header. */
export function batchLoad(name: string, bytes: Uint8Array): Promise<SheetView> {
  return invoke<SheetView>("batch_load", bytes, { headers: { "x-file-name": encodeURIComponent(name) } });
}

export function batchAutoMap(endpointId: string): Promise<Mapping> {
  return invoke<Mapping>("batch_auto_map", { endpointId });
}

export function batchCheck(target: BatchTarget): Promise<CheckView> {
  return invoke<CheckView>("batch_check", { target });
}

export function batchStart(input: BatchStartInput): Promise<RunView> {
  return invoke<RunView>("batch_start", { input });
}

export function batchResume(runId: number): Promise<RunView> {
  return invoke<RunView>("batch_resume", { runId });
}

/** Stops sending new rows (those in flight finish); `cancel` ends the run for good. */
export function batchStop(runId: number, cancel: boolean): Promise<null> {
  return invoke<null>("batch_stop", { runId, cancel });
}

export function batchRuns(): Promise<RunView[]> {
  return invoke<RunView[]>("batch_runs");
}

export function batchDelete(runId: number): Promise<null> {
  return invoke<null>("batch_delete", { runId });
}

export function batchRows(runId: number, filter: RowFilter, offset: number, limit: number): Promise<BatchRowsView> {
  return invoke<BatchRowsView>("batch_rows", { runId, filter, offset, limit });
}

export function batchExport(runId: number, xlsx: boolean, maskAadhaar: boolean): Promise<BatchExported> {
  return invoke<BatchExported>("batch_export", { runId, xlsx, maskAadhaar });
}

/** Every run's progress and changes, as the app announces them. */
export function onBatchEvent(handler: (event: BatchEvent) => void): Promise<() => void> {
  return listen<BatchEvent>("batch-event", (e) => handler(e.payload));
}
