// Checks a form's values with the app's validators (the same ones the sandbox applies) as the user types.
import { useQuery } from "@tanstack/react-query";
import type { FieldProblem } from "../bindings/FieldProblem";
import type { FormValues } from "../lib/form";
import { queries } from "../lib/queries";
import { useDebounced } from "./useDebounced";

const NONE: FieldProblem[] = [];

export function useFormCheck(endpointId: string | null, values: FormValues | null): FieldProblem[] {
  // A key for the values, so a new object with the same values is the same check.
  const key = endpointId && values ? JSON.stringify([endpointId, values]) : null;
  const settled = useDebounced(key, 40);
  const [id, vals] = settled ? (JSON.parse(settled) as [string, FormValues]) : ["", {}];
  const check = useQuery({ ...queries.formCheck(id, vals), enabled: settled !== null });
  // The problems are those of the values on screen, or none while they are being checked.
  return key !== null && key === settled ? (check.data ?? NONE) : NONE;
}
