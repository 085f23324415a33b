// Setting up a batch run: choose a sheet, what each row is sent as (an endpoint, with its columns matched to
// fields, or a saved request with {{Column}} variables), see every row checked, choose the speed, start.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { BatchTarget } from "../bindings/BatchTarget";
import type { Endpoint } from "../bindings/Endpoint";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import type { FolderNode } from "../bindings/FolderNode";
import type { RunView } from "../bindings/RunView";
import type { SavedRequest } from "../bindings/SavedRequest";
import type { SheetView } from "../bindings/SheetView";
import { Button } from "../core/Button";
import { useConfirm } from "../core/Notices";
import { batchLoad, batchStart, toIpcError } from "../lib/api";
import { queries } from "../lib/queries";

interface Props {
  endpoints: Endpoint[];
  tree: FolderNode | null;
  environment: EnvironmentView | null;
  onStarted: (run: RunView) => void;
}

function savedRequests(node: FolderNode | null): SavedRequest[] {
  if (!node) return [];
  return [...node.requests, ...node.folders.flatMap((f) => savedRequests(f))];
}

/** Stands in for the target while there is none (its check is not asked for). */
const NO_TARGET: BatchTarget = { kind: "endpoint", endpoint_id: "", mapping: { columns: {} } };

const fieldsOf = (e: Endpoint) => [...e.path_params, ...e.query, ...e.body];

