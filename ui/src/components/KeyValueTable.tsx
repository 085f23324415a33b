// An editable table of name and value rows (query parameters, extra headers), with add and remove.
import { Button } from "../core/Button";

interface Row {
  name: string;
  value: string;
}

interface Props {
  caption: string;
  rows: Row[];
  onChange: (rows: Row[]) => void;
  namePlaceholder: string;
  testId: string;
}

export function KeyValueTable({ caption, rows, onChange, namePlaceholder, testId }: Props) {
  const set = (i: number, row: Row) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <fieldset className="kv-table" data-testid={testId}>
      <legend>{caption}</legend>
      {rows.map((row, i) => (
        <div className="variable-row" key={i}>
          <input aria-label={`${caption}: name ${i + 1}`} placeholder={namePlaceholder} value={row.name} spellCheck={false}
            onChange={(e) => set(i, { ...row, name: e.target.value })} />
          <input aria-label={`${caption}: value ${i + 1}`} placeholder="value" value={row.value} spellCheck={false}
            onChange={(e) => set(i, { ...row, value: e.target.value })} />
          <Button variant="secondary" small aria-label={`Remove ${row.name || "this row"}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            Remove
          </Button>
        </div>
      ))}
      <Button variant="secondary" small data-testid={`${testId}-add`} onClick={() => onChange([...rows, { name: "", value: "" }])}>
        Add
      </Button>
    </fieldset>
  );
}
