// A modal dialog: dimmed backdrop, closes on a click outside or Escape, labelled by its heading. Rendered into
// <body> so a dialog opened from inside a form is never a form inside a form; events stop at the dialog.
import type { ReactNode } from "react";
import { createPortal } from "react-dom";

interface Props {
  labelledBy: string;
  onClose: () => void;
  wide?: boolean;
  testId?: string;
  children: ReactNode;
}

export function Dialog({ labelledBy, onClose, wide = false, testId, children }: Props) {
  return createPortal(
    <div className="dialog-backdrop" role="presentation" onClick={onClose}>
      <div
        className={wide ? "dialog wide" : "dialog"}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        data-testid={testId}
        onClick={(e) => e.stopPropagation()}
        // React events travel up the component tree, through the portal: keep them in this dialog.
        onSubmit={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key !== "Escape") return;
          // Only the innermost dialog closes.
          e.stopPropagation();
          onClose();
        }}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
