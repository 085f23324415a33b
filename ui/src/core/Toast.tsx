// A short message at the bottom of the window, with an optional action (such as Undo); it goes after a while.
import { useEffect } from "react";
import { Button } from "./Button";

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface ToastMessage {
  text: string;
  action?: ToastAction;
}

export function Toast({ message, onDismiss }: { message: ToastMessage | null; onDismiss: () => void }) {
  useEffect(() => {
    if (!message) return;
    // Long enough to read and reach Undo.
    const timer = setTimeout(onDismiss, message.action ? 10000 : 5000);
    return () => clearTimeout(timer);
  }, [message, onDismiss]);

  if (!message) return null;
  return (
    <div className="toast" role="status" data-testid="toast">
      <span>{message.text}</span>
      {message.action && (
        <Button
          variant="secondary"
          small
          data-testid="toast-action"
          onClick={() => {
            message.action?.run();
            onDismiss();
          }}
        >
          {message.action.label}
        </Button>
      )}
      <Button variant="link" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </Button>
    </div>
  );
}
