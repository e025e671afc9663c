/** The props of gr.Plot and of the native charts (LinePlot, ScatterPlot, BarPlot), shared by
 * their declarations in the core (plots-spec.ts) and the "plots" chunk that draws them. */
import type { FieldProps } from "../field";

/** Gradio's PlotData: a figure rendered in Python, `plot` its image as a data URL. */
export interface PlotData {
  type: string;
  plot: string;
}

export interface PlotProps extends FieldProps {
  value: PlotData | null;
}

/** A chart's table, as nbblocks/components/plots.py sends it: rows of `columns`, dates as
 * ISO 8601 text (UTC when it names no offset). */
export interface ChartTable {
  columns: string[];
  data: unknown[][];
  datatypes: Record<string, "quantitative" | "temporal" | "nominal">;
  mark: "line" | "point" | "bar";
}

export interface ChartProps extends FieldProps {
  value: ChartTable | null;
  x: string | null;
  y: string | null;
  color: string | null;
  title: string | null;
  tooltip: string[] | null;
  x_title: string | null;
  y_title: string | null;
  color_legend_title: string | null;
  x_lim: [number, number] | null;
  y_lim: [number, number] | null;
  /** "x" | "y" | "-x" | "-y" (descending), or the x categories in order. */
  sort: string | string[] | null;
  caption: string | null;
  height: number | string | null;
  width: number | string | null;
}
