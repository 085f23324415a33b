// @vitest-environment jsdom
// The dialog keeps focus inside while it is open (Tab and Shift+Tab go round), Escape closes only the innermost
// one, and focus goes back to what opened it.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Dialog } from "./Dialog";

afterEach(cleanup);

function Page({ onClose, inner = false }: { onClose?: () => void; inner?: boolean }) {
  const [open, setOpen] = useState(false);
  const close = () => {
    onClose?.();
    setOpen(false);
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <button type="button">Behind</button>
      {open && (
        <Dialog labelledBy="t" onClose={close} testId="dialog">
          <h2 id="t">A question</h2>
          <input aria-label="Name" autoFocus />
          <button type="button" disabled>
            Not now
          </button>
          <button type="button">Cancel</button>
          <button type="button" onClick={close}>
            Save
          </button>
          {inner && <Inner />}
        </Dialog>
      )}
    </>
  );
}

function Inner() {
  const [open, setOpen] = useState(true);
  return open ? (
    <Dialog labelledBy="i" onClose={() => setOpen(false)} testId="inner">
      <h2 id="i">Are you sure?</h2>
      <button type="button">Inner yes</button>
    </Dialog>
  ) : null;
}

const focused = () => document.activeElement;

describe("Dialog", () => {
  it("goes round with Tab and Shift+Tab, past disabled controls, never behind the dialog", () => {
    render(<Page />);
    fireEvent.click(screen.getByText("Open"));
    const name = screen.getByLabelText("Name");
    const save = screen.getByText("Save");
    expect(focused()).toBe(name);

    save.focus();
    fireEvent.keyDown(save, { key: "Tab" });
    expect(focused()).toBe(name);

    fireEvent.keyDown(name, { key: "Tab", shiftKey: true });
    expect(focused()).toBe(save);

    // In the middle the browser moves focus itself: the trap leaves it alone.
    const cancel = screen.getByText("Cancel");
    cancel.focus();
    const middle = fireEvent.keyDown(cancel, { key: "Tab" });
    expect(middle).toBe(true);
    expect(focused()).toBe(cancel);
  });

  it("takes focus itself when nothing in it asks for it, so the keyboard reaches it", () => {
    render(
      <Dialog labelledBy="x" onClose={() => undefined} testId="plain">
        <h2 id="x">Only words</h2>
      </Dialog>,
    );
    expect(focused()).toBe(screen.getByTestId("plain"));
    fireEvent.keyDown(screen.getByTestId("plain"), { key: "Tab" });
    expect(focused()).toBe(screen.getByTestId("plain"));
  });

  it("closes on Escape and gives focus back to the button that opened it", () => {
    const onClose = vi.fn();
    render(<Page onClose={onClose} />);
    const opener = screen.getByText("Open");
    opener.focus();
    fireEvent.click(opener);
    expect(focused()).toBe(screen.getByLabelText("Name"));

    fireEvent.keyDown(screen.getByLabelText("Name"), { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("dialog")).toBeNull();
    expect(focused()).toBe(opener);
  });

  it("gives focus back after a button in it closed it, too", () => {
    render(<Page />);
    const opener = screen.getByText("Open");
    opener.focus();
    fireEvent.click(opener);
    screen.getByText("Save").focus();
    fireEvent.click(screen.getByText("Save"));
    expect(screen.queryByTestId("dialog")).toBeNull();
    expect(focused()).toBe(opener);
  });

  it("closes only the innermost dialog on Escape, and keeps Tab inside it", () => {
    const onClose = vi.fn();
    render(<Page onClose={onClose} inner />);
    fireEvent.click(screen.getByText("Open"));
    const yes = screen.getByText("Inner yes");
    yes.focus();
    fireEvent.keyDown(yes, { key: "Tab" });
    expect(focused()).toBe(yes);

    fireEvent.keyDown(yes, { key: "Escape" });
    expect(screen.queryByTestId("inner")).toBeNull();
    expect(screen.getByTestId("dialog")).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
    // Focus is not left behind the dialog that is still open.
    expect(screen.getByTestId("dialog").contains(focused())).toBe(true);
  });
});
