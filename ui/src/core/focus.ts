// Which elements of a dialog take focus, and where Tab goes at its edges: the focus trap's rules, without React.

/** What the keyboard can reach inside a dialog (CodeMirror's editor is a contenteditable). */
const FOCUSABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[contenteditable=true]",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

export function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((e) => !e.closest("[hidden], [inert]"));
}

/**
 * Where Tab (or Shift+Tab) must send focus so it stays in `root`, or null when the browser's own move stays inside.
 * Only the edges are handled: from the last element Tab goes to the first, from the first Shift+Tab to the last,
 * and from anywhere that is not one of them (the dialog itself, or outside it) to the first or the last.
 */
export function trapTarget(root: HTMLElement, active: Element | null, backwards: boolean): HTMLElement | null {
  const all = focusables(root);
  const first = all[0];
  const last = all[all.length - 1];
  if (!first || !last) return root;
  const at = active instanceof HTMLElement ? all.indexOf(active) : -1;
  if (at === -1) return backwards ? last : first;
  if (backwards && at === 0) return last;
  if (!backwards && at === all.length - 1) return first;
  return null;
}
