/**
 * gr.Code's declaration in the core: its props and events, drawn by the code chunk
 * (components/code.ts, CodeMirror 6), which loads only when a tree holds a Code (chunks.ts `lazy`).
 */
import { type ComponentSpec, propsOf } from "../block";
import { lazy } from "../chunks";
import type { CodeProps } from "./code";

export const code: ComponentSpec = {
  draw: lazy("code"),
  props: propsOf<CodeProps>({
    value: true,
    language: true,
    lines: true,
    max_lines: true,
    show_line_numbers: true,
    wrap_lines: true,
    interactive: true,
    label: true,
    show_label: true,
    info: true,
  }),
  events: ["input", "change", "focus", "blur"],
};
