// A modal dialog: dimmed backdrop, closes on a click outside or Escape, labelled by its heading. Focus stays inside
// while it is open (Tab and Shift+Tab go round) and goes back to what had it before, once it closes. Rendered into
// <body> so a dialog opened from inside a form is never a form inside a form; events stop at the dialog.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { focusables, trapTarget } from "./focus";

interface Props {
  labelledBy: string;
  onClose: () => void;
  wide?: boolean;
  testId?: string;
  children: ReactNode;
}

export function Dialog({ labelledBy, onClose, wide = false, testId, children }: Props) {
  const box = useRef<HTMLDivElement>(null);
  // What had focus when the dialog opened. Read while rendering: a child's autoFocus takes focus at commit, before
  // any effect could see the opener.
  const [opener] = useState(() => (typeof document === "undefined" ? null : document.activeElement));

  useLayoutEffect(() => {
    const root = box.current;
    if (!root || root.contains(document.activeElement)) return;
    // No child asked for focus: the first control takes it, or the dialog itself, so Escape and Tab reach it.
    (focusables(root)[0] ?? root).focus();
  }, []);

  useEffect(
    () => () => {
      // NOTE: only when focus was lost with the dialog (it is on <body>): whatever took it since (a dialog opened by
      // this one's last action, a click elsewhere) keeps it.
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (!lost) return;
      // Dialogs are added to <body> as they open: the last one still there is the one on top.
      const dialogs = document.querySelectorAll<HTMLElement>("[role=dialog]");
      const top = dialogs[dialogs.length - 1];
      if (opener instanceof HTMLElement && opener !== document.body && opener.isConnected && (!top || top.contains(opener))) {
        opener.focus();
      } else if (top) {
        // The opener went away, or lies behind a dialog still open: focus stays in that dialog.
        (focusables(top)[0] ?? top).focus();
      }
    },
    [opener],
  );

  return createPortal(
    <div className="dialog-backdrop" role="presentation" onClick={onClose}>
      <div
        ref={box}
        className={wide ? "dialog wide" : "dialog"}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        data-testid={testId}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        // React events travel up the component tree, through the portal: keep them in this dialog.
        onSubmit={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            // Only the innermost dialog closes.
            e.stopPropagation();
            onClose();
          } else if (e.key === "Tab" && box.current) {
            // A dialog opened from inside this one handles its own Tab.
            e.stopPropagation();
            const target = trapTarget(box.current, document.activeElement, e.shiftKey);
            if (target) {
              e.preventDefault();
              target.focus();
            }
          }
        }}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
