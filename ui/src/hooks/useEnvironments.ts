// Every environment and the active one (never a secret), refreshed when the app says environments changed.
import { useCallback, useEffect, useState } from "react";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import type { AppError as IpcError } from "../bindings/AppError";
import { environmentSelect, environmentsList, toIpcError } from "../lib/api";
import { useAppEvent } from "./useAppEvent";

export interface EnvironmentsState {
  list: EnvironmentView[];
  active: EnvironmentView | null;
  loadError: IpcError | null;
  select: (id: number) => Promise<void>;
}

export function useEnvironments(): EnvironmentsState {
  const [list, setList] = useState<EnvironmentView[]>([]);
  const [activeId, setActiveId] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const changes = useAppEvent("environments-changed");

  useEffect(() => {
    let current = true;
    environmentsList().then(
      (view) => {
        if (!current) return;
        setList(view.environments);
        setActiveId(view.active_id);
        setLoadError(null);
      },
      (e: unknown) => current && setLoadError(toIpcError(e)),
    );
    return () => {
      current = false;
    };
  }, [changes]);

  const select = useCallback(async (id: number) => {
    try {
      await environmentSelect(id);
    } catch (e) {
      setLoadError(toIpcError(e));
    }
  }, []);

  return { list, active: list.find((e) => e.id === activeId) ?? null, loadError, select };
}
