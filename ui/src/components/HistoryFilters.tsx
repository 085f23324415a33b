// The history filters: environment, module, outcome, error code and a date range. Empty means "any".
import { Button } from "../core/Button";
import type { HistoryChoices, StatusChoice } from "../hooks/useHistory";
import { MODULE_NAMES } from "../lib/draft";

interface Props {
  choices: HistoryChoices;
  onChange: (choices: HistoryChoices) => void;
  environments: string[];
  modules: string[];
  errorCodes: string[];
}

export function HistoryFilters({ choices, onChange, environments, modules, errorCodes }: Props) {
  const set = (patch: Partial<HistoryChoices>) => onChange({ ...choices, ...patch });
  return (
    <div className="history-filters" data-testid="history-filters">
      <select aria-label="Outcome" data-testid="history-status" value={choices.status} onChange={(e) => set({ status: e.target.value as StatusChoice })}>
        <option value="all">Any outcome</option>
        <option value="2">Successful</option>
        <option value="4">Refused (4xx)</option>
        <option value="5">Server errors (5xx)</option>
        <option value="0">No answer</option>
      </select>
      <select aria-label="Environment" data-testid="history-environment" value={choices.environment} onChange={(e) => set({ environment: e.target.value })}>
        <option value="">Any environment</option>
        {environments.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <select aria-label="Module" data-testid="history-module" value={choices.module} onChange={(e) => set({ module: e.target.value })}>
        <option value="">Any module</option>
        {modules.map((m) => (
          <option key={m} value={m}>
            {MODULE_NAMES[m] ?? m}
          </option>
        ))}
      </select>
      <select aria-label="Error code" data-testid="history-error-code" value={choices.errorCode} onChange={(e) => set({ errorCode: e.target.value })}>
        <option value="">Any error code</option>
        {errorCodes.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </select>
      <div className="date-range">
        <label>
          <span className="label">From</span>
          <input type="date" aria-label="From date" value={choices.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          <span className="label">To</span>
          <input type="date" aria-label="To date" value={choices.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
      </div>
      <Button
        variant="link"
        onClick={() => onChange({ ...choices, status: "all", environment: "", module: "", errorCode: "", from: "", to: "" })}
      >
        Clear filters
      </Button>
    </div>
  );
}
