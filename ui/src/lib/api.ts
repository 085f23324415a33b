// The app's commands: the typed wrappers generated from the Rust command list (../bindings/commands.ts), the few
// written by hand (raw bodies, the save dialog's options), errors, and the one change event.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { AppError } from "../bindings/AppError";
import type { Change } from "../bindings/Change";
import type { SheetView } from "../bindings/SheetView";

export * from "../bindings/commands";

/** The whole body of a kept answer, as raw bytes. */
export function responseBody(handle: number): Promise<ArrayBuffer> {
  return invoke<ArrayBuffer>("response_body", { handle });
}

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

/** The sheet's bytes go to Rust as they are (raw IPC, not JSON); its name in a header. */
export function batchLoad(name: string, bytes: Uint8Array): Promise<SheetView> {
  return invoke<SheetView>("batch_load", bytes, { headers: { "x-file-name": encodeURIComponent(name) } });
}

// Errors and events.

export type IpcError = AppError;

export function isIpcError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    "kind" in value &&
    "message" in value &&
    typeof (value as { message: unknown }).message === "string"
  );
}

/** Any rejection from a command as an AppError, so the page always has a kind and a message. */
export function toIpcError(value: unknown): AppError {
  if (isIpcError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return { kind: "internal", message };
}

/** The one event the app sends: what changed in its data. */
export const CHANGE_EVENT = "vk-change";

/** Calls `handler` with every change the app announces; returns the function that stops listening. */
export function onChange(handler: (change: Change) => void): Promise<() => void> {
  return listen<Change>(CHANGE_EVENT, (e) => handler(e.payload));
}
