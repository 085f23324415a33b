// Sends (or sends again) and keeps the latest outcome or error; ignores answers to superseded sends.
import { useCallback, useRef, useState } from "react";
import type { IpcError } from "../bindings/IpcError";
import type { SendInput } from "../bindings/SendInput";
import type { SendOutcome } from "../bindings/SendOutcome";
import { historyRerun, requestSend, toIpcError } from "../lib/api";

export interface SendState {
  sending: boolean;
  outcome: SendOutcome | null;
  error: IpcError | null;
  /** Resolve to the outcome, or null when the send failed or was superseded. */
  send: (input: SendInput) => Promise<SendOutcome | null>;
  rerun: (historyId: number) => Promise<SendOutcome | null>;
  clear: () => void;
}

export function useSend(): SendState {
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<SendOutcome | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const latest = useRef(0);

  const perform = useCallback(async (work: () => Promise<SendOutcome>): Promise<SendOutcome | null> => {
    const id = ++latest.current;
    setSending(true);
    setError(null);
    try {
      const result = await work();
      if (id !== latest.current) return null;
      setOutcome(result);
      return result;
    } catch (e) {
      if (id === latest.current) {
        setOutcome(null);
        setError(toIpcError(e));
      }
      return null;
    } finally {
      if (id === latest.current) setSending(false);
    }
  }, []);

  const send = useCallback((input: SendInput) => perform(() => requestSend(input)), [perform]);
  const rerun = useCallback((historyId: number) => perform(() => historyRerun(historyId)), [perform]);
  const clear = useCallback(() => {
    latest.current++;
    setSending(false);
    setOutcome(null);
    setError(null);
  }, []);

  return { sending, outcome, error, send, rerun, clear };
}
