// The Code panel's viewer: the core editor, read-only, with the language's highlighting, line numbers and folding.
import { useMemo } from "react";
import { go } from "@codemirror/lang-go";
import { java } from "@codemirror/lang-java";
import { javascript } from "@codemirror/lang-javascript";
import { php } from "@codemirror/lang-php";
import { python } from "@codemirror/lang-python";
import { rust } from "@codemirror/lang-rust";
import { StreamLanguage } from "@codemirror/language";
import { shell } from "@codemirror/legacy-modes/mode/shell";
import type { Extension } from "@codemirror/state";
import type { Language } from "../bindings/Language";
import { Editor } from "../core/Editor";

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
  const highlight = useMemo(() => highlighting(language), [language]);
  return (
    <Editor
      className="code-view"
      value={text}
      language={highlight}
      readOnly
      contentAttributes={{ "aria-label": label, "data-testid": "code-text" }}
    />
  );
}
