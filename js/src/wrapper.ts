import { attr } from "./dom";
import type { Props } from "./protocol";

/**
 * The props every block shares (visibility, user ids and classes, sizing inside a row, the panel
 * box), applied in one place to each block's root element so components only handle their own.
 */

/** The props applied here for every block, so no component declares them (`ComponentSpec`). */
export const SHARED_PROPS = ["visible", "elem_id", "elem_classes", "scale", "min_width", "container"] as const;

const userClasses = new WeakMap<HTMLElement, string[]>();

/** Marks a freshly built root element as block `id` of `type`. */
export function initWrapper(el: HTMLElement, id: number, type: string): void {
  el.dataset.nbbId = String(id);
  el.classList.add("nbb-block", `nbb-${type.replace(/[^a-z0-9_-]/gi, "")}`);
}

export function applyWrapperProps(el: HTMLElement, props: Props, boxed = true): void {
  if ("visible" in props) el.hidden = props.visible === false || props.visible === "hidden";
  if ("elem_id" in props) {
    if (typeof props.elem_id === "string" && props.elem_id) el.id = props.elem_id;
    else el.removeAttribute("id");
  }
  if ("elem_classes" in props) setUserClasses(el, props.elem_classes);
  if ("scale" in props) {
    // Inside a row children grow by their scale, null counting as 1; under fill_height only a
    // set scale of 1 or more grows, so null stays distinguishable (no attribute, no variable).
    const scale = typeof props.scale === "number" ? props.scale : null;
    attr(el, "data-nbb-scale", scale);
    if (scale === null) el.style.removeProperty("--nbb-scale");
    else el.style.setProperty("--nbb-scale", String(scale));
    el.classList.toggle("nbb-no-grow", scale === 0); // scale 0 keeps its natural width
  }
  if ("min_width" in props) {
    if (typeof props.min_width === "number") el.style.setProperty("--nbb-min-width", `${props.min_width}px`);
    else el.style.removeProperty("--nbb-min-width");
  }
  if ("container" in props) el.classList.toggle("nbb-box", boxed && props.container !== false);
}

function setUserClasses(el: HTMLElement, value: unknown): void {
  el.classList.remove(...(userClasses.get(el) ?? []));
  const list = typeof value === "string" ? value.split(/\s+/) : Array.isArray(value) ? value : [];
  const classes = list.filter((c): c is string => typeof c === "string" && c !== "");
  el.classList.add(...classes);
  userClasses.set(el, classes);
}
