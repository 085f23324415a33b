// Typed wrappers over the app's Tauri commands; every type comes from the Rust bindings.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { Endpoint } from "../bindings/Endpoint";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import type { HistoryFilter } from "../bindings/HistoryFilter";
import type { HistoryOpened } from "../bindings/HistoryOpened";
import type { HistorySummary } from "../bindings/HistorySummary";
import type { IpcError } from "../bindings/IpcError";
import type { SendInput } from "../bindings/SendInput";
import type { SendOutcome } from "../bindings/SendOutcome";
import type { TestValue } from "../bindings/TestValue";

export function environmentGet(): Promise<EnvironmentView> {
  return invoke<EnvironmentView>("environment_get");
}

/** The secret goes into the app's Rust side and is never returned to the page. */
export function environmentSetSecret(secret: string): Promise<EnvironmentView> {
  return invoke<EnvironmentView>("environment_set_secret", { secret });
}

export function environmentReset(): Promise<EnvironmentView> {
  return invoke<EnvironmentView>("environment_reset");
}

export function requestSend(input: SendInput): Promise<SendOutcome> {
  return invoke<SendOutcome>("request_send", { input });
}

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

export function catalogList(): Promise<Endpoint[]> {
  return invoke<Endpoint[]>("catalog_list");
}

export function sandboxTestValues(): Promise<TestValue[]> {
  return invoke<TestValue[]>("sandbox_test_values");
}

export function historyList(filter: HistoryFilter): Promise<HistorySummary[]> {
  return invoke<HistorySummary[]>("history_list", { filter });
}

export function historyOpen(id: number): Promise<HistoryOpened> {
  return invoke<HistoryOpened>("history_open", { id });
}

export function historyDelete(id: number): Promise<boolean> {
  return invoke<boolean>("history_delete", { id });
}

export function historyClear(): Promise<number> {
  return invoke<number>("history_clear");
}

export function startupNotices(): Promise<string[]> {
  return invoke<string[]>("startup_notices");
}

/** Calls `onChange` whenever history changes; returns the function that stops listening. */
export function onHistoryChanged(onChange: () => void): Promise<() => void> {
  return listen("history-changed", () => onChange());
}
