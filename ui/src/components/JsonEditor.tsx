// JSON mode's editor: CodeMirror 6 with highlighting, bracket matching, folding, and a lint that marks where
// invalid JSON breaks (found by the app's own parser, with the line and column in plain words).
import { useEffect, useRef } from "react";
import { basicSetup } from "codemirror";
import { json } from "@codemirror/lang-json";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { JsonProblem } from "../bindings/JsonProblem";
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
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The latest callbacks, without rebuilding the editor when they change.
  const callbacks = useRef({ onChange, onProblem });
  useEffect(() => {
    callbacks.current = { onChange, onProblem };
  });

  useEffect(() => {
    if (!host.current) return;
    const lint = linter(async (v): Promise<Diagnostic[]> => {
      const text = v.state.doc.toString();
      const problem = await jsonCheck(text).catch(() => null);
      callbacks.current.onProblem?.(problem);
      if (!problem) return [];
      const from = offsetOf(v.state, problem.line, problem.column);
      return [{ from, to: Math.min(from + 1, v.state.doc.length), severity: "error", message: problem.message }];
    }, { delay: 250 });
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          json(),
          lint,
          lintGutter(),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ "aria-label": label, "data-testid": "body" }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is built once; `value` changes from outside are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div className="json-editor" ref={host} />;
}
