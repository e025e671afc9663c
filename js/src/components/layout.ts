import type { Block, ComponentSpec } from "../block";
import { applyHeights, h } from "../dom";
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
      if ("height" in props || "max_height" in props || "min_height" in props) applyHeights(el, { ...initial, ...props });
    };
    apply(initial);
    return { el, update: apply };
  };
}

export const row: ComponentSpec = { draw: container("row"), props: ["variant", "equal_height", "height", "max_height", "min_height"], events: [] };
export const column: ComponentSpec = { draw: container("column"), props: ["variant"], events: [] };
export const group: ComponentSpec = { draw: container("group"), props: [], events: [] };

/** The app's root: a column. Its `fill_height` and `title` come again in the render's `app`
 * (AppProps), where app.ts draws the first and the served page's `<title>` shows the second;
 * app.ts fires `load` after the first render of a view. */
export const blocks: ComponentSpec = { draw: container("column"), props: ["fill_height", "title"], events: ["load"] };
