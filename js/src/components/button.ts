import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import type { Props } from "../protocol";

interface ButtonProps {
  value: string | null;
  variant: "primary" | "secondary" | "stop" | "huggingface";
  size: "sm" | "lg" | null;
  icon: string | null;
  link: string | null;
  /** Where `link` opens (Gradio 6); null is Gradio 4.34's new tab. */
  link_target: "_self" | "_blank" | "_parent" | "_top" | null;
  interactive: boolean | null;
}

/** A real `<button>`: its value is its text. */
function drawButton(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<ButtonProps>(initial);
  const btn = h("button", { type: "button", class: "nbb-btn" });
  const el = h("div", {}, btn);

  btn.addEventListener("click", () => {
    ctx.trigger("click");
    if (p.link) window.open(p.link, p.link_target ?? "_blank", "noopener");
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
  props: propsOf<ButtonProps>({ value: true, variant: true, size: true, icon: true, link: true, link_target: true, interactive: true }),
  events: ["click"],
};

interface DeepLinkProps {
  copied_value: string | null;
}

/** Gradio's DeepLinkButton: a Button that also puts the page's URL on the clipboard and says
 * `copied_value` for a moment (nothing to say outside a secure context: no clipboard there). */
function drawDeepLinkButton(initial: Props, ctx: BlockContext): Block {
  const inner = drawButton(initial, ctx);
  const own = ownProps<DeepLinkProps>(initial);
  const btn = inner.el.querySelector("button") as HTMLButtonElement;
  btn.addEventListener("click", () => {
    void navigator.clipboard?.writeText(window.location.href).then(
      () => {
        btn.textContent = own.copied_value ?? "";
        setTimeout(() => inner.update({}), 1500); // redraws the button's own text and icon
      },
      () => undefined,
    );
  });
  return {
    ...inner,
    update: (props) => {
      Object.assign(own, props as Partial<DeepLinkProps>);
      inner.update(props);
    },
  };
}

export const deeplinkbutton: ComponentSpec = {
  draw: drawDeepLinkButton,
  props: [...button.props, ...propsOf<DeepLinkProps>({ copied_value: true })],
  events: ["click"],
};
