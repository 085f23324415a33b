// Messages and questions for the person, from anywhere in the window: `useNotify()` shows a short message (with an
// optional action such as Undo) and `useConfirm()` asks before something that matters, resolving to the answer.
// One provider at the root draws them; no component passes them down as props.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { ConfirmDialog, type Question } from "./ConfirmDialog";
import { Toast, type ToastAction, type ToastMessage } from "./Toast";

export type Notify = (text: string, action?: ToastAction) => void;
export type Confirm = (question: Question) => Promise<boolean>;

export interface Notices {
  notify: Notify;
  confirm: Confirm;
}

export const NoticesContext = createContext<Notices | null>(null);

function useNotices(): Notices {
  const notices = useContext(NoticesContext);
  if (!notices) throw new Error("useNotify and useConfirm need a <NoticesProvider> above them");
  return notices;
}

export function useNotify(): Notify {
  return useNotices().notify;
}

export function useConfirm(): Confirm {
  return useNotices().confirm;
}

interface Asked {
  id: number;
  question: Question;
  answer: (yes: boolean) => void;
}

let asks = 0;

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<ToastMessage | null>(null);
  // Questions wait their turn: one dialog at a time, in the order they were asked.
  const [asked, setAsked] = useState<Asked[]>([]);

  const notify = useCallback<Notify>((text, action) => setToast(action ? { text, action } : { text }), []);
  const confirm = useCallback<Confirm>(
    (question) => new Promise<boolean>((resolve) => setAsked((queue) => [...queue, { id: ++asks, question, answer: resolve }])),
    [],
  );
  const dismiss = useCallback(() => setToast(null), []);
  const notices = useMemo(() => ({ notify, confirm }), [notify, confirm]);
  const current = asked[0];
  const answer = (yes: boolean) => {
    if (!current) return;
    setAsked((queue) => queue.slice(1));
    current.answer(yes);
  };

  return (
    <NoticesContext.Provider value={notices}>
      {children}
      {current && (
        <ConfirmDialog key={current.id} {...current.question} onConfirm={() => answer(true)} onCancel={() => answer(false)} />
      )}
      <Toast message={toast} onDismiss={dismiss} />
    </NoticesContext.Provider>
  );
}
