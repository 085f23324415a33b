// The request composer: pick an endpoint (or type one), edit the JSON body, send with the button or Ctrl+Enter.
import type { KeyboardEvent } from "react";
import type { Endpoint } from "../bindings/Endpoint";
import type { IpcError } from "../bindings/IpcError";
import type { SendInput } from "../bindings/SendInput";
import { draftFromEndpoint, METHODS, MODULE_NAMES } from "../lib/draft";

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
  const current = endpoints.find((e) => e.method === method && endpoint.split("?")[0] === e.example_target.split("?")[0]);

  const send = () => {
    if (!sending) onSend(draft);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
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
          <button type="button" className="secondary small" data-testid="open-test-values" onClick={onShowTestValues}>
            Test values…
          </button>
          <button type="button" className="secondary small" data-testid="save-request" onClick={onSave} title="Save to a collection (Ctrl+S)">
            {savedName ? "Save" : "Save…"}
          </button>
        </span>
      </div>
      <div className="examples">
        <EndpointPicker endpoints={endpoints} onPick={(e) => props.onNewDraft(draftFromEndpoint(e))} />
      </div>
      {current && (
        <p className="endpoint-description" data-testid="endpoint-description">
          <strong>{current.title}.</strong> {current.description}
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
        <button type="button" data-testid="send" onClick={send} disabled={sending} title="Send (Ctrl+Enter)">
          {sending ? "Sending…" : "Send"}
        </button>
      </div>
      <label htmlFor="body" className="body-label">
        Body (JSON){bodyless && <span className="hint"> — usually empty for {method}</span>}
      </label>
      <textarea
        id="body"
        data-testid="body"
        spellCheck={false}
        value={body}
        placeholder={bodyless ? "No body" : '{"pan":"ABCDE1234F"}'}
        onChange={(e) => onDraftChange({ ...draft, body: e.target.value })}
      />
      <p className="hint">The body is sent exactly as typed and signed byte for byte. Press Ctrl+Enter to send.</p>
      {inputError && (
        <div className="input-error" role="alert" data-testid="input-error">
          {inputError.message}
        </div>
      )}
    </section>
  );
}
