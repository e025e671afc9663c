import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface ColorPickerProps extends FieldProps {
  value: string | null;
  interactive: boolean | null;
}

/** The browser's own `<input type=color>`: `input` while the dialog moves, `change` when a colour
 * is chosen, as in Gradio; Enter fires `submit`. */
function drawColorPicker(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<ColorPickerProps>(initial);
  const input = h("input", { type: "color", class: "nbb-color", id: ctx.uid("input") });
  const head = fieldHeader(h("label", { for: input.id }), ctx.uid("info"));
  input.setAttribute("aria-describedby", head.info.id);
  const el = h("div", {}, head.title, head.info, input);

  function send(): void {
    p.value = input.value;
    ctx.sendValue(input.value);
  }
  input.addEventListener("input", () => {
    send();
    ctx.trigger("input");
  });
  input.addEventListener("change", () => {
    send();
    ctx.trigger("change");
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.isComposing) ctx.trigger("submit");
  });
  input.addEventListener("focus", () => ctx.trigger("focus"));
  input.addEventListener("blur", () => ctx.trigger("blur"));

  function apply(changes: Partial<ColorPickerProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    // an empty value shows black, as the browser's input does for anything not "#rrggbb"
    input.value = p.value ?? "#000000";
    input.disabled = p.interactive === false;
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<ColorPickerProps>) };
}

export const colorpicker: ComponentSpec = {
  draw: drawColorPicker,
  props: propsOf<ColorPickerProps>({ value: true, label: true, show_label: true, info: true, interactive: true }),
  events: ["input", "change", "submit", "focus", "blur"],
};
