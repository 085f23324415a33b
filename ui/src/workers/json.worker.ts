// The JSON tree's worker: parses an answer of any size off the window's thread and hands out rows by range.
import { JsonDoc, type Key, type Row } from "../lib/jsonDoc";
import type { Summary } from "../lib/summary";

export type Request =
  | { id: number; type: "load"; bytes: ArrayBuffer }
  | { id: number; type: "fetch"; url: string }
  | { id: number; type: "rows"; start: number; end: number }
  | { id: number; type: "toggle"; path: Key[] }
  | { id: number; type: "expand"; depth: number }
  | { id: number; type: "collapse" }
  | { id: number; type: "filter"; query: string }
  | { id: number; type: "value"; path: Key[] };

export type Reply =
  | { id: number; type: "loaded"; count: number; summary: Summary | null; error: string | null }
  | { id: number; type: "rows"; start: number; rows: Row[] }
  | { id: number; type: "count"; count: number; capped: boolean; error: string | null }
  | { id: number; type: "value"; text: string };

let doc: JsonDoc | null = null;

function reply(message: Reply) {
  postMessage(message);
}

/** Parses the bytes as JSON without first making them one huge string in this worker's heap (the engine decodes
 * them outside it and lets that text go at once), so less garbage waits for a collection after a large answer. */
async function load(id: number, body: () => Promise<Response>) {
  try {
    doc = new JsonDoc(await (await body()).json());
    reply({ id, type: "loaded", count: doc.count, summary: doc.summary, error: null });
  } catch (e) {
    doc = null;
    reply({ id, type: "loaded", count: 0, summary: null, error: e instanceof Error ? e.message : String(e) });
  }
}

onmessage = (event: MessageEvent<Request>) => {
  const m = event.data;
  if (m.type === "load") {
    void load(m.id, async () => new Response(m.bytes));
    return;
  }
  // A large answer read straight from its file: its bytes never pass through the window's thread.
  if (m.type === "fetch") {
    void load(m.id, async () => {
      const response = await fetch(m.url);
      if (!response.ok) throw new Error(`The answer could not be read back (${response.status}).`);
      return response;
    });
    return;
  }
  if (!doc) return;
  switch (m.type) {
    case "rows":
      reply({ id: m.id, type: "rows", start: m.start, rows: doc.slice(m.start, m.end) });
      break;
    case "toggle":
      doc.toggle(m.path);
      reply({ id: m.id, type: "count", count: doc.count, capped: doc.capped, error: null });
      break;
    case "expand":
      doc.expandTo(m.depth);
      reply({ id: m.id, type: "count", count: doc.count, capped: doc.capped, error: null });
      break;
    case "collapse":
      doc.collapseAll();
      reply({ id: m.id, type: "count", count: doc.count, capped: doc.capped, error: null });
      break;
    case "filter": {
      const error = doc.filter(m.query);
      reply({ id: m.id, type: "count", count: doc.count, capped: doc.capped, error });
      break;
    }
    case "value":
      reply({ id: m.id, type: "value", text: doc.valueText(m.path) });
      break;
  }
};
