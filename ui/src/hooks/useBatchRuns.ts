// Batch runs: the list (refreshed when a run changes) and each run's latest progress, as the app announces them.
import { useEffect, useState } from "react";
import type { Progress } from "../bindings/Progress";
import type { RunView } from "../bindings/RunView";
import { batchRuns, onBatchEvent } from "../lib/api";

export interface BatchRunsState {
  runs: RunView[];
  /** The latest progress of runs that are sending, by run id. */
  progress: Record<number, Progress>;
  /** Counts up whenever a run changes, for views that read rows. */
  changes: number;
  refresh: () => void;
}

export function useBatchRuns(): BatchRunsState {
  const [runs, setRuns] = useState<RunView[]>([]);
  const [progress, setProgress] = useState<Record<number, Progress>>({});
  const [changes, setChanges] = useState(0);
  const [ticks, setTicks] = useState(0);

  useEffect(() => {
    const stop = onBatchEvent((event) => {
      if (event.kind === "progress") {
        setProgress((p) => ({ ...p, [event.run_id]: event.progress }));
      }
      setChanges((n) => n + 1);
      if (event.kind === "changed") setTicks((n) => n + 1);
    });
    return () => {
      stop.then((unlisten) => unlisten(), () => undefined);
    };
  }, []);

  useEffect(() => {
    let current = true;
    batchRuns().then(
      (r) => current && setRuns(r),
      () => current && setRuns([]),
    );
    return () => {
      current = false;
    };
  }, [ticks]);

  return { runs, progress, changes, refresh: () => setTicks((n) => n + 1) };
}
