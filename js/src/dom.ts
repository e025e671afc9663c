/** Tiny DOM helpers, so components read as the markup they build. */

type Child = Node | string | null | undefined | false;

/** Creates `<tag>` with attributes (`class` included) and children; null/false children are skipped. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children) if (child) el.append(child);
  return el;
}

/** A CSS length from Gradio's number-or-string size prop: a number is pixels, null clears it. */
export function cssSize(size: number | string | null): string {
  return typeof size === "number" ? `${size}px` : (size ?? "");
}

/** The height props Gradio 5 gives a box (a layout, Markdown, JSON): each a CSS length, or
 * pixels when a number; past `height` or `max_height` the box scrolls. */
export interface Heights {
  height?: number | string | null;
  max_height?: number | string | null;
  min_height?: number | string | null;
}

export function applyHeights(el: HTMLElement, p: Heights): void {
  el.style.height = cssSize(p.height ?? null);
  el.style.maxHeight = cssSize(p.max_height ?? null);
  el.style.minHeight = cssSize(p.min_height ?? null);
  el.style.overflowY = p.height != null || p.max_height != null ? "auto" : "";
}

/** Sets an attribute, or removes it when the value is null/undefined/false. */
export function attr(el: Element, name: string, value: string | number | boolean | null | undefined): void {
  if (value === null || value === undefined || value === false) el.removeAttribute(name);
  else el.setAttribute(name, value === true ? "" : String(value));
}
