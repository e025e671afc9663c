import { ownProps, type Block, type BlockContext } from "../block";
import { h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface JsonProps extends FieldProps {
  value: unknown;
  /** Expand every level; otherwise levels deeper than OPEN_DEPTH start collapsed. */
  open: boolean;
  height: number | string | null;
}

const OPEN_DEPTH = 3;

/** Any JSON value as a collapsible tree. */
export function json(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<JsonProps>(initial);
  const head = fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const tree = h("div", { class: "nbb-json", role: "group", "aria-labelledby": head.title.id });
  const el = h("div", {}, head.title, head.info, tree);

  function apply(changes: Partial<JsonProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("value" in changes || "open" in changes) tree.replaceChildren(jsonNode(p.value ?? null, null, 0, p.open === true));
    tree.style.maxHeight = typeof p.height === "number" ? `${p.height}px` : (p.height ?? "");
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<JsonProps>) };
}

function jsonNode(value: unknown, key: string | null, depth: number, openAll: boolean): HTMLElement {
  const keyEl = key === null ? null : h("span", { class: "nbb-json-key" }, `${key}: `);
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    const count = `${entries.length} ${entries.length === 1 ? "item" : "items"}`;
    return h(
      "details",
      openAll || depth < OPEN_DEPTH ? { open: "" } : {},
      h("summary", {}, keyEl, open, h("span", { class: "nbb-json-count" }, count)),
      h("div", { class: "nbb-json-children" }, ...entries.map(([k, v]) => jsonNode(v, k, depth + 1, openAll))),
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
