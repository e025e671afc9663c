/**
 * KaTeX's output, checked before it joins the page. KaTeX with `trust: false` escapes what it is
 * given, but a checked insertion does not depend on that staying true in every release (nor on
 * the option staying set): the output is parsed into an inert `<template>` and only what KaTeX
 * draws is kept (its spans, the SVG of roots, arrows and braces, the MathML copy for screen
 * readers), with only the attributes it writes; classes of the app's own (`nbb-`) are dropped,
 * as in markdown. Unlike markdown (sanitize.ts), math needs inline `style` (its boxes' heights,
 * shifts and colours): a declaration stays only when its property is one KaTeX sets and its value
 * is plain lengths, numbers, words or colours (no `url(`, no `var(`, no `position`: nothing that
 * loads or leaves the math's own box).
 */

const HTML_TAGS = new Set(["span", "svg", "path", "line", "rect"]);
const MATHML_TAGS = new Set(
  "math semantics annotation mrow mi mn mo ms mtext mspace msup msub msubsup mfrac msqrt mroot mover munder munderover mtable mtr mtd mpadded mphantom mstyle menclose merror".split(
    " ",
  ),
);
const ATTRS = new Set(
  // HTML and SVG: classes, hiding the visual copy from screen readers, the SVG's box and shapes.
  "class style aria-hidden title width height viewbox preserveaspectratio d x y x1 y1 x2 y2 stroke-width fill stroke".split(" ").concat(
    // MathML's presentation attributes.
    "xmlns display encoding mathvariant mathcolor stretchy fence separator lspace rspace minsize maxsize symmetric movablelimits accent accentunder linethickness columnalign rowalign columnspacing rowspacing columnlines rowlines scriptlevel displaystyle notation depth voffset".split(
      " ",
    ),
  ),
);
const STYLE_PROPS = new Set(
  "height width min-width max-width vertical-align top left right bottom margin margin-left margin-right margin-top margin-bottom padding-left padding-right border-bottom-width border-top-width border-right-width border-left-width border-style border-color color background-color".split(
    " ",
  ),
);
/** Lengths, numbers, keywords, `#hex` and `rgb()`/`calc()` of those: nothing that names a resource. */
const STYLE_VALUE = /^(?:[-+]?[\w.%#]+|(?:rgba?|calc)\([\w.%#,+\-*/ ]*\))(?:\s+(?:[-+]?[\w.%#]+|(?:rgba?|calc)\([\w.%#,+\-*/ ]*\)))*$/;

/** The nodes of `html` (KaTeX's output), with only what KaTeX draws left. */
export function checkedMath(html: string): DocumentFragment {
  const template = document.createElement("template");
  template.innerHTML = html;
  // Document order, parents first: a removed element takes its subtree with it.
  for (const el of Array.from(template.content.querySelectorAll("*"))) {
    if (!(HTML_TAGS.has(el.localName) || MATHML_TAGS.has(el.localName))) el.remove();
    else cleanAttributes(el);
  }
  return template.content;
}

function cleanAttributes(el: Element): void {
  for (const { name, value } of Array.from(el.attributes)) {
    if (!ATTRS.has(name.toLowerCase())) el.removeAttribute(name);
    else if (name === "class") el.setAttribute(name, value.replace(/(^|\s)nbb-\S*/g, "").trim());
    else if (name === "style") {
      const kept = checkedStyle(value);
      if (kept) el.setAttribute("style", kept);
      else el.removeAttribute("style");
    }
  }
}

function checkedStyle(style: string): string {
  return style
    .split(";")
    .map((declaration) => {
      const colon = declaration.indexOf(":");
      const prop = declaration.slice(0, colon).trim().toLowerCase();
      const value = declaration.slice(colon + 1).trim();
      return colon > 0 && STYLE_PROPS.has(prop) && STYLE_VALUE.test(value) ? `${prop}:${value}` : "";
    })
    .filter(Boolean)
    .join(";");
}
