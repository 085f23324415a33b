// Ready-made requests for the composer, so a first send needs no typing.
import type { SendInput } from "../bindings/SendInput";

export interface Example {
  label: string;
  input: SendInput;
}

export const EXAMPLES: Example[] = [
  { label: "Wallet balance", input: { method: "GET", endpoint: "/api/v1/wallet/core/balance", body: "" } },
  { label: "Verify a PAN", input: { method: "POST", endpoint: "/api/v1/verify/pan", body: '{"pan":"ABCDE1234F"}' } },
];

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
