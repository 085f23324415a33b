// An API error in plain words: the code, what it means, what to do, and any fields that were wrong. With what
// the app measured: the clock difference for TIMESTAMP_EXPIRED, the usual causes checked for HMAC_INVALID.
import type { ApiErrorView } from "../bindings/ApiErrorView";
import type { CauseCheck } from "../bindings/CauseCheck";
import { clockPhrase } from "../lib/visible";

interface Props {
  error: ApiErrorView;
  clockDifference?: number | null;
  hmacChecks?: CauseCheck[];
}

const MARK = { fine: "✓", suspect: "✗", unchecked: "?" } as const;

export function ErrorExplanation({ error, clockDifference = null, hmacChecks = [] }: Props) {
  const e = error.explanation;
  const clockOut = error.code === "TIMESTAMP_EXPIRED" && clockDifference !== null && Math.abs(clockDifference) > 1;
  return (
    <div className="api-error" role="alert" data-testid="api-error">
      <div className="api-error-head">
        <code data-testid="error-code">{error.code}</code>
        <strong data-testid="error-title">{e ? e.title : error.message}</strong>
      </div>
      {clockOut && (
        <p className="finding" data-testid="clock-finding">
          Your computer's clock is {clockPhrase(clockDifference)} compared with the server's: correct it (or turn on
          automatic time), then send again.
        </p>
      )}
      {e ? (
        <>
          <p data-testid="error-meaning">{e.meaning}</p>
          <p data-testid="error-next-step">
            <span className="label">What to do:</span> {e.next_step}
          </p>
        </>
      ) : (
        <p>The server sent an error this version of VK Workspace does not know yet. Its message: {error.message}</p>
      )}
      {error.fields.length > 0 && (
        <ul className="field-problems">
          {error.fields.map((f) => (
            <li key={f.field}>
              <strong>{f.field}</strong>: {f.reason}
            </li>
          ))}
        </ul>
      )}
      {hmacChecks.length > 0 && (
        <div className="hmac-checks" data-testid="hmac-checks">
          <p className="label">The usual causes, checked:</p>
          <ul>
            {hmacChecks.map((c) => (
              <li key={c.cause} className={`cause ${c.status}`}>
                <span className="cause-mark" aria-label={c.status === "fine" ? "not the cause" : c.status === "suspect" ? "likely the cause" : "not checked"}>
                  {MARK[c.status]}
                </span>{" "}
                <strong>{c.cause}.</strong> {c.finding}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
