// The help sheet (F1): the keyboard shortcuts, and every error code of the API with what it means and what to do.
import { useEffect, useState } from "react";
import type { Explanation } from "../bindings/Explanation";
import { errorExplanations } from "../lib/api";
import { Dialog } from "./core/Dialog";

const SHORTCUTS: [string, string][] = [
  ["Ctrl+Enter", "Send the request"],
  ["Ctrl+S", "Save the request to a collection (in place when it came from one)"],
  ["Ctrl+K", "Search endpoints, saved requests and history"],
  ["Ctrl+T / Ctrl+W", "Open a new request tab / close this one"],
  ["Ctrl+B", "Hide or show history and collections"],
  ["↑ ↓ then Enter", "Move through search results and open one"],
  ["F1", "Open this help"],
  ["Esc", "Close a dialog or the search"],
  ["Tab / Shift+Tab", "Move between controls"],
];

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const [codes, setCodes] = useState<Explanation[]>([]);
  useEffect(() => {
    errorExplanations().then(setCodes, () => setCodes([]));
  }, []);
  return (
    <Dialog labelledBy="help-title" onClose={onClose} wide testId="help">
      <h2 id="help-title">Help</h2>
      <h3>Keyboard shortcuts</h3>
      <table className="kv shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th>
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>What the API's error codes mean</h3>
      <div className="help-codes" data-testid="help-codes">
        {codes.map((c) => (
          <div key={c.code} className="help-code">
            <div className="api-error-head">
              <code>{c.code}</code>
              <strong>{c.title}</strong>
              <span className="hint">HTTP {c.http_status}</span>
            </div>
            <p>{c.meaning}</p>
            <p>
              <span className="label">What to do:</span> {c.next_step}
            </p>
          </div>
        ))}
      </div>
      <div className="dialog-actions">
        <span className="spacer" />
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
