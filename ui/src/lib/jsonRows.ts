// The rows of the JSON tree as the window sees them, and a row's JSONPath: kept apart from the document itself
// (and its JSONPath engine), which only the worker loads.

export type Key = string | number;

export interface Row {
  path: Key[];
  depth: number;
  /** The key or index, or null for the root. */
  key: Key | null;
  kind: "object" | "array" | "string" | "number" | "boolean" | "null";
  /** The value for a leaf; "{3 keys}" or "[12 items]" for a container. */
  preview: string;
  expandable: boolean;
  expanded: boolean;
}

export const MAX_MATCHES = 5000;

/** `$.data.customers[0].name` for a path. */
export function jsonPathOf(path: Key[]): string {
  return "$" + path.map((k) => (typeof k === "number" ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`)).join("");
}
