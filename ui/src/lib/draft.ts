// The request being composed, and how a catalog entry or a test value fills it in.
import type { Endpoint } from "../bindings/Endpoint";
import type { SendInput } from "../bindings/SendInput";
import type { TestValue } from "../bindings/TestValue";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export const FIRST_DRAFT: SendInput = { method: "GET", endpoint: "/api/v1/wallet/core/balance", body: "" };

export function draftFromEndpoint(e: Endpoint): SendInput {
  return { method: e.method, endpoint: e.example_target, body: e.example_body ?? "" };
}

export function draftFromTestValue(t: TestValue): SendInput {
  return { method: t.method, endpoint: t.target, body: t.body };
}

export const MODULE_NAMES: Record<string, string> = {
  wallet: "Wallet",
  cibil: "CIBIL credit reports",
  verify: "Verification",
  marketplace: "Marketplace",
  commission: "Commission",
  customers: "Customers",
};
