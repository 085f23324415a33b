import { describe, expect, it } from "vitest";
import type { EnvironmentView } from "../bindings/EnvironmentView";
import { formFrom, inputFrom, secretShort, secretWords } from "./environments";

const sandbox: EnvironmentView = {
  id: 1,
  name: "Sandbox (built in)",
  base_url: "http://127.0.0.1:4000",
  api_key: "vk_sandbox_demo_key",
  tenant_code: "123456",
  colour: "#b45309",
  production: false,
  builtin: true,
  secret: "builtin",
  variables: { pan: "ABCPE1234F" },
};

describe("environment editor helpers", () => {
  it("round-trips an environment through the form", () => {
    const input = inputFrom(formFrom(sandbox));
    expect(input.id).toBe(1);
    expect(input.variables).toEqual({ pan: "ABCPE1234F" });
    expect(input.base_url).toBe("http://127.0.0.1:4000");
  });

  it("drops variables without a name and trims names", () => {
    const form = { ...formFrom(sandbox), variables: [{ name: " id ", value: "C-1" }, { name: "  ", value: "lost" }] };
    expect(inputFrom(form).variables).toEqual({ id: "C-1" });
  });

  it("describes every secret state in plain words", () => {
    expect(secretWords("system")).toContain("keyring");
    expect(secretWords("session")).toContain("this session only");
    expect(secretWords("missing")).toBe("not set yet");
    expect(secretWords("builtin")).toContain("sandbox");
    expect(secretShort("missing")).toBe("not set");
    expect(secretShort("session")).toBe("this session only");
  });
});
