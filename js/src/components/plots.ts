/**
 * The "plots" chunk's entry (see chunks.ts): gr.Plot, a figure Python rendered (an image), and
 * gr.LinePlot, gr.ScatterPlot and gr.BarPlot, tables drawn by our own SVG (plots-chart.ts). It
 * loads only on pages whose app holds one of them.
 */
import type { Block, BlockContext, Factory } from "../block";
import type { ChunkApi } from "../chunks";
import type { Props } from "../protocol";
import { drawChart } from "./plots-chart";
import type { ChartProps, PlotProps } from "./plots-props";
import styles from "./plots.css";

export { styles };

export function factories(api: ChunkApi): Record<string, Factory> {
  const chart: Factory = (props, ctx) => drawChartBlock(api, props, ctx);
  return { plot: (props, ctx) => drawPlot(api, props, ctx), lineplot: chart, scatterplot: chart, barplot: chart };
}

function drawPlot(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h } = api;
  const p = api.ownProps<PlotProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const body = h("div", { class: "nbb-plot-body", role: "img", "aria-labelledby": head.title.id });
  const el = h("div", {}, head.title, head.info, body);

  function apply(changes: Partial<PlotProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if (!("value" in changes)) return;
    const value = p.value;
    if (!value) body.replaceChildren(h("div", { class: "nbb-plot-empty" }, "No plot"));
    else if (value.plot.startsWith("data:image/")) body.replaceChildren(h("img", { class: "nbb-plot-image", src: value.plot, alt: p.label ?? "plot" }));
    else body.replaceChildren(h("div", { class: "nbb-plot-empty" }, `A ${value.type} plot cannot be shown here`));
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<PlotProps>) };
}

function drawChartBlock(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h } = api;
  const p = api.ownProps<ChartProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const body = h("div", { class: "nbb-chart-body" });
  const caption = h("div", { class: "nbb-chart-caption" });
  const el = h("div", {}, head.title, head.info, body, caption);

  function apply(changes: Partial<ChartProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    caption.textContent = p.caption ?? "";
    caption.hidden = !p.caption;
    body.style.width = api.cssSize(p.width);
    const title = p.title ? h("div", { class: "nbb-chart-title" }, p.title) : "";
    const height = typeof p.height === "number" ? p.height : 300;
    body.replaceChildren(title, p.value ? drawChart(p, height) : h("div", { class: "nbb-plot-empty" }, "No plot"));
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<ChartProps>) };
}
