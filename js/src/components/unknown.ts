import type { Block } from "../block";
import { h } from "../dom";

/** Stands in for a block type this front end cannot draw, so the rest of the app still works. */
export function unknown(type: string, children: Block[], reason = "not supported here"): Block {
  const el = h("div", { class: "nbb-unknown" }, h("div", { class: "nbb-unknown-note" }, `${type}: ${reason}`));
  el.append(...children.map((c) => c.el));
  return { el, update: () => undefined };
}
