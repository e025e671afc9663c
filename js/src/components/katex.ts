/**
 * The KaTeX chunk: LaTeX between a block's `latex_delimiters` typeset in place, for Markdown and
 * the Chatbot's messages (components/markdown.ts `renderLatex` loads it, only for a text that holds
 * a delimiter). Its CSS carries KaTeX's fonts as data: URLs (build.mjs), so they arrive with the
 * chunk: over the comm in a notebook with no server to fetch them from, behind login when served.
 *
 * KaTeX runs with `trust: false` (no `\href`, `\url`, `\htmlClass`, `\includegraphics`...), and its
 * output is still inserted only as nodes checked against the allowlist of what KaTeX draws
 * (katex-check.ts), as markdown goes through sanitize.ts.
 */
import katex from "katex";
import styles from "katex/dist/katex.min.css";
import type { LatexDelimiter } from "./markdown";
import { checkedMath } from "./katex-check";
import { findMath } from "./katex-find";

export { styles };

/** Elements whose text is code or already typeset, never math. */
const SKIPPED = new Set(["code", "pre", "kbd", "samp", "script", "style", "textarea"]);

/** Typesets the math in the text of `element` (not inside code), in place. */
export function renderMath(element: Element, delimiters: readonly LatexDelimiter[]): void {
  element.normalize(); // math cut across adjacent text nodes is found whole
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (insideSkipped(node, element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const texts: Text[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  for (const text of texts) typeset(text, delimiters);
}

function insideSkipped(node: Node, root: Element): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (SKIPPED.has(el.localName) || el.classList.contains("katex")) return true;
  }
  return false;
}

function typeset(text: Text, delimiters: readonly LatexDelimiter[]): void {
  const pieces = findMath(text.data, delimiters);
  if (pieces.length === 1 && typeof pieces[0] === "string") return;
  const fragment = document.createDocumentFragment();
  for (const piece of pieces) {
    if (typeof piece === "string") fragment.append(piece);
    else fragment.append(checkedMath(katex.renderToString(piece.tex, { displayMode: piece.display, ...OPTIONS })));
  }
  text.replaceWith(fragment);
}

/** An error shows the source in red rather than stopping the rest; `maxExpand` bounds macro loops. */
const OPTIONS = { throwOnError: false, trust: false, strict: "ignore", maxExpand: 1000 } as const;
