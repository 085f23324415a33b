// Sets an environment's API secret. Write-only: the app never shows a saved secret. When the computer has no
// credential store, it says so and offers to keep the secret for this session only.
import { useState, type FormEvent } from "react";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import { Button } from "../core/Button";
import { Dialog } from "../core/Dialog";
import { environmentForgetSecret, environmentSetSecret, toIpcError } from "../lib/api";

interface Props {
  environment: EnvironmentView;
  onClose: () => void;
}

export function SecretDialog({ environment, onClose }: Props) {
  const [secret, setSecret] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [offerSession, setOfferSession] = useState(false);

  async function save(sessionOnly: boolean) {
    try {
      await environmentSetSecret(environment.id, secret, sessionOnly);
      setSecret("");
      onClose();
    } catch (e) {
      const problem = toIpcError(e);
      setError(problem.message);
      setOfferSession(problem.kind === "credential_store_unavailable");
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(false);
  }

  async function forget() {
    try {
      await environmentForgetSecret(environment.id);
      onClose();
    } catch (e) {
      setError(toIpcError(e).message);
    }
  }

  const where = environment.builtin
    ? "For the built-in sandbox a changed secret is for practice: it lasts until the app closes."
    : "It is saved in this computer's credential store (the system keyring), never in the app's files.";

  return (
    <Dialog labelledBy="secret-title" onClose={onClose} testId="secret-dialog">
      <form className="dialog-form" onSubmit={submit}>
        <h2 id="secret-title">API secret for {environment.name}</h2>
        <p>
          The secret signs every request. It stays inside the app and is never shown again. Paste it from your
          VistarKriya dashboard. {where}
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
          <p className="field-error" role="alert" data-testid="secret-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {environment.secret !== "missing" && environment.secret !== "builtin" && (
            <Button variant="secondary" data-testid="secret-forget" onClick={forget}>
              {environment.builtin ? "Use the built-in sandbox secret" : "Remove the saved secret"}
            </Button>
          )}
          <span className="spacer" />
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          {offerSession ? (
            <Button data-testid="secret-session" onClick={() => void save(true)}>
              Keep it for this session only
            </Button>
          ) : (
            <Button type="submit" data-testid="secret-save">
              Save secret
            </Button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
