// A small dialog to replace the API secret. The field is write-only: the app never shows a saved secret.
import { useState, type FormEvent } from "react";
import type { IpcError } from "../bindings/IpcError";
import { Dialog } from "./core/Dialog";

interface Props {
  customSecret: boolean;
  onSave: (secret: string) => Promise<IpcError | null>;
  onReset: () => Promise<void>;
  onClose: () => void;
}

export function SecretDialog({ customSecret, onSave, onReset, onClose }: Props) {
  const [secret, setSecret] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = await onSave(secret);
    if (problem) {
      setError(problem.message);
    } else {
      setSecret("");
      onClose();
    }
  }

  async function reset() {
    await onReset();
    onClose();
  }

  return (
    <Dialog labelledBy="secret-title" onClose={onClose}>
      <form className="dialog-form" onSubmit={submit}>
        <h2 id="secret-title">API secret</h2>
        <p>
          The secret signs every request. It stays inside the app and is never shown again. Paste the secret from your
          VistarKriya dashboard.
        </p>
        <label htmlFor="secret-input">New secret</label>
        <input
          id="secret-input"
          data-testid="secret-input"
          type="password"
          autoComplete="off"
          autoFocus
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {customSecret && (
            <button type="button" className="secondary" onClick={reset}>
              Use the built-in sandbox secret
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" data-testid="secret-save">
            Save secret
          </button>
        </div>
      </form>
    </Dialog>
  );
}
