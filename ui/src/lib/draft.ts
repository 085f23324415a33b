// The request being composed, and how a catalog entry or a test value fills it in.
import type { Endpoint } from "../bindings/Endpoint";
import type { SendInput } from "../bindings/SendInput";
import type { TestValue } from "../bindings/TestValue";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export const FIRST_DRAFT: SendInput = { method: "GET", endpoint: "/api/v1/wallet/core/balance", body: "", extra_headers: [] };

export function draftFromEndpoint(e: Endpoint): SendInput {
  return { method: e.method, endpoint: e.example_target, body: e.example_body ?? "", extra_headers: [] };
}

export function draftFromTestValue(t: TestValue): SendInput {
  return { method: t.method, endpoint: t.target, body: t.body, extra_headers: [] };
}

export const MODULE_NAMES: Record<string, string> = {
  wallet: "Wallet",
  cibil: "CIBIL credit reports",
  verify: "Verification",
  marketplace: "Marketplace",
  commission: "Commission",
  customers: "Customers",
};

/** A saved request's headers (name, value pairs) as the composer keeps them, and back. */
export function headersFromSaved(pairs: [string, string][]): SendInput["extra_headers"] {
  return pairs.map(([name, value]) => ({ name, value }));
}

export function headersToSaved(headers: SendInput["extra_headers"]): [string, string][] {
  return headers.filter((h) => h.name.trim() !== "").map((h) => [h.name, h.value]);
}
