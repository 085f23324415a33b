// The main window: environment bar on top, the request on the left, the answer on the right.
import { EnvironmentBar } from "./components/EnvironmentBar";
import { Composer } from "./components/Composer";
import { ResponsePanel } from "./components/ResponsePanel";
import { useEnvironment } from "./hooks/useEnvironment";
import { useSend } from "./hooks/useSend";

export function App() {
  const env = useEnvironment();
  const { sending, outcome, error, send } = useSend();

  return (
    <div className="app">
      <EnvironmentBar state={env} />
      <main className="workspace">
        <Composer sending={sending} inputError={error?.kind === "invalid_input" ? error : null} onSend={send} />
        <ResponsePanel sending={sending} outcome={outcome} error={error?.kind === "invalid_input" ? null : error} />
      </main>
    </div>
  );
}
