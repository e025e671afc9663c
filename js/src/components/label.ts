import { ownProps, type Block, type BlockContext } from "../block";
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
}

/** A classification result: the top label in large text, then one bar per class confidence. */
export function label(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<LabelProps>(initial);
  const head = fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const body = h("div", { class: "nbb-label-body", role: "group", "aria-labelledby": head.title.id });
  const el = h("div", {}, head.title, head.info, body);

  function apply(changes: Partial<LabelProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    body.style.setProperty("--nbb-bar", p.color ?? "");
    if (!("value" in changes)) return;
    const value = p.value;
    body.replaceChildren();
    if (!value) return;
    if (value.label != null) body.append(h("div", { class: "nbb-label-top" }, String(value.label)));
    for (const c of value.confidences ?? []) body.append(confidenceBar(c));
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<LabelProps>) };
}

function confidenceBar({ label, confidence }: Confidence): HTMLElement {
  const percent = `${Math.round(confidence * 100)}%`;
  const fill = h("div", { class: "nbb-confidence-fill" });
  fill.style.width = percent;
  return h(
    "div",
    { class: "nbb-confidence" },
    h("div", { class: "nbb-confidence-head" }, h("span", {}, label), h("span", {}, percent)),
    h("div", { class: "nbb-confidence-bar" }, fill),
  );
}
