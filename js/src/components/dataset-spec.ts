/**
 * gr.Dataset's declaration in the core: its props and events, drawn by the "dataset" chunk
 * (components/dataset.ts), which loads only when a tree holds a Dataset (chunks.ts `lazy`).
 */
import { type ComponentSpec, propsOf } from "../block";
import { lazy } from "../chunks";
import type { DatasetProps } from "./dataset";

export const dataset: ComponentSpec = {
  draw: lazy("dataset"),
  props: propsOf<DatasetProps>({
    value: true,
    components: true,
    samples: true,
    headers: true,
    samples_per_page: true,
    sample_labels: true,
    label: true,
    show_label: true,
    info: true,
  }),
  events: ["click", "select"],
};
