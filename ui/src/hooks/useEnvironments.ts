// Every environment and the active one (never a secret), read again when the app says environments changed.
import { useMutation, useQuery } from "@tanstack/react-query";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import type { AppError as IpcError } from "../bindings/AppError";
import { environmentSelect, toIpcError } from "../lib/api";
import { queries } from "../lib/queries";

export interface EnvironmentsState {
  list: EnvironmentView[];
  active: EnvironmentView | null;
  loadError: IpcError | null;
  select: (id: number) => Promise<void>;
}

export function useEnvironments(): EnvironmentsState {
  const read = useQuery(queries.environments());
  // The app announces the new choice, and the list is read again with it.
  const choose = useMutation({ mutationFn: (id: number) => environmentSelect(id) });
  const list = read.data?.environments ?? [];
  const activeId = read.data?.active_id ?? null;
  const failed = choose.error ?? read.error;
  return {
    list,
    active: list.find((e) => e.id === activeId) ?? null,
    loadError: failed ? toIpcError(failed) : null,
    select: async (id) => {
      await choose.mutateAsync(id).catch(() => undefined);
    },
  };
}
