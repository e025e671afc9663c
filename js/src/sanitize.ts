/**
 * Sanitising HTML by walking the browser's own parse. The markup is parsed into an inert `<template>`
 * (nothing in it loads or runs), every element and attribute is checked against an allowlist, and the
 * checked nodes themselves are returned for insertion. They are never serialised and parsed again, so
 * no difference between two parses (mutation XSS) can turn checked markup into something else, and no
 * trick of the markup can make this walk see a tree other than the one the page will hold.
 */

const TAGS = new Set(
  "a abbr audio b blockquote br caption center code col colgroup dd del details div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img input ins kbd li mark ol p picture pre q s samp small source span strike strong sub summary sup table tbody td tfoot th thead tr tt u ul var video".split(
    " ",
  ),
);
// Dropped with everything inside: their content is code, style or another document, not text to show.
const DROPPED = new Set(
  "base embed frame frameset head iframe link math meta noembed noframes noscript object script select style svg template textarea title xmp".split(
    " ",
  ),
);
// No `style` (an overlay over the whole page) and no event handlers. `id` and `name` are kept under a
// prefix (GitHub's), so they cannot clobber the page's globals or its elements' ids; classes of the app's
// own (`nbb-`) are dropped, so markdown cannot dress up as the app's chrome (its fixed banners, overlays).
const ATTRS = new Set(
  "align alt checked class colspan controls dir disabled height href lang loop muted open poster reversed rowspan scope src start title type valign width".split(
    " ",
  ),
);
const NAMES = new Set(["id", "name"]);
const ID_PREFIX = "user-content-";
const URL_ATTRS = new Set(["href", "src", "poster"]);

/** The fragment `html` parses to, with only allowlisted elements and attributes left. */
export function sanitize(html: string): DocumentFragment {
  const template = document.createElement("template");
  template.innerHTML = html;
  const root = template.content;
  const comments = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const dead: Node[] = [];
  while (comments.nextNode()) dead.push(comments.currentNode);
  for (const node of dead) node.parentNode?.removeChild(node);
  // Document order, parents first: a dropped element takes its subtree away, an unknown one is replaced
  // by its children, which are cleaned in their turn.
  for (const el of Array.from(root.querySelectorAll("*"))) {
    if (DROPPED.has(el.localName)) el.remove();
    else if (!TAGS.has(el.localName)) {
      while (el.firstChild) el.before(el.firstChild);
      el.remove();
    } else cleanAttributes(el);
  }
  return root;
}

function cleanAttributes(el: Element): void {
  for (const { name, value } of Array.from(el.attributes)) {
    if (NAMES.has(name)) {
      if (!value.startsWith(ID_PREFIX)) el.setAttribute(name, ID_PREFIX + value);
    } else if (name === "class") {
      el.setAttribute(name, value.replace(/(^|\s)nbb-\S*/g, "").trim());
    } else if (!ATTRS.has(name) || (URL_ATTRS.has(name) && !safeUrl(value, el.localName === "img" && name === "src"))) {
      el.removeAttribute(name);
    }
  }
  // Links leave the notebook page in place, and the opened page gets no handle on it.
  const href = el.getAttribute("href");
  if (el.localName === "a" && href !== null && !href.startsWith("#")) {
    el.setAttribute("target", "_blank");
    el.setAttribute("rel", "noopener noreferrer");
  }
}

/**
 * http(s), mailto and relative URLs; `data:image/` too where an image is shown. The browser's URL parser
 * decides the scheme, as it will when the link is followed (entities are already decoded by the parse,
 * and the parser drops the tabs, newlines and controls that could hide `javascript:`). A relative URL
 * takes the scheme of the base, so an https base stands for any page.
 */
export function safeUrl(value: string, image: boolean): boolean {
  let url: URL;
  try {
    url = new URL(value, "https://relative.invalid/");
  } catch {
    return false;
  }
  return /^(https?|mailto):$/.test(url.protocol) || (image && url.protocol === "data:" && /^image\//i.test(url.pathname));
}
