// The Batch screen: earlier runs on the left (a run that stopped can be continued), and either a new run being
// set up or the chosen run with its progress and rows.
import { useState } from "react";
import type { Endpoint } from "../bindings/Endpoint";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import type { FolderNode } from "../bindings/FolderNode";
import { Button } from "../core/Button";
import { useNotify } from "../core/Notices";
import { useBatchRuns } from "../hooks/useBatchRuns";
import { batchDelete, toIpcError } from "../lib/api";
import { runLine } from "../lib/runs";
import { BatchRunPanel } from "./BatchRunPanel";
import { BatchSetup } from "./BatchSetup";

interface Props {
  endpoints: Endpoint[];
  tree: FolderNode | null;
  environment: EnvironmentView | null;
  onBack: () => void;
}

export function BatchView({ endpoints, tree, environment, onBack }: Props) {
  const batch = useBatchRuns();
  const notify = useNotify();
  const [chosen, setChosen] = useState<number | null>(null);
  const run = chosen === null ? undefined : batch.runs.find((r) => r.info.id === chosen);

  const remove = (runId: number) =>
    batchDelete(runId).then(
      () => {
        if (chosen === runId) setChosen(null);
        batch.deleted(runId);
      },
      (e: unknown) => notify(toIpcError(e).message),
    );

  return (
    <main className="workspace batch-view" data-testid="batch-view">
      <aside className="sidebar batch-runs">
        <Button variant="secondary" onClick={onBack} data-testid="batch-back">← Requests</Button>
        <Button onClick={() => setChosen(null)} data-testid="batch-new">New batch run</Button>
        <h3>Runs</h3>
        {batch.runs.length === 0 && <p className="placeholder">Runs you start appear here.</p>}
        <ul>
          {batch.runs.map((r) => (
            <li key={r.info.id} className={r.info.id === chosen ? "selected" : undefined}>
              <Button variant="link" data-testid="batch-run-item" onClick={() => setChosen(r.info.id)}>
                {r.info.name} <span className="hint">{runLine(r, batch.progress[r.info.id])}</span>
              </Button>
              {!r.active && (
                <Button variant="link" aria-label={`Delete the run of ${r.info.name}`} title="Delete this run (its sends stay in history)"
                  onClick={() => void remove(r.info.id)}>
                  ×
                </Button>
              )}
            </li>
          ))}
        </ul>
      </aside>
      <section className="batch-main">
        {run ? (
          <BatchRunPanel run={run} progress={batch.progress[run.info.id]} />
        ) : (
          <BatchSetup endpoints={endpoints} tree={tree} environment={environment}
            onStarted={(started) => { batch.started(started); setChosen(started.info.id); }} />
        )}
      </section>
    </main>
  );
}
