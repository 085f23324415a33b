// A question with two answers, for anything that cannot be taken back or goes somewhere that matters.
import { Button } from "./Button";
import { Dialog } from "./Dialog";

/** What to ask: the heading, the consequences in plain words, and the words on the button that goes ahead. */
export interface Question {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
}

interface Props extends Question {
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, message, confirmLabel, danger = false, onConfirm, onCancel }: Props) {
  return (
    <Dialog labelledBy="confirm-title" onClose={onCancel} testId="confirm-dialog">
      <h2 id="confirm-title">{title}</h2>
      <p>{message}</p>
      <div className="dialog-actions">
        <span className="spacer" />
        <Button variant="secondary" onClick={onCancel} autoFocus>
          Cancel
        </Button>
        <Button variant={danger ? "danger" : "primary"} data-testid="confirm-yes" onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
