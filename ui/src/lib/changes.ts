// What the app's Rust side announces after every write, as the one "vk-change" event. A stand-in, of exactly the
// same shape, for the binding ts-rs will generate (ui/src/bindings/Change.ts, from a Rust enum with
// `#[serde(tag = "what", rename_all = "snake_case")]`): only lib/changeFeed.ts imports it (and passes it on), so the
// swap is that one import. Each change is emitted once its write is committed, so a read after it sees the write.
import type { BatchEvent } from "../bindings/BatchEvent";
import type { HistorySummary } from "../bindings/HistorySummary";

export type Change =
  /** A new send was recorded (request_send, history_rerun): the page puts it at the top of the history list. */
  | { what: "history_added"; entry: HistorySummary }
  /** Anything else in history changed: deleted, cleared, trimmed by the retention settings, a batch run's sends. */
  | { what: "history" }
  /** Any folder or saved request was made, saved, renamed, moved, duplicated, deleted or brought back. */
  | { what: "collections" }
  /** An environment was saved or deleted, chosen as the active one, or its secret set or forgotten. */
  | { what: "environments" }
  /** Progress or a change of state of a batch run (started, paused, resumed, cancelled, finished, deleted). */
  | { what: "batch_run"; event: BatchEvent };
