// The environment editor: every environment on the left; on the right its address, key, tenant, colour,
// production flag, {{variables}} and secret (set, test, remove). The built-in sandbox keeps its address and key.
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import { Button } from "../core/Button";
import { Dialog } from "../core/Dialog";
import { useConfirm } from "../core/Notices";
import type { EnvironmentsState } from "../hooks/useEnvironments";
import { environmentDelete, environmentSave, environmentTestSecret, toIpcError } from "../lib/api";
import { formFrom, inputFrom, NEW_ENVIRONMENT, secretWords, type EnvironmentForm } from "../lib/environments";
import { SandboxClock } from "./SandboxClock";
import { SecretDialog } from "./SecretDialog";

interface Props {
  state: EnvironmentsState;
  onClose: () => void;
}

function Variables({ form, onChange }: { form: EnvironmentForm; onChange: (f: EnvironmentForm) => void }) {
  const set = (index: number, row: { name: string; value: string }) =>
    onChange({ ...form, variables: form.variables.map((r, i) => (i === index ? row : r)) });
  return (
    <fieldset className="variables">
      <legend>Variables</legend>
      <p className="hint">
        Write <code>{"{{name}}"}</code> in an endpoint or body; it is replaced by the value before the request is signed.
      </p>
      {form.variables.map((row, i) => (
        <div className="variable-row" key={i}>
          <input aria-label="Variable name" placeholder="name" value={row.name} onChange={(e) => set(i, { ...row, name: e.target.value })} />
          <input aria-label="Variable value" placeholder="value" value={row.value} onChange={(e) => set(i, { ...row, value: e.target.value })} />
          <Button
            variant="secondary" small
            aria-label={`Remove variable ${row.name}`}
            onClick={() => onChange({ ...form, variables: form.variables.filter((_, j) => j !== i) })}
          >
            Remove
          </Button>
        </div>
      ))}
      <Button
        variant="secondary" small
        onClick={() => onChange({ ...form, variables: [...form.variables, { name: "", value: "" }] })}
      >
        Add variable
      </Button>
    </fieldset>
  );
}

function SecretSection({ env }: { env: EnvironmentView }) {
  const [setting, setSetting] = useState(false);
  // A refusal to even try is a failed check, in the same place.
  const test = useMutation({
    mutationFn: () => environmentTestSecret(env.id).catch((e: unknown) => ({ accepted: false, message: toIpcError(e).message })),
  });
  const check = test.data ?? null;
  const testing = test.isPending;

  return (
    <fieldset className="secret-section">
      <legend>Secret</legend>
      <p data-testid="editor-secret-state">
        The secret is <strong>{secretWords(env.secret)}</strong>.
      </p>
      <div className="row">
        <Button variant="secondary" small data-testid="editor-set-secret" onClick={() => setSetting(true)}>
          {env.secret === "missing" ? "Set secret…" : "Change secret…"}
        </Button>
        <Button variant="secondary" small data-testid="editor-test-secret" disabled={testing} onClick={() => test.mutate()}>
          {testing ? "Testing…" : "Test connection"}
        </Button>
      </div>
      {check && (
        <p className={check.accepted ? "check ok" : "check bad"} role="status" data-testid="secret-check">
          {check.message}
        </p>
      )}
      {setting && <SecretDialog environment={env} onClose={() => setSetting(false)} />}
    </fieldset>
  );
}

