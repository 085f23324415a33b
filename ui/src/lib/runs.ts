// A batch run in a few words, for the list of runs and the run's own panel: its counts (live while it sends) and
// where it is.
import type { Progress } from "../bindings/Progress";
import type { RunCounts } from "../bindings/RunCounts";
import type { RunView } from "../bindings/RunView";

/** The counts to show: the latest progress while the run sends, else what the store has. */
export function liveCounts(run: RunView, progress: Progress | undefined): RunCounts {
  return run.active && progress ? progress.counts : run.counts;
}

export function doneOf(c: RunCounts): number {
  return c.success + c.api_error + c.not_sent + c.skipped;
}

/** "9/40 · sending", "40/40 · finished", "12/40 · stopped" (the app closed while it sent). */
export function runLine(run: RunView, progress: Progress | undefined): string {
  const state = run.active ? "sending" : run.info.state === "running" ? "stopped" : run.info.state;
  return `${doneOf(liveCounts(run, progress))}/${run.info.row_count} · ${state}`;
}
