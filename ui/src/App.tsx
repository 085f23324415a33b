// The main window: environment bar on top; the sidebar (history, collections), the request and the answer.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { HistoryOpened } from "./bindings/HistoryOpened";
import type { HistorySummary } from "./bindings/HistorySummary";
import type { SavedRequest } from "./bindings/SavedRequest";
import type { SendInput } from "./bindings/SendInput";
import { BatchView } from "./components/BatchView";
import { CollectionsPanel } from "./components/CollectionsPanel";
import { CommandPalette } from "./components/CommandPalette";
import { CodePanel, DEFAULT_CODE_OPTIONS, type CodeOptions } from "./components/CodePanel";
import { Composer } from "./components/Composer";
import { EnvironmentBar } from "./components/EnvironmentBar";
import { HelpDialog } from "./components/HelpDialog";
import { HistoryPanel } from "./components/HistoryPanel";
import { ResponsePanel, type Shown } from "./components/ResponsePanel";
import { SaveRequestDialog } from "./components/SaveRequestDialog";
import { Sidebar, type SidebarTab } from "./components/Sidebar";
import { TabBar } from "./components/TabBar";
import { TestValuesDialog } from "./components/TestValuesDialog";
import { Button } from "./core/Button";
import { useConfirm, useNotify } from "./core/Notices";
import { useCatalog } from "./hooks/useCatalog";
import { useChangeFeed } from "./hooks/useChangeFeed";
import { useCollections } from "./hooks/useCollections";
import { useEnvironments } from "./hooks/useEnvironments";
import { useHistory } from "./hooks/useHistory";
import { useHotkeys } from "./hooks/useHotkeys";
import { useTabs, type RequestTab } from "./hooks/useTabs";
import { collectionRequestSave, historyOpen, historyRerun, requestSend, toIpcError } from "./lib/api";
import { draftFromEndpoint, draftFromTestValue, headersFromSaved, headersToSaved } from "./lib/draft";
import { formatWhen } from "./lib/format";
import { queries } from "./lib/queries";

function openedNote(opened: HistoryOpened): string {
  const when = formatWhen(opened.summary.sent_at_ms);
  const answer = opened.response ? "" : ` It got no answer (${opened.summary.error_code ?? "unknown reason"}).`;
  return `Opened from history: sent ${when} to ${opened.summary.environment}.${answer} Press Send to send it again.`;
}

/** A send: the composer's request, or one from history sent again. */
type Outgoing = { kind: "draft"; input: SendInput; environment: string } | { kind: "rerun"; item: HistorySummary };

const NONE: string[] = [];

