// One batch run: the progress bar with its counts, rate and time left; pause, continue, cancel; a grid of every
// row with how it ended (virtualised, read a page at a time, so 100,000 rows stay smooth), filtered by outcome;
// and export of the sheet with result columns.
import { useQueries } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Progress } from "../bindings/Progress";
import type { RowFilter } from "../bindings/RowFilter";
import type { RunView } from "../bindings/RunView";
import { Button } from "../core/Button";
import { useNotify } from "../core/Notices";
import { batchExport, batchResume, batchStop, toIpcError } from "../lib/api";
import { queries } from "../lib/queries";
import { doneOf, liveCounts } from "../lib/runs";

interface Props {
  run: RunView;
  progress: Progress | undefined;
}

const PAGE = 200;

const OUTCOME_WORDS: Record<string, string> = {
  success: "Succeeded",
  api_error: "Refused",
  not_sent: "No answer",
  skipped: "Skipped",
};

function stateWords(run: RunView): string {
  if (run.active) return "Sending";
  switch (run.info.state) {
    case "finished":
      return "Finished";
    case "cancelled":
      return "Cancelled";
    case "paused":
      return "Paused";
    default:
      return "Stopped (the app closed while it was sending)";
  }
}

function timeLeft(seconds: number | null): string {
  if (seconds === null) return "";
  if (seconds < 60) return `about ${Math.ceil(seconds)} s left`;
  return `about ${Math.ceil(seconds / 60)} min left`;
}

/** The pages from `first` to `last`. */
function span(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export function BatchRunPanel({ run, progress }: Props) {
  const notify = useNotify();
  const [filter, setFilter] = useState<RowFilter>("all");
  // How many rows the filter matches, as the last page read said (kept while the next is read).
  const [counted, setCounted] = useState<{ key: string; total: number } | null>(null);
  const [mask, setMask] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const id = run.info.id;
  const live = run.active && progress ? progress : null;
  const counts = liveCounts(run, progress);
  const done = doneOf(counts);
  const all = run.info.row_count;
  const percent = all === 0 ? 100 : Math.floor((done / all) * 100);
  const countKey = `${id}:${filter}`;
  const total = counted?.key === countKey ? counted.total : 0;

  // NOTE: this build does not use the React Compiler, which is what the rule below protects.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => 44, overscan: 10 });
  const visible = virtualizer.getVirtualItems();
  const firstPage = visible.length ? Math.floor((visible[0]?.index ?? 0) / PAGE) : 0;
  const lastPage = visible.length ? Math.floor((visible[visible.length - 1]?.index ?? 0) / PAGE) : 0;

  // The pages on screen, read again (by lib/changeFeed.ts) as results arrive.
  const pages = useQueries({ queries: span(firstPage, lastPage).map((page) => queries.batchRows(id, filter, page * PAGE, PAGE)) });
  const rowsOf = (page: number) => pages[page - firstPage]?.data?.rows;
  const latest = pages.find((p) => p.data)?.data?.total;
  if (latest !== undefined && (counted?.key !== countKey || counted.total !== latest)) setCounted({ key: countKey, total: latest });

  const act = (work: Promise<unknown>) => work.catch((e: unknown) => notify(toIpcError(e).message));
  const exportAs = (xlsx: boolean) =>
    act(batchExport(id, xlsx, mask).then((r) => notify(`Saved the results to ${r.path}`)));

  return (
    <div className="batch-run" data-testid="batch-run">
      <div className="row">
        <h3>{run.info.name}</h3>
        <span className="hint">to {run.info.environment} · {stateWords(run)}</span>
      </div>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={all} aria-valuenow={done} data-testid="batch-progress">
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p data-testid="batch-counts">
        {done.toLocaleString()} of {all.toLocaleString()} done · {counts.success.toLocaleString()} succeeded · {counts.api_error.toLocaleString()} refused ·{" "}
        {counts.not_sent.toLocaleString()} no answer · {counts.skipped.toLocaleString()} skipped · {(all - done).toLocaleString()} waiting
        {live && ` · ${live.rows_per_second.toFixed(1)} rows a second · ${timeLeft(live.seconds_left)}`}
        {live && live.rate_limited > 0 && ` · the server asked to slow down ${live.rate_limited} times`}
      </p>
      <div className="row">
        {run.active ? (
          <>
            <Button variant="secondary" data-testid="batch-pause" onClick={() => void act(batchStop(id, false))}>Pause</Button>
            <Button variant="secondary" data-testid="batch-cancel" onClick={() => void act(batchStop(id, true))}>Cancel</Button>
          </>
        ) : (
          (run.info.state === "paused" || run.info.state === "running") && (
            <>
              <Button data-testid="batch-resume" onClick={() => void act(batchResume(id))}>Continue</Button>
              <Button variant="secondary" data-testid="batch-cancel" onClick={() => void act(batchStop(id, true))}>Cancel the run</Button>
            </>
          )
        )}
        <span className="spacer" />
        <label title="Aadhaar numbers become XXXX XXXX 1234 in the exported sheet">
          <input type="checkbox" checked={mask} data-testid="batch-mask" onChange={(e) => setMask(e.target.checked)} /> Mask Aadhaar numbers
        </label>
        <Button variant="secondary" data-testid="batch-export-csv" onClick={() => void exportAs(false)}>Export CSV</Button>
        <Button variant="secondary" data-testid="batch-export-xlsx" onClick={() => void exportAs(true)}>Export Excel</Button>
      </div>
      <div className="row">
        <label>
          Show{" "}
          <select data-testid="batch-filter" value={filter} onChange={(e) => setFilter(e.target.value as RowFilter)}>
            <option value="all">every row</option>
            <option value="success">succeeded</option>
            <option value="api_error">refused by the API</option>
            <option value="not_sent">no answer</option>
            <option value="skipped">skipped</option>
            <option value="waiting">waiting</option>
          </select>
        </label>
        <span className="hint">{total.toLocaleString()} rows</span>
      </div>
      <div className="batch-grid-head">
        <span>Row</span><span>Values</span><span>Result</span><span>What the answer says</span>
      </div>
      <div className="batch-grid" ref={scroller} data-testid="batch-grid">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {visible.map((v) => {
            const row = rowsOf(Math.floor(v.index / PAGE))?.[v.index % PAGE];
            const outcome = row?.result?.outcome;
            return (
              <div key={v.index} className="batch-grid-row" data-testid="batch-row" style={{ position: "absolute", top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}>
                <span>{row?.number ?? ""}</span>
                <span className="batch-values" title={row?.label}>{row?.label ?? "…"}</span>
                <span className={`batch-outcome ${outcome ?? "waiting"}`}>
                  <span>{row ? (outcome ? OUTCOME_WORDS[outcome] : "Waiting") : ""}</span>
                  {row?.result?.error_code && <span className="outcome-code">{row.result.error_code}</span>}
                </span>
                <span className="batch-message" title={row?.result?.message}>{row?.result?.message ?? ""}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
