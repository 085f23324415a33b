import { describe, expect, it } from "vitest";
import type { Endpoint } from "../bindings/Endpoint";
import type { Field } from "../bindings/Field";
import { buildInput, labelFor, matchEndpoint, valuesFrom } from "./form";

const field = (name: string, kind: Field["kind"] = "string", required = true): Field => ({
  name, kind, validator: null, required, example: "", description: "",
});

const endpoint = (id: string, method: string, path: string, parts: Partial<Endpoint> = {}): Endpoint => ({
  id, module: id.split(".")[0] ?? "", method, path, title: id, description: "", path_params: [], query: [], body: [],
  example_body: null, example_target: path, ...parts,
});

const pan = endpoint("verify.pan", "POST", "/api/v1/verify/pan", { body: [field("pan"), field("name", "string", false)] });
const customer = endpoint("customers.get", "GET", "/api/v1/customers/{id}", { path_params: [field("id")] });
const search = endpoint("customers.search", "GET", "/api/v1/customers/search", { query: [field("q"), field("page", "integer", false)] });
const pay = endpoint("wallet.pay", "POST", "/api/v1/wallet/pay", { body: [field("amount", "number"), field("note", "string", false)] });
const all = [pan, customer, search, pay];

describe("form mode", () => {
  it("labels fields in plain words", () => {
    expect(labelFor("pan")).toBe("PAN");
    expect(labelFor("account_number")).toBe("Account number");
    expect(labelFor("ifsc")).toBe("IFSC");
  });

  it("knows which endpoint a request is, fixed paths first", () => {
    expect(matchEndpoint(all, "POST", "/api/v1/verify/pan")?.id).toBe("verify.pan");
    expect(matchEndpoint(all, "GET", "/api/v1/customers/search?q=ram")?.id).toBe("customers.search");
    expect(matchEndpoint(all, "GET", "/api/v1/customers/CUST-1")?.id).toBe("customers.get");
    expect(matchEndpoint(all, "DELETE", "/api/v1/customers/CUST-1")).toBeNull();
    expect(matchEndpoint(all, "GET", "/api/v1/customers/")).toBeNull();
  });

  it("reads values from the path, the query and the body", () => {
    expect(valuesFrom(customer, { method: "GET", endpoint: "/api/v1/customers/CUST%201", body: "", extra_headers: [] })).toEqual({ id: "CUST 1" });
    expect(valuesFrom(search, { method: "GET", endpoint: "/api/v1/customers/search?q=ram+k&page=2", body: "", extra_headers: [] })).toEqual({ q: "ram k", page: "2" });
    expect(valuesFrom(pay, { method: "POST", endpoint: "/api/v1/wallet/pay", body: '{"amount":12.5}', extra_headers: [] })).toEqual({ amount: "12.5" });
    expect(valuesFrom(pan, { method: "POST", endpoint: "/api/v1/verify/pan", body: "{not json", extra_headers: [] })).toBeNull();
    expect(valuesFrom(pan, { method: "POST", endpoint: "/api/v1/verify/pan", body: "[1]", extra_headers: [] })).toBeNull();
  });

  it("builds the request back, typed, keeping what the catalog does not describe", () => {
    const previous = { method: "POST", endpoint: "/api/v1/wallet/pay?trace=1", body: '{"amount":1,"extra":true}', extra_headers: [] };
    const built = buildInput(pay, { amount: "250", note: "" }, previous);
    expect(built).toEqual({ method: "POST", endpoint: "/api/v1/wallet/pay?trace=1", body: '{"amount":250,"extra":true}', extra_headers: [] });
    // A value that is not a number stays text, so a negative test sends exactly what was typed.
    expect(buildInput(pay, { amount: "12a" }, previous).body).toBe('{"amount":"12a","extra":true}');
    expect(buildInput(customer, { id: "A/B" }, previous).endpoint).toBe("/api/v1/customers/A%2FB?trace=1");
    expect(buildInput(search, { q: "ram k", page: "" }, { ...previous, endpoint: "/x" }).endpoint).toBe("/api/v1/customers/search?q=ram+k");
  });

  it("round-trips a request through the form", () => {
    const input = { method: "POST", endpoint: "/api/v1/verify/pan", body: '{"pan":"ABCDE1234F","name":"Ramesh Kumar"}', extra_headers: [] };
    const values = valuesFrom(pan, input);
    expect(values).not.toBeNull();
    expect(buildInput(pan, values ?? {}, input)).toEqual(input);
  });
});
