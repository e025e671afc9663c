import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { applyHeights, h, type Heights } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface JsonProps extends FieldProps, Heights {
  value: unknown;
  /** Expand every level; otherwise levels deeper than OPEN_DEPTH start collapsed. */
  open: boolean;
  /** Show each list item's index before it, as an object's key is. */
  show_indices: boolean;
}

/** How the tree is drawn: every level open or only the first ones; list indices shown or not. */
interface TreeOptions {
  openAll: boolean;
  showIndices: boolean;
}

const OPEN_DEPTH = 3;

/** Any JSON value as a collapsible tree. */
function drawJson(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<JsonProps>(initial);
  const head = fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const tree = h("div", { class: "nbb-json", role: "group", "aria-labelledby": head.title.id });
  const el = h("div", {}, head.title, head.info, tree);

  function apply(changes: Partial<JsonProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("value" in changes || "open" in changes || "show_indices" in changes) {
      const options = { openAll: p.open === true, showIndices: p.show_indices === true };
      tree.replaceChildren(jsonNode(p.value ?? null, null, 0, options));
    }
    // Gradio 4.34's height is where the tree starts to scroll; Gradio 5's max_height too (500 px)
    applyHeights(tree, { max_height: p.height ?? p.max_height, min_height: p.min_height });
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<JsonProps>) };
}

function jsonNode(value: unknown, key: string | null, depth: number, options: TreeOptions): HTMLElement {
  const keyEl = key === null ? null : h("span", { class: "nbb-json-key" }, `${key}: `);
  if (value !== null && typeof value === "object") {
    const index = (i: number): string | null => (options.showIndices ? String(i) : null);
    const entries = Array.isArray(value) ? value.map((v, i) => [index(i), v] as const) : Object.entries(value);
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    const count = `${entries.length} ${entries.length === 1 ? "item" : "items"}`;
    return h(
      "details",
      options.openAll || depth < OPEN_DEPTH ? { open: "" } : {},
      h("summary", {}, keyEl, open, h("span", { class: "nbb-json-count" }, count)),
      h("div", { class: "nbb-json-children" }, ...entries.map(([k, v]) => jsonNode(v, k, depth + 1, options))),
      close,
    );
  }
  return h("div", { class: "nbb-json-leaf" }, keyEl, scalar(value));
}

function scalar(value: unknown): HTMLElement {
  if (typeof value === "string") return h("span", { class: "nbb-json-string" }, JSON.stringify(value));
  if (typeof value === "number") return h("span", { class: "nbb-json-number" }, String(value));
  if (typeof value === "boolean") return h("span", { class: "nbb-json-boolean" }, String(value));
  return h("span", { class: "nbb-json-null" }, "null");
}

export const json: ComponentSpec = {
  draw: drawJson,
  props: propsOf<JsonProps>({ value: true, open: true, show_indices: true, height: true, max_height: true, min_height: true, label: true, show_label: true, info: true }),
  events: [],
};
