// Several requests open at once: each tab keeps its own request, where it came from, and its own answer. Sends
// land in the tab that made them. The open tabs are remembered in the data folder for the next start (Aadhaar
// numbers masked, as history keeps them).
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import type { HistoryOpened } from "../bindings/HistoryOpened";
import type { AppError as IpcError } from "../bindings/AppError";
import type { SavedRequest } from "../bindings/SavedRequest";
import type { SendInput } from "../bindings/SendInput";
import type { SendOutcome } from "../bindings/SendOutcome";
import { toIpcError, uiTabsSet } from "../lib/api";
import { FIRST_DRAFT } from "../lib/draft";
import { queries } from "../lib/queries";

export interface RequestTab {
  id: number;
  draft: SendInput;
  linked: SavedRequest | null;
  opened: HistoryOpened | null;
  sending: boolean;
  outcome: SendOutcome | null;
  error: IpcError | null;
}

export interface TabsState {
  tabs: RequestTab[];
  active: RequestTab;
  select: (id: number) => void;
  /** Opens a new tab (with `draft`, or a fresh request) and makes it the active one. */
  open: (draft?: SendInput) => void;
  /** Puts a request in a new tab, or in the active one while that is still a blank, unsent request. */
  place: (draft: SendInput, patch: Partial<RequestTab>) => void;
  close: (id: number) => void;
  /** Changes the active tab. */
  update: (patch: Partial<RequestTab>) => void;
  /** Sends from the active tab; the answer lands in that tab even if another is active by then. */
  run: (work: () => Promise<SendOutcome>) => Promise<SendOutcome | null>;
}

const MAX_TABS = 20;

function blank(id: number, draft: SendInput = FIRST_DRAFT, linked: SavedRequest | null = null): RequestTab {
  return { id, draft, linked, opened: null, sending: false, outcome: null, error: null };
}

/** A tab nobody has used yet: the first request, nothing sent, opened or saved. */
export function isBlank(t: RequestTab): boolean {
  return !t.linked && !t.opened && !t.outcome && !t.error && !t.sending && JSON.stringify(t.draft) === JSON.stringify(FIRST_DRAFT);
}

interface Remembered {
  tabs: { draft: SendInput; linked: SavedRequest | null }[];
  active: number;
}

/** The tabs saved by the last run, or null when there are none (or the record is damaged). */
export function restoreTabs(text: string | null): { tabs: RequestTab[]; active: number } | null {
  try {
    const saved = JSON.parse(text ?? "null") as Remembered | null;
    if (saved && Array.isArray(saved.tabs) && saved.tabs.length > 0) {
      const tabs = saved.tabs.slice(0, MAX_TABS).map((t, i) => blank(i + 1, { ...FIRST_DRAFT, ...t.draft }, t.linked));
      return { tabs, active: tabs[Math.min(Math.max(saved.active, 0), tabs.length - 1)]?.id ?? 1 };
    }
  } catch {
    // A damaged record of open tabs only means starting with one fresh tab.
  }
  return null;
}

export function useTabs(): TabsState {
  const [state, setState] = useState<{ tabs: RequestTab[]; active: number }>({ tabs: [blank(1)], active: 1 });
  const saved = useQuery(queries.savedTabs());
  // The tabs of the last run are put back once, when they arrive, and only while nothing has been touched yet: the
  // person's own work always wins. Until they have arrived (or failed to), nothing is saved over them.
  const [restored, setRestored] = useState(false);
  if (!restored && !saved.isPending) {
    setRestored(true);
    const last = saved.data === undefined ? null : restoreTabs(saved.data);
    if (last && state.tabs.length === 1 && state.tabs[0] && isBlank(state.tabs[0])) setState(last);
  }
  const { tabs } = state;
  const active = tabs.find((t) => t.id === state.active) ?? tabs[0] ?? blank(1);

  useEffect(() => {
    if (!restored) return;
    const record: Remembered = {
      active: tabs.findIndex((t) => t.id === state.active),
      // Aadhaar numbers are masked by the app as it keeps this, as history keeps them.
      tabs: tabs.map((t) => ({ draft: t.draft, linked: t.linked })),
    };
    const timer = setTimeout(() => void uiTabsSet(JSON.stringify(record)).catch(() => undefined), 300);
    return () => clearTimeout(timer);
  }, [tabs, state.active, restored]);

  const patchTab = useCallback((id: number, patch: Partial<RequestTab>) => {
    setState((s) => ({ ...s, tabs: s.tabs.map((t) => (t.id === id ? { ...t, ...patch } : t)) }));
  }, []);

  const select = useCallback((id: number) => setState((s) => ({ ...s, active: id })), []);

  const place = useCallback((draft: SendInput, patch: Partial<RequestTab>) => {
    setState((s) => {
      const current = s.tabs.find((t) => t.id === s.active);
      const reuse = (current && isBlank(current)) || s.tabs.length >= MAX_TABS;
      if (reuse && current) {
        return { ...s, tabs: s.tabs.map((t) => (t.id === current.id ? { ...blank(t.id, draft), ...patch } : t)) };
      }
      const id = Math.max(0, ...s.tabs.map((t) => t.id)) + 1;
      return { tabs: [...s.tabs, { ...blank(id, draft), ...patch }], active: id };
    });
  }, []);

  const open = useCallback((draft?: SendInput) => {
    setState((s) => {
      if (s.tabs.length >= MAX_TABS) return s;
      const id = Math.max(0, ...s.tabs.map((t) => t.id)) + 1;
      return { tabs: [...s.tabs, blank(id, draft)], active: id };
    });
  }, []);

  const close = useCallback((id: number) => {
    setState((s) => {
      const index = s.tabs.findIndex((t) => t.id === id);
      const rest = s.tabs.filter((t) => t.id !== id);
      if (rest.length === 0) return { tabs: [blank(id + 1)], active: id + 1 };
      const next = s.active === id ? (rest[Math.max(0, index - 1)]?.id ?? rest[0]?.id ?? 1) : s.active;
      return { tabs: rest, active: next };
    });
  }, []);

  const update = useCallback((patch: Partial<RequestTab>) => patchTab(state.active, patch), [patchTab, state.active]);

  const run = useCallback(
    async (work: () => Promise<SendOutcome>) => {
      const id = state.active;
      patchTab(id, { sending: true, error: null, opened: null });
      try {
        const outcome = await work();
        patchTab(id, { sending: false, outcome, error: null });
        return outcome;
      } catch (e) {
        patchTab(id, { sending: false, outcome: null, error: toIpcError(e) });
        return null;
      }
    },
    [patchTab, state.active],
  );

  return { tabs, active, select, open, place, close, update, run };
}
