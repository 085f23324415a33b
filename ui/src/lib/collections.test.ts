import { describe, expect, it } from "vitest";
import type { FolderNode } from "../bindings/FolderNode";
import type { SavedRequest } from "../bindings/SavedRequest";
import { countRequests, foldersOutside, placeOf } from "./collections";

const request = (id: number, folder_id: number | null): SavedRequest => ({
  id,
  folder_id,
  name: `R${id}`,
  description: "",
  method: "GET",
  endpoint: "/api/v1/wallet/core/balance",
  body: "",
  form_values: "{}",
  extra_headers: [],
});

const tree: FolderNode = {
  id: 0,
  name: "Collections",
  requests: [request(1, null)],
  folders: [
    { id: 10, name: "KYC", requests: [request(2, 10), request(3, 10)], folders: [{ id: 11, name: "Banks", folders: [], requests: [request(4, 11)] }] },
    { id: 20, name: "Wallet", requests: [], folders: [] },
  ],
};

describe("collection places", () => {
  it("finds requests and folders at any depth", () => {
    expect(placeOf(tree, { kind: "request", id: 1 })).toEqual({ parent: null, index: 0, siblings: 1 });
    expect(placeOf(tree, { kind: "request", id: 3 })).toEqual({ parent: 10, index: 1, siblings: 2 });
    expect(placeOf(tree, { kind: "request", id: 4 })).toEqual({ parent: 11, index: 0, siblings: 1 });
    expect(placeOf(tree, { kind: "folder", id: 20 })).toEqual({ parent: null, index: 1, siblings: 2 });
    expect(placeOf(tree, { kind: "folder", id: 99 })).toBeNull();
  });

  it("never offers a folder as a place inside itself", () => {
    expect(foldersOutside(tree, 10).map((f) => f.name)).toEqual(["Wallet"]);
    expect(foldersOutside(tree, 20).map((f) => f.name)).toEqual(["KYC", "Banks"]);
  });

  it("counts requests in every folder", () => {
    expect(countRequests(tree)).toBe(4);
  });
});
