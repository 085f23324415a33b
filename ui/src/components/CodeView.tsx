// The Code panel's viewer: read-only CodeMirror 6 with the language's highlighting, line numbers and folding.
import { useEffect, useRef } from "react";
import { basicSetup } from "codemirror";
import { go } from "@codemirror/lang-go";
import { java } from "@codemirror/lang-java";
import { javascript } from "@codemirror/lang-javascript";
import { php } from "@codemirror/lang-php";
import { python } from "@codemirror/lang-python";
import { rust } from "@codemirror/lang-rust";
import { StreamLanguage } from "@codemirror/language";
import { shell } from "@codemirror/legacy-modes/mode/shell";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { Language } from "../bindings/Language";

function highlighting(language: Language): Extension {
  switch (language) {
    case "php":
      return php({ plain: false });
    case "rust":
      return rust();
    case "curl":
      return StreamLanguage.define(shell);
    case "python":
      return python();
    case "javascript":
      return javascript();
    case "java":
      return java();
    case "go":
      return go();
  }
}

interface Props {
  text: string;
  language: Language;
  label: string;
}

export function CodeView({ text, language, label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lang = useRef(new Compartment());

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          basicSetup,
          lang.current.of(highlighting(language)),
          EditorState.readOnly.of(true),
          EditorView.contentAttributes.of({ "aria-label": label, "data-testid": "code-text" }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Built once; the text and language are updated below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const effects = lang.current.reconfigure(highlighting(language));
    if (editor.state.doc.toString() === text) editor.dispatch({ effects });
    else editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text }, effects });
  }, [text, language]);

  return <div className="code-view" ref={host} />;
}
