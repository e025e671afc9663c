/**
 * gr.Plot, gr.LinePlot, gr.ScatterPlot and gr.BarPlot in the core: their props and events, drawn
 * by the "plots" chunk (components/plots.ts), which loads only when a tree holds one of them.
 */
import { type ComponentSpec, propsOf } from "../block";
import { lazy } from "../chunks";
import type { ChartProps, PlotProps } from "./plots-props";

export const plot: ComponentSpec = {
  draw: lazy("plot", "plots"),
  props: propsOf<PlotProps>({ value: true, label: true, show_label: true, info: true }),
  events: [],
};

const chartProps = propsOf<ChartProps>({
  value: true, x: true, y: true, color: true, title: true, tooltip: true, x_title: true, y_title: true,
  color_legend_title: true, x_lim: true, y_lim: true, sort: true, caption: true, height: true, width: true,
  label: true, show_label: true, info: true,
});

/** Gradio 5's: a range dragged on a numeric or temporal x axis, and a double click. */
const chartEvents = ["select", "double_click"];

export const lineplot: ComponentSpec = { draw: lazy("lineplot", "plots"), props: chartProps, events: chartEvents };
export const scatterplot: ComponentSpec = { draw: lazy("scatterplot", "plots"), props: chartProps, events: chartEvents };
export const barplot: ComponentSpec = { draw: lazy("barplot", "plots"), props: chartProps, events: ["double_click"] };
