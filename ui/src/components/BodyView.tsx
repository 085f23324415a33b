// The body of an answer: as a tree, pretty or raw for JSON; raw for text; size and type for binary bodies. Any body
// can be saved to a file. Large answers open in the tree (built in a worker); their Raw and Pretty views are read a
// screenful at a time, never as one huge block of text.
import { useState } from "react";
import type { ResponseView } from "../bindings/ResponseView";
import { Button } from "../core/Button";
import { useNotify } from "../core/Notices";
import { responseSave, saveDialog, toIpcError } from "../lib/api";
import { formatBytes } from "../lib/format";
import type { Summary } from "../lib/summary";
import { JsonViewer } from "./JsonViewer";
import { LargeTextView } from "./LargeTextView";

type View = "tree" | "pretty" | "raw";

interface Props {
  response: ResponseView;
  onSummary: (summary: Summary | null) => void;
}

export function BodyView({ response, onSummary }: Props) {
  const notify = useNotify();
  const json = response.body_kind === "json";
  const [view, setView] = useState<View>(json && !response.body_complete ? "tree" : json ? "pretty" : "raw");

  async function saveBody() {
    const extension = json ? "json" : response.body_kind === "text" ? "txt" : "bin";
    const path = await saveDialog(`answer.${extension}`);
    if (!path) return;
    try {
      const size = await responseSave(response.body_handle, path);
      notify(`Saved ${formatBytes(size)} to ${path}.`);
    } catch (e) {
      notify(toIpcError(e).message);
    }
  }

  const tools = (
    <div className="row body-tools">
      {json &&
        (["tree", "pretty", "raw"] as const).map((v) => (
          <Button key={v} className={view === v ? "chip active" : "chip"} aria-pressed={view === v} data-testid={`view-${v}`} onClick={() => setView(v)}>
            {v === "tree" ? "Tree" : v === "pretty" ? "Pretty" : "Raw"}
          </Button>
        ))}
      <span className="spacer" />
      {response.body_kind !== "empty" && (
        <Button variant="secondary" small data-testid="save-body" onClick={() => void saveBody()}>
          Save to a file…
        </Button>
      )}
    </div>
  );

  if (response.body_kind === "empty") return <p className="placeholder">(The answer has no body.)</p>;
  if (response.body_kind === "binary") {
    return (
      <>
        {tools}
        <p className="binary-note" data-testid="binary-body">
          This answer is not text: {response.content_type || "unknown type"}, {formatBytes(response.size_bytes)}. Save it to a file to open it.
        </p>
      </>
    );
  }
  return (
    <>
      {tools}
      {view === "tree" && json ? (
        <JsonViewer response={response} onSummary={onSummary} />
      ) : response.body_complete ? (
        <>
          {view === "pretty" && response.body_pretty_refused ? (
            <p className="hint" data-testid="pretty-refused">
              {response.body_pretty_refused}
            </p>
          ) : null}
          <pre className="code" data-testid="response-body">
            {view === "pretty" ? (response.body_pretty ?? response.body_text) : response.body_text}
          </pre>
        </>
      ) : (
        <>
          <p className="hint" data-testid="large-body-note">
            This answer is {formatBytes(response.size_bytes)}, shown a screenful at a time{view === "pretty" ? ", laid out with indentation" : " as it came"}.
          </p>
          <LargeTextView key={`${response.body_handle}-${view}`} handle={response.body_handle} pretty={view === "pretty"} />
        </>
      )}
    </>
  );
}
