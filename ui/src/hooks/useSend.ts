// Sends the composed request and keeps the latest outcome or error; ignores answers to superseded sends.
import { useCallback, useRef, useState } from "react";
import type { IpcError } from "../bindings/IpcError";
import type { SendInput } from "../bindings/SendInput";
import type { SendOutcome } from "../bindings/SendOutcome";
import { requestSend, toIpcError } from "../lib/api";

export interface SendState {
  sending: boolean;
  outcome: SendOutcome | null;
  error: IpcError | null;
  send: (input: SendInput) => Promise<void>;
}

export function useSend(): SendState {
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<SendOutcome | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const latest = useRef(0);

  const send = useCallback(async (input: SendInput) => {
    const id = ++latest.current;
    setSending(true);
    setError(null);
    try {
      const result = await requestSend(input);
      if (id === latest.current) setOutcome(result);
    } catch (e) {
      if (id === latest.current) {
        setOutcome(null);
        setError(toIpcError(e));
      }
    } finally {
      if (id === latest.current) setSending(false);
    }
  }, []);

  return { sending, outcome, error, send };
}
