// The history list: search as you type (debounced), filters, refreshed when the app says history changed.
import { useEffect, useState } from "react";
import type { HistoryFilter } from "../bindings/HistoryFilter";
import type { HistorySummary } from "../bindings/HistorySummary";
import { historyList } from "../lib/api";
import { useAppEvent } from "./useAppEvent";

export type StatusChoice = "all" | "2" | "4" | "5" | "0";

/** What the user chose in the filter controls; empty strings mean "any". Dates are `YYYY-MM-DD`. */
export interface HistoryChoices {
  text: string;
  status: StatusChoice;
  environment: string;
  module: string;
  errorCode: string;
  from: string;
  to: string;
}

export const NO_CHOICES: HistoryChoices = {
  text: "",
  status: "all",
  environment: "",
  module: "",
  errorCode: "",
  from: "",
  to: "",
};

export interface HistoryState {
  items: HistorySummary[];
  choices: HistoryChoices;
  setChoices: (choices: HistoryChoices) => void;
}

const PAGE = 500;

/** Milliseconds at the start of a local day (`YYYY-MM-DD`), or of the day after when `endOfDay`. */
export function dayToMs(day: string, endOfDay: boolean): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (endOfDay ? 1 : 0));
  // The end of a day is the last millisecond before the next one starts.
  return endOfDay ? date.getTime() - 1 : date.getTime();
}

export function filterFor(c: HistoryChoices): HistoryFilter {
  const orNull = (s: string) => (s.trim() === "" ? null : s);
  return {
    text: orNull(c.text),
    environment: orNull(c.environment),
    module: orNull(c.module),
    status_class: c.status === "all" ? null : Number(c.status),
    error_code: orNull(c.errorCode),
    from_ms: dayToMs(c.from, false),
    to_ms: dayToMs(c.to, true),
    batch_run_id: null,
    before_id: null,
    limit: PAGE,
  };
}

export function activeFilterCount(c: HistoryChoices): number {
  return [c.status !== "all", c.environment, c.module, c.errorCode, c.from, c.to].filter(Boolean).length;
}

export function useHistory(): HistoryState {
  const [items, setItems] = useState<HistorySummary[]>([]);
  const [choices, setChoices] = useState<HistoryChoices>(NO_CHOICES);
  const changes = useAppEvent("history-changed");

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      historyList(filterFor(choices)).then(
        (rows) => current && setItems(rows),
        () => current && setItems([]),
      );
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [choices, changes]);

  return { items, choices, setChoices };
}
