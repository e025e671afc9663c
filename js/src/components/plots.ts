/**
 * The "plots" chunk's entry (see chunks.ts): gr.Plot, a figure Python rendered (an image) or a
 * Plotly or Bokeh figure drawn by plotly.js or BokehJS (the user's own copy, loaded as the
 * "lib-plotly" or "lib-bokeh" chunk, which sets `window.Plotly` or `window.Bokeh`), and
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

/** What we use of plotly.js and BokehJS. */
interface Plotly {
  newPlot(el: HTMLElement, data: unknown, layout: Record<string, unknown>, config: Record<string, unknown>): Promise<unknown>;
  purge(el: HTMLElement): void;
}
interface Bokeh {
  embed: { embed_item(item: unknown, target: HTMLElement): Promise<unknown> };
}
type Libraries = { Plotly?: Plotly; Bokeh?: Bokeh };

type Draw = (libraries: Libraries, figure: string, el: HTMLElement) => Promise<unknown>;

/** Draws a figure's JSON into `el` with its library (loaded by then); by PlotData `type` (a Map:
 * a type named like an Object method finds nothing). */
const IN_PAGE = new Map<string, Draw>(Object.entries({
  plotly({ Plotly: plotly }: Libraries, figure: string, el: HTMLElement) {
    if (!plotly) throw new Error("plotly.js did not load");
    const { data, layout = {} } = JSON.parse(figure) as { data: unknown; layout?: Record<string, unknown> };
    // the page's background and text colour, unless the figure sets its own, so it reads in either theme
    const themed = { paper_bgcolor: "rgba(0,0,0,0)", font: { color: getComputedStyle(el).color }, ...layout };
    return plotly.newPlot(el, data, themed, { responsive: true, displaylogo: false });
  },
  bokeh({ Bokeh: bokeh }: Libraries, figure: string, el: HTMLElement) {
    if (!bokeh) throw new Error("BokehJS did not load");
    return bokeh.embed.embed_item(JSON.parse(figure), el);
  },
}));

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

  /** A figure drawn in the page by its library, once that has loaded (unless a newer value came). */
  async function showInPage(draw: Draw, type: string, figure: string, turn: number): Promise<void> {
    await ctx.loadChunk(`lib-${type}`);
    if (turn !== shown) return;
    const chart = h("div", { class: `nbb-plot-${type}` });
    body.replaceChildren(chart);
    await draw(globalThis as Libraries, figure, chart);
  }

  function apply(changes: Partial<PlotProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if (!("value" in changes)) return;
    const value = p.value;
    const turn = ++shown;
    const old = body.querySelector<HTMLElement>(".nbb-plot-plotly");
    if (old) (globalThis as Libraries).Plotly?.purge(old);
    if (!value) body.replaceChildren(h("div", { class: "nbb-plot-empty" }, "No plot"));
    else if (IN_PAGE.has(value.type)) {
      body.replaceChildren(h("div", { class: "nbb-plot-empty" }, `Loading ${value.type}…`));
      showInPage(IN_PAGE.get(value.type) as Draw, value.type, value.plot, turn).catch((err) => body.replaceChildren(h("div", { class: "nbb-plot-empty" }, String(err))));
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
    const events = {
      select: (range: [number, number]) => ctx.trigger("select", { index: range, value: range, selected: true }),
      doubleClick: () => ctx.trigger("double_click"),
    };
    body.replaceChildren(title, p.value ? drawChart(p, height, events) : h("div", { class: "nbb-plot-empty" }, "No plot"));
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<ChartProps>) };
}
