// @vitest-environment jsdom
// Component tests: the form shows each field's reason, the summary card and the error explanations say what the
// app found, in plain words. The validators themselves are Rust's (tested there); here the form shows their words.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApiErrorView } from "../../bindings/ApiErrorView";
import type { Endpoint } from "../../bindings/Endpoint";
import { summarise } from "../../lib/summary";
import { ErrorExplanation } from "../ErrorExplanation";
import { RequestForm } from "../RequestForm";
import { SummaryCard } from "../SummaryCard";

afterEach(cleanup);

const pan: Endpoint = {
  id: "verify.pan", module: "verify", method: "POST", path: "/api/v1/verify/pan", title: "Verify a PAN", description: "",
  path_params: [], query: [],
  body: [
    { name: "pan", kind: "string", validator: "pan", required: true, example: "ABCDE1234F", description: "The 10-character PAN." },
    { name: "name", kind: "string", validator: null, required: false, example: "Ramesh Kumar", description: "A name to compare." },
  ],
  example_body: null, example_target: "/api/v1/verify/pan",
};

const explanation = (code: string) => ({ code, http_status: 401, title: `Title of ${code}`, meaning: "What it means.", next_step: "What to do." });

describe("RequestForm", () => {
  it("labels each field, shows its example and help, and the reason beside a wrong value", () => {
    const onChange = vi.fn();
    render(<RequestForm endpoint={pan} values={{ pan: "ABCDE12345" }} problems={[{ field: "pan", reason: "character 10 must be a capital letter" }]} onChange={onChange} />);
    expect(screen.getByLabelText(/PAN/)).toHaveProperty("value", "ABCDE12345");
    expect(screen.getByTestId("check-pan").textContent).toBe("Character 10 must be a capital letter");
    expect(screen.getByTestId("field-pan").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByPlaceholderText("e.g. Ramesh Kumar")).toBeTruthy();
    expect(screen.getByText("The 10-character PAN.")).toBeTruthy();
    fireEvent.change(screen.getByTestId("field-name"), { target: { value: "Ramesh" } });
    expect(onChange).toHaveBeenCalledWith({ pan: "ABCDE12345", name: "Ramesh" });
  });

  it("says a value looks right, and does not shout about an empty required field", () => {
    render(<RequestForm endpoint={pan} values={{ pan: "ABCPE1234F" }} problems={[]} onChange={() => undefined} />);
    expect(screen.getByTestId("check-pan").textContent).toContain("Looks right");
    cleanup();
    render(<RequestForm endpoint={pan} values={{}} problems={[{ field: "pan", reason: "Fill this in: it is required." }]} onChange={() => undefined} />);
    expect(screen.getByTestId("check-pan").textContent).toBe("");
    expect(screen.getByText("(required)")).toBeTruthy();
  });
});

describe("SummaryCard", () => {
  it("shows the headline, the facts and a credit score's place on its scale", () => {
    const summary = summarise({ pan: "ABCPE1234F", score: 742, band: "GOOD", name: "Ramesh Kumar" });
    if (!summary) throw new Error("a credit score has a summary");
    render(<SummaryCard summary={summary} />);
    expect(screen.getByTestId("summary-headline").textContent).toBe("Credit score 742 of 900 — Good");
    expect(screen.getByLabelText("Score 742 on a scale from 300 to 900")).toBeTruthy();
    expect(screen.getByText("Ramesh Kumar")).toBeTruthy();
  });
});

describe("ErrorExplanation", () => {
  const error = (code: string): ApiErrorView => ({ code, message: "terse", http_status: 401, fields: [], explanation: explanation(code) });

  it("gives the meaning and the next step, and the measured clock for TIMESTAMP_EXPIRED", () => {
    render(<ErrorExplanation error={error("TIMESTAMP_EXPIRED")} clockDifference={-419} />);
    expect(screen.getByTestId("error-title").textContent).toBe("Title of TIMESTAMP_EXPIRED");
    expect(screen.getByTestId("error-next-step").textContent).toContain("What to do.");
    expect(screen.getByTestId("clock-finding").textContent).toContain("7 minutes slow");
  });

  it("lists the usual causes of HMAC_INVALID, each with what was found", () => {
    render(
      <ErrorExplanation
        error={error("HMAC_INVALID")}
        hmacChecks={[
          { cause: "The secret was pasted with a space", status: "suspect", finding: "It starts with a space." },
          { cause: "The method was signed in lower case", status: "fine", finding: "GET was signed as sent." },
        ]}
      />,
    );
    const checks = screen.getByTestId("hmac-checks");
    expect(checks.textContent).toContain("It starts with a space.");
    expect(screen.getByLabelText("likely the cause")).toBeTruthy();
    expect(screen.getByLabelText("not the cause")).toBeTruthy();
    expect(screen.queryByTestId("clock-finding")).toBeNull();
  });

  it("still says something useful for a code this version does not know", () => {
    render(<ErrorExplanation error={{ code: "NEW_CODE", message: "Something new", http_status: 400, fields: [{ field: "pan", reason: "bad" }], explanation: null }} />);
    expect(screen.getByTestId("api-error").textContent).toContain("does not know yet");
    expect(screen.getByText("pan")).toBeTruthy();
  });
});
