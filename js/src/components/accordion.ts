import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { applyHeights, h, type Heights } from "../dom";
import type { Props } from "../protocol";

interface AccordionProps extends Pick<Heights, "height" | "max_height"> {
  label: string | null;
  open: boolean;
}

/** A header button that shows or hides its children. */
function drawAccordion(initial: Props, ctx: BlockContext, children: Block[]): Block {
  const p = ownProps<AccordionProps>(initial);
  const text = h("span");
  const header = h("button", { type: "button", class: "nbb-accordion-header", id: ctx.uid("header") }, text, h("span", { class: "nbb-chevron", "aria-hidden": "true" }));
  const body = h("div", { class: "nbb-layout nbb-layout-column nbb-accordion-body", role: "region", id: ctx.uid("body"), "aria-labelledby": header.id });
  header.setAttribute("aria-controls", body.id);
  body.append(...children.map((c) => c.el));
  const el = h("div", {}, header, body);

  header.addEventListener("click", () => {
    apply({ open: !p.open });
    ctx.trigger(p.open ? "expand" : "collapse");
  });

  function apply(changes: Partial<AccordionProps>): void {
    Object.assign(p, changes);
    text.textContent = p.label ?? "";
    header.setAttribute("aria-expanded", String(p.open === true));
    body.hidden = p.open !== true;
    applyHeights(body, p);
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<AccordionProps>) };
}

export const accordion: ComponentSpec = {
  draw: drawAccordion,
  props: propsOf<AccordionProps>({ label: true, open: true, height: true, max_height: true }),
  events: ["expand", "collapse"],
};
