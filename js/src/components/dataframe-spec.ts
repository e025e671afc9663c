/**
 * gr.Dataframe's declaration in the core: its props and events, drawn by the "dataframe" chunk
 * (components/dataframe.ts), which loads only when a tree holds a Dataframe (chunks.ts `lazy`).
 */
import { type ComponentSpec, propsOf } from "../block";
import { lazy } from "../chunks";
import type { DataframeProps } from "./dataframe";

export const dataframe: ComponentSpec = {
  draw: lazy("dataframe"),
  props: propsOf<DataframeProps>({
    value: true, headers: true, row_count: true, col_count: true, datatype: true, height: true, wrap: true,
    line_breaks: true, column_widths: true, max_chars: true, show_row_numbers: true, interactive: true, label: true,
    show_label: true, info: true,
  }),
  events: ["select", "input", "change", "edit"],
};
