// Checks a form's values with the app's validators (the same ones the sandbox applies) as the user types.
import { useEffect, useState } from "react";
import type { FieldProblem } from "../bindings/FieldProblem";
import { catalogCheckForm } from "../lib/api";
import type { FormValues } from "../lib/form";

export function useFormCheck(endpointId: string | null, values: FormValues | null): FieldProblem[] {
  // The problems remember which values they are about, so an answer never lands on other values.
  const [checked, setChecked] = useState<{ key: string; problems: FieldProblem[] } | null>(null);
  const key = endpointId && values ? JSON.stringify([endpointId, values]) : null;
  useEffect(() => {
    if (!key) return;
    const [id, vals] = JSON.parse(key) as [string, FormValues];
    let current = true;
    const timer = setTimeout(() => {
      catalogCheckForm(id, vals).then(
        (problems) => current && setChecked({ key, problems }),
        () => current && setChecked({ key, problems: [] }),
      );
    }, 40);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return key && checked?.key === key ? checked.problems : [];
}
