// The Code panel: the composer's request as a program in one of seven languages, signing itself each time it
// runs. Copy and Save go through the app's Rust side, so a secret written into the code never reaches the page.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useMemo, useState, type KeyboardEvent } from "react";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import type { AppError as IpcError } from "../bindings/AppError";
import type { Language } from "../bindings/Language";
import type { PythonClient } from "../bindings/PythonClient";
import type { SendInput } from "../bindings/SendInput";
import type { SnippetInput } from "../bindings/SnippetInput";
import { Button } from "../core/Button";
import { useNotify } from "../core/Notices";
import { useDebounced } from "../hooks/useDebounced";
import { saveDialog, snippetCopy, snippetCopyPresigned, snippetSave } from "../lib/api";
import { queries } from "../lib/queries";

const CodeView = lazy(() => import("./CodeView").then((m) => ({ default: m.CodeView })));

export const LANGUAGES: { id: Language; label: string }[] = [
  { id: "php", label: "PHP" },
  { id: "rust", label: "Rust" },
  { id: "curl", label: "curl" },
  { id: "python", label: "Python" },
  { id: "javascript", label: "JavaScript" },
  { id: "java", label: "Java" },
  { id: "go", label: "Go" },
];

/** The panel's choices, kept by the app while the panel is closed. */
export interface CodeOptions {
  language: Language;
  inlineSecret: boolean;
  pythonClient: PythonClient;
  baseUrl: string;
}

export const DEFAULT_CODE_OPTIONS: CodeOptions = { language: "php", inlineSecret: false, pythonClient: "urllib", baseUrl: "" };

interface Props {
  draft: SendInput;
  environment: EnvironmentView | null;
  options: CodeOptions;
  onOptions: (options: CodeOptions) => void;
}

/** What a command's refusal says (an IpcError carries its own words). */
function messageOf(e: unknown): string {
  return (e as IpcError | null)?.message ?? String(e);
}

function labelOf(language: Language): string {
  return LANGUAGES.find((l) => l.id === language)?.label ?? language;
}

