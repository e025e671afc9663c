import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import type { Props } from "../protocol";

interface SidebarProps {
  label: string | null;
  open: boolean;
  width: number | string;
  position: "left" | "right";
}

/** Gradio 5's side panel: a toggle on its edge shows or hides its children. The page's CSS fixes
 * it to the window's edge when served; in a notebook it stays in the app's flow. */
function drawSidebar(initial: Props, ctx: BlockContext, children: Block[]): Block {
  const p = ownProps<SidebarProps>(initial);
  const toggle = h("button", { type: "button", class: "nbb-sidebar-toggle", id: ctx.uid("toggle") });
  const title = h("div", { class: "nbb-sidebar-label" });
  const body = h("div", { class: "nbb-layout nbb-layout-column nbb-sidebar-body", role: "region", id: ctx.uid("body"), "aria-labelledby": toggle.id }, title);
  toggle.setAttribute("aria-controls", body.id);
  body.append(...children.map((c) => c.el));
  const el = h("aside", {}, toggle, body);

  toggle.addEventListener("click", () => {
    apply({ open: !p.open });
    ctx.trigger(p.open ? "expand" : "collapse");
  });

  function apply(changes: Partial<SidebarProps>): void {
    Object.assign(p, changes);
    title.textContent = p.label ?? "";
    title.hidden = !p.label;
    toggle.setAttribute("aria-expanded", String(p.open === true));
    toggle.setAttribute("aria-label", p.open ? "Close sidebar" : "Open sidebar");
    body.hidden = p.open !== true;
    el.dataset.position = p.position === "right" ? "right" : "left";
    el.classList.toggle("nbb-sidebar-open", p.open === true);
    el.style.setProperty("--nbb-sidebar-width", typeof p.width === "number" ? `${p.width}px` : p.width);
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<SidebarProps>), boxed: false };
}

export const sidebar: ComponentSpec = {
  draw: drawSidebar,
  props: propsOf<SidebarProps>({ label: true, open: true, width: true, position: true }),
  events: ["expand", "collapse"],
};
