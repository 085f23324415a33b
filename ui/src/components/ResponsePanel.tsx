// The answer: status, time and size; for an API error, what it means and what to do; then body, headers, signature.
import { useState } from "react";
import type { CauseCheck } from "../bindings/CauseCheck";
import type { AppError as IpcError } from "../bindings/AppError";
import type { ResponseView } from "../bindings/ResponseView";
import type { SignatureView } from "../bindings/SignatureView";
import { Button } from "../core/Button";
import { formatBytes, formatDuration, statusTone } from "../lib/format";
import { summariseBody, summariseShallow, type Summary } from "../lib/summary";
import { ErrorExplanation } from "./ErrorExplanation";
import { BodyView } from "./BodyView";
import { SummaryCard } from "./SummaryCard";
import { SignaturePanel } from "./SignaturePanel";

/** What the panel shows: a fresh answer (with its signature) or one opened from history (without). */
export interface Shown {
  response: ResponseView;
  signature: SignatureView | null;
  hmacChecks: CauseCheck[];
}

interface Props {
  sending: boolean;
  shown: Shown | null;
  error: IpcError | null;
  /** A line above the answer, e.g. that it was opened from history. */
  note: string | null;
}

type Tab = "body" | "headers" | "signature";

export function ResponsePanel({ sending, shown, error, note }: Props) {
  const [tab, setTab] = useState<Tab>("body");
  // For a large answer the summary comes from the worker that reads it; for a small one, from its text here.
  const [largeSummary, setLargeSummary] = useState<{ handle: number; summary: Summary | null } | null>(null);

  if (error) {
    return (
      <section className="panel response" aria-label="Response">
        <h2>Response</h2>
        <div className="network-error" role="alert" data-testid="network-error">
          <strong>{error.kind === "network" ? "The request could not be completed" : "Something went wrong in the app"}</strong>
          <p>{error.message}</p>
        </div>
      </section>
    );
  }

  if (!shown) {
    return (
      <section className="panel response empty" aria-label="Response">
        <h2>Response</h2>
        {note && <p className="from-history" data-testid="response-note">{note}</p>}
        {sending ? (
          <p className="placeholder">Waiting for the answer…</p>
        ) : (
          <div className="first-steps" data-testid="first-steps">
            <p>Nothing sent yet. To start:</p>
            <ol>
              <li>
                Choose what to do from the list, or press <kbd>Ctrl+K</kbd> and type, say, “verify PAN”.
              </li>
              <li>Fill in the form: each field says at once if something is wrong.</li>
              <li>
                Press <strong>Send</strong>. The answer appears here in plain words, with the full details below it.
              </li>
            </ol>
            <p className="hint">
              The built-in sandbox is a practice copy of the API on this computer: nothing real happens there. <kbd>F1</kbd> lists
              the shortcuts and what every error means.
            </p>
          </div>
        )}
      </section>
    );
  }

  const { response, signature, hmacChecks } = shown;
  const ok = statusTone(response.status) === "success" && !response.api_error;
  const summary = !ok
    ? null
    : response.body_complete
      ? summariseBody(response.body_text)
      : response.large_data
        ? summariseShallow(response.large_data)
        : largeSummary?.handle === response.body_handle
        ? largeSummary.summary
        : null;

  return (
    <section className="panel response" aria-label="Response">
      <h2>Response</h2>
      {note && <p className="from-history" data-testid="response-note">{note}</p>}
      <div className="summary" data-testid="response-summary">
        <span className={`status ${statusTone(response.status)}`} data-testid="status">
          {response.status} {response.status_text}
        </span>
        <span className="metric">{formatDuration(response.elapsed_ms)}</span>
        <span className="metric">{formatBytes(response.size_bytes)}</span>
        {ok && (
          <span className="verdict success" data-testid="verdict">
            Success
          </span>
        )}
      </div>
      {response.redirect && (
        <div className="api-error" role="alert" data-testid="redirect-notice">
          <div className="api-error-head">
            <strong>Redirect not followed</strong>
          </div>
          <p data-testid="redirect-message">{response.redirect}</p>
        </div>
      )}
      {response.api_error && (
        <ErrorExplanation error={response.api_error} clockDifference={response.clock_difference_secs} hmacChecks={hmacChecks} />
      )}
      {summary && <SummaryCard summary={summary} />}
      <div className="tabs" role="tablist">
        {(["body", "headers", "signature"] as const).map((t) => (
          <Button
            key={t}
            role="tab"
            aria-selected={tab === t}
            data-testid={`tab-${t}`}
            className={tab === t ? "tab active" : "tab"}
            onClick={() => setTab(t)}
          >
            {t === "body" ? "Body" : t === "headers" ? "Headers" : "Signature"}
          </Button>
        ))}
      </div>
      {tab === "body" && <BodyView key={response.body_handle} response={response} onSummary={(s) => setLargeSummary({ handle: response.body_handle, summary: s })} />}
      {tab === "headers" && (
        <table className="kv">
          <tbody>
            {response.headers.map((h, i) => (
              <tr key={`${h.name}-${i}`}>
                <th>{h.name}</th>
                <td>{h.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {tab === "signature" &&
        (signature ? (
          <SignaturePanel signature={signature} clockDifference={response.clock_difference_secs} />
        ) : (
          <p className="hint">
            History keeps the request but not its signature: a signature is made again, with a fresh time, at every send.
          </p>
        ))}
    </section>
  );
}