export function App() {
  useChangeFeed();
  const notify = useNotify();
  const confirm = useConfirm();
  const envs = useEnvironments();
  const { endpoints, testValues } = useCatalog();
  const history = useHistory();
  const tree = useCollections();
  const tabs = useTabs();
  const { draft, linked, opened } = tabs.active;
  const setDraft = (next: SendInput) => tabs.update({ draft: next });
  const [showTestValues, setShowTestValues] = useState(false);
  const notices = useQuery(queries.startupNotices()).data ?? NONE;
  const codes = useQuery(queries.errorCodes()).data ?? NONE;
  const [tab, setTab] = useState<SidebarTab>("history");
  const [sidebarShown, setSidebarShown] = useState(true);
  const [saving, setSaving] = useState<SavedRequest | null>(null);
  const [palette, setPalette] = useState(false);
  const [help, setHelp] = useState(false);
  // The Batch screen takes the place of the request and answer columns.
  const [batchOpen, setBatchOpen] = useState(false);
  // The column beside the composer shows the answer or the request as code.
  const [right, setRight] = useState<"response" | "code">("response");
  const [codeOptions, setCodeOptions] = useState<CodeOptions>(DEFAULT_CODE_OPTIONS);
  // How far this computer's clock was from the server's at the last answer, per environment.
  const [clock, setClock] = useState<{ environment: string; diff: number } | null>(null);
  const clockDiff = clock && clock.environment === envs.active?.name ? clock.diff : null;

  const { error, outcome, sending } = tabs.active;
  const shown: Shown | null = opened
    ? opened.response && { response: opened.response, signature: null, hmacChecks: [] }
    : outcome && { response: outcome.response, signature: outcome.signature, hmacChecks: outcome.hmac_checks };

  const go = (p: Outgoing) => {
    setRight("response");
    const environment = p.kind === "draft" ? p.environment : p.item.environment;
    const sent = tabs.run(() => (p.kind === "draft" ? requestSend(p.input) : historyRerun(p.item.id)));
    void sent.then((outcome) => {
      const diff = outcome?.response.clock_difference_secs;
      if (diff !== undefined && diff !== null) setClock({ environment, diff });
    });
  };

  const isProduction = (name: string) => envs.list.some((e) => e.name === name && e.production);
  const request = async (p: Outgoing) => {
    const target = p.kind === "draft" ? p.environment : p.item.environment;
    if (isProduction(target)) {
      const yes = await confirm({
        title: "Send to production?",
        message: `This request goes to “${target}”, the live API: it acts on real accounts and may cost money.`,
        confirmLabel: "Send to production",
        danger: true,
      });
      if (!yes) return;
    }
    go(p);
  };

  const newDraft = (input: SendInput) => tabs.update({ draft: input, linked: null });

  const titleOf = (t: RequestTab) => t.linked?.name ?? titleFor(t.draft);

  const titleFor = (input: SendInput) =>
    endpoints.find((e) => e.method === input.method && e.example_target.split("?")[0] === input.endpoint.split("?")[0])?.title ??
    `${input.method} ${input.endpoint}`;

  const asSaved = (input: SendInput): SavedRequest => ({
    id: 0,
    folder_id: null,
    name: titleFor(input),
    description: "",
    method: input.method,
    endpoint: input.endpoint,
    body: input.body,
    form_values: "{}",
    extra_headers: headersToSaved(input.extra_headers),
  });

  const save = () => {
    if (!linked) {
      setSaving(asSaved(draft));
      return;
    }
    const updated: SavedRequest = {
      ...linked,
      method: draft.method,
      endpoint: draft.endpoint,
      body: draft.body,
      extra_headers: headersToSaved(draft.extra_headers),
    };
    collectionRequestSave(updated).then(
      () => {
        tabs.update({ linked: updated });
        notify(`Saved “${updated.name}”.`);
      },
      (e: unknown) => notify(toIpcError(e).message),
    );
  };

  useHotkeys({
    help: () => setHelp(true),
    save,
    "new-tab": () => tabs.open(),
    "close-tab": () => tabs.close(tabs.active.id),
    palette: () => setPalette(true),
    "toggle-sidebar": () => setSidebarShown((shown) => !shown),
  });

  const openHistory = (id: number, then?: (entry: HistoryOpened) => void) => {
    historyOpen(id).then(
      (entry) => {
        if (then) {
          then(entry);
          return;
        }
        tabs.place(entry.input, { opened: entry, linked: null, outcome: null, error: null });
      },
      (e: unknown) => notify(toIpcError(e).message),
    );
  };

  const openSaved = (r: SavedRequest) => {
    const already = tabs.tabs.find((t) => t.linked?.id === r.id);
    if (already) {
      tabs.select(already.id);
      return;
    }
    const input = { method: r.method, endpoint: r.endpoint, body: r.body, extra_headers: headersFromSaved(r.extra_headers) };
    tabs.place(input, { linked: r, opened: null, outcome: null, error: null });
  };

  return (
    <div className="app">
      <EnvironmentBar state={envs} onHelp={() => setHelp(true)} onBatch={batchOpen ? null : () => setBatchOpen(true)} />
      {notices.map((n) => (
        <div key={n} className="notice" role="status">
          {n}
        </div>
      ))}
      {batchOpen ? (
        <BatchView endpoints={endpoints} tree={tree} environment={envs.active} onBack={() => setBatchOpen(false)} />
      ) : (
      <main className={sidebarShown ? "workspace with-sidebar" : "workspace with-sidebar sidebar-folded"}>
        <Sidebar
          tab={tab}
          onTab={setTab}
          shown={sidebarShown}
          onShown={setSidebarShown}
          history={
            <HistoryPanel
              history={history}
              environments={envs.list.map((e) => e.name)}
              modules={[...new Set(endpoints.map((e) => e.module))]}
              errorCodes={codes}
              onOpen={(id) => openHistory(id)}
              onRerun={(item) => void request({ kind: "rerun", item })}
              onSave={(id) => openHistory(id, (entry) => setSaving(asSaved(entry.input)))}
            />
          }
          collections={<CollectionsPanel tree={tree} onOpen={openSaved} />}
        />
        <div className="middle">
        <TabBar tabs={tabs.tabs} activeId={tabs.active.id} titleOf={titleOf} onSelect={tabs.select} onClose={tabs.close} onNew={() => tabs.open()} />
        <Composer
          key={tabs.active.id}
          draft={draft}
          onDraftChange={setDraft}
          onNewDraft={newDraft}
          endpoints={endpoints}
          sending={sending}
          inputError={error?.kind === "invalid_input" ? error : null}
          onSend={(input) => void request({ kind: "draft", input, environment: envs.active?.name ?? "" })}
          onShowTestValues={() => setShowTestValues(true)}
          onSave={save}
          onOpenPalette={() => setPalette(true)}
          clockDifference={clockDiff}
          savedName={linked?.name ?? null}
        />
        </div>
        <div className="right-column">
          <div className="right-switch" role="tablist" aria-label="Beside the request">
            <Button role="tab" aria-selected={right === "response"} data-testid="show-response" onClick={() => setRight("response")}>
              Response
            </Button>
            <Button role="tab" aria-selected={right === "code"} data-testid="show-code" onClick={() => setRight("code")}
              title="The request as code that signs itself, in PHP, Rust, curl, Python, JavaScript, Java or Go">
              {"</>"} Code
            </Button>
          </div>
          {right === "response" ? (
            <ResponsePanel
              sending={sending}
              shown={shown}
              error={opened || error?.kind === "invalid_input" ? null : error}
              note={opened ? openedNote(opened) : null}
            />
          ) : (
            <CodePanel draft={draft} environment={envs.active} options={codeOptions} onOptions={setCodeOptions} />
          )}
        </div>
      </main>
      )}
      {showTestValues && (
        <TestValuesDialog
          endpoints={endpoints}
          testValues={testValues}
          onUse={(t) => {
            newDraft(draftFromTestValue(t));
            setShowTestValues(false);
          }}
          onClose={() => setShowTestValues(false)}
        />
      )}
      {saving && (
        <SaveRequestDialog
          request={saving}
          tree={tree}
          onClose={() => setSaving(null)}
          onSaved={(saved) => {
            setSaving(null);
            setTab("collections");
            notify(`Saved “${saved.name}” to your collections.`);
            if (saved.method === draft.method && saved.endpoint === draft.endpoint && saved.body === draft.body) tabs.update({ linked: saved });
          }}
        />
      )}
      {palette && (
        <CommandPalette
          endpoints={endpoints}
          tree={tree}
          onEndpoint={(e) => newDraft(draftFromEndpoint(e))}
          onSaved={openSaved}
          onHistory={(id) => openHistory(id)}
          onClose={() => setPalette(false)}
        />
      )}
      {help && <HelpDialog onClose={() => setHelp(false)} />}
    </div>
  );
}
