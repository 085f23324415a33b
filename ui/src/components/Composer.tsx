// The request composer: pick an endpoint (or type one), edit the JSON body, send with the button or Ctrl+Enter.
import { lazy, Suspense, useState, type KeyboardEvent } from "react";
import type { Endpoint } from "../bindings/Endpoint";
import type { AppError as IpcError } from "../bindings/AppError";
import type { JsonProblem } from "../bindings/JsonProblem";
import type { SendInput } from "../bindings/SendInput";
import { Button } from "../core/Button";
import { useFormCheck } from "../hooks/useFormCheck";
import { draftFromEndpoint, METHODS, MODULE_NAMES } from "../lib/draft";
import { buildInput, matchEndpoint, valuesFrom, type FormValues } from "../lib/form";
import { actionFor } from "../lib/hotkeys";
import { queryRows, withQuery, type QueryRow } from "../lib/query";
import { clockPhrase, CLOCK_WARNING_SECS } from "../lib/visible";
import { KeyValueTable } from "./KeyValueTable";
import { RequestForm } from "./RequestForm";

// The code editor is the largest part of the page: it loads when JSON mode is first opened, not at start.
const JsonEditor = lazy(() => import("./JsonEditor").then((m) => ({ default: m.JsonEditor })));

interface Props {
  draft: SendInput;
  onDraftChange: (draft: SendInput) => void;
  /** A fresh request (picked from the catalog): no longer the saved one it may have come from. */
  onNewDraft: (draft: SendInput) => void;
  endpoints: Endpoint[];
  sending: boolean;
  inputError: IpcError | null;
  onSend: (input: SendInput) => void;
  onShowTestValues: () => void;
  /** Save (Ctrl+S): in place when the request came from a collection, otherwise to a collection. */
  onSave: () => void;
  /** Opens the search palette (Ctrl+K). */
  onOpenPalette: () => void;
  /** This computer's clock minus the server's at the last answer, for a warning before sending. */
  clockDifference: number | null;
  /** The saved request this draft came from, when it did. */
  savedName: string | null;
}

