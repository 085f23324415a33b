// Typed wrappers over the app's Tauri commands; every type comes from the Rust bindings.
import { invoke } from "@tauri-apps/api/core";
import type { Endpoint } from "../bindings/Endpoint";
import type { EnvironmentView } from "../bindings/EnvironmentView";
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
