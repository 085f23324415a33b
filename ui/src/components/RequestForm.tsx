// Form mode: a field per parameter of the chosen endpoint, with its label, example and help; each value is
// checked as it is typed and the exact reason is shown beside the field.
import type { Endpoint } from "../bindings/Endpoint";
import type { Field } from "../bindings/Field";
import type { FieldProblem } from "../bindings/FieldProblem";
import { fieldsOf, labelFor, type FormValues } from "../lib/form";

/** "character 10 must be…" → "Character 10 must be…". */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Props {
  endpoint: Endpoint;
  values: FormValues;
  problems: FieldProblem[];
  onChange: (values: FormValues) => void;
}

function Input({ field, value, invalid, onChange }: { field: Field; value: string; invalid: boolean; onChange: (v: string) => void }) {
  const common = {
    id: `field-${field.name}`,
    "data-testid": `field-${field.name}`,
    "aria-invalid": invalid,
    "aria-describedby": `field-${field.name}-help field-${field.name}-check`,
  };
  if (field.kind === "boolean") {
    return (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">(not set)</option>
        <option value="true">Yes (true)</option>
        <option value="false">No (false)</option>
      </select>
    );
  }
  return (
    <input
      {...common}
      spellCheck={false}
      autoComplete="off"
      inputMode={field.kind === "string" ? "text" : "decimal"}
      placeholder={field.example ? `e.g. ${field.example}` : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function RequestForm({ endpoint, values, problems, onChange }: Props) {
  const fields = fieldsOf(endpoint);
  if (fields.length === 0) {
    return <p className="hint">This request needs nothing filled in: press Send.</p>;
  }
  return (
    <div className="request-form" data-testid="request-form">
      {fields.map((field) => {
        const value = values[field.name] ?? "";
        const problem = problems.find((p) => p.field === field.name);
        const shown = problem && value.trim() !== "";
        return (
          <div key={field.name} className={shown ? "form-field invalid" : "form-field"}>
            <label htmlFor={`field-${field.name}`}>
              {labelFor(field.name)}
              {field.required ? <span className="required"> (required)</span> : <span className="hint"> (optional)</span>}
            </label>
            <Input field={field} value={value} invalid={!!shown} onChange={(v) => onChange({ ...values, [field.name]: v })} />
            <span id={`field-${field.name}-check`} className="field-check" data-testid={`check-${field.name}`} aria-live="polite">
              {shown ? sentence(problem.reason) : value.trim() !== "" && !problem ? "✓ Looks right" : ""}
            </span>
            <span id={`field-${field.name}-help`} className="hint">
              {field.description}
            </span>
          </div>
        );
      })}
    </div>
  );
}