export function EnvironmentEditor({ state, onClose }: Props) {
  const first = state.active ?? state.list[0];
  const [form, setForm] = useState<EnvironmentForm>(first ? formFrom(first) : NEW_ENVIRONMENT);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const confirm = useConfirm();
  const current = state.list.find((e) => e.id === form.id) ?? null;
  const builtin = current?.builtin ?? false;

  const choose = (env: EnvironmentView | null) => {
    setForm(env ? formFrom(env) : NEW_ENVIRONMENT);
    setError(null);
    setSaved(null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const env = await environmentSave(inputFrom(form));
      setForm(formFrom(env));
      setError(null);
      setSaved(`Saved “${env.name}”.`);
    } catch (e) {
      setError(toIpcError(e).message);
      setSaved(null);
    }
  }

  async function remove() {
    if (form.id === null || !current) return;
    const yes = await confirm({
      title: `Delete “${current.name}”?`,
      message: "The environment and its saved secret are removed. History entries sent to it stay.",
      confirmLabel: "Delete",
      danger: true,
    });
    if (!yes) return;
    try {
      await environmentDelete(form.id);
      choose(state.list.find((e) => e.builtin) ?? null);
    } catch (e) {
      setError(toIpcError(e).message);
    }
  }

  const field = (key: "name" | "base_url" | "api_key" | "tenant_code", label: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        data-testid={`env-${key}`}
        value={form[key]}
        disabled={builtin}
        spellCheck={false}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
      {hint && <span className="hint">{hint}</span>}
    </label>
  );

  return (
    <Dialog labelledBy="environments-title" onClose={onClose} wide testId="environment-editor">
      <h2 id="environments-title">Environments</h2>
      <div className="env-editor">
        <nav className="env-list" aria-label="Environments">
          {state.list.map((env) => (
            <Button
              key={env.id}
              className={env.id === form.id ? "env-list-item selected" : "env-list-item"}
              onClick={() => choose(env)}
            >
              <span className="env-dot" style={{ background: env.colour }} aria-hidden="true" /> {env.name}
              {env.id === state.active?.id && <span className="hint"> (in use)</span>}
            </Button>
          ))}
          <Button variant="secondary" small data-testid="env-new" onClick={() => choose(null)}>
            New environment
          </Button>
        </nav>
        <form className="env-form" onSubmit={submit}>
          {builtin && (
            <p className="hint">The built-in sandbox runs inside the app. Its address, key and tenant are fixed; its colour and variables can change.</p>
          )}
          {field("name", "Name")}
          {field("base_url", "Server address", "For example https://api.vistarkriya.com")}
          {field("api_key", "API key")}
          {field("tenant_code", "Tenant code", "6 digits")}
          <div className="row">
            <label className="field inline">
              <span>Colour</span>
              <input type="color" aria-label="Colour" value={form.colour} onChange={(e) => setForm({ ...form, colour: e.target.value })} />
            </label>
            <span className="field inline">
              {/* A label beside the box, not around it: WebKit's WebDriver toggles a wrapped box twice. */}
              <input
                id="env-production"
                type="checkbox"
                data-testid="env-production"
                checked={form.production}
                disabled={builtin}
                onChange={(e) => setForm({ ...form, production: e.target.checked })}
              />
              <label htmlFor="env-production">Production: ask before every send and show a red band</label>
            </span>
          </div>
          <Variables form={form} onChange={setForm} />
          {current && <SecretSection env={current} />}
          {builtin && <SandboxClock />}
          {form.id === null && <p className="hint">Save the environment first, then set its secret.</p>}
          {error && (
            <p className="field-error" role="alert" data-testid="env-error">
              {error}
            </p>
          )}
          {saved && (
            <p className="check ok" role="status">
              {saved}
            </p>
          )}
          <div className="dialog-actions">
            {current && !builtin && (
              <Button variant="secondary" className="danger-text" onClick={() => void remove()}>
                Delete…
              </Button>
            )}
            <span className="spacer" />
            {current && current.id !== state.active?.id && (
              <Button variant="secondary" data-testid="env-use" onClick={() => void state.select(current.id)}>
                Use this environment
              </Button>
            )}
            <Button variant="secondary" data-testid="env-close" onClick={onClose}>
              Close
            </Button>
            <Button type="submit" data-testid="env-save">
              Save
            </Button>
          </div>
        </form>
      </div>
    </Dialog>
  );
}