function EndpointPicker({ endpoints, onPick }: { endpoints: Endpoint[]; onPick: (e: Endpoint) => void }) {
  const modules = [...new Set(endpoints.map((e) => e.module))];
  return (
    <select
      aria-label="Choose an endpoint"
      data-testid="endpoint-picker"
      className="picker"
      value=""
      onChange={(ev) => {
        const chosen = endpoints.find((e) => e.id === ev.target.value);
        if (chosen) onPick(chosen);
      }}
    >
      <option value="" disabled>
        Choose what to do…
      </option>
      {modules.map((m) => (
        <optgroup key={m} label={MODULE_NAMES[m] ?? m}>
          {endpoints
            .filter((e) => e.module === m)
            .map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

export function Composer(props: Props) {
  const { draft, onDraftChange, endpoints, sending, inputError, onSend, onShowTestValues, onSave, savedName } = props;
  const { method, endpoint, body } = draft;
  const current = matchEndpoint(endpoints, method, endpoint);
  const [mode, setMode] = useState<"form" | "json">("form");
  // What the form last built: while the draft is that, the form's own text (say "12." on the way to "12.5") stays.
  const [formState, setFormState] = useState<{ values: FormValues; built: SendInput } | null>(null);
  const values = formState?.built === draft ? formState.values : current && valuesFrom(current, draft);
  const problems = useFormCheck(current?.id ?? null, values);
  const formMode = mode === "form" && current !== null && values !== null;
  const blocked = current !== null && values !== null && problems.length > 0;
  const [askedAnyway, setAskedAnyway] = useState(false);
  const [jsonProblem, setJsonProblem] = useState<JsonProblem | null>(null);
  // The query table's own rows while they are what the endpoint was built from (so an empty new row stays).
  const [queryState, setQueryState] = useState<{ rows: QueryRow[]; endpoint: string } | null>(null);
  const rows = queryState?.endpoint === endpoint ? queryState.rows : queryRows(endpoint);
  const onQueryChange = (next: QueryRow[]) => {
    const built = withQuery(endpoint, next);
    setQueryState({ rows: next, endpoint: built });
    onDraftChange({ ...draft, endpoint: built });
  };

  const onFormChange = (next: FormValues) => {
    if (!current) return;
    const built = buildInput(current, next, draft);
    setFormState({ values: next, built });
    onDraftChange(built);
  };

  const send = (anyway = false) => {
    if (sending) return;
    if (blocked && !anyway) {
      setAskedAnyway(true);
      return;
    }
    setAskedAnyway(false);
    onSend(draft);
  };

  // The composer's own shortcuts (Ctrl+Enter), from the registry the help sheet lists.
  const onKeyDown = (e: KeyboardEvent) => {
    if (actionFor(e, "composer") === "send") {
      e.preventDefault();
      send();
    }
  };

  const bodyless = method === "GET" || method === "DELETE";

  return (
    <section className="panel composer" onKeyDown={onKeyDown} aria-label="Request">
      <div className="panel-head">
        <h2>
          Request{" "}
          {savedName && (
            <span className="saved-name" data-testid="saved-name" title="Saved in your collections; Ctrl+S saves changes">
              — {savedName}
            </span>
          )}
        </h2>
        <span className="row">
          <Button variant="secondary" small data-testid="open-test-values" onClick={onShowTestValues}>
            Test values…
          </Button>
          <Button variant="secondary" small data-testid="save-request" onClick={onSave} title="Save to a collection (Ctrl+S)">
            {savedName ? "Save" : "Save…"}
          </Button>
        </span>
      </div>
      <div className="examples">
        <EndpointPicker endpoints={endpoints} onPick={(e) => props.onNewDraft(draftFromEndpoint(e))} />
        <Button variant="secondary" data-testid="open-palette" onClick={props.onOpenPalette} title="Search endpoints, saved requests and history (Ctrl+K)">
          Search… <kbd>Ctrl+K</kbd>
        </Button>
      </div>
      {current && (
        <p className="endpoint-description" data-testid="endpoint-description">
          <strong>{current.title}.</strong> {current.description}
        </p>
      )}
      {props.clockDifference !== null && Math.abs(props.clockDifference) > CLOCK_WARNING_SECS && (
        <p className="clock-warning" role="alert" data-testid="clock-warning">
          This computer's clock is {clockPhrase(props.clockDifference)} compared with the server's (at the last answer).
          The API refuses requests more than 5 minutes out: correct the clock before sending.
        </p>
      )}
      <div className="request-line">
        <select
          aria-label="Method"
          data-testid="method"
          value={method}
          onChange={(e) => onDraftChange({ ...draft, method: e.target.value })}
        >
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <input
          aria-label="Endpoint"
          data-testid="endpoint"
          className="endpoint"
          spellCheck={false}
          value={endpoint}
          placeholder="/api/v1/…"
          onChange={(e) => onDraftChange({ ...draft, endpoint: e.target.value })}
        />
        <Button data-testid="send" onClick={() => send()} disabled={sending || blocked} title="Send (Ctrl+Enter)">
          {sending ? "Sending…" : "Send"}
        </Button>
      </div>
      <div className="mode-tabs" role="tablist" aria-label="How to edit the request">
        <Button role="tab" aria-selected={formMode} className={formMode ? "tab active" : "tab"} data-testid="mode-form"
          disabled={!current || values === null}
          title={!current ? "Choose an endpoint from the list to get a form" : values === null ? "Fix the JSON first: the form cannot read it" : undefined}
          onClick={() => setMode("form")}>
          Form
        </Button>
        <Button role="tab" aria-selected={!formMode} className={!formMode ? "tab active" : "tab"} data-testid="mode-json" onClick={() => setMode("json")}>
          JSON
        </Button>
      </div>
      {formMode && current && values ? (
        <RequestForm endpoint={current} values={values} problems={problems} onChange={onFormChange} />
      ) : (
        <>
        <details className="query-details" open={rows.length > 0}>
          <summary>Query parameters ({rows.length})</summary>
          <KeyValueTable caption="Query parameters" rows={rows} onChange={onQueryChange} namePlaceholder="name, e.g. page" testId="query-table" />
        </details>
        <label className="body-label">
          Body (JSON){bodyless && <span className="hint"> — usually empty for {method}</span>}
        </label>
        <Suspense fallback={<div className="json-editor" aria-busy="true" />}>
          <JsonEditor value={body} label="Body (JSON)" onChange={(text) => onDraftChange({ ...draft, body: text })} onProblem={setJsonProblem} />
        </Suspense>
        {jsonProblem && body.trim() !== "" && (
          <p className="json-problem" role="status" data-testid="json-problem">
            Line {jsonProblem.line}, column {jsonProblem.column}: {jsonProblem.message}.
          </p>
        )}
        <p className="hint">The body is sent exactly as typed and signed byte for byte. Press Ctrl+Enter to send.</p>
        </>
      )}
      <details className="query-details" open={draft.extra_headers.length > 0}>
        <summary>Extra headers ({draft.extra_headers.length})</summary>
        <p className="hint">The four signature headers (X-API-Key, X-Timestamp, X-Signature, X-Tenant-Code) are added at every send.</p>
        <KeyValueTable
          caption="Extra headers"
          rows={draft.extra_headers}
          onChange={(headers) => onDraftChange({ ...draft, extra_headers: headers })}
          namePlaceholder="name, e.g. X-Request-Id"
          testId="headers-table"
        />
      </details>
      {blocked && (
        <p className={askedAnyway ? "blocked-note shown" : "blocked-note"} data-testid="blocked-note" role={askedAnyway ? "alert" : undefined}>
          {problems.length === 1 ? "One field needs attention" : `${problems.length} fields need attention`} before sending.{" "}
          <Button variant="link" data-testid="send-anyway" onClick={() => send(true)}>
            Send anyway
          </Button>{" "}
          <span className="hint">(to see how the API refuses it)</span>
        </p>
      )}
      {inputError && (
        <div className="input-error" role="alert" data-testid="input-error">
          {inputError.message}
        </div>
      )}
    </section>
  );
}
