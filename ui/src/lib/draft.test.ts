// Unit tests for filling the composer from catalog entries and test values.
import { describe, expect, it } from "vitest";
import type { Endpoint } from "../bindings/Endpoint";
import { draftFromEndpoint, draftFromTestValue, headersFromSaved, headersToSaved } from "./draft";

const endpoint: Endpoint = {
  id: "customers.get",
  module: "customers",
  method: "GET",
  path: "/api/v1/customers/{id}",
  title: "A customer",
  description: "One customer record.",
  path_params: [],
  query: [],
  body: [],
  example_body: null,
  example_target: "/api/v1/customers/CUST-0001",
};

describe("drafts", () => {
  it("uses the ready-to-send example target, and no body when there is none", () => {
    expect(draftFromEndpoint(endpoint)).toEqual({ method: "GET", endpoint: "/api/v1/customers/CUST-0001", body: "", extra_headers: [] });
  });
  it("copies a test value's request as it is", () => {
    const tv = {
      endpoint_id: "verify.pan",
      method: "POST",
      target: "/api/v1/verify/pan",
      body: '{"pan":"ABCPE1234X"}',
      outcome: "status = INVALID",
      purpose: "",
      expect_error: null,
      expect_at: null,
    };
    expect(draftFromTestValue(tv)).toEqual({ method: "POST", endpoint: "/api/v1/verify/pan", body: '{"pan":"ABCPE1234X"}', extra_headers: [] });
  });
});

describe("saved headers", () => {
  it("turn into the composer's rows and back, leaving out rows without a name", () => {
    const rows = headersFromSaved([["X-Request-Id", "1"]]);
    expect(rows).toEqual([{ name: "X-Request-Id", value: "1" }]);
    expect(headersToSaved([...rows, { name: " ", value: "x" }])).toEqual([["X-Request-Id", "1"]]);
  });
});