function timeOf(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

export function CodePanel({ draft, environment, options, onOptions }: Props) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const { language, inlineSecret, pythonClient, baseUrl } = options;
  const input: SnippetInput = useMemo(
    () => ({ request: draft, language, inline_secret: inlineSecret, python_client: pythonClient, base_url: baseUrl }),
    [draft, language, inlineSecret, pythonClient, baseUrl],
  );
  // Written again (by the Rust side) shortly after each change to the request, the options or the environment;
  // the code on screen stays until the new one comes.
  const asked = useDebounced(input, 120);
  const written = useQuery({ ...queries.snippet(asked, environment?.id ?? null), placeholderData: keepPreviousData });
  const view = written.data ?? null;
  const error = written.error ? messageOf(written.error) : null;

  const set = (change: Partial<CodeOptions>) => onOptions({ ...options, ...change });
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      notify(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const copy = () => run(async () => {
    await snippetCopy(input);
    notify(`Copied the ${labelOf(options.language)} code${options.inlineSecret ? ", with the secret in it" : ""}.`);
  });
  const saveAs = () => run(async () => {
    const path = await saveDialog(view?.file_name ?? "vk_request");
    if (!path) return;
    await snippetSave(input, path);
    notify(`Saved the ${labelOf(options.language)} code to ${path}.`);
  });
  const presigned = () => run(async () => {
    const signed = await snippetCopyPresigned(draft, options.baseUrl);
    notify(`Copied a curl command signed now. It works until ${timeOf(signed.expires_at_ms)}, then the server refuses it as expired.`);
  });
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = LANGUAGES.findIndex((l) => l.id === options.language);
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = LANGUAGES[(i + step + LANGUAGES.length) % LANGUAGES.length];
    if (!next) return;
    set({ language: next.id });
    document.getElementById(`code-tab-${next.id}`)?.focus();
  };

  return (
    <section className="panel code-panel" aria-label="Code" data-testid="code-panel">
      <h2>Code</h2>
      <p className="hint">
        This request as a program a developer can run. It computes the timestamp and the signature each time it runs,
        {environment ? ` with the API key and tenant code of “${environment.name}”.` : "."}
      </p>
      <div className="tabs" role="tablist" aria-label="Language" onKeyDown={onTabKey}>
        {LANGUAGES.map((l) => (
          <Button key={l.id} id={`code-tab-${l.id}`} role="tab" aria-selected={options.language === l.id}
            tabIndex={options.language === l.id ? 0 : -1} data-testid={`code-lang-${l.id}`}
            className={options.language === l.id ? "tab active" : "tab"} onClick={() => set({ language: l.id })}>
            {l.label}
          </Button>
        ))}
      </div>
      <fieldset className="code-options">
        <legend className="visually-hidden">Options</legend>
        <div role="radiogroup" aria-label="The API secret" className="code-secret">
          <span className="code-option-label">Secret</span>
          <label>
            <input type="radio" name="code-secret" checked={!options.inlineSecret} onChange={() => set({ inlineSecret: false })} />
            Read from VK_API_SECRET when it runs (recommended)
          </label>
          <label data-testid="code-secret-inline">
            <input type="radio" name="code-secret" checked={options.inlineSecret} onChange={() => set({ inlineSecret: true })} />
            Write the secret into the code
          </label>
        </div>
        {options.inlineSecret && (
          <p className="warning" role="note" data-testid="code-inline-warning">
            The code you copy or save will contain this environment's secret: anyone who has it can call the API as you.
            Send it only to someone who may hold the secret, and never put it in a ticket or a shared folder.
          </p>
        )}
        {options.language === "python" && (
          <div role="radiogroup" aria-label="Python library" className="code-secret">
            <span className="code-option-label">Library</span>
            <label>
              <input type="radio" name="code-python" checked={options.pythonClient === "urllib"} onChange={() => set({ pythonClient: "urllib" })} />
              Standard library only
            </label>
            <label>
              <input type="radio" name="code-python" checked={options.pythonClient === "requests"} onChange={() => set({ pythonClient: "requests" })} />
              requests
            </label>
          </div>
        )}
        <label className="code-address">
          <span className="code-option-label">Server address in the code</span>
          <input type="text" value={options.baseUrl} data-testid="code-base-url" spellCheck={false}
            placeholder={environment ? `${environment.base_url} (this environment's)` : "https://vistarkriya.com"}
            onChange={(e) => set({ baseUrl: e.target.value })} />
        </label>
        {environment?.builtin && !options.baseUrl.trim() && (
          <p className="hint" data-testid="code-sandbox-hint">
            This code calls the practice sandbox inside this app, which only runs while the app is open. For a developer
            elsewhere, switch to their environment or type the real address (https://vistarkriya.com) above.
          </p>
        )}
      </fieldset>
      <div className="code-actions">
        <Button onClick={copy} disabled={busy || !view || !!error} data-testid="code-copy">
          Copy
        </Button>
        <Button variant="secondary" onClick={saveAs} disabled={busy || !view || !!error} data-testid="code-save">
          Save…
        </Button>
        <Button variant="secondary" onClick={presigned} disabled={busy || !!error} data-testid="code-presigned"
          title="A one-line curl command with a signature made now: for a quick try within 5 minutes">
          Copy as curl, signed now (5 minutes)
        </Button>
      </div>
      {error ? (
        <p className="input-error" role="alert" data-testid="code-error">{error}</p>
      ) : view ? (
        <>
          <p className="code-run" data-testid="code-run">
            To run it: <code>{options.inlineSecret ? view.run : `VK_API_SECRET='your API secret' ${view.run}`}</code>
            {options.language === "rust" && " (as src/main.rs of a Cargo project; its dependencies are listed at the top)"}
          </p>
          <Suspense fallback={<div className="code-view" aria-busy="true" />}>
            <CodeView text={view.text} language={options.language} label={`${labelOf(options.language)} code`} />
          </Suspense>
        </>
      ) : (
        <p className="placeholder">Writing the code…</p>
      )}
    </section>
  );
}
