import type { Block, ComponentSpec } from "../block";
import { h } from "../dom";
import type { Props } from "../protocol";

/** Raw HTML from Python, set as is (the author's own markup: scripts in it do not run). */
function drawHtml(initial: Props): Block {
  const el = h("div", { class: "nbb-html" });
  const apply = (props: Props): void => {
    if ("value" in props) el.innerHTML = typeof props.value === "string" ? props.value : "";
  };
  apply(initial);
  return { el, update: apply, boxed: false };
}

export const html: ComponentSpec = { draw: drawHtml, props: ["value"], events: [] };
