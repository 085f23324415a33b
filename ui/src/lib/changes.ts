// What the app's Rust side announces after every write, as the one "vk-change" event. A stand-in, of exactly the
// same shape, for the binding ts-rs will generate (ui/src/bindings/Change.ts): only lib/changeFeed.ts imports it, so
// the swap is that one import.
import type { BatchEvent } from "../bindings/BatchEvent";
import type { HistorySummary } from "../bindings/HistorySummary";

export type Change =
  /** A new send was recorded. */
  | { what: "history_added"; entry: HistorySummary }
  /** Anything else in history changed (deleted, cleared, trimmed by the retention settings). */
  | { what: "history" }
  | { what: "collections" }
  | { what: "environments" }
  /** Progress or a change of state of a batch run. */
  | { what: "batch_run"; event: BatchEvent };
