// Batch runs: the list (read again when a run changes) and each run's latest progress, as the app announces them
// (lib/changeFeed.ts keeps both in the cache).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Progress } from "../bindings/Progress";
import type { RunView } from "../bindings/RunView";
import { keys, queries } from "../lib/queries";

export interface BatchRunsState {
  runs: RunView[];
  /** The latest progress of runs that are sending, by run id. */
  progress: Record<number, Progress>;
  /** A run this window just started, shown before the list is read again. */
  started: (run: RunView) => void;
  /** A run this window just deleted. */
  deleted: (runId: number) => void;
}

const NO_RUNS: RunView[] = [];
const NO_PROGRESS: Record<number, Progress> = {};

export function useBatchRuns(): BatchRunsState {
  const client = useQueryClient();
  const runs = useQuery(queries.batchRuns()).data ?? NO_RUNS;
  const progress = useQuery(queries.batchProgress()).data ?? NO_PROGRESS;
  const update = (change: (runs: RunView[]) => RunView[]) => {
    client.setQueryData<RunView[]>(keys.batchRuns, (old) => change(old ?? []));
    void client.invalidateQueries({ queryKey: keys.batchRuns });
  };
  return {
    runs,
    progress,
    started: (run) => update((old) => [run, ...old.filter((r) => r.info.id !== run.info.id)]),
    deleted: (runId) => update((old) => old.filter((r) => r.info.id !== runId)),
  };
}
