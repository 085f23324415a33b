// A modal dialog: dimmed backdrop, closes on a click outside or Escape, labelled by its heading.
import type { ReactNode } from "react";

interface Props {
  labelledBy: string;
  onClose: () => void;
  wide?: boolean;
  testId?: string;
  children: ReactNode;
}

export function Dialog({ labelledBy, onClose, wide = false, testId, children }: Props) {
  return (
    <div className="dialog-backdrop" role="presentation" onClick={onClose}>
      <div
        className={wide ? "dialog wide" : "dialog"}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        data-testid={testId}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === "Escape" && onClose()}
      >
        {children}
      </div>
    </div>
  );
}
