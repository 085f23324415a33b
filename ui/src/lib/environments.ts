// Plain words for an environment's secret state, and an editable copy of an environment for the editor.
import type { EnvironmentInput } from "../bindings/EnvironmentInput";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import type { SecretState } from "../bindings/SecretState";

export function secretWords(state: SecretState): string {
  switch (state) {
    case "builtin":
      return "built-in sandbox secret";
    case "system":
      return "saved in the system keyring";
    case "session":
      return "kept for this session only";
    case "missing":
      return "not set yet";
  }
}

/** The same, short enough for the title bar. */
export function secretShort(state: SecretState): string {
  switch (state) {
    case "builtin":
      return "built in";
    case "system":
      return "in the keyring";
    case "session":
      return "this session only";
    case "missing":
      return "not set";
  }
}

export interface VariableRow {
  name: string;
  value: string;
}

export interface EnvironmentForm {
  id: number | null;
  name: string;
  base_url: string;
  api_key: string;
  tenant_code: string;
  colour: string;
  production: boolean;
  variables: VariableRow[];
}

export const NEW_ENVIRONMENT: EnvironmentForm = {
  id: null,
  name: "",
  base_url: "https://",
  api_key: "",
  tenant_code: "",
  colour: "#2563eb",
  production: false,
  variables: [],
};

export function formFrom(env: EnvironmentView): EnvironmentForm {
  return {
    id: env.id,
    name: env.name,
    base_url: env.base_url,
    api_key: env.api_key,
    tenant_code: env.tenant_code,
    colour: env.colour,
    production: env.production,
    variables: Object.entries(env.variables).map(([name, value]) => ({ name, value })),
  };
}

/** What the editor saves: variables without a name are left out; a repeated name keeps its last value. */
export function inputFrom(form: EnvironmentForm): EnvironmentInput {
  const variables: Record<string, string> = {};
  for (const row of form.variables) {
    if (row.name.trim() !== "") variables[row.name.trim()] = row.value;
  }
  return {
    id: form.id,
    name: form.name,
    base_url: form.base_url,
    api_key: form.api_key,
    tenant_code: form.tenant_code,
    colour: form.colour,
    production: form.production,
    variables,
  };
}
