import { describe, expect, it } from "vitest";
import { queryRows, withQuery } from "./query";

describe("query rows", () => {
  it("reads and writes the query string", () => {
    expect(queryRows("/api/v1/customers?page=2&q=ram+k")).toEqual([{ name: "page", value: "2" }, { name: "q", value: "ram k" }]);
    expect(queryRows("/api/v1/customers")).toEqual([]);
    expect(withQuery("/api/v1/customers?old=1", [{ name: "page", value: "3" }, { name: " ", value: "dropped" }])).toBe("/api/v1/customers?page=3");
    expect(withQuery("/api/v1/customers?page=1", [])).toBe("/api/v1/customers");
    expect(withQuery("/x", [{ name: "q", value: "a&b" }])).toBe("/x?q=a%26b");
  });
});
