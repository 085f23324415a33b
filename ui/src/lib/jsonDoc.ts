// A JSON document shown as a collapsible tree of rows, for answers of any size: only expanded containers are
// walked, rows are handed out by range, and a filter (by text, or a JSONPath starting with `$`) lists matches.
// Runs inside a Web Worker for large answers, so the window never waits for it.
import { JSONPath } from "jsonpath-plus";
import { jsonPathOf, MAX_MATCHES, type Key, type Row } from "./jsonRows";
import { summarise, type Summary } from "./summary";

export { jsonPathOf, MAX_MATCHES, type Key, type Row };

const PREVIEW_CHARS = 300;

/** The deepest nesting the tree shows (as vk-core's JSON_MAX_DEPTH): every walk here recurses once a level. */
export const MAX_DEPTH = 128;

/** Whether `value` nests arrays and objects deeper than `limit` levels, found without recursion. */
export function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== "object") continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

function kindOf(v: unknown): Row["kind"] {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v === "object" ? "object" : (typeof v as "string" | "number" | "boolean");
}

function preview(v: unknown): string {
  if (Array.isArray(v)) return `[${v.length} item${v.length === 1 ? "" : "s"}]`;
  if (v !== null && typeof v === "object") {
    const n = Object.keys(v).length;
    return `{${n} key${n === 1 ? "" : "s"}}`;
  }
  const text = typeof v === "string" ? JSON.stringify(v) : String(v);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

const pathKey = (path: Key[]) => JSON.stringify(path);

export class JsonDoc {
  private readonly root: unknown;
  private readonly expanded = new Set<string>();
  private rows: Row[] = [];
  private matches: Row[] | null = null;
  private matchesCapped = false;
  readonly summary: Summary | null;

  constructor(value: unknown) {
    this.root = value;
    if (deeperThan(value, MAX_DEPTH)) {
      throw new Error(`This answer is nested more than ${MAX_DEPTH} levels deep, too deep to show as a tree. Use Raw to read it as it came.`);
    }
    // The envelope and its data open at first; lists inside stay closed until asked.
    this.expanded.add(pathKey([]));
    if (value && typeof value === "object" && !Array.isArray(value) && "data" in value) this.expanded.add(pathKey(["data"]));
    const envelope = value as { success?: unknown; data?: unknown } | null;
    this.summary = envelope && typeof envelope === "object" && envelope.success === true ? summarise(envelope.data) : null;
    this.rebuild();
  }

  static parse(text: string): JsonDoc {
    return new JsonDoc(JSON.parse(text) as unknown);
  }

  private valueAt(path: Key[]): unknown {
    let v: unknown = this.root;
    for (const k of path) v = (v as Record<Key, unknown> | null)?.[k];
    return v;
  }

  private row(path: Key[], value: unknown): Row {
    const kind = kindOf(value);
    // An array's length, not its keys: a list of 250,000 items would otherwise make 250,000 strings per row.
    const expandable = Array.isArray(value) ? value.length > 0 : kind === "object" && Object.keys(value as object).length > 0;
    return {
      path,
      depth: path.length,
      key: path.length ? (path[path.length - 1] ?? null) : null,
      kind,
      preview: preview(value),
      expandable,
      expanded: expandable && this.expanded.has(pathKey(path)),
    };
  }

  private rebuild() {
    const out: Row[] = [];
    const walk = (path: Key[], value: unknown) => {
      const row = this.row(path, value);
      out.push(row);
      if (!row.expanded) return;
      if (Array.isArray(value)) value.forEach((v, i) => walk([...path, i], v));
      else for (const [k, v] of Object.entries(value as object)) walk([...path, k], v);
    };
    walk([], this.root);
    this.rows = out;
  }

  /** How many rows are showing (the matches, when a filter is set). */
  get count(): number {
    return (this.matches ?? this.rows).length;
  }

  get capped(): boolean {
    return this.matches !== null && this.matchesCapped;
  }

  slice(start: number, end: number): Row[] {
    return (this.matches ?? this.rows).slice(start, end);
  }

  toggle(path: Key[]) {
    const key = pathKey(path);
    if (this.expanded.has(key)) this.expanded.delete(key);
    else this.expanded.add(key);
    this.rebuild();
  }

  /** Opens every container down to `depth` levels (a whole large document would be millions of rows). */
  expandTo(depth: number) {
    const walk = (path: Key[], value: unknown) => {
      if (path.length >= depth || value === null || typeof value !== "object") return;
      this.expanded.add(pathKey(path));
      if (Array.isArray(value)) value.forEach((v, i) => walk([...path, i], v));
      else for (const [k, v] of Object.entries(value)) walk([...path, k], v);
    };
    walk([], this.root);
    this.rebuild();
  }

  collapseAll() {
    this.expanded.clear();
    this.expanded.add(pathKey([]));
    this.rebuild();
  }

  /** Filters by a JSONPath (`$…`) or by text in keys and values; empty clears it. Returns an error in words. */
  filter(query: string): string | null {
    const q = query.trim();
    this.matches = null;
    this.matchesCapped = false;
    if (q === "") return null;
    const found: Row[] = [];
    if (q.startsWith("$")) {
      let results: { path: string; pointer: string; value: unknown }[];
      try {
        results = JSONPath({ path: q, json: this.root as object, resultType: "all" }) as typeof results;
      } catch (e) {
        return `That JSONPath cannot be read: ${e instanceof Error ? e.message : String(e)}`;
      }
      for (const r of results.slice(0, MAX_MATCHES)) {
        const path = (JSONPath.toPathArray(r.path) as string[]).slice(1).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
        found.push({ ...this.row(path, r.value), expandable: false, expanded: false });
      }
      this.matchesCapped = results.length > MAX_MATCHES;
    } else {
      const needle = q.toLowerCase();
      const walk = (path: Key[], value: unknown) => {
        if (found.length >= MAX_MATCHES) {
          this.matchesCapped = true;
          return;
        }
        const key = path.length ? String(path[path.length - 1]) : "";
        const leaf = value === null || typeof value !== "object";
        if (key.toLowerCase().includes(needle) || (leaf && String(value).toLowerCase().includes(needle))) {
          found.push({ ...this.row(path, value), expandable: false, expanded: false });
        }
        if (leaf) return;
        if (Array.isArray(value)) value.forEach((v, i) => walk([...path, i], v));
        else for (const [k, v] of Object.entries(value as object)) walk([...path, k], v);
      };
      walk([], this.root);
    }
    this.matches = found;
    return null;
  }

  /** The value at `path` as JSON text (pretty), for copying. */
  valueText(path: Key[]): string {
    const v = this.valueAt(path);
    return typeof v === "string" ? v : JSON.stringify(v, null, 2);
  }
}
