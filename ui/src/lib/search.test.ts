import { describe, expect, it } from "vitest";
import type { Endpoint } from "../bindings/Endpoint";
import { matchesWords, searchEndpoints } from "./search";

const e = (id: string, title: string, description = ""): Endpoint => ({
  id, module: id.split(".")[0] ?? "", method: "POST", path: `/api/v1/${id.replace(".", "/")}`, title, description,
  path_params: [], query: [], body: [], example_body: null, example_target: "",
});

describe("search by words", () => {
  it("needs every word, each as the start of a word, in any order and case", () => {
    expect(matchesWords("verify pan", "Verify a PAN")).toBe(true);
    expect(matchesWords("PAN verify", "Verify a PAN")).toBe(true);
    expect(matchesWords("an", "Verify a PAN")).toBe(false);
    expect(matchesWords("gst", "Verify a GSTIN")).toBe(true);
    expect(matchesWords("", "anything")).toBe(true);
  });

  it("puts title matches before description matches", () => {
    const list = [e("cibil.score", "Credit score", "Uses the PAN"), e("verify.pan", "Verify a PAN"), e("wallet.balance", "Wallet balance")];
    expect(searchEndpoints(list, "pan").map((x) => x.id)).toEqual(["verify.pan", "cibil.score"]);
    expect(searchEndpoints(list, "Verify PAN").map((x) => x.id)).toEqual(["verify.pan"]);
    expect(searchEndpoints(list, "")).toHaveLength(3);
  });
});
