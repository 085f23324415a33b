import { describe, expect, it } from "vitest";
import { jsonPathOf, JsonDoc, MAX_MATCHES } from "./jsonDoc";

const answer = {
  success: true,
  data: { customers: Array.from({ length: 3 }, (_, i) => ({ id: `CUST-${i}`, name: `Name ${i}`, city: i === 1 ? "Pune" : "Delhi" })), total: 3, page: 1, total_pages: 1 },
};

describe("the JSON tree", () => {
  it("opens the envelope and its data, with lists closed, and a summary", () => {
    const doc = new JsonDoc(answer);
    const rows = doc.slice(0, doc.count);
    expect(rows.map((r) => r.key)).toEqual([null, "success", "data", "customers", "total", "page", "total_pages"]);
    expect(rows[3]?.preview).toBe("[3 items]");
    expect(rows[3]?.expanded).toBe(false);
    expect(doc.summary?.headline).toBe("3 customers");
  });

  it("opens and closes a container", () => {
    const doc = new JsonDoc(answer);
    doc.toggle(["data", "customers"]);
    expect(doc.count).toBe(10);
    doc.toggle(["data", "customers", 1]);
    expect(doc.slice(0, doc.count).some((r) => r.preview === '"Pune"')).toBe(true);
    doc.collapseAll();
    expect(doc.count).toBe(3);
    doc.expandTo(10);
    expect(doc.count).toBe(1 + 2 + 4 + 3 + 3 * 3);
  });

  it("filters by text and by JSONPath", () => {
    const doc = new JsonDoc(answer);
    expect(doc.filter("pune")).toBeNull();
    expect(doc.slice(0, doc.count).map((r) => jsonPathOf(r.path))).toEqual(["$.data.customers[1].city"]);
    expect(doc.filter("$.data.customers[*].id")).toBeNull();
    expect(doc.slice(0, doc.count).map((r) => r.preview)).toEqual(['"CUST-0"', '"CUST-1"', '"CUST-2"']);
    expect(doc.filter("$[?(@.a ==)]")).toMatch(/cannot be read/);
    expect(doc.filter("")).toBeNull();
    expect(doc.count).toBe(7);
  });

  it("caps the matches of a huge document", () => {
    const doc = new JsonDoc({ items: Array.from({ length: MAX_MATCHES + 10 }, () => "x") });
    doc.filter("x");
    expect(doc.count).toBe(MAX_MATCHES);
    expect(doc.capped).toBe(true);
  });

  it("writes paths and values for copying", () => {
    expect(jsonPathOf(["data", "customers", 0, "first name"])).toBe('$.data.customers[0]["first name"]');
    const doc = new JsonDoc(answer);
    expect(doc.valueText(["data", "customers", 0, "id"])).toBe("CUST-0");
    expect(JSON.parse(doc.valueText(["data", "customers", 0]))).toEqual(answer.data.customers[0]);
  });
});

describe("a deeply nested answer", () => {
  const nested = (levels: number): unknown => {
    let v: unknown = [];
    for (let i = 1; i < levels; i++) v = [v];
    return v;
  };

  it("is refused with the reason past 128 levels, without overflowing a stack", () => {
    expect(() => new JsonDoc(nested(200_000))).toThrow("nested more than 128 levels deep");
    expect(() => new JsonDoc(nested(129))).toThrow("Use Raw to read it as it came");
    expect(() => new JsonDoc({ success: true, data: { a: nested(128) } })).toThrow("nested more than 128 levels deep");
  });

  it("is shown, walked and filtered at exactly 128 levels", () => {
    const doc = new JsonDoc(nested(128));
    doc.expandTo(1000);
    expect(doc.count).toBe(128);
    expect(doc.slice(127, 128)[0]?.depth).toBe(127);
    expect(doc.filter("zzz")).toBeNull();
    expect(doc.filter("$..*")).toBeNull();
    expect(doc.count).toBe(127);
  });
});
