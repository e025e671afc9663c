/**
 * The native charts' SVG: a table (plots-props.ts `ChartTable`) drawn as lines, points or stacked
 * bars, with axes, a legend and a `<title>` tooltip per mark. No charting library: scales are
 * linear (numbers, dates) or bands (categories). Colours come from the theme's CSS variables and
 * `currentColor`, so the chart reads in light and dark mode alike. On a numeric or temporal x
 * axis a horizontal drag selects a range (Gradio 5's `select`, its index `[min, max]` in the
 * data's units, dates in ms) and a double click fires `double_click`.
 */
import type { ChartProps, ChartTable } from "./plots-props";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const MARGIN = { top: 16, right: 16, bottom: 44, left: 56 };
/** The room a colour legend takes, right of the plot area. */
const LEGEND_WIDTH = 120;
/** Category colours: the theme's primary first, then hues that keep their contrast on a light
 * or a dark background. */
const PALETTE = ["var(--nbb-primary, #f97316)", "#3b82f6", "#10b981", "#eab308", "#a855f7", "#ef4444", "#06b6d4", "#ec4899"];

type Row = Record<string, unknown>;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  el.append(...children);
  return el;
}

/** A cell as a number on its axis: a date (ISO text, UTC unless it names an offset) in ms. */
function numeric(value: unknown, temporal: boolean): number {
  if (!temporal || typeof value !== "string") return Number(value);
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);
}

/** A scale from data to pixels, and the ticks its axis shows. */
interface Scale {
  at(value: unknown): number;
  ticks: { value: unknown; label: string }[];
  /** A band's width (categories), 0 for a linear scale. */
  band: number;
  /** The data value at a pixel: a linear scale's only (a band has no values between its categories). */
  invert: ((pixel: number) => number) | null;
}

/** What a chart tells its block: a range selected on the x axis, a double click. */
export interface ChartEvents {
  select(range: [number, number]): void;
  doubleClick(): void;
}

function linear(values: number[], limits: [number, number] | null, range: [number, number], temporal: boolean, zero = false): Scale {
  let [lo, hi] = limits ?? [Math.min(...values, ...(zero ? [0] : [])), Math.max(...values, ...(zero ? [0] : []))];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const at = (value: unknown) => range[0] + ((numeric(value, temporal) - lo) / (hi - lo)) * (range[1] - range[0]);
  const invert = (pixel: number) => lo + ((pixel - range[0]) / (range[1] - range[0])) * (hi - lo);
  const step = niceStep((hi - lo) / 5);
  const ticks = [];
  for (let tick = Math.ceil(lo / step) * step; tick <= hi + step / 1e6; tick += step) {
    const label = temporal ? new Date(tick).toISOString().slice(0, 10) : String(Number(tick.toPrecision(12)));
    ticks.push({ value: tick, label });
  }
  return { at, ticks, band: 0, invert };
}

/** 1, 2 or 5 times a power of ten, the nearest above `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  return ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
}

function bands(categories: string[], range: [number, number]): Scale {
  const band = (range[1] - range[0]) / Math.max(categories.length, 1);
  const at = (value: unknown) => range[0] + categories.indexOf(String(value)) * band + band / 2;
  return { at, ticks: categories.map((c) => ({ value: c, label: c })), band, invert: null };
}

/** The rows in the order `sort` asks (by default a line runs in x order). */
function sorted(rows: Row[], p: ChartProps, mark: ChartTable["mark"]): Row[] {
  const sort = p.sort ?? (mark === "line" ? "x" : null);
  if (sort === null || Array.isArray(sort)) return rows;
  const column = sort.replace("-", "") === "x" ? p.x : p.y;
  const sign = sort.startsWith("-") ? -1 : 1;
  const key = (row: Row) => row[column ?? ""] as number | string;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : 0));
}

function tooltip(row: Row, columns: string[]): SVGTitleElement {
  return svg("title", {}, columns.map((c) => `${c}: ${String(row[c])}`).join("\n"));
}

