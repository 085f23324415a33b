// Every keyboard shortcut, in one table: the help sheet lists it, and the key handlers are bound from it (see
// hooks/useHotkeys.ts), so a shortcut cannot work without being listed, or be listed without working.

/** What a shortcut does; the window's handler for each is given by whoever owns it (App, the composer). */
export type HotkeyAction = "send" | "save" | "palette" | "new-tab" | "close-tab" | "toggle-sidebar" | "help";

/** Where a binding listens: the whole window, or only while focus is in the request composer. */
export type HotkeyScope = "window" | "composer";

export interface Binding {
  /** `KeyboardEvent.key`, compared without case. */
  key: string;
  /** Ctrl, or ⌘ on a Mac. */
  mod: boolean;
  action: HotkeyAction;
  scope: HotkeyScope;
}

export interface Hotkey {
  /** As the help sheet shows them. */
  keys: string;
  description: string;
  /** None for keys the controls handle themselves (lists, dialogs, the browser's own Tab). */
  bindings: Binding[];
}

const bind = (key: string, action: HotkeyAction, scope: HotkeyScope = "window", mod = true): Binding => ({ key, mod, action, scope });

export const HOTKEYS: Hotkey[] = [
  { keys: "Ctrl+Enter", description: "Send the request", bindings: [bind("Enter", "send", "composer")] },
  { keys: "Ctrl+S", description: "Save the request to a collection (in place when it came from one)", bindings: [bind("s", "save")] },
  { keys: "Ctrl+K", description: "Search endpoints, saved requests and history", bindings: [bind("k", "palette")] },
  {
    keys: "Ctrl+T / Ctrl+W",
    description: "Open a new request tab / close this one",
    bindings: [bind("t", "new-tab"), bind("w", "close-tab")],
  },
  { keys: "Ctrl+B", description: "Hide or show history and collections", bindings: [bind("b", "toggle-sidebar")] },
  { keys: "↑ ↓ then Enter", description: "Move through search results and open one", bindings: [] },
  { keys: "F1", description: "Open this help", bindings: [bind("F1", "help", "window", false)] },
  { keys: "Esc", description: "Close a dialog or the search", bindings: [] },
  { keys: "Tab / Shift+Tab", description: "Move between controls", bindings: [] },
];

/** The key event as the registry compares it. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** The action a key press in `scope` stands for, if any. F1 and the like need no modifier, and ignore any. */
export function actionFor(press: KeyPress, scope: HotkeyScope, table: Hotkey[] = HOTKEYS): HotkeyAction | null {
  const mod = press.ctrlKey || press.metaKey;
  for (const hotkey of table) {
    for (const b of hotkey.bindings) {
      if (b.scope === scope && (!b.mod || mod) && b.key.toLowerCase() === press.key.toLowerCase()) return b.action;
    }
  }
  return null;
}
