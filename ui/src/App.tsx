// The main window: environment bar on top; history, the request and the answer side by side.
import { useEffect, useState } from "react";
import type { HistoryOpened } from "./bindings/HistoryOpened";
import type { SendInput } from "./bindings/SendInput";
import { Composer } from "./components/Composer";
import { EnvironmentBar } from "./components/EnvironmentBar";
import { HistorySidebar } from "./components/HistorySidebar";
import { ResponsePanel, type Shown } from "./components/ResponsePanel";
import { TestValuesDialog } from "./components/TestValuesDialog";
import { useCatalog } from "./hooks/useCatalog";
import { useEnvironment } from "./hooks/useEnvironment";
import { useHistory } from "./hooks/useHistory";
import { useSend } from "./hooks/useSend";
import { historyOpen, startupNotices } from "./lib/api";
import { draftFromTestValue, FIRST_DRAFT } from "./lib/draft";

function openedNote(opened: HistoryOpened): string {
  const when = new Date(opened.summary.sent_at_ms).toLocaleString();
  const answer = opened.response ? "" : ` It got no answer (${opened.summary.error_code ?? "unknown reason"}).`;
  return `Opened from history: sent ${when} to ${opened.summary.environment}.${answer} Press Send to send it again.`;
}

export function App() {
  const env = useEnvironment();
  const { endpoints, testValues } = useCatalog();
  const history = useHistory();
  const { sending, outcome, error, send } = useSend();
  const [draft, setDraft] = useState<SendInput>(FIRST_DRAFT);
  const [showTestValues, setShowTestValues] = useState(false);
  const [opened, setOpened] = useState<HistoryOpened | null>(null);
  const [notices, setNotices] = useState<string[]>([]);

  useEffect(() => {
    startupNotices().then(setNotices, () => setNotices([]));
  }, []);

  const shown: Shown | null = opened
    ? opened.response && { response: opened.response, signature: null }
    : outcome && { response: outcome.response, signature: outcome.signature };

  const sendDraft = (input: SendInput) => {
    setOpened(null);
    void send(input);
  };

  const open = (id: number) => {
    historyOpen(id).then(
      (entry) => {
        setOpened(entry);
        setDraft(entry.input);
      },
      () => undefined,
    );
  };

  return (
    <div className="app">
      <EnvironmentBar state={env} />
      {notices.map((n) => (
        <div key={n} className="notice" role="status">
          {n}
        </div>
      ))}
      <main className="workspace with-sidebar">
        <HistorySidebar history={history} onOpen={open} />
        <Composer
          draft={draft}
          onDraftChange={setDraft}
          endpoints={endpoints}
          sending={sending}
          inputError={error?.kind === "invalid_input" ? error : null}
          onSend={sendDraft}
          onShowTestValues={() => setShowTestValues(true)}
        />
        <ResponsePanel
          sending={sending}
          shown={shown}
          error={opened || error?.kind === "invalid_input" ? null : error}
          note={opened ? openedNote(opened) : null}
        />
      </main>
      {showTestValues && (
        <TestValuesDialog
          endpoints={endpoints}
          testValues={testValues}
          onUse={(t) => {
            setDraft(draftFromTestValue(t));
            setShowTestValues(false);
          }}
          onClose={() => setShowTestValues(false)}
        />
      )}
    </div>
  );
}
