// @vitest-environment jsdom
// Messages and questions from anywhere below the provider: a question resolves to the answer given, one at a time.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NoticesProvider, useConfirm, useNotify } from "./Notices";

afterEach(cleanup);

function Asker({ answers }: { answers: boolean[] }) {
  const confirm = useConfirm();
  const notify = useNotify();
  const ask = (title: string) => void confirm({ title, message: "It matters.", confirmLabel: "Go ahead", danger: true }).then((yes) => answers.push(yes));
  return (
    <>
      <button type="button" onClick={() => { ask("First?"); ask("Second?"); }}>Ask</button>
      <button type="button" onClick={() => notify("Deleted “PAN”.", { label: "Undo", run: () => answers.push(false) })}>Tell</button>
    </>
  );
}

describe("NoticesProvider", () => {
  it("asks one question at a time and resolves each to its answer", async () => {
    const answers: boolean[] = [];
    render(<NoticesProvider><Asker answers={answers} /></NoticesProvider>);
    fireEvent.click(screen.getByText("Ask"));
    expect(screen.getByTestId("confirm-dialog").textContent).toContain("First?");
    await act(async () => fireEvent.click(screen.getByTestId("confirm-yes")));
    expect(screen.getByTestId("confirm-dialog").textContent).toContain("Second?");
    await act(async () => fireEvent.click(screen.getByText("Cancel")));
    expect(screen.queryByTestId("confirm-dialog")).toBeNull();
    expect(answers).toEqual([true, false]);
  });

  it("shows a message with its action, which runs once and closes it", () => {
    const answers: boolean[] = [];
    render(<NoticesProvider><Asker answers={answers} /></NoticesProvider>);
    fireEvent.click(screen.getByText("Tell"));
    expect(screen.getByTestId("toast").textContent).toContain("Deleted “PAN”.");
    fireEvent.click(screen.getByTestId("toast-action"));
    expect(answers).toEqual([false]);
    expect(screen.queryByTestId("toast")).toBeNull();
  });
});
