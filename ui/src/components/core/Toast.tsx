// A short message at the bottom of the window, with an optional action (such as Undo); it goes after a while.
import { useCallback, useEffect, useState } from "react";

export interface ToastMessage {
  text: string;
  action?: { label: string; run: () => void };
}

export function useToast(): [ToastMessage | null, (message: ToastMessage | null) => void] {
  const [message, setMessage] = useState<ToastMessage | null>(null);
  useEffect(() => {
    if (!message) return;
    // Long enough to read and reach Undo.
    const timer = setTimeout(() => setMessage(null), message.action ? 10000 : 5000);
    return () => clearTimeout(timer);
  }, [message]);
  return [message, useCallback((m: ToastMessage | null) => setMessage(m), [])];
}

export function Toast({ message, onDismiss }: { message: ToastMessage | null; onDismiss: () => void }) {
  if (!message) return null;
  return (
    <div className="toast" role="status" data-testid="toast">
      <span>{message.text}</span>
      {message.action && (
        <button
          type="button"
          className="secondary small"
          data-testid="toast-action"
          onClick={() => {
            message.action?.run();
            onDismiss();
          }}
        >
          {message.action.label}
        </button>
      )}
      <button type="button" className="link" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
