import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface CheckboxProps extends FieldProps {
  value: boolean;
  interactive: boolean | null;
}

/** One box with its label beside it. */
function drawCheckbox(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<CheckboxProps>(initial);
  const input = h("input", { type: "checkbox", id: ctx.uid("input") });
  const text = h("span");
  const head = fieldHeader(text, ctx.uid("info"));
  input.setAttribute("aria-describedby", head.info.id);
  const el = h("div", {}, head.info, h("label", { class: "nbb-check", for: input.id }, input, text));

  input.addEventListener("change", () => {
    p.value = input.checked;
    ctx.sendValue(p.value);
    ctx.trigger("input");
    ctx.trigger("change");
    ctx.trigger("select", { index: null, value: p.label, selected: p.value });
  });

  function apply(changes: Partial<CheckboxProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    input.checked = p.value === true;
    input.disabled = p.interactive === false;
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<CheckboxProps>) };
}

export const checkbox: ComponentSpec = {
  draw: drawCheckbox,
  props: propsOf<CheckboxProps>({ value: true, label: true, show_label: true, info: true, interactive: true }),
  events: ["input", "change", "select"],
};
