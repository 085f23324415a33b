// The palette (Ctrl+K): one search box over the API's endpoints, saved requests and history. Arrow keys move,
// Enter opens, Escape closes.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState, type KeyboardEvent } from "react";
import type { Endpoint } from "../bindings/Endpoint";
import type { FolderNode } from "../bindings/FolderNode";
import type { SavedRequest } from "../bindings/SavedRequest";
import { Dialog } from "../core/Dialog";
import { useDebounced } from "../hooks/useDebounced";
import { formatWhen } from "../lib/format";
import { MODULE_NAMES } from "../lib/draft";
import { filterFor, NO_CHOICES } from "../hooks/useHistory";
import { queries } from "../lib/queries";
import { searchEndpoints, searchSaved } from "../lib/search";

interface Props {
  endpoints: Endpoint[];
  tree: FolderNode | null;
  onEndpoint: (e: Endpoint) => void;
  onSaved: (r: SavedRequest) => void;
  onHistory: (id: number) => void;
  onClose: () => void;
}

interface Result {
  key: string;
  group: string;
  label: string;
  detail: string;
  run: () => void;
}

export function CommandPalette({ endpoints, tree, onEndpoint, onSaved, onHistory, onClose }: Props) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  // History is searched by the app (words of the answers too), shortly after the typing stops.
  const words = useDebounced(query.trim(), 120);
  const found = useQuery({
    ...queries.history({ ...filterFor({ ...NO_CHOICES, text: words }), limit: 6 }),
    enabled: words !== "",
    placeholderData: keepPreviousData,
  });
  const history = query.trim() === "" || words === "" ? [] : (found.data ?? []);

  const close = (run: () => void) => () => {
    run();
    onClose();
  };
  const results: Result[] = [
    ...searchEndpoints(endpoints, query).map((e) => ({
      key: `e-${e.id}`,
      group: "Endpoints",
      label: e.title,
      detail: `${MODULE_NAMES[e.module] ?? e.module} · ${e.method} ${e.path}`,
      run: close(() => onEndpoint(e)),
    })),
    ...searchSaved(tree, query).map((r) => ({
      key: `s-${r.id}`,
      group: "Saved requests",
      label: r.name,
      detail: `${r.method} ${r.endpoint}`,
      run: close(() => onSaved(r)),
    })),
    ...history.map((h) => ({
      key: `h-${h.id}`,
      group: "History",
      label: `${h.method} ${h.endpoint}`,
      detail: `${formatWhen(h.sent_at_ms)} · ${h.error_code ?? h.status ?? "no answer"} · ${h.environment}`,
      run: close(() => onHistory(h.id)),
    })),
  ];
  const index = Math.min(active, Math.max(results.length - 1, 0));

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((index + step + results.length) % Math.max(results.length, 1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      results[index]?.run();
    }
  };

  return (
    <Dialog labelledBy="palette-title" onClose={onClose} testId="palette">
      <h2 id="palette-title" className="visually-hidden">
        Find an endpoint, a saved request or a history entry
      </h2>
      <input
        type="search"
        autoFocus
        data-testid="palette-search"
        aria-label="Search endpoints, saved requests and history"
        aria-controls="palette-results"
        aria-activedescendant={results[index] ? `palette-${results[index].key}` : undefined}
        placeholder="What do you want to do? e.g. verify PAN"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="palette-results" id="palette-results" role="listbox" aria-label="Results">
        {results.length === 0 && <li className="placeholder">Nothing found. Try other words, such as “balance” or “GST”.</li>}
        {results.map((r, i) => (
          <li
            key={r.key}
            id={`palette-${r.key}`}
            role="option"
            aria-selected={i === index}
            className={i === index ? "palette-item active" : "palette-item"}
            data-testid="palette-result"
            onMouseEnter={() => setActive(i)}
            onClick={r.run}
          >
            {(i === 0 || results[i - 1]?.group !== r.group) && <span className="palette-group">{r.group}</span>}
            <span className="palette-label">{r.label}</span>
            <span className="palette-detail">{r.detail}</span>
          </li>
        ))}
      </ul>
      <p className="hint">↑ ↓ to move, Enter to open, Esc to close.</p>
    </Dialog>
  );
}
