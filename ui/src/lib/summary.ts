// Answers in plain words: a summary of a successful answer, read from the shape of its data (a verification,
// a wallet balance, a credit score, a list, an order), so staff read the outcome before any JSON.

import type { ShallowField } from "../bindings/ShallowField";

export type Tone = "good" | "bad" | "warn" | "neutral";

export interface Summary {
  tone: Tone;
  headline: string;
  facts: { label: string; value: string }[];
  /** A credit score on its 300–900 scale, drawn as a bar. */
  score?: { value: number; min: number; max: number };
}

type Data = Record<string, unknown>;

const rupeeFormat = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", maximumFractionDigits: 2 });

const countFormat = new Intl.NumberFormat("en-IN");

/** A count with Indian grouping: 100000 → "1,00,000". */
export function count(n: number): string {
  return countFormat.format(n);
}

/** ₹ with Indian grouping: 1234567.5 → "₹12,34,567.50". */
export function rupees(amount: number): string {
  return rupeeFormat.format(amount);
}

/** "2026-05-01T10:30:00Z" → "1 May 2026, 4:00 pm" (this computer's time zone); other text as it is. */
export function friendlyTime(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return text;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toLocaleString("en-IN", { dateStyle: "medium", timeStyle: "short" });
}

const THINGS: [string, string][] = [
  ["pan", "PAN"], ["gstin", "GSTIN"], ["vpa", "UPI ID"], ["account_number", "Bank account"], ["epic_number", "Voter ID"],
  ["dl_number", "Driving licence"], ["passport_number", "Passport"], ["aadhaar", "Aadhaar"],
];

const NAME_KEYS = ["registered_name", "name_at_bank", "account_holder_name", "legal_name", "name"];

function text(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : null;
}

