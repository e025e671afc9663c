/**
 * The "plots" chunk's entry (see chunks.ts): gr.Plot, a figure Python rendered (an image) or a
 * Plotly figure drawn by plotly.js (the user's own copy, loaded as the "lib-plotly" chunk), and
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

/** What we use of plotly.js, which sets `window.Plotly` when its module runs. */
interface Plotly {
  newPlot(el: HTMLElement, data: unknown, layout: Record<string, unknown>, config: Record<string, unknown>): Promise<unknown>;
  purge(el: HTMLElement): void;
}

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
  /** Counts the values shown: a Plotly figure that arrives after a newer value is dropped. */
  let shown = 0;

  async function showPlotly(figure: string, turn: number): Promise<void> {
    await ctx.loadChunk("lib-plotly");
    const plotly = (globalThis as { Plotly?: Plotly }).Plotly;
    if (turn !== shown) return;
    if (!plotly) throw new Error("plotly.js did not load");
    const { data, layout = {} } = JSON.parse(figure) as { data: unknown; layout?: Record<string, unknown> };
    const chart = h("div", { class: "nbb-plot-plotly" });
    body.replaceChildren(chart);
    // the page's background and text colour, unless the figure sets its own, so it reads in either theme
    const themed = { paper_bgcolor: "rgba(0,0,0,0)", font: { color: getComputedStyle(body).color }, ...layout };
    await plotly.newPlot(chart, data, themed, { responsive: true, displaylogo: false });
  }

  function apply(changes: Partial<PlotProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if (!("value" in changes)) return;
    const value = p.value;
    const turn = ++shown;
    const old = body.querySelector<HTMLElement>(".nbb-plot-plotly");
    if (old) (globalThis as { Plotly?: Plotly }).Plotly?.purge(old);
    if (!value) body.replaceChildren(h("div", { class: "nbb-plot-empty" }, "No plot"));
    else if (value.type === "plotly") {
      body.replaceChildren(h("div", { class: "nbb-plot-empty" }, "Loading plotly.js…"));
      showPlotly(value.plot, turn).catch((err) => body.replaceChildren(h("div", { class: "nbb-plot-empty" }, String(err))));
    } else if (value.plot.startsWith("data:image/")) body.replaceChildren(h("img", { class: "nbb-plot-image", src: value.plot, alt: p.label ?? "plot" }));
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
