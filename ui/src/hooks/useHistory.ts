// The history list: search as you type (debounced), filters; a new send comes in at the top, and the list is read
// again when the app says anything else in history changed (lib/changeFeed.ts).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { HistoryFilter } from "../bindings/HistoryFilter";
import type { HistorySummary } from "../bindings/HistorySummary";
import { queries } from "../lib/queries";
import { useDebounced } from "./useDebounced";

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

const NONE: HistorySummary[] = [];

export function useHistory(): HistoryState {
  const [choices, setChoices] = useState<HistoryChoices>(NO_CHOICES);
  const settled = useDebounced(choices, 120);
  // While a new search is read, the last answer stays on screen.
  const read = useQuery({ ...queries.history(filterFor(settled)), placeholderData: keepPreviousData });
  return { items: read.data ?? NONE, choices, setChoices };
}
