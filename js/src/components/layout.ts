import type { Block } from "../block";
import { h } from "../dom";
import type { Props } from "../protocol";

/**
 * Row, Column (and the root Blocks) and Group: a flex box around their children. They differ
 * only in CSS, so one factory serves all three.
 */
function container(kind: "row" | "column" | "group") {
  return (initial: Props, _ctx: unknown, children: Block[]): Block => {
    const el = h("div", { class: `nbb-layout nbb-layout-${kind}` });
    el.append(...children.map((c) => c.el));
    const apply = (props: Props): void => {
      if ("variant" in props) {
        el.classList.remove("nbb-variant-panel", "nbb-variant-compact");
        if (props.variant === "panel" || props.variant === "compact") el.classList.add(`nbb-variant-${props.variant}`);
      }
      if ("equal_height" in props) el.classList.toggle("nbb-equal-height", props.equal_height === true);
    };
    apply(initial);
    return { el, update: apply };
  };
}

export const row = container("row");
export const column = container("column");
export const group = container("group");
