// The request composer: method, endpoint and JSON body, sent with the button or Ctrl+Enter.
import { useState, type KeyboardEvent } from "react";
import type { IpcError } from "../bindings/IpcError";
import type { SendInput } from "../bindings/SendInput";
import { EXAMPLES, METHODS } from "../lib/examples";

interface Props {
  sending: boolean;
  inputError: IpcError | null;
  onSend: (input: SendInput) => void;
}

const FIRST = EXAMPLES[0]?.input ?? { method: "GET", endpoint: "/api/v1/wallet/core/balance", body: "" };

export function Composer({ sending, inputError, onSend }: Props) {
  const [method, setMethod] = useState(FIRST.method);
  const [endpoint, setEndpoint] = useState(FIRST.endpoint);
  const [body, setBody] = useState(FIRST.body);

  const send = () => {
    if (!sending) onSend({ method, endpoint, body });
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
      <h2>Request</h2>
      <div className="examples">
        <span className="label">Start from:</span>
        {EXAMPLES.map((ex) => (
          <button
            key={ex.label}
            type="button"
            className="chip"
            onClick={() => {
              setMethod(ex.input.method);
              setEndpoint(ex.input.endpoint);
              setBody(ex.input.body);
            }}
          >
            {ex.label}
          </button>
        ))}
      </div>
      <div className="request-line">
        <select aria-label="Method" data-testid="method" value={method} onChange={(e) => setMethod(e.target.value)}>
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
          onChange={(e) => setEndpoint(e.target.value)}
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
        onChange={(e) => setBody(e.target.value)}
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
