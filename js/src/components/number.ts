import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { attr, h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface NumberProps extends FieldProps {
  value: number | null;
  minimum: number | null;
  maximum: number | null;
  step: number | null;
  precision: number | null;
  placeholder: string | null;
  interactive: boolean | null;
}

/** `<input type=number>`; sends a value only when the typed text is a number (null when empty). */
function drawNumber(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<NumberProps>(initial);
  const input = h("input", { type: "number", class: "nbb-input", id: ctx.uid("input") });
  const head = fieldHeader(h("label", { for: input.id }), ctx.uid("info"));
  input.setAttribute("aria-describedby", head.info.id);
  const el = h("div", {}, head.title, head.info, input);

  input.addEventListener("input", () => {
    // A half-typed number ("-", "1e") reads as "" with badInput: wait for a real one.
    if (input.validity.badInput) return;
    const value = input.value === "" ? null : input.valueAsNumber;
    p.value = value;
    ctx.sendValue(value);
    ctx.trigger("input");
    ctx.trigger("change");
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.isComposing) {
      e.preventDefault();
      ctx.trigger("submit");
    }
  });
  input.addEventListener("focus", () => ctx.trigger("focus"));

  function apply(changes: Partial<NumberProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    input.value = p.value === null || p.value === undefined ? "" : String(p.value);
    attr(input, "min", p.minimum);
    attr(input, "max", p.maximum);
    attr(input, "step", p.step ?? (p.precision === 0 ? 1 : "any"));
    attr(input, "placeholder", p.placeholder);
    input.disabled = p.interactive === false;
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<NumberProps>) };
}

export const number: ComponentSpec = {
  draw: drawNumber,
  props: propsOf<NumberProps>({
    value: true,
    minimum: true,
    maximum: true,
    step: true,
    precision: true,
    placeholder: true,
    label: true,
    show_label: true,
    info: true,
    interactive: true,
  }),
  events: ["input", "change", "submit", "focus"],
};
