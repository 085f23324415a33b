// Unit tests for the response summary formatters.
import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, formatWhen, formatWhenShort, statusTone } from "./format";

describe("formatBytes", () => {
  it("uses B, KB and MB", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
  });
});

describe("formatDuration", () => {
  it("keeps small times readable", () => {
    expect(formatDuration(0.2)).toBe("under 1 ms");
    expect(formatDuration(12.4)).toBe("12 ms");
    expect(formatDuration(1500)).toBe("1.50 s");
  });
});

describe("statusTone", () => {
  it("classes status codes", () => {
    expect(statusTone(200)).toBe("success");
    expect(statusTone(401)).toBe("client-error");
    expect(statusTone(503)).toBe("server-error");
    expect(statusTone(302)).toBe("other");
  });
});

describe("formatWhen", () => {
  it("writes the month in words, day first, so 2 December is never read as 12 February", () => {
    const noon = new Date(2026, 11, 2, 12, 5).getTime();
    const text = formatWhen(noon);
    expect(text).toMatch(/^0?2[ -]Dec[ -]2026, 12:05 pm$/);
    expect(text).not.toContain("12/2");
  });

  it("gives the time alone for today, and the day too otherwise", () => {
    const now = new Date(2026, 11, 2, 18, 0);
    expect(formatWhenShort(new Date(2026, 11, 2, 9, 30, 15).getTime(), now)).toMatch(/^0?9:30:15 am$/);
    expect(formatWhenShort(new Date(2026, 11, 1, 9, 30).getTime(), now)).toMatch(/Dec/);
  });
});
