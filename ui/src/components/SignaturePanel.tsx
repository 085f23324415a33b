// What was signed and the four headers that carried the signature. The secret is never part of it.
import type { SignatureView } from "../bindings/SignatureView";

export function SignaturePanel({ signature }: { signature: SignatureView }) {
  return (
    <div className="signature" data-testid="signature-panel">
      <p className="hint">
        The app signed this text with your API secret (HMAC-SHA256) at the moment of sending. The secret itself is never
        sent or shown.
      </p>
      <h3>Text that was signed</h3>
      <pre className="code" data-testid="string-to-sign">
        {signature.string_to_sign}
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
    </div>
  );
}
