import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface Token {
  token: string;
  /** A category, a confidence from -1 to 1, or null for unmarked text. */
  class_or_confidence: string | number | null;
}

interface HighlightedProps extends FieldProps {
  value: Token[] | null;
  /** Category to CSS colour; categories not in it take the palette's colours in turn. */
  color_map: Record<string, string> | null;
  show_legend: boolean;
  /** Gradio 5: the spans right to left. */
  rtl: boolean;
}

/** Categories missing from `color_map`, coloured in order of appearance. */
const PALETTE = ["#ef4444", "#22c55e", "#3b82f6", "#eab308", "#a855f7", "#14b8a6", "#f97316", "#06b6d4", "#84cc16", "#ec4899"];

/** Each category of the text, in order of appearance, with its colour: `color_map`'s, else the
 * palette's next. */
function categoryColors(tokens: Token[], colorMap: Record<string, string> | null): Map<string, string> {
  const colors = new Map<string, string>();
  let next = 0;
  for (const { class_or_confidence: category } of tokens) {
    if (typeof category !== "string" || colors.has(category)) continue;
    colors.set(category, colorMap?.[category] ?? (PALETTE[next++ % PALETTE.length] as string));
  }
  return colors;
}

/** A span's background: its colour, see-through enough to read the text on it. */
function tint(color: string, percent = 35): string {
  return `color-mix(in srgb, ${color} ${percent}%, transparent)`;
}

/** A confidence's background: red for positive, blue for negative, as strong as it is sure. */
function confidenceTint(confidence: number): string {
  return tint(confidence >= 0 ? "#ef4444" : "#3b82f6", Math.round(Math.min(Math.abs(confidence), 1) * 60));
}

/** Text in spans: a marked span is tinted with its colour and, without the legend, names its
 * category after it; a click on it fires `select` with its index and `[text, category]`. */
function drawHighlighted(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<HighlightedProps>(initial);
  const head = fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const legend = h("div", { class: "nbb-highlight-legend" });
  const text = h("div", { class: "nbb-highlight-text", role: "group", "aria-labelledby": head.title.id });
  const el = h("div", {}, head.title, head.info, legend, text);

  function span(item: Token, index: number, colors: Map<string, string>): HTMLElement {
    const category = item.class_or_confidence;
    if (category === null) return h("span", {}, item.token);
    const color = typeof category === "number" ? confidenceTint(category) : tint(colors.get(category) as string);
    const named = typeof category === "string" && !p.show_legend;
    const mark = h("mark", { class: "nbb-highlight", tabindex: "0" }, item.token, named ? h("span", { class: "nbb-highlight-label" }, category) : null);
    mark.style.setProperty("--nbb-highlight", color);
    if (typeof category === "number") mark.title = String(category);
    const select = (): void => ctx.trigger("select", { index, value: [item.token, category], selected: true });
    mark.addEventListener("click", select);
    mark.addEventListener("keydown", (e) => {
      if (e.key === "Enter") select();
    });
    return mark;
  }

  function apply(changes: Partial<HighlightedProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    const tokens = p.value ?? [];
    const colors = categoryColors(tokens, p.color_map);
    text.replaceChildren(...tokens.map((item, index) => span(item, index, colors)));
    text.dir = p.rtl ? "rtl" : "";
    legend.hidden = !p.show_legend || colors.size === 0;
    legend.replaceChildren(
      ...[...colors].map(([category, color]) => {
        const entry = h("span", { class: "nbb-highlight" }, category);
        entry.style.setProperty("--nbb-highlight", tint(color));
        return entry;
      }),
    );
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<HighlightedProps>) };
}

export const highlightedtext: ComponentSpec = {
  draw: drawHighlighted,
  props: propsOf<HighlightedProps>({ value: true, color_map: true, show_legend: true, rtl: true, label: true, show_label: true, info: true }),
  events: ["select"],
};
