// An API error in plain words: the code, what it means, what to do, and any fields that were wrong.
import type { ApiErrorView } from "../bindings/ApiErrorView";

export function ErrorExplanation({ error }: { error: ApiErrorView }) {
  const e = error.explanation;
  return (
    <div className="api-error" role="alert" data-testid="api-error">
      <div className="api-error-head">
        <code data-testid="error-code">{error.code}</code>
        <strong data-testid="error-title">{e ? e.title : error.message}</strong>
      </div>
      {e ? (
        <>
          <p data-testid="error-meaning">{e.meaning}</p>
          <p data-testid="error-next-step">
            <span className="label">What to do:</span> {e.next_step}
          </p>
        </>
      ) : (
        <p>The server sent an error this version of VK Workspace does not know yet. Its message: {error.message}</p>
      )}
      {error.fields.length > 0 && (
        <ul className="field-problems">
          {error.fields.map((f) => (
            <li key={f.field}>
              <strong>{f.field}</strong>: {f.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
