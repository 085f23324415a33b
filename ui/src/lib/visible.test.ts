import { describe, expect, it } from "vitest";
import { byteLength, clockPhrase, makeVisible } from "./visible";

describe("the signature inspector's helpers", () => {
  it("marks spaces, tabs and line breaks", () => {
    const pieces = makeVisible('{"pan": "A"}\n');
    expect(pieces.map((p) => p.text).join("")).toBe('{"pan":·"A"}↵\n');
    expect(pieces.filter((p) => p.stands_for).map((p) => p.stands_for)).toEqual(["space", "line break"]);
    expect(makeVisible("a\u00a0b")[1]).toEqual({ text: "⍽", stands_for: "non-breaking space" });
    expect(makeVisible("plain")).toEqual([{ text: "plain" }]);
  });

  it("counts bytes, not characters", () => {
    expect(byteLength("abc")).toBe(3);
    expect(byteLength("नमस्ते")).toBe(18);
  });

  it("says how far the clock is out in plain words", () => {
    expect(clockPhrase(420)).toBe("7 minutes fast");
    expect(clockPhrase(-419)).toBe("7 minutes slow");
    expect(clockPhrase(-125)).toBe("2 minutes 5 seconds slow");
    expect(clockPhrase(1)).toBe("in step with the server");
    expect(clockPhrase(-61)).toBe("1 minute 1 second slow");
  });
});
