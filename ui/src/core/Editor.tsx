// A CodeMirror 6 editor in a <div>: built once, its text kept in step with `value`, its language switchable without
// a rebuild. The JSON body editor and the Code panel's viewer are this with their own extensions. It is the largest
// part of the page: import it only from components that are loaded lazily.
import { useEffect, useRef } from "react";
import { basicSetup } from "codemirror";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";

interface Props {
  value: string;
  /** Called once, when the editor is built (what they use that changes, they read from refs). */
  extensions?: () => Extension;
  /** The language's highlighting; a change is applied to the editor in place. */
  language?: Extension;
  readOnly?: boolean;
  /** Attributes of the editable area: its label and test id. */
  contentAttributes: Record<string, string>;
  onChange?: (value: string) => void;
  className: string;
}

export function Editor({ value, extensions = () => [], language = [], readOnly = false, contentAttributes, onChange, className }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lang = useRef(new Compartment());
  // The latest callback, without rebuilding the editor when it changes.
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  });

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          lang.current.of(language),
          extensions(),
          EditorState.readOnly.of(readOnly),
          EditorView.contentAttributes.of(contentAttributes),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current?.(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Built once; the text and the language are brought in step below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: lang.current.reconfigure(language) });
  }, [language]);

  return <div className={className} ref={host} />;
}
