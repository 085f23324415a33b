// Form mode: which catalog endpoint a request is, the form's values read from it, and the request built back
// from the values, so form and JSON stay in step. Values the catalog does not know are kept as they were.
import type { Endpoint } from "../bindings/Endpoint";
import type { Field } from "../bindings/Field";
import type { SendInput } from "../bindings/SendInput";

export type FormValues = Record<string, string>;

const ACRONYMS: Record<string, string> = {
  pan: "PAN", ifsc: "IFSC", upi: "UPI", gstin: "GSTIN", otp: "OTP", id: "ID", dob: "Date of birth", kyc: "KYC",
};

/** `account_number` → "Account number", `pan` → "PAN". */
export function labelFor(name: string): string {
  const words = name.split("_").map((w) => ACRONYMS[w] ?? w);
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function fieldsOf(e: Endpoint): Field[] {
  return [...e.path_params, ...e.query, ...e.body];
}

function splitTarget(target: string): [string, string] {
  const q = target.indexOf("?");
  return q < 0 ? [target, ""] : [target.slice(0, q), target.slice(q + 1)];
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/** The path parameters of `e` read from `path`, or null when the path is not this endpoint's. */
function pathValues(e: Endpoint, path: string): FormValues | null {
  const pattern = e.path.split("/");
  const parts = path.split("/");
  if (pattern.length !== parts.length) return null;
  const values: FormValues = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? "";
    const part = parts[i] ?? "";
    if (p.startsWith("{") && p.endsWith("}")) {
      if (part === "") return null;
      values[p.slice(1, -1)] = decode(part);
    } else if (p !== part) {
      return null;
    }
  }
  return values;
}

/** The catalog endpoint a request is (same method, path matching its pattern), if any. */
export function matchEndpoint(endpoints: Endpoint[], method: string, target: string): Endpoint | null {
  const [path] = splitTarget(target);
  // Fixed paths first, so /customers/search is never taken for /customers/{id}.
  const candidates = endpoints.filter((e) => e.method === method && pathValues(e, path) !== null);
  return candidates.find((e) => e.path_params.length === 0) ?? candidates[0] ?? null;
}

function parseBody(body: string): Record<string, unknown> | null {
  if (body.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The form's values for `input`, or null when its body is not a JSON object (then only JSON mode can show it). */
export function valuesFrom(e: Endpoint, input: SendInput): FormValues | null {
  const [path, query] = splitTarget(input.endpoint);
  const values = pathValues(e, path);
  const body = parseBody(input.body);
  if (!values || !body) return null;
  const params = new URLSearchParams(query);
  for (const f of e.query) {
    const v = params.get(f.name);
    if (v !== null) values[f.name] = v;
  }
  for (const f of e.body) {
    const v = body[f.name];
    if (v !== undefined && v !== null) values[f.name] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return values;
}

/** A typed JSON value for a field: numbers and true/false unquoted when they are such, else the text as typed. */
function typed(f: Field, text: string): unknown {
  if (f.kind === "integer" && /^-?\d+$/.test(text.trim())) return Number(text);
  if (f.kind === "number" && text.trim() !== "" && Number.isFinite(Number(text))) return Number(text);
  if (f.kind === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

/** The request for `values`, keeping from `previous` whatever the catalog does not describe. */
export function buildInput(e: Endpoint, values: FormValues, previous: SendInput): SendInput {
  let path = e.path;
  for (const f of e.path_params) path = path.replace(`{${f.name}}`, encodeURIComponent(values[f.name] ?? ""));
  const [, oldQuery] = splitTarget(previous.endpoint);
  const params = new URLSearchParams();
  for (const f of e.query) {
    const v = values[f.name] ?? "";
    if (v !== "") params.set(f.name, v);
  }
  for (const [k, v] of new URLSearchParams(oldQuery)) if (!e.query.some((f) => f.name === k)) params.append(k, v);
  const query = params.toString();
  let body = previous.body;
  if (e.body.length > 0) {
    const old = parseBody(previous.body) ?? {};
    const next: Record<string, unknown> = {};
    for (const f of e.body) {
      const v = values[f.name] ?? "";
      if (v !== "") next[f.name] = typed(f, v);
    }
    for (const [k, v] of Object.entries(old)) if (!e.body.some((f) => f.name === k)) next[k] = v;
    body = JSON.stringify(next);
  }
  return { method: e.method, endpoint: query ? `${path}?${query}` : path, body, extra_headers: previous.extra_headers };
}
