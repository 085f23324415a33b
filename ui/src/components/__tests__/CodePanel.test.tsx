// @vitest-environment jsdom
// The Code panel asks the app's Rust side for the code with the options chosen, warns before a secret goes into
// it, and copies through Rust (never with text from the page). The generators themselves are tested in Rust.
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { EnvironmentView } from "../../bindings/EnvironmentView";
import type { SnippetInput } from "../../bindings/SnippetInput";
import { TestProviders } from "../../test/TestProviders";
import { CodePanel, DEFAULT_CODE_OPTIONS, type CodeOptions } from "../CodePanel";

const api = vi.hoisted(() => ({
  snippetShow: vi.fn(async (input: SnippetInput) => ({
    text: `code in ${input.language}`,
    file_name: "vk_request.php",
    run: "php vk_request.php",
    environment: "Sandbox (built in)",
    base_url: "http://127.0.0.1:8787",
    secret_hidden: input.inline_secret,
  })),
  snippetCopy: vi.fn(async () => null),
  snippetSave: vi.fn(async (input: SnippetInput, path: string): Promise<null> => (void input, void path, null)),
  saveDialog: vi.fn(async (): Promise<string | null> => "/home/user/vk_request.php"),
  snippetCopyPresigned: vi.fn(async () => ({ text: "curl …", expires_at_ms: 0 })),
}));
vi.mock("../../lib/api", () => api);

afterEach(cleanup);

const sandbox: EnvironmentView = {
  id: 1, name: "Sandbox (built in)", base_url: "http://127.0.0.1:8787", api_key: "vk_sandbox_demo_key", tenant_code: "123456",
  colour: "#b45309", production: false, builtin: true, secret: "builtin", variables: {},
};
const draft = { method: "POST", endpoint: "/api/v1/verify/pan", body: '{"pan":"ABCDE1234F"}', extra_headers: [] };

/** The panel with its options kept in state, as the app keeps them. */
function Stateful({ notify }: { notify: (text: string) => void }) {
  const [options, setOptions] = useState<CodeOptions>(DEFAULT_CODE_OPTIONS);
  return (
    <TestProviders notify={notify}>
      <CodePanel draft={draft} environment={sandbox} options={options} onOptions={setOptions} />
    </TestProviders>
  );
}

describe("CodePanel", () => {
  it("asks for the chosen language and options, warns about an inline secret, copies through the app", async () => {
    const notify = vi.fn();
    render(<Stateful notify={notify} />);

    await waitFor(() => expect(screen.getByTestId("code-run").textContent).toContain("VK_API_SECRET='your API secret' php vk_request.php"));
    expect(api.snippetShow).toHaveBeenLastCalledWith({ request: draft, language: "php", inline_secret: false, python_client: "urllib", base_url: "" });
    expect(screen.getByTestId("code-sandbox-hint").textContent).toContain("https://vistarkriya.com");
    expect(screen.queryByTestId("code-inline-warning")).toBeNull();

    fireEvent.click(screen.getByTestId("code-lang-python"));
    fireEvent.click(screen.getByLabelText("Write the secret into the code"));
    expect(screen.getByTestId("code-inline-warning").textContent).toContain("anyone who has it can call the API as you");
    fireEvent.click(screen.getByLabelText("requests"));
    await waitFor(() =>
      expect(api.snippetShow).toHaveBeenLastCalledWith({ request: draft, language: "python", inline_secret: true, python_client: "requests", base_url: "" }),
    );

    await waitFor(() => expect(screen.getByTestId("code-copy").hasAttribute("disabled")).toBe(false));
    await act(async () => fireEvent.click(screen.getByTestId("code-copy")));
    expect(api.snippetCopy).toHaveBeenCalledWith({ request: draft, language: "python", inline_secret: true, python_client: "requests", base_url: "" });
    expect(notify).toHaveBeenLastCalledWith("Copied the Python code, with the secret in it.");
  });

  it("shows why code cannot be written, and offers no copy", async () => {
    api.snippetShow.mockRejectedValueOnce({ kind: "invalid_input", message: "The server address \"x\" must start with http:// or https://." });
    render(
      <TestProviders>
        <CodePanel draft={draft} environment={sandbox} options={{ ...DEFAULT_CODE_OPTIONS, baseUrl: "x" }} onOptions={() => {}} />
      </TestProviders>,
    );
    await waitFor(() => expect(screen.getByTestId("code-error").textContent).toContain("must start with http://"));
    expect(screen.getByTestId("code-copy").hasAttribute("disabled")).toBe(true);
    expect(screen.queryByTestId("code-sandbox-hint")).toBeNull();
  });

  it("saves only where the app's own save dialog was answered, and nothing when it is cancelled", async () => {
    const notify = vi.fn();
    render(<Stateful notify={notify} />);
    await waitFor(() => expect((screen.getByTestId("code-save") as HTMLButtonElement).disabled).toBe(false));
    api.snippetSave.mockClear();
    api.saveDialog.mockResolvedValueOnce(null);
    await act(async () => fireEvent.click(screen.getByTestId("code-save")));
    expect(api.saveDialog).toHaveBeenCalledWith("vk_request.php");
    expect(api.snippetSave).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByTestId("code-save")));
    await waitFor(() => expect(api.snippetSave).toHaveBeenCalledTimes(1));
    expect(api.snippetSave.mock.calls[0]?.[1]).toBe("/home/user/vk_request.php");
  });
});