/** The chart of `p.value` as an SVG element, `height` pixels tall. */
export function drawChart(p: ChartProps, height: number, events: ChartEvents): SVGSVGElement {
  const table = p.value as ChartTable;
  const x = p.x ?? table.columns[0];
  const y = p.y ?? table.columns[1];
  const rows: Row[] = sorted(
    table.data.map((cells) => Object.fromEntries(table.columns.map((c, i) => [c, cells[i]]))),
    p,
    table.mark,
  ).filter((row) => row[x] != null && row[y] != null);
  const groups = p.color ? [...new Set(rows.map((row) => String(row[p.color as string])))] : [""];
  const colorOf = (row: Row) => PALETTE[groups.indexOf(p.color ? String(row[p.color]) : "") % PALETTE.length];
  const tips = p.tooltip ?? [x, y, ...(p.color ? [p.color] : [])];
  const right = WIDTH - MARGIN.right - (p.color ? LEGEND_WIDTH : 0);
  const xRange: [number, number] = [MARGIN.left, right];
  const yRange: [number, number] = [height - MARGIN.bottom, MARGIN.top];
  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, class: "nbb-chart", role: "img" });
  if (p.title) chart.append(svg("title", {}, p.title));
  const marks = svg("g", { class: "nbb-chart-marks" });

  let xs: Scale;
  let ys: Scale;
  if (table.mark === "bar") {
    const order = Array.isArray(p.sort) ? p.sort : [...new Set(rows.map((row) => String(row[x])))];
    xs = bands(order, xRange);
    const stacks = new Map<string, number>();
    const tops = rows.map((row) => {
      const base = stacks.get(String(row[x])) ?? 0;
      stacks.set(String(row[x]), base + Number(row[y]));
      return [base, base + Number(row[y])];
    });
    ys = linear([...stacks.values()], p.y_lim, yRange, false, true);
    rows.forEach((row, i) => {
      const [base, top] = tops[i];
      const left = xs.at(row[x]) - xs.band * 0.4;
      const attrs = { x: left, width: xs.band * 0.8, y: Math.min(ys.at(top), ys.at(base)), height: Math.abs(ys.at(base) - ys.at(top)), fill: colorOf(row) };
      marks.append(svg("rect", attrs, tooltip(row, tips)));
    });
  } else {
    const temporal = table.datatypes[x] === "temporal";
    xs = table.datatypes[x] === "nominal" ? bands([...new Set(rows.map((row) => String(row[x])))], xRange) : linear(rows.map((row) => numeric(row[x], temporal)), p.x_lim, xRange, temporal);
    ys = linear(rows.map((row) => Number(row[y])), p.y_lim, yRange, false);
    for (const group of groups) {
      const members = rows.filter((row) => !p.color || String(row[p.color]) === group);
      if (table.mark === "line" && members.length > 0) {
        const points = members.map((row) => `${xs.at(row[x]).toFixed(1)},${ys.at(row[y]).toFixed(1)}`).join(" ");
        marks.append(svg("polyline", { points, fill: "none", stroke: colorOf(members[0]), "stroke-width": 2 }));
      }
      for (const row of members) {
        const dot = { cx: xs.at(row[x]), cy: ys.at(row[y]), r: table.mark === "line" ? 3 : 4, fill: colorOf(row) };
        marks.append(svg("circle", { ...dot, class: table.mark === "line" ? "nbb-chart-hover" : "" }, tooltip(row, tips)));
      }
    }
  }
  chart.append(axes(xs, ys, right, height), marks, axisTitles(p.x_title ?? x, p.y_title ?? y, right, height));
  if (p.color) chart.append(legend(p.color_legend_title ?? p.color, groups));
  chart.addEventListener("dblclick", () => events.doubleClick());
  if (xs.invert) brush(chart, xs.invert, xRange, yRange, events);
  return chart;
}

/** A horizontal drag over the plot area, shown as a band while it lasts, selects the x range
 * under it; a drag of a few pixels is a click, not a selection. */
function brush(chart: SVGSVGElement, invert: (pixel: number) => number, xRange: [number, number], yRange: [number, number], events: ChartEvents): void {
  const band = svg("rect", { class: "nbb-chart-brush", y: yRange[1], height: yRange[0] - yRange[1], width: 0 });
  band.style.display = "none";
  chart.append(band);
  let start: number | null = null;
  /** A pointer's x in the chart's own units (its viewBox), kept within the plot area. */
  const xOf = (event: PointerEvent): number => {
    const box = chart.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * chart.viewBox.baseVal.width;
    return Math.min(Math.max(x, xRange[0]), xRange[1]);
  };
  const draw = (from: number, to: number) => {
    band.setAttribute("x", String(Math.min(from, to)));
    band.setAttribute("width", String(Math.abs(to - from)));
  };
  chart.addEventListener("pointerdown", (event) => {
    start = xOf(event);
    chart.setPointerCapture(event.pointerId);
  });
  chart.addEventListener("pointermove", (event) => {
    if (start === null) return;
    band.style.display = "";
    draw(start, xOf(event));
  });
  chart.addEventListener("pointerup", (event) => {
    if (start === null) return;
    const [from, to] = [start, xOf(event)].sort((a, b) => a - b);
    start = null;
    band.style.display = "none";
    if (to - from > 3) events.select([invert(from), invert(to)]);
  });
}

function axes(xs: Scale, ys: Scale, right: number, height: number): SVGGElement {
  const bottom = height - MARGIN.bottom;
  const g = svg("g", { class: "nbb-chart-axes" });
  g.append(svg("line", { x1: MARGIN.left, x2: right, y1: bottom, y2: bottom }));
  g.append(svg("line", { x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: bottom }));
  for (const tick of xs.ticks) {
    g.append(svg("text", { x: xs.at(tick.value), y: bottom + 16, "text-anchor": "middle" }, tick.label));
  }
  for (const tick of ys.ticks) {
    const at = ys.at(tick.value);
    g.append(svg("line", { x1: MARGIN.left, x2: right, y1: at, y2: at, class: "nbb-chart-grid" }));
    g.append(svg("text", { x: MARGIN.left - 6, y: at + 4, "text-anchor": "end" }, tick.label));
  }
  return g;
}

function axisTitles(xTitle: string, yTitle: string, right: number, height: number): SVGGElement {
  const middle = (MARGIN.top + height - MARGIN.bottom) / 2;
  return svg(
    "g",
    { class: "nbb-chart-titles" },
    svg("text", { x: (MARGIN.left + right) / 2, y: height - 6, "text-anchor": "middle" }, xTitle),
    svg("text", { x: 14, y: middle, "text-anchor": "middle", transform: `rotate(-90 14 ${middle})` }, yTitle),
  );
}

/** The colour groups, right of the plot area. */
function legend(title: string, groups: string[]): SVGGElement {
  const g = svg("g", { class: "nbb-chart-legend" });
  const left = WIDTH - MARGIN.right - LEGEND_WIDTH + 16;
  g.append(svg("text", { x: left, y: MARGIN.top + 10, class: "nbb-chart-legend-title" }, title));
  groups.forEach((group, i) => {
    const y = MARGIN.top + 26 + i * 16;
    g.append(svg("rect", { x: left, y: y - 9, width: 10, height: 10, fill: PALETTE[i % PALETTE.length] }));
    g.append(svg("text", { x: left + 16, y }, group));
  });
  return g;
}
