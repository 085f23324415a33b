// The main window: environment bar on top, the request on the left, the answer on the right.
import { useState } from "react";
import type { SendInput } from "./bindings/SendInput";
import { Composer } from "./components/Composer";
import { EnvironmentBar } from "./components/EnvironmentBar";
import { ResponsePanel } from "./components/ResponsePanel";
import { TestValuesDialog } from "./components/TestValuesDialog";
import { useCatalog } from "./hooks/useCatalog";
import { useEnvironment } from "./hooks/useEnvironment";
import { useSend } from "./hooks/useSend";
import { draftFromTestValue, FIRST_DRAFT } from "./lib/draft";

export function App() {
  const env = useEnvironment();
  const { endpoints, testValues } = useCatalog();
  const { sending, outcome, error, send } = useSend();
  const [draft, setDraft] = useState<SendInput>(FIRST_DRAFT);
  const [showTestValues, setShowTestValues] = useState(false);

  return (
    <div className="app">
      <EnvironmentBar state={env} />
      <main className="workspace">
        <Composer
          draft={draft}
          onDraftChange={setDraft}
          endpoints={endpoints}
          sending={sending}
          inputError={error?.kind === "invalid_input" ? error : null}
          onSend={send}
          onShowTestValues={() => setShowTestValues(true)}
        />
        <ResponsePanel sending={sending} outcome={outcome} error={error?.kind === "invalid_input" ? null : error} />
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
