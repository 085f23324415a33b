import { describe, expect, it } from "vitest";
import { FIRST_DRAFT } from "../lib/draft";
import { isBlank, restoreTabs, type RequestTab } from "./useTabs";

const tab = (patch: Partial<RequestTab> = {}): RequestTab => ({
  id: 1, draft: FIRST_DRAFT, linked: null, opened: null, sending: false, outcome: null, error: null, ...patch,
});

describe("request tabs", () => {
  it("restores saved tabs, and starts afresh from a damaged record", () => {
    const saved = restoreTabs(JSON.stringify({ active: 1, tabs: [{ draft: FIRST_DRAFT, linked: null }, { draft: { ...FIRST_DRAFT, body: "{}" }, linked: null }] }));
    expect(saved?.tabs.map((t) => t.draft.body)).toEqual(["", "{}"]);
    expect(saved?.active).toBe(2);
    expect(restoreTabs("{not json")).toBeNull();
    expect(restoreTabs(null)).toBeNull();
  });

  it("knows a tab nobody has used yet", () => {
    expect(isBlank(tab())).toBe(true);
    expect(isBlank(tab({ draft: { ...FIRST_DRAFT, body: "{}" } }))).toBe(false);
    expect(isBlank(tab({ sending: true }))).toBe(false);
  });
});