export function BatchSetup({ endpoints, tree, environment, onStarted }: Props) {
  const confirm = useConfirm();
  const [sheet, setSheet] = useState<SheetView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Counts the sheets chosen: the same file chosen again (after fixing it) is checked again.
  const [loads, setLoads] = useState(0);
  const [source, setSource] = useState("");
  // The columns chosen by hand for a sheet and endpoint; until then, those the app matched by their names.
  const [edited, setEdited] = useState<{ key: string; columns: Record<string, number> } | null>(null);
  const [badRows, setBadRows] = useState<"skip" | "send">("skip");
  const [rate, setRate] = useState("5");
  const [concurrency, setConcurrency] = useState("4");
  const [startError, setStartError] = useState<string | null>(null);
  const saved = savedRequests(tree);
  const endpoint = source.startsWith("endpoint:") ? endpoints.find((e) => e.id === source.slice(9)) : undefined;
  const suggested = (sheet?.suggested ?? []).map((id) => endpoints.find((e) => e.id === id)).filter((e): e is Endpoint => e !== undefined);
  const template = source.startsWith("saved:") ? saved.find((r) => String(r.id) === source.slice(6)) : undefined;
  const mapKey = `${loads}:${endpoint?.id ?? ""}`;
  const autoMap = useQuery({ ...queries.batchAutoMap(loads, endpoint?.id ?? ""), enabled: sheet !== null && endpoint !== undefined });
  const mapping = edited?.key === mapKey ? edited.columns : (autoMap.data?.columns ?? {});
  const setMapping = (columns: Record<string, number>) => setEdited({ key: mapKey, columns });

  const target: BatchTarget | null = endpoint
    ? { kind: "endpoint", endpoint_id: endpoint.id, mapping: { columns: mapping } }
    : template
      ? { kind: "template", name: template.name, method: template.method, endpoint: template.endpoint, body: template.body, extra_headers: template.extra_headers }
      : null;

  // Every row checked against the sheet and target chosen; a later choice is a new check.
  const checked = useQuery({ ...queries.batchCheck(loads, target ?? NO_TARGET), enabled: sheet !== null && target !== null });
  const check = target ? (checked.data ?? null) : null;
  const checkError = target && checked.error ? toIpcError(checked.error).message : null;

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setLoadError(null);
    try {
      const view = await batchLoad(file.name, new Uint8Array(await file.arrayBuffer()));
      setSheet(view);
      setLoads((n) => n + 1);
    } catch (e) {
      setSheet(null);
      setLoadError(toIpcError(e).message);
    }
  };

  const chooseSource = (value: string) => {
    setSource(value);
    setEdited(null);
  };

  const rateNumber = Number(rate);
  const concurrencyNumber = Number(concurrency);
  const speedProblem =
    !Number.isFinite(rateNumber) || rateNumber < 0 || rateNumber > 1000 || (rateNumber > 0 && rateNumber < 0.1)
      ? "The rate is a number of requests a second: 0 (no limit, for the sandbox) or 0.1 to 1000."
      : !Number.isInteger(concurrencyNumber) || concurrencyNumber < 1 || concurrencyNumber > 64
        ? "At a time: a whole number from 1 to 64."
        : null;
  const toSend = check ? (badRows === "skip" ? check.row_count - check.bad_count : check.row_count) : 0;

  const start = async (resendConfirmed = false): Promise<void> => {
    if (!target) return;
    setStartError(null);
    try {
      onStarted(await batchStart({ target, bad_rows: badRows, rate: rateNumber, concurrency: concurrencyNumber, resend_confirmed: resendConfirmed }));
    } catch (e) {
      const error = toIpcError(e);
      if (error.kind !== "confirm_resend") {
        setStartError(error.message);
        return;
      }
      // This sheet's earlier run was lost with a damaged data file, and its rows were sent: the app asks first.
      const again = await confirm({ title: "Send every row again?", message: error.message, confirmLabel: "Send every row again", danger: true });
      if (again) await start(true);
    }
  };

  const startAsked = async () => {
    const yes =
      !environment?.production ||
      (await confirm({
        title: "Send the whole sheet to production?",
        message: `${toSend.toLocaleString()} requests go to “${environment.name}”, the live API: they act on real accounts and may cost money.`,
        confirmLabel: "Send to production",
        danger: true,
      }));
    if (yes) await start();
  };

  return (
    <div className="batch-setup" data-testid="batch-setup">
      <section>
        <h3>1. The sheet</h3>
        <p className="hint">A CSV or Excel (.xlsx) file whose first row names the columns, such as “PAN” and “Name”.</p>
        <input type="file" accept=".csv,.txt,.xlsx" aria-label="Choose a sheet" data-testid="batch-file" onChange={(e) => void choose(e.target.files?.[0])} />
        {loadError && <p className="field-error" role="alert" data-testid="batch-load-error">{loadError}</p>}
        {sheet && (
          <p data-testid="batch-sheet">
            <strong>{sheet.name}</strong>: {sheet.row_count.toLocaleString()} rows, columns {sheet.headers.map((h) => `“${h}”`).join(", ")}
          </p>
        )}
      </section>
      {sheet && (
        <section>
          <h3>2. What each row is sent as</h3>
          <select aria-label="What each row is sent as" data-testid="batch-endpoint" value={source} onChange={(e) => chooseSource(e.target.value)}>
            <option value="">Choose…</option>
            {[...new Set(endpoints.map((e) => e.module))].map((m) => (
              <optgroup key={m} label={m}>
                {endpoints.filter((e) => e.module === m && fieldsOf(e).length > 0).map((e) => (
                  <option key={e.id} value={`endpoint:${e.id}`}>{e.title}</option>
                ))}
              </optgroup>
            ))}
            {saved.length > 0 && (
              <optgroup label="Saved requests (with {{Column}} variables)">
                {saved.map((r) => <option key={r.id} value={`saved:${r.id}`}>{r.name}</option>)}
              </optgroup>
            )}
          </select>
          {source === "" && suggested.length > 0 && (
            <p className="suggestions" data-testid="batch-suggested">
              The sheet’s columns fit:{" "}
              {suggested.map((e) => (
                <Button key={e.id} variant="secondary" data-testid="batch-suggestion" onClick={() => chooseSource(`endpoint:${e.id}`)}>
                  {e.title}
                </Button>
              ))}
            </p>
          )}
          {endpoint && (
            <table className="batch-mapping">
              <thead><tr><th>Field</th><th>Column of the sheet</th></tr></thead>
              <tbody>
                {fieldsOf(endpoint).map((f) => (
                  <tr key={f.name}>
                    <td><code>{f.name}</code>{f.required && <span className="required"> required</span>}<div className="hint">{f.description}</div></td>
                    <td>
                      <select aria-label={`Column for ${f.name}`} data-testid={`map-${f.name}`} value={mapping[f.name] ?? ""}
                        onChange={(e) => {
                          const others = Object.fromEntries(Object.entries(mapping).filter(([name]) => name !== f.name));
                          setMapping(e.target.value === "" ? others : { ...others, [f.name]: Number(e.target.value) });
                        }}>
                        <option value="">— not used —</option>
                        {sheet.headers.map((h, i) => <option key={h} value={i}>{h}</option>)}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {template && <p className="hint">Each {"{{Column name}}"} in “{template.name}” takes that column’s value from the row.</p>}
        </section>
      )}
      {checkError && <p className="field-error" role="alert" data-testid="batch-check-error">{checkError}</p>}
      {check && (
        <section data-testid="batch-check">
          <h3>3. Every row checked</h3>
          <p data-testid="batch-check-summary">
            {(check.row_count - check.bad_count).toLocaleString()} rows are ready.{" "}
            {check.bad_count > 0 ? `${check.bad_count.toLocaleString()} rows have a problem:` : "No row has a problem."}
          </p>
          {check.bad_count > 0 && (
            <>
              <ul className="bad-rows">
                {check.bad_rows.map((r) => (
                  <li key={r.index} data-testid="bad-row">
                    Row {r.number}: {r.problems.map((p) => `${p.field} — ${p.reason}`).join("; ")}
                  </li>
                ))}
                {check.bad_count > check.bad_rows.length && <li>… and {check.bad_count - check.bad_rows.length} more</li>}
              </ul>
              <p className="hint">To fix them, correct the sheet in your spreadsheet program and choose it again. Or:</p>
              <label><input type="radio" name="bad-rows" checked={badRows === "skip"} data-testid="bad-rows-skip" onChange={() => setBadRows("skip")} /> Skip these rows</label>
              <label><input type="radio" name="bad-rows" checked={badRows === "send"} data-testid="bad-rows-send" onChange={() => setBadRows("send")} /> Send them anyway (to see how the API refuses them)</label>
            </>
          )}
          <h3>4. Speed</h3>
          <div className="row">
            <label>Requests a second <input type="number" min={0} max={1000} step="any" value={rate} data-testid="batch-rate" onChange={(e) => setRate(e.target.value)} /></label>
            <label>At a time <input type="number" min={1} max={64} value={concurrency} data-testid="batch-concurrency" onChange={(e) => setConcurrency(e.target.value)} /></label>
          </div>
          <p className="hint">5 a second, 4 at a time, is safe for the live API. If the server asks to slow down, the run waits and slows down by itself.</p>
          {speedProblem && <p className="field-error" role="alert">{speedProblem}</p>}
          {startError && <p className="field-error" role="alert" data-testid="batch-start-error">{startError}</p>}
          <Button data-testid="batch-start" disabled={toSend === 0 || speedProblem !== null} onClick={() => void startAsked()}>
            Send {toSend.toLocaleString()} rows to {environment?.name ?? "the environment"}
          </Button>
        </section>
      )}
    </div>
  );
}
