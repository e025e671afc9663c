import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import type { Props } from "../protocol";

interface ButtonProps {
  value: string | null;
  variant: "primary" | "secondary" | "stop" | "huggingface";
  size: "sm" | "lg" | null;
  icon: string | null;
  link: string | null;
  interactive: boolean | null;
}

/** A real `<button>`: its value is its text. */
function drawButton(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<ButtonProps>(initial);
  const btn = h("button", { type: "button", class: "nbb-btn" });
  const el = h("div", {}, btn);

  btn.addEventListener("click", () => {
    ctx.trigger("click");
    if (p.link) window.open(p.link, "_blank", "noopener");
  });

  function apply(changes: Partial<ButtonProps>): void {
    Object.assign(p, changes);
    btn.className = `nbb-btn nbb-btn-${p.variant ?? "secondary"} nbb-btn-${p.size ?? "lg"}`;
    btn.replaceChildren(p.icon ? h("img", { src: p.icon, alt: "", class: "nbb-btn-icon" }) : "", p.value ?? "");
    btn.disabled = p.interactive === false;
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<ButtonProps>), boxed: false };
}

export const button: ComponentSpec = {
  draw: drawButton,
  props: propsOf<ButtonProps>({ value: true, variant: true, size: true, icon: true, link: true, interactive: true }),
  events: ["click"],
};
