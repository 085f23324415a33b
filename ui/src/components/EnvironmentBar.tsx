// The top bar: which server requests go to, with which key and tenant, and a way to change the secret.
import { useState } from "react";
import type { EnvironmentState } from "../hooks/useEnvironment";
import { SecretDialog } from "./SecretDialog";

export function EnvironmentBar({ state }: { state: EnvironmentState }) {
  const { environment, loadError } = state;
  const [editing, setEditing] = useState(false);

  return (
    <header className="env-bar">
      <div className="brand">VK Workspace</div>
      {loadError && <div className="env-error">{loadError.message}</div>}
      {environment && (
        <div className="env-details" data-testid="environment">
          <span className={`env-name ${environment.is_builtin_sandbox ? "sandbox" : "live"}`} data-testid="environment-name">
            {environment.name}
          </span>
          <span className="env-item" title="Server address">
            {environment.base_url}
          </span>
          <span className="env-item">
            <span className="label">API key</span> {environment.api_key}
          </span>
          <span className="env-item">
            <span className="label">Tenant</span> {environment.tenant_code}
          </span>
          <span className="env-item" data-testid="secret-state">
            <span className="label">Secret</span> {environment.custom_secret ? "your own (hidden)" : "built-in sandbox secret"}
          </span>
          <button type="button" className="secondary" data-testid="change-secret" onClick={() => setEditing(true)}>
            Change secret…
          </button>
        </div>
      )}
      {editing && environment && (
        <SecretDialog
          customSecret={environment.custom_secret}
          onSave={state.setSecret}
          onReset={state.reset}
          onClose={() => setEditing(false)}
        />
      )}
    </header>
  );
}
