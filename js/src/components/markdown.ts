import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { renderLatex } from "../chunks";
import { copyButton } from "../copy";
import { applyHeights, attr, h, type Heights } from "../dom";
import { renderMarkdown } from "../markdown";
import type { Props } from "../protocol";
import { sanitize } from "../sanitize";

interface MarkdownProps extends Heights {
  value: string | null;
  rtl: boolean;
  line_breaks: boolean;
  sanitize_html: boolean;
  /** An anchor link beside each heading, to its own id. */
  header_links: boolean;
  /** Gradio 5: the box's padding. */
  padding: boolean;
  show_copy_button: boolean;
  latex_delimiters: LatexDelimiter[];
}

/** One of `latex_delimiters`: the LaTeX between `left` and `right`, on a line of its own when
 * `display` (Gradio's format). */
export interface LatexDelimiter {
  left: string;
  right: string;
  display: boolean;
}

/** Rendered markdown (sanitized unless the app author turned `sanitize_html` off). */
function drawMarkdown(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<MarkdownProps>(initial);
  const prose = h("div", { class: "nbb-prose" });
  const copy = copyButton(() => {
    const text = p.value ?? "";
    ctx.trigger("copy", { value: text });
    return text;
  });
  const el = h("div", {}, copy, prose);

  function apply(changes: Partial<MarkdownProps>): void {
    Object.assign(p, changes);
    const html = renderMarkdown(p.value ?? "", { lineBreaks: p.line_breaks, math: p.latex_delimiters });
    if (p.sanitize_html === false) prose.innerHTML = html; // the app author's choice, as in Gradio
    else prose.replaceChildren(sanitize(html));
    if (p.header_links) linkHeadings(prose);
    void renderLatex(prose, p.latex_delimiters ?? [], ctx);
    attr(prose, "dir", p.rtl ? "rtl" : null);
    // Gradio 4.34's height is where the text starts to scroll; Gradio 5's max_height too
    applyHeights(prose, { max_height: p.max_height ?? p.height, min_height: p.min_height });
    prose.classList.toggle("nbb-scroll", p.height != null || p.max_height != null);
    prose.style.padding = p.padding ? "var(--nbb-pad)" : "";
    copy.hidden = !p.show_copy_button;
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<MarkdownProps>), boxed: false };
}

/** Gives each heading an id made from its text (GitHub's way: lower case, spaces to dashes,
 * `-1`, `-2`... for repeats) and a `#` link to it, so a section can be linked to. */
function linkHeadings(root: HTMLElement): void {
  const seen = new Map<string, number>();
  for (const heading of root.querySelectorAll<HTMLElement>("h1, h2, h3, h4, h5, h6")) {
    const base = slug(heading.textContent ?? "") || "section";
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    heading.id = count === 0 ? base : `${base}-${count}`;
    const link = h("a", { class: "nbb-header-link", href: `#${heading.id}`, "aria-label": `Link to ${heading.textContent}` }, "#");
    heading.append(" ", link);
  }
}

function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s+/g, "-");
}

export const markdown: ComponentSpec = {
  draw: drawMarkdown,
  props: propsOf<MarkdownProps>({
    value: true,
    rtl: true,
    line_breaks: true,
    sanitize_html: true,
    header_links: true,
    height: true,
    max_height: true,
    min_height: true,
    padding: true,
    show_copy_button: true,
    latex_delimiters: true,
  }),
  events: ["copy"],
};
