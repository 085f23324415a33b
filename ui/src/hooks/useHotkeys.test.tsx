// @vitest-environment jsdom
// The shortcut registry: one keydown listener for the window however often the page draws, always running the
// latest handler; the composer's Ctrl+Enter only in the composer; and the help sheet lists every entry.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HelpDialog } from "../components/HelpDialog";
import { actionFor, HOTKEYS } from "../lib/hotkeys";
import { TestProviders } from "../test/TestProviders";
import { useHotkeys, type HotkeyHandlers } from "./useHotkeys";

vi.mock("../lib/api", () => ({
  errorExplanations: vi.fn(async () => [{ code: "HMAC_INVALID", http_status: 401, title: "The signature was not accepted", meaning: "m", next_step: "n" }]),
}));

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Keys({ handlers }: { handlers: HotkeyHandlers }) {
  useHotkeys(handlers);
  return null;
}

describe("useHotkeys", () => {
  it("binds one listener once, and runs the handler of the latest render", () => {
    const added = vi.spyOn(window, "addEventListener");
    const removed = vi.spyOn(window, "removeEventListener");
    const first = vi.fn();
    const latest = vi.fn();
    const { rerender, unmount } = render(<Keys handlers={{ save: first }} />);
    rerender(<Keys handlers={{ save: vi.fn() }} />);
    rerender(<Keys handlers={{ save: latest, help: vi.fn() }} />);
    expect(added.mock.calls.filter(([type]) => type === "keydown")).toHaveLength(1);

    const press = new KeyboardEvent("keydown", { key: "s", ctrlKey: true, cancelable: true });
    window.dispatchEvent(press);
    expect(latest).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
    expect(press.defaultPrevented).toBe(true);

    // A key nobody handles is left to the page.
    const other = new KeyboardEvent("keydown", { key: "t", ctrlKey: true, cancelable: true });
    window.dispatchEvent(other);
    expect(other.defaultPrevented).toBe(false);

    unmount();
    expect(removed.mock.calls.filter(([type]) => type === "keydown")).toHaveLength(1);
  });

  it("reads F1 without a modifier, letters with Ctrl or ⌘ in any case, Ctrl+Enter only in the composer", () => {
    expect(actionFor({ key: "F1", ctrlKey: false, metaKey: false }, "window")).toBe("help");
    expect(actionFor({ key: "K", ctrlKey: false, metaKey: true }, "window")).toBe("palette");
    expect(actionFor({ key: "k", ctrlKey: false, metaKey: false }, "window")).toBeNull();
    expect(actionFor({ key: "Enter", ctrlKey: true, metaKey: false }, "window")).toBeNull();
    expect(actionFor({ key: "Enter", ctrlKey: true, metaKey: false }, "composer")).toBe("send");
  });

  it("binds each key to one action only", () => {
    const bindings = HOTKEYS.flatMap((h) => h.bindings.map((b) => `${b.scope}:${b.mod}:${b.key.toLowerCase()}`));
    expect(new Set(bindings).size).toBe(bindings.length);
  });
});

describe("the help sheet", () => {
  it("lists every entry of the registry, keys and words", async () => {
    const onClose = vi.fn();
    render(
      <TestProviders>
        <HelpDialog onClose={onClose} />
      </TestProviders>,
    );
    const help = screen.getByTestId("help");
    const rows = within(help).getAllByRole("row");
    expect(rows).toHaveLength(HOTKEYS.length);
    HOTKEYS.forEach((h, i) => {
      expect(rows[i]?.querySelector("kbd")?.textContent).toBe(h.keys);
      expect(rows[i]?.textContent).toContain(h.description);
    });
    expect(await within(help).findByText("HMAC_INVALID")).toBeTruthy();
    fireEvent.keyDown(screen.getByText("Close"), { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
