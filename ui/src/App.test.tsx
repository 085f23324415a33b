// @vitest-environment jsdom
// The whole window against a stand-in for the app's Rust side: a send shows its answer and comes into history from
// the "vk-change" event (history is not read again); a change of environments is read again; production asks first;
// the shortcuts open the search and the help sheet. The real window is driven end to end in tests/e2e.
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EnvironmentView } from "./bindings/EnvironmentView";
import type { HistorySummary } from "./bindings/HistorySummary";
import type { SendOutcome } from "./bindings/SendOutcome";
import { App } from "./App";
import type { Change } from "./lib/changes";
import { makeQueryClient } from "./lib/queryClient";
import { Providers } from "./Providers";

const sandbox: EnvironmentView = {
  id: 1, name: "Sandbox (built in)", base_url: "http://127.0.0.1:8787", api_key: "vk_sandbox_demo_key", tenant_code: "123456",
  colour: "#b45309", production: false, builtin: true, secret: "builtin", variables: {},
};
const live: EnvironmentView = { ...sandbox, id: 2, name: "Live", base_url: "https://vistarkriya.com", production: true, builtin: false, secret: "system" };

const outcome: SendOutcome = {
  signature: { string_to_sign: "…", headers: [] },
  hmac_checks: [],
  response: {
    status: 200, status_text: "OK", elapsed_ms: 12, size_bytes: 40, headers: [], body_text: '{"success":true}', body_pretty: '{\n  "success": true\n}',
    body_pretty_refused: null, body_complete: true, body_handle: 1, body_kind: "json", content_type: "application/json", api_error: null,
    redirect: null, clock_difference_secs: 0, large_data: null, body_file: null,
  },
};

const sent: HistorySummary = {
  id: 41, sent_at_ms: 1_700_000_000_000, environment: "Sandbox (built in)", module: "wallet", method: "GET",
  endpoint: "/api/v1/wallet/core/balance", status: 200, elapsed_ms: 12, size_bytes: 40, error_code: null,
};

const app = vi.hoisted(() => ({
  state: { environments: [] as EnvironmentView[], active: 1 },
  calls: [] as string[],
  announce: null as ((change: unknown) => void) | null,
  listened: [] as string[],
}));

/** What the app announces after a write, as its Rust side does once the write is done. */
const announce = (change: Change) => act(async () => app.announce?.(change));

vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, handler: (event: { payload: unknown }) => void) => {
    app.listened.push(name);
    app.announce = (payload) => handler({ payload });
    return () => undefined;
  }),
}));

vi.mock("@tauri-apps/api/core", () => ({
  convertFileSrc: (path: string) => path,
  invoke: vi.fn(async (command: string): Promise<unknown> => {
    app.calls.push(command);
    switch (command) {
      case "environments_list":
        return { environments: app.state.environments, active_id: app.state.active };
      case "history_list":
      case "catalog_list":
      case "sandbox_test_values":
      case "startup_notices":
      case "error_codes":
      case "error_explanations":
      case "catalog_check_form":
        return [];
      case "collections_tree":
        return { id: 0, name: "", folders: [], requests: [] };
      case "ui_tabs_get":
      case "ui_tabs_set":
        return null;
      case "request_send":
        return outcome;
      default:
        throw { kind: "internal", message: `no stand-in for ${command}` };
    }
  }),
}));

const count = (command: string) => app.calls.filter((c) => c === command).length;

function open() {
  render(
    <Providers client={makeQueryClient()}>
      <App />
    </Providers>,
  );
}

const switcher = () => screen.getByTestId("environment-switcher") as HTMLSelectElement;

beforeEach(() => {
  app.state = { environments: [sandbox, live], active: 1 };
  app.calls = [];
  app.listened = [];
});

afterEach(cleanup);

describe("the window", () => {
  it("listens to the one change event, and shows a send in history from it without reading history again", async () => {
    open();
    await waitFor(() => expect(switcher().selectedOptions[0]?.textContent).toBe("Sandbox (built in)"));
    expect(app.listened).toEqual(["vk-change"]);
    await waitFor(() => expect(count("history_list")).toBe(1));
    expect(screen.getByText("Requests you send appear here.")).toBeTruthy();

    await act(async () => fireEvent.click(screen.getByTestId("send")));
    await waitFor(() => expect(screen.getByTestId("status").textContent).toBe("200 OK"));
    await announce({ what: "history_added", entry: sent });

    await waitFor(() => expect(screen.queryByText("Requests you send appear here.")).toBeNull());
    expect(screen.getByTestId("history-list")).toBeTruthy();
    expect(count("history_list")).toBe(1);
  });

  it("reads the environments again when the app says they changed", async () => {
    open();
    await waitFor(() => expect(switcher().selectedOptions[0]?.textContent).toBe("Sandbox (built in)"));
    app.state = { environments: [sandbox, { ...live, name: "Training", production: false }], active: 2 };
    await announce({ what: "environments" });
    await waitFor(() => expect(switcher().selectedOptions[0]?.textContent).toBe("Training"));
  });

  it("asks before a send to production, and sends only on yes", async () => {
    app.state = { environments: [sandbox, live], active: 2 };
    open();
    await waitFor(() => expect(screen.getByTestId("production-band")).toBeTruthy());

    fireEvent.click(screen.getByTestId("send"));
    expect((await screen.findByTestId("confirm-dialog")).textContent).toContain("Send to production?");
    fireEvent.click(screen.getByText("Cancel"));
    expect(screen.queryByTestId("confirm-dialog")).toBeNull();
    expect(count("request_send")).toBe(0);

    fireEvent.click(screen.getByTestId("send"));
    await act(async () => fireEvent.click(await screen.findByTestId("confirm-yes")));
    await waitFor(() => expect(count("request_send")).toBe(1));
  });

  it("opens the search with Ctrl+K and the help with F1; Escape closes each", async () => {
    open();
    await waitFor(() => expect(switcher()).toBeTruthy());
    const endpoint = screen.getByTestId("endpoint");
    endpoint.focus();

    fireEvent.keyDown(endpoint, { key: "k", ctrlKey: true });
    const search = await screen.findByTestId("palette-search");
    expect(document.activeElement).toBe(search);
    fireEvent.keyDown(search, { key: "Escape" });
    expect(screen.queryByTestId("palette")).toBeNull();
    expect(document.activeElement).toBe(endpoint);

    fireEvent.keyDown(endpoint, { key: "F1" });
    expect((await screen.findByTestId("help")).textContent).toContain("Ctrl+T / Ctrl+W");
    fireEvent.keyDown(screen.getByText("Close"), { key: "Escape" });
    expect(screen.queryByTestId("help")).toBeNull();

    // Ctrl+T opens a second tab; Ctrl+B folds the sidebar away.
    fireEvent.keyDown(endpoint, { key: "t", ctrlKey: true });
    expect(screen.getAllByTestId("request-tab")).toHaveLength(2);
    fireEvent.keyDown(window, { key: "b", ctrlKey: true });
    expect(screen.getByTestId("sidebar-show")).toBeTruthy();
  });
});
