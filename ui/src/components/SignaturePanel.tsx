// The signature inspector: the text that was signed, byte for byte with invisible characters made visible, the
// four headers that carried the signature, and how far this computer's clock is from the server's.
import type { SignatureView } from "../bindings/SignatureView";
import { byteLength, clockPhrase, CLOCK_WARNING_SECS, makeVisible } from "../lib/visible";

interface Props {
  signature: SignatureView;
  clockDifference: number | null;
}

export function SignaturePanel({ signature, clockDifference }: Props) {
  const text = signature.string_to_sign;
  return (
    <div className="signature" data-testid="signature-panel">
      <p className="hint">
        The app signed this text with your API secret (HMAC-SHA256) at the moment of sending: the time, the method, the
        address with its query, then the body. The secret itself is never sent or shown.
      </p>
      <h3>
        Text that was signed <span className="hint">({byteLength(text)} bytes; · is a space, ↵ a line break, → a tab)</span>
      </h3>
      <pre className="code signed-text" data-testid="string-to-sign">
        {makeVisible(text).map((p, i) =>
          p.stands_for ? (
            <span key={i} className="invisible-char" title={p.stands_for}>
              {p.text}
            </span>
          ) : (
            p.text
          ),
        )}
      </pre>
      <h3>Headers added</h3>
      <table className="kv" data-testid="signature-headers">
        <tbody>
          {signature.headers.map((h) => (
            <tr key={h.name}>
              <th>{h.name}</th>
              <td>{h.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Clock</h3>
      {clockDifference === null ? (
        <p className="hint">The server did not say its time (no Date header), so the clocks could not be compared.</p>
      ) : (
        <p className={Math.abs(clockDifference) > CLOCK_WARNING_SECS ? "check bad" : "hint"} data-testid="clock-difference">
          This computer's clock is {clockPhrase(clockDifference)} (measured from the server's Date header). The API
          accepts requests up to 5 minutes either way.
        </p>
      )}
    </div>
  );
}
