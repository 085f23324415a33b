import { describe, expect, it } from "vitest";
import { friendlyTime, rupees, summarise, summariseBody, summariseShallow } from "./summary";

describe("answers in plain words", () => {
  it("puts rupees in Indian grouping", () => {
    expect(rupees(1234567.5)).toBe("₹12,34,567.50");
    expect(rupees(0)).toBe("₹0.00");
  });

  it("summarises a PAN verification with its name match", () => {
    const s = summarise({ pan: "ABCPE1234F", status: "VALID", category: "Individual", registered_name: "Ramesh Kumar",
      aadhaar_seeding_status: "LINKED", name_match_score: 92, name_match_result: "PARTIAL_MATCH" });
    expect(s?.headline).toBe("PAN is valid — Individual — name partly matches (92%)");
    expect(s?.tone).toBe("good");
    expect(s?.facts).toContainEqual({ label: "Name on record", value: "Ramesh Kumar" });
    expect(s?.facts).toContainEqual({ label: "Aadhaar link", value: "Linked" });
  });

  it("says plainly when a verification fails or waits", () => {
    const missing = summarise({ pan: "ABCPE1234X", status: "INVALID", category: null, message: "No PAN with this number exists" });
    expect(missing?.headline).toBe("PAN is invalid");
    expect(missing?.tone).toBe("bad");
    expect(missing?.facts).toContainEqual({ label: "Note", value: "No PAN with this number exists" });
    const pending = summarise({ account_number: "1234567890", ifsc: "SBIN0001234", account_status: "PENDING", bank_name: "State Bank" });
    expect(pending?.headline).toBe("Bank account is pending at the bank");
    expect(pending?.tone).toBe("warn");
    expect(summarise({ dl_number: "MH1220110012345", status: "ACTIVE", name: "Asha Rao" })?.headline).toBe("Driving licence is active");
  });

  it("shows a credit score on its 300-900 scale", () => {
    const s = summarise({ pan: "ABCPE1234F", score: 742, band: "GOOD", bureau: "CIBIL" });
    expect(s?.headline).toBe("Credit score 742 of 900 — Good");
    expect(s?.score).toEqual({ value: 742, min: 300, max: 900 });
    expect(summarise({ score: -1, band: "NO_HISTORY" })?.headline).toBe("No credit history yet");
  });

  it("shows a wallet balance, lists, orders and commission", () => {
    expect(summarise({ balance: 250000, currency: "INR", last_updated: "2026-11-26" })?.headline).toBe("Wallet balance ₹2,50,000.00");
    const list = summarise({ customers: [{}, {}], page: 1, per_page: 2, total: 7, total_pages: 4 });
    expect(list?.headline).toBe("2 customers");
    expect(list?.facts).toContainEqual({ label: "Page", value: "1 of 4 (7 in all)" });
    expect(summarise({ id: "ORD-1", item_id: "X", item_name: "PAN check pack", quantity: 1, amount: 499 })?.headline).toBe("Order ORD-1 placed — ₹499.00");
    const big = summarise({ customers: Array.from({ length: 100000 }, () => ({})), total: 100000 });
    expect(big?.headline).toBe("1,00,000 customers");
    expect(big?.facts).toContainEqual({ label: "Total", value: "1,00,000 in all" });
    expect(summarise({ items: [{}], total: 250, currency: "INR" })?.facts).toContainEqual({ label: "Total", value: "₹250.00" });
    expect(summarise({ this_month: 4210.75, last_month: 6385.2, total: 128460 })?.headline).toBe("Commission this month ₹4,210.75");
  });

  it("names a list's first entries with their money and dates", () => {
    const services = summarise({
      items: [
        { id: "SRV-PAN-100", name: "PAN verification (pack of 100)", price: 500, currency: "INR" },
        { id: "SRV-BANK-200", name: "Bank account verification (pack of 200)", price: 600, currency: "INR" },
        { id: "SRV-GST-300", name: "GST verification (pack of 300)", price: 1200, currency: "INR" },
        { id: "SRV-CIBIL-10", name: "CIBIL reports (pack of 10)", price: 500, currency: "INR" },
      ],
    });
    expect(services?.headline).toBe("4 items");
    expect(services?.facts).toEqual([
      { label: "PAN verification (pack of 100)", value: "₹500.00" },
      { label: "Bank account verification (pack of 200)", value: "₹600.00" },
      { label: "GST verification (pack of 300)", value: "₹1,200.00" },
      { label: "And", value: "1 more, in the body below" },
    ]);
    const txns = summarise({ transactions: [{ id: "TXN-1", date: "2026-05-28", type: "DEBIT", description: "PAN verification", amount: 2829 }] });
    expect(txns?.facts).toEqual([{ label: "PAN verification", value: "Debit · ₹2,829.00 · 2026-05-28" }]);
    const licences = summarise({ licenses: [{ id: "LIC-1001", service: "CIBIL reports", valid_until: "2026-08-15", monthly_fee: 2499 }] });
    expect(licences?.facts).toEqual([{ label: "CIBIL reports", value: "₹2,499.00 · until 2026-08-15" }]);
    const people = summarise({ customers: [{ id: "CUST-0001", name: "Asha Rao" }], page: 1, total: 1, total_pages: 1 });
    expect(people?.facts).toEqual([{ label: "Page", value: "1 of 1 (1 in all)" }, { label: "Asha Rao", value: "CUST-0001" }]);
    // Entries with nothing to name them by (or a large answer's list, known by its length only) add no facts.
    expect(summarise({ items: [{ price: 1 }] })?.facts).toEqual([]);
    expect(summarise({ items: new Array<unknown>(5) })?.facts).toEqual([]);
  });

  it("writes times in words, and leaves other text alone", () => {
    expect(friendlyTime("2026-05-01T10:30:00Z")).toMatch(/2026/);
    expect(friendlyTime("2026-05-01T10:30:00Z")).not.toContain("T10");
    expect(friendlyTime("yesterday")).toBe("yesterday");
  });

  it("reads only success envelopes and unknown shapes give no card", () => {
    expect(summariseBody('{"success":true,"data":{"balance":10}}')?.headline).toBe("Wallet balance ₹10.00");
    expect(summariseBody('{"success":false,"error":{"code":"HMAC_INVALID"}}')).toBeNull();
    expect(summariseBody("not json")).toBeNull();
    expect(summarise({ something: "else" })).toBeNull();
  });

  it("summarises a large answer from the top of its data as the app read it", () => {
    const s = summariseShallow([
      { key: "customers", value: { kind: "list", length: 250000 } },
      { key: "total", value: { kind: "scalar", json: "250000" } },
      { key: "filters", value: { kind: "object" } },
    ]);
    expect(s?.headline).toBe("2,50,000 customers");
    expect(s?.facts).toEqual([{ label: "Total", value: "2,50,000 in all" }]);
    expect(summariseShallow([{ key: "balance", value: { kind: "scalar", json: "15420.5" } }])?.headline).toBe("Wallet balance ₹15,420.50");
    expect(summariseShallow([])).toBeNull();
  });
});
