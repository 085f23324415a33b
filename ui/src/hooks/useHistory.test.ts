import { describe, expect, it } from "vitest";
import { limitFrom } from "../components/HistorySettingsDialog";
import { activeFilterCount, dayToMs, filterFor, NO_CHOICES } from "./useHistory";

describe("history filters", () => {
  it("sends nothing for empty choices", () => {
    const f = filterFor(NO_CHOICES);
    expect([f.text, f.environment, f.module, f.status_class, f.error_code, f.from_ms, f.to_ms]).toEqual([
      null, null, null, null, null, null, null,
    ]);
    expect(activeFilterCount(NO_CHOICES)).toBe(0);
  });

  it("turns every choice into its filter", () => {
    const choices = { text: "Anil", status: "4" as const, environment: "Training", module: "verify", errorCode: "HMAC_INVALID", from: "2026-11-01", to: "2026-11-26" };
    const f = filterFor(choices);
    expect(f).toMatchObject({ text: "Anil", environment: "Training", module: "verify", status_class: 4, error_code: "HMAC_INVALID" });
    expect(f.from_ms).toBe(new Date(2026, 10, 1).getTime());
    expect(f.to_ms).toBe(new Date(2026, 10, 27).getTime() - 1);
    expect(activeFilterCount(choices)).toBe(6);
  });

  it("reads dates only in the date field's own format", () => {
    expect(dayToMs("26/11/2026", false)).toBeNull();
    expect(dayToMs("", true)).toBeNull();
  });

  it("accepts only whole numbers of at least 1 as retention limits", () => {
    expect(limitFrom("")).toBeNull();
    expect(limitFrom(" 30 ")).toBe(30);
    expect(limitFrom("0")).toBeNaN();
    expect(limitFrom("1.5")).toBeNaN();
    expect(limitFrom("ten")).toBeNaN();
  });
});
