// JSON mode's editor: the core editor with JSON highlighting, bracket matching, folding, and a lint that marks where
// invalid JSON breaks (found by the app's own parser, with the line and column in plain words).
import { useEffect, useRef } from "react";
import { json } from "@codemirror/lang-json";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import type { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { JsonProblem } from "../bindings/JsonProblem";
import { Editor } from "../core/Editor";
import { jsonCheck } from "../lib/api";

interface Props {
  value: string;
  onChange: (value: string) => void;
  label: string;
  placeholder?: string;
  onProblem?: (problem: JsonProblem | null) => void;
}

/** The document offset of a 1-based line and column. */
function offsetOf(state: EditorState, line: number, column: number): number {
  const l = state.doc.line(Math.min(Math.max(line, 1), state.doc.lines));
  return Math.min(l.from + Math.max(column - 1, 0), l.to);
}

export function JsonEditor({ value, onChange, label, onProblem }: Props) {
  // The latest callback, read by the lint (built once with the editor).
  const problem = useRef(onProblem);
  useEffect(() => {
    problem.current = onProblem;
  });
  const extensions = () => [
    json(),
    linter(
      async (v): Promise<Diagnostic[]> => {
        const found = await jsonCheck(v.state.doc.toString()).catch(() => null);
        problem.current?.(found);
        if (!found) return [];
        const from = offsetOf(v.state, found.line, found.column);
        return [{ from, to: Math.min(from + 1, v.state.doc.length), severity: "error", message: found.message }];
      },
      { delay: 250 },
    ),
    lintGutter(),
    EditorView.lineWrapping,
  ];
  return (
    <Editor
      className="json-editor"
      value={value}
      extensions={extensions}
      contentAttributes={{ "aria-label": label, "data-testid": "body" }}
      onChange={onChange}
    />
  );
}
