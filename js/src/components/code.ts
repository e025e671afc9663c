/**
 * gr.Code, the code chunk's entry (see chunks.ts): a CodeMirror 6 editor with line numbers
 * (`show_line_numbers`), undo and the language's highlighting, lines wrapped if `wrap_lines`, read-only unless interactive. CodeMirror loads only on pages
 * whose app holds a Code; from the core the chunk takes types and its `ChunkApi`.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, type Extension, Transaction } from "@codemirror/state";
import { EditorView, keymap, lineNumbers } from "@codemirror/view";
import type { Block, BlockContext, Factory } from "../block";
import type { ChunkApi } from "../chunks";
import type { FieldProps } from "../field";
import type { Props } from "../protocol";
import styles from "./code.css";
import { languageSupport } from "./code-languages";

export { styles };

export interface CodeProps extends FieldProps {
  value: string | null;
  language: string | null;
  /** The editor's height in lines when it holds fewer. */
  lines: number;
  /** Past this many lines the editor scrolls (None: it grows with its text). */
  max_lines: number | null;
  show_line_numbers: boolean;
  wrap_lines: boolean;
  interactive: boolean | null;
}

export function factories(api: ChunkApi): Record<string, Factory> {
  return { code: (props, ctx) => code(api, props, ctx) };
}

function code(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h } = api;
  const p = api.ownProps<CodeProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const host = h("div", { class: "nbb-code-editor" });
  const el = h("div", { class: "nbb-code-body" }, head.title, head.info, host);
  const language = new Compartment();
  const editable = new Compartment();
  const gutter = new Compartment();
  const wrapping = new Compartment();
  const numbered = (): Extension => (p.show_line_numbers === false ? [] : lineNumbers());
  const wrapped = (): Extension => (p.wrap_lines ? EditorView.lineWrapping : []);

  /** Editable and not read-only unless `interactive` is false. */
  const editability = (): Extension => {
    const interactive = p.interactive !== false;
    return [EditorView.editable.of(interactive), EditorState.readOnly.of(!interactive)];
  };
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: p.value ?? "",
      extensions: [
        gutter.of(numbered()),
        wrapping.of(wrapped()),
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        language.of(languageSupport(p.language)),
        editable.of(editability()),
        EditorView.contentAttributes.of({ "aria-labelledby": head.title.id }),
        EditorView.updateListener.of((update) => {
          // only the user's edits go back: a value set from Python carries no user event
          const byUser = update.transactions.some((t) => t.annotation(Transaction.userEvent) !== undefined);
          if (!update.docChanged || !byUser) return;
          p.value = update.state.doc.toString();
          ctx.sendValue(p.value);
          ctx.trigger("input");
          ctx.trigger("change");
        }),
        EditorView.domEventHandlers({
          focus: () => ctx.trigger("focus"),
          blur: () => ctx.trigger("blur"),
        }),
      ],
    }),
  });

  function apply(changes: Partial<CodeProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    const effects = [];
    if ("language" in changes) effects.push(language.reconfigure(languageSupport(p.language)));
    if ("interactive" in changes) effects.push(editable.reconfigure(editability()));
    if ("show_line_numbers" in changes) effects.push(gutter.reconfigure(numbered()));
    if ("wrap_lines" in changes) effects.push(wrapping.reconfigure(wrapped()));
    const text = p.value ?? "";
    const replace = "value" in changes && text !== view.state.doc.toString();
    view.dispatch({ effects, changes: replace ? { from: 0, to: view.state.doc.length, insert: text } : undefined });
    host.style.setProperty("--nbb-code-lines", String(p.lines));
    if (p.max_lines) host.style.setProperty("--nbb-code-max-lines", String(p.max_lines));
    else host.style.removeProperty("--nbb-code-max-lines");
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<CodeProps>) };
}
