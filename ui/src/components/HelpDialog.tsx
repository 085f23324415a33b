// The help sheet (F1): the keyboard shortcuts (from the registry that binds them), and every error code of the API
// with what it means and what to do.
import { useQuery } from "@tanstack/react-query";
import { Button } from "../core/Button";
import { Dialog } from "../core/Dialog";
import { HOTKEYS } from "../lib/hotkeys";
import { queries } from "../lib/queries";

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const codes = useQuery(queries.errorExplanations()).data ?? [];
  return (
    <Dialog labelledBy="help-title" onClose={onClose} wide testId="help">
      <h2 id="help-title">Help</h2>
      <h3>Keyboard shortcuts</h3>
      <table className="kv shortcuts">
        <tbody>
          {HOTKEYS.map(({ keys, description }) => (
            <tr key={keys}>
              <th>
                <kbd>{keys}</kbd>
              </th>
              <td>{description}</td>
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
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
