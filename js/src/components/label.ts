import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface Confidence {
  label: string;
  confidence: number;
}

interface LabelProps extends FieldProps {
  value: { label?: string | null; confidences?: Confidence[] | null } | null;
  /** CSS colour of the bars. */
  color: string | null;
  /** Gradio 5: false leaves out the top class in large text. */
  show_heading: boolean;
}

/** A classification result: the top label in large text, then one bar per class confidence; a
 * click on a bar fires `select` with its index and class, as in Gradio. */
function drawLabel(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<LabelProps>(initial);
  const head = fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const body = h("div", { class: "nbb-label-body", role: "group", "aria-labelledby": head.title.id });
  const el = h("div", {}, head.title, head.info, body);

  function apply(changes: Partial<LabelProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    body.style.setProperty("--nbb-bar", p.color ?? "");
    if (!("value" in changes) && !("show_heading" in changes)) return;
    const value = p.value;
    body.replaceChildren();
    if (!value) return;
    if (value.label != null && p.show_heading !== false) body.append(h("div", { class: "nbb-label-top" }, String(value.label)));
    (value.confidences ?? []).forEach((c, index) => {
      const bar = confidenceBar(c);
      bar.addEventListener("click", () => ctx.trigger("select", { index, value: c.label, selected: true }));
      body.append(bar);
    });
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<LabelProps>) };
}

/** One class: a button (phrasing content only, hence spans) holding its name, percentage and bar. */
function confidenceBar({ label, confidence }: Confidence): HTMLButtonElement {
  const percent = `${Math.round(confidence * 100)}%`;
  const fill = h("span", { class: "nbb-confidence-fill" });
  fill.style.width = percent;
  return h(
    "button",
    { type: "button", class: "nbb-confidence" },
    h("span", { class: "nbb-confidence-head" }, h("span", {}, label), h("span", {}, percent)),
    h("span", { class: "nbb-confidence-bar" }, fill),
  );
}

export const label: ComponentSpec = {
  draw: drawLabel,
  props: propsOf<LabelProps>({ value: true, color: true, show_heading: true, label: true, show_label: true, info: true }),
  events: ["select"],
};
