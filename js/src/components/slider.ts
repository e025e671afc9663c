import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface SliderProps extends FieldProps {
  value: number;
  minimum: number;
  maximum: number;
  step: number;
  interactive: boolean | null;
}

/** A range input and a small number input that always show the same value. */
function drawSlider(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<SliderProps>(initial);
  const range = h("input", { type: "range", class: "nbb-range", id: ctx.uid("range") });
  const box = h("input", { type: "number", class: "nbb-input nbb-slider-number", id: ctx.uid("number") });
  const head = fieldHeader(h("label", { for: range.id }), ctx.uid("info"));
  const boxLabel = h("label", { for: box.id, class: "nbb-sr-only" });
  range.setAttribute("aria-describedby", head.info.id);
  const el = h("div", {}, h("div", { class: "nbb-slider-head" }, head.title, boxLabel, box), head.info, range);

  function userSet(value: number): void {
    p.value = value;
    range.value = box.value = String(value);
    ctx.sendValue(value);
    ctx.trigger("input");
    ctx.trigger("change");
  }

  range.addEventListener("input", () => userSet(range.valueAsNumber));
  box.addEventListener("input", () => {
    if (box.value !== "" && !Number.isNaN(box.valueAsNumber)) userSet(box.valueAsNumber);
  });
  // `change` on a range fires when the user lets go (pointer up, or each key press).
  for (const input of [range, box]) input.addEventListener("change", () => ctx.trigger("release"));

  function apply(changes: Partial<SliderProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("label" in changes) boxLabel.textContent = `${p.label ?? ""} number`;
    for (const input of [range, box]) {
      input.min = String(p.minimum);
      input.max = String(p.maximum);
      input.step = String(p.step);
      input.disabled = p.interactive === false;
    }
    range.value = box.value = String(p.value ?? p.minimum);
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<SliderProps>) };
}

export const slider: ComponentSpec = {
  draw: drawSlider,
  props: propsOf<SliderProps>({
    value: true,
    minimum: true,
    maximum: true,
    step: true,
    label: true,
    show_label: true,
    info: true,
    interactive: true,
  }),
  events: ["input", "change", "release"],
};
