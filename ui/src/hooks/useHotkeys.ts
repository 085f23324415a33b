// The window's keyboard shortcuts: one keydown listener, bound once, that runs the latest handler for the action
// the registry (lib/hotkeys.ts) finds for a key. Handlers change on every render; the listener does not.
import { useEffect, useLayoutEffect, useRef } from "react";
import { actionFor, type HotkeyAction } from "../lib/hotkeys";

export type HotkeyHandlers = Partial<Record<HotkeyAction, () => void>>;

export function useHotkeys(handlers: HotkeyHandlers): void {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = actionFor(e, "window");
      const run = action && latest.current[action];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
