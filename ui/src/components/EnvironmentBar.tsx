// The top bar: the environment switcher (colour-coded, red band for production), where requests go, with which
// key and tenant, where the secret is kept, and the way to the environment editor.
import { useState } from "react";
import { Button } from "../core/Button";
import type { EnvironmentsState } from "../hooks/useEnvironments";
import { secretShort, secretWords } from "../lib/environments";
import { EnvironmentEditor } from "./EnvironmentEditor";
import { SecretDialog } from "./SecretDialog";

interface Props {
  state: EnvironmentsState;
  onHelp: () => void;
  /** Opens the Batch screen (a sheet of rows sent to one endpoint); `null` while it is open. */
  onBatch: (() => void) | null;
}

export function EnvironmentBar({ state, onHelp, onBatch }: Props) {
  const { list, active, loadError } = state;
  const [editingSecret, setEditingSecret] = useState(false);
  const [managing, setManaging] = useState(false);

  return (
    <>
      {active?.production && (
        <div className="production-band" role="status" data-testid="production-band">
          PRODUCTION — requests go to the live API and act on real accounts. Each send asks for confirmation.
        </div>
      )}
      <header className="env-bar" style={active ? { borderTop: `4px solid ${active.colour}` } : undefined}>
        <div className="brand">VK Workspace</div>
        {loadError && <div className="env-error">{loadError.message}</div>}
        {active && (
          <div className="env-details" data-testid="environment">
            <span className="env-switch">
              <span className="env-dot" style={{ background: active.colour }} aria-hidden="true" />
              <select
                aria-label="Environment"
                className={`env-select ${active.production ? "live" : active.builtin ? "sandbox" : "other"}`}
                data-testid="environment-switcher"
                value={active.id}
                onChange={(e) => void state.select(Number(e.target.value))}
              >
                {list.map((env) => (
                  <option key={env.id} value={env.id}>
                    {env.name}
                    {env.production ? " (production)" : ""}
                  </option>
                ))}
              </select>
            </span>
            <span className="env-item" title="Server address" data-testid="environment-url">
              {active.base_url}
            </span>
            <span className="env-item">
              <span className="label">API key</span> {active.api_key}
            </span>
            <span className="env-item">
              <span className="label">Tenant</span> {active.tenant_code}
            </span>
            <span
              className={`env-item ${active.secret === "missing" ? "missing" : ""}`}
              data-testid="secret-state"
              title={`The secret is ${secretWords(active.secret)}.`}
            >
              <span className="label">Secret</span> {secretShort(active.secret)}
            </span>
            <Button variant="link" aria-label="Change the secret" data-testid="change-secret" onClick={() => setEditingSecret(true)}>
              {active.secret === "missing" ? "set…" : "change…"}
            </Button>
            <Button variant="secondary" small data-testid="manage-environments" onClick={() => setManaging(true)}>
              Environments…
            </Button>
            {onBatch && (
              <Button variant="secondary" small data-testid="open-batch" onClick={onBatch} title="Send every row of a spreadsheet (CSV or Excel) to one endpoint">
                Batch run…
              </Button>
            )}
            <Button variant="secondary" small data-testid="open-help" onClick={onHelp} title="Keyboard shortcuts and error codes (F1)">
              Help
            </Button>
          </div>
        )}
        {editingSecret && active && <SecretDialog environment={active} onClose={() => setEditingSecret(false)} />}
        {managing && <EnvironmentEditor state={state} onClose={() => setManaging(false)} />}
      </header>
    </>
  );
}
