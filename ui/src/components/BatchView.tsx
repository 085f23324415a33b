// The Batch screen: earlier runs on the left (a run that stopped can be continued), and either a new run being
// set up or the chosen run with its progress and rows.
import { useState } from "react";
import type { Endpoint } from "../bindings/Endpoint";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import type { FolderNode } from "../bindings/FolderNode";
import { useBatchRuns } from "../hooks/useBatchRuns";
import { batchDelete, toIpcError } from "../lib/api";
import { runLine } from "../lib/runs";
import { BatchRunPanel } from "./BatchRunPanel";
import { BatchSetup } from "./BatchSetup";

interface Props {
  endpoints: Endpoint[];
  tree: FolderNode | null;
  environment: EnvironmentView | null;
  notify: (text: string) => void;
  onBack: () => void;
}

export function BatchView({ endpoints, tree, environment, notify, onBack }: Props) {
  const batch = useBatchRuns();
  const [chosen, setChosen] = useState<number | null>(null);
  const run = chosen === null ? undefined : batch.runs.find((r) => r.info.id === chosen);

  return (
    <main className="workspace batch-view" data-testid="batch-view">
      <aside className="sidebar batch-runs">
        <button type="button" className="secondary" onClick={onBack} data-testid="batch-back">← Requests</button>
        <button type="button" onClick={() => setChosen(null)} data-testid="batch-new">New batch run</button>
        <h3>Runs</h3>
        {batch.runs.length === 0 && <p className="placeholder">Runs you start appear here.</p>}
        <ul>
          {batch.runs.map((r) => {
            return (
              <li key={r.info.id} className={r.info.id === chosen ? "selected" : undefined}>
                <button type="button" className="link" data-testid="batch-run-item" onClick={() => setChosen(r.info.id)}>
                  {r.info.name} <span className="hint">{runLine(r, batch.progress[r.info.id])}</span>
                </button>
                {!r.active && (
                  <button type="button" className="link" aria-label={`Delete the run of ${r.info.name}`} title="Delete this run (its sends stay in history)"
                    onClick={() => batchDelete(r.info.id).then(() => { if (chosen === r.info.id) setChosen(null); batch.refresh(); }, (e: unknown) => notify(toIpcError(e).message))}>
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </aside>
      <section className="batch-main">
        {run ? (
          <BatchRunPanel run={run} progress={batch.progress[run.info.id]} changes={batch.changes} notify={notify} />
        ) : (
          <BatchSetup endpoints={endpoints} tree={tree} environment={environment}
            onStarted={(started) => { batch.refresh(); setChosen(started.info.id); }} />
        )}
      </section>
    </main>
  );
}
