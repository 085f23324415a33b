// The history list: search as you type (debounced), a status filter, refreshed when the app says history changed.
import { useEffect, useState } from "react";
import type { HistoryFilter } from "../bindings/HistoryFilter";
import type { HistorySummary } from "../bindings/HistorySummary";
import { historyList, onHistoryChanged } from "../lib/api";

export type StatusChoice = "all" | "2" | "4" | "5" | "0";

export interface HistoryState {
  items: HistorySummary[];
  text: string;
  setText: (text: string) => void;
  status: StatusChoice;
  setStatus: (status: StatusChoice) => void;
}

const PAGE = 500;

export function filterFor(text: string, status: StatusChoice): HistoryFilter {
  return {
    text: text.trim() === "" ? null : text,
    environment: null,
    module: null,
    status_class: status === "all" ? null : Number(status),
    error_code: null,
    from_ms: null,
    to_ms: null,
    before_id: null,
    limit: PAGE,
  };
}

export function useHistory(): HistoryState {
  const [items, setItems] = useState<HistorySummary[]>([]);
  const [text, setText] = useState("");
  const [status, setStatus] = useState<StatusChoice>("all");
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    const stop = onHistoryChanged(() => setChanges((n) => n + 1));
    return () => {
      stop.then((unlisten) => unlisten(), () => undefined);
    };
  }, []);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      historyList(filterFor(text, status)).then(
        (rows) => current && setItems(rows),
        () => current && setItems([]),
      );
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, status, changes]);

  return { items, text, setText, status, setStatus };
}
