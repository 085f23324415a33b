// The active environment as the page may see it (never the secret), with actions to change the secret.
import { useCallback, useEffect, useState } from "react";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import type { IpcError } from "../bindings/IpcError";
import { environmentGet, environmentReset, environmentSetSecret, toIpcError } from "../lib/api";

export interface EnvironmentState {
  environment: EnvironmentView | null;
  loadError: IpcError | null;
  setSecret: (secret: string) => Promise<IpcError | null>;
  reset: () => Promise<void>;
}

export function useEnvironment(): EnvironmentState {
  const [environment, setEnvironment] = useState<EnvironmentView | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);

  useEffect(() => {
    environmentGet().then(setEnvironment, (e: unknown) => setLoadError(toIpcError(e)));
  }, []);

  const setSecret = useCallback(async (secret: string) => {
    try {
      setEnvironment(await environmentSetSecret(secret));
      return null;
    } catch (e) {
      return toIpcError(e);
    }
  }, []);

  const reset = useCallback(async () => {
    setEnvironment(await environmentReset());
  }, []);

  return { environment, loadError, setSecret, reset };
}