function words(code: string): string {
  const lower = code.toLowerCase().replace(/_/g, " ");
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

function nameMatch(data: Data): string | null {
  const score = data.name_match_score;
  const tier = text(data.name_match_result);
  if (typeof score !== "number" || !tier) return null;
  const how = tier === "EXACT_MATCH" ? "name matches" : tier === "PARTIAL_MATCH" ? "name partly matches" : "name does not match";
  return `${how} (${score}%)`;
}

function verification(data: Data, status: string): Summary | null {
  const thing = THINGS.find(([key]) => key in data)?.[1];
  if (!thing) return null;
  const good = ["VALID", "ACTIVE"].includes(status);
  const pending = status === "PENDING";
  const parts = [`${thing} is ${good ? (status === "ACTIVE" ? "active" : "valid") : pending ? "pending at the bank" : words(status).toLowerCase()}`];
  const category = text(data.category);
  if (category) parts.push(category);
  const match = nameMatch(data);
  if (match) parts.push(match);
  const facts: Summary["facts"] = [];
  const name = NAME_KEYS.map((k) => text(data[k])).find((v) => v);
  if (name) facts.push({ label: "Name on record", value: name });
  for (const [key, label] of [["bank_name", "Bank"], ["aadhaar_seeding_status", "Aadhaar link"], ["message", "Note"]] as const) {
    const v = text(data[key]);
    if (v) facts.push({ label, value: key === "aadhaar_seeding_status" ? words(v) : v });
  }
  return { tone: good ? "good" : pending ? "warn" : "bad", headline: parts.join(" — "), facts };
}

const ITEM_NAME_KEYS = ["name", "service", "description", "title", "id"];
const ITEM_MONEY_KEYS = ["price", "amount", "monthly_fee"];
/** How many of a list's entries a summary names. */
const LISTED = 3;

/** One entry of a list as a fact: its name, then its kind, money and date ("Wallet top-up: Credit · ₹798.00 · 2026-05-28"). */
function listEntry(row: unknown): { label: string; value: string } | null {
  if (typeof row !== "object" || row === null || Array.isArray(row)) return null;
  const r = row as Data;
  const nameKey = ITEM_NAME_KEYS.find((k) => text(r[k]));
  if (!nameKey) return null;
  const parts: string[] = [];
  const kind = text(r.type) ?? text(r.status);
  if (kind) parts.push(words(kind));
  const money = ITEM_MONEY_KEYS.map((k) => r[k]).find((v): v is number => typeof v === "number");
  if (money !== undefined) parts.push(rupees(money));
  const until = text(r.valid_until);
  const when = text(r.date) ?? (until ? `until ${until}` : null);
  if (when) parts.push(friendlyTime(when));
  if (parts.length === 0 && nameKey !== "id" && text(r.id)) parts.push(text(r.id) ?? "");
  return { label: text(r[nameKey]) ?? "", value: parts.join(" · ") };
}

function listOf(data: Data): [string, unknown[]] | null {
  for (const [k, v] of Object.entries(data)) if (Array.isArray(v)) return [k, v];
  return null;
}

/** The summary of a successful answer's `data`, or null when its shape is not one we know. */
export function summarise(data: unknown): Summary | null {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  const d = data as Data;
  const status = text(d.status) ?? text(d.account_status);
  if (status) {
    const v = verification(d, status);
    if (v) return v;
  }
  if (typeof d.score === "number" && text(d.band)) {
    if (d.score < 0) return { tone: "neutral", headline: "No credit history yet", facts: [] };
    return {
      tone: d.score >= 650 ? "good" : d.score >= 550 ? "warn" : "bad",
      headline: `Credit score ${d.score} of 900 — ${words(text(d.band) ?? "")}`,
      facts: text(d.name) ? [{ label: "Name", value: text(d.name) ?? "" }] : [],
      score: { value: d.score, min: 300, max: 900 },
    };
  }
  if (text(d.ref_id) && text(d.message)) return { tone: "good", headline: text(d.message) ?? "", facts: [{ label: "Reference", value: text(d.ref_id) ?? "" }] };
  if (typeof d.balance === "number" && !("service" in d)) {
    return { tone: "neutral", headline: `Wallet balance ${rupees(d.balance)}`, facts: text(d.last_updated) ? [{ label: "Updated", value: friendlyTime(text(d.last_updated) ?? "") }] : [] };
  }
  if (d.deleted === true) return { tone: "good", headline: `Deleted ${text(d.id) ?? ""}`.trim(), facts: [] };
  if (typeof d.amount === "number" && text(d.id)) {
    return { tone: "good", headline: `Order ${text(d.id) ?? ""} placed — ${rupees(d.amount)}`, facts: text(d.item_name) ? [{ label: "Item", value: text(d.item_name) ?? "" }] : [] };
  }
  if (typeof d.charged === "number") {
    return { tone: "good", headline: `${text(d.service) ?? "Licence"} bought — ${rupees(d.charged)}`, facts: [{ label: "Balance now", value: rupees(Number(d.balance)) }] };
  }
  if (typeof d.this_month === "number") {
    return { tone: "neutral", headline: `Commission this month ${rupees(d.this_month)}`, facts: [
      { label: "Last month", value: rupees(Number(d.last_month)) }, { label: "In all", value: rupees(Number(d.total)) }] };
  }
  const list = listOf(d);
  if (list) {
    const [key, rows] = list;
    const facts: Summary["facts"] = [];
    if (typeof d.total === "number" && typeof d.page === "number" && typeof d.total_pages === "number") {
      facts.push({ label: "Page", value: `${d.page} of ${Math.max(d.total_pages, 1)} (${d.total} in all)` });
    }
    if (typeof d.total === "number" && !("page" in d)) {
      facts.push({ label: "Total", value: "currency" in d ? rupees(d.total) : `${count(d.total)} in all` });
    }
    if (typeof d.total_amount === "number") facts.push({ label: "Total", value: rupees(d.total_amount) });
    // The first few entries by name, so "4 items" says what they are.
    const named = Array.from(rows.slice(0, LISTED), (row) => listEntry(row)); // holes (a large answer's list) as null
    if (named.length > 0 && named.every((e) => e !== null)) {
      facts.push(...(named as { label: string; value: string }[]));
      if (rows.length > LISTED) facts.push({ label: "And", value: `${count(rows.length - LISTED)} more, in the body below` });
    }
    return { tone: "neutral", headline: `${count(rows.length)} ${words(key).toLowerCase()}`, facts };
  }
  return null;
}

/** The summary of a whole answer body (a success envelope `{success: true, data}`), or null. */
export function summariseBody(body: string): Summary | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && (parsed as Data).success === true) return summarise((parsed as Data).data);
  } catch {
    return null;
  }
  return null;
}

/** The summary of a large answer from the top of its `data` as the app read it (a list stands for its length). */
export function summariseShallow(fields: ShallowField[]): Summary | null {
  const data: Data = {};
  for (const { key, value } of fields) {
    data[key] = value.kind === "scalar" ? (JSON.parse(value.json) as unknown) : value.kind === "list" ? new Array<unknown>(value.length) : {};
  }
  return summarise(data);
}
