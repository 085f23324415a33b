// The sandbox's test values: an input for every outcome, grouped by endpoint, each one a click away from the composer.
import type { Endpoint } from "../bindings/Endpoint";
import type { TestValue } from "../bindings/TestValue";
import { Button } from "../core/Button";
import { Dialog } from "../core/Dialog";

interface Props {
  endpoints: Endpoint[];
  testValues: TestValue[];
  onUse: (value: TestValue) => void;
  onClose: () => void;
}

export function TestValuesDialog({ endpoints, testValues, onUse, onClose }: Props) {
  const groups = endpoints
    .map((e) => ({ endpoint: e, values: testValues.filter((t) => t.endpoint_id === e.id) }))
    .filter((g) => g.values.length > 0);

  return (
    <Dialog labelledBy="tv-title" onClose={onClose} wide testId="test-values">
      <div className="panel-head">
        <h2 id="tv-title">Sandbox test values</h2>
        <Button variant="secondary" small onClick={onClose}>
          Close
        </Button>
      </div>
      <p>
        The built-in sandbox always answers these inputs the same way, so you can practise every outcome. Choose
        <strong> Use</strong> to put one in the request, then send it.
      </p>
      <div className="tv-list">
        {groups.map(({ endpoint, values }) => (
          <section key={endpoint.id}>
            <h3>{endpoint.title}</h3>
            <table className="kv tv">
              <tbody>
                {values.map((t, i) => (
                  <tr key={`${t.endpoint_id}-${i}`} data-testid="test-value">
                    <td className="tv-purpose">{t.purpose}</td>
                    <td className="tv-input">
                      {t.target !== endpoint.path && <div>{t.target}</div>}
                      {t.body && <div>{t.body}</div>}
                    </td>
                    <td className="tv-outcome">{t.outcome}</td>
                    <td className="tv-use">
                      <Button variant="chip" data-testid="use-test-value" onClick={() => onUse(t)}>
                        Use
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
