// @vitest-environment jsdom
// The whole window against a stand-in for the app's Rust side: a send shows its answer and comes into history from
// the "vk-change" event (history is not read again); a change of environments is read again; production asks first;
// the shortcuts open the search and the help sheet. The real window is driven end to end in tests/e2e.
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EnvironmentView } from "./bindings/EnvironmentView";
import type { HistorySummary } from "./bindings/HistorySummary";
import type { RunView } from "./bindings/RunView";
import type { SendOutcome } from "./bindings/SendOutcome";
import { App } from "./App";
import type { Change } from "./lib/changeFeed";
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

const run = (state: RunView["info"]["state"], active: boolean, success: number): RunView => ({
  info: {
    id: 5, created_ms: 1_700_000_000_000, name: "client PANs.csv", fingerprint: "f", environment: "Sandbox (built in)", target: "verify.pan",
    row_count: 40, rows_to_send: [], rate: 5, concurrency: 4, state, finished_ms: null,
  },
  counts: { success, api_error: 0, not_sent: 0, skipped: 0 },
  active,
});

const app = vi.hoisted(() => ({
  state: { environments: [] as EnvironmentView[], active: 1, runs: [] as RunView[], tabs: null as string | null },
  calls: [] as string[],
  /** The listeners the page has and has not stopped, by event name. */
  listening: new Map<number, { name: string; handler: (event: { payload: unknown }) => void }>(),
  next: 0,
}));

/** What the app announces after a write, as its Rust side does once the write is done. */
const announce = (change: Change) =>
  act(async () => app.listening.forEach((l) => l.name === "vk-change" && l.handler({ payload: change })));

vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, handler: (event: { payload: unknown }) => void) => {
    const id = ++app.next;
    app.listening.set(id, { name, handler });
    return () => app.listening.delete(id);
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
        return app.state.tabs;
      case "ui_tabs_set":
        return null;
      case "request_send":
        return outcome;
      case "batch_runs":
        return app.state.runs;
      case "batch_rows":
        return { total: 0, rows: [] };
      default:
        throw { kind: "internal", message: `no stand-in for ${command}` };
    }
  }),
}));

const count = (command: string) => app.calls.filter((c) => c === command).length;

function open() {
  render(
    <StrictMode>
      <Providers client={makeQueryClient()}>
        <App />
      </Providers>
    </StrictMode>,
  );
}

const switcher = () => screen.getByTestId("environment-switcher") as HTMLSelectElement;

beforeEach(() => {
  app.state = { environments: [sandbox, live], active: 1, runs: [], tabs: null };
  app.calls = [];
  app.listening.clear();
});

afterEach(cleanup);

describe("the window", () => {
  it("listens to the one change event, and shows a send in history from it without reading history again", async () => {
    open();
    await waitFor(() => expect(switcher().selectedOptions[0]?.textContent).toBe("Sandbox (built in)"));
    await waitFor(() => expect([...app.listening.values()].map((l) => l.name)).toEqual(["vk-change"]));
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
    app.state = { environments: [sandbox, { ...live, name: "Training", production: false }], active: 2, runs: [], tabs: null };
    await announce({ what: "environments" });
    await waitFor(() => expect(switcher().selectedOptions[0]?.textContent).toBe("Training"));
  });

  it("asks before a send to production, and sends only on yes", async () => {
    app.state = { environments: [sandbox, live], active: 2, runs: [], tabs: null };
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

  it("shows a run's progress from its events, and reads the runs again when one changes state", async () => {
    app.state.runs = [run("running", true, 0)];
    open();
    fireEvent.click(await screen.findByTestId("open-batch"));
    const item = await screen.findByTestId("batch-run-item");
    await waitFor(() => expect(item.textContent).toContain("0/40 · sending"));
    const reads = count("batch_runs");

    const progress = { counts: { success: 9, api_error: 0, not_sent: 0, skipped: 0 }, total: 40, waiting: 31, rows_per_second: 5, seconds_left: 6, rate_limit: 5, rate_limited: 0 };
    await announce({ what: "batch_run", event: { kind: "progress", run_id: 5, progress } });
    await waitFor(() => expect(screen.getByTestId("batch-run-item").textContent).toContain("9/40 · sending"));
    expect(count("batch_runs")).toBe(reads);

    app.state.runs = [run("finished", false, 40)];
    await announce({ what: "batch_run", event: { kind: "changed", run_id: 5 } });
    await waitFor(() => expect(screen.getByTestId("batch-run-item").textContent).toContain("40/40 · finished"));
  });

  it("opens the tabs of the last run again", async () => {
    const gst = { method: "POST", endpoint: "/api/v1/verify/gst", body: "{}", extra_headers: [] };
    app.state.tabs = JSON.stringify({ active: 1, tabs: [{ draft: gst, linked: null }, { draft: { ...gst, endpoint: "/api/v1/verify/pan" }, linked: null }] });
    open();
    await waitFor(() => expect(screen.getAllByTestId("request-tab")).toHaveLength(2));
    expect((screen.getByTestId("endpoint") as HTMLInputElement).value).toBe("/api/v1/verify/pan");
  });
});
