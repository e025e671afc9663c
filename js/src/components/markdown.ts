import { ownProps, type Block } from "../block";
import { attr, h } from "../dom";
import { renderMarkdown } from "../markdown";
import type { Props } from "../protocol";
import { sanitize } from "../sanitize";

interface MarkdownProps {
  value: string | null;
  rtl: boolean;
  line_breaks: boolean;
  sanitize_html: boolean;
}

/** Rendered markdown (sanitized unless the app author turned `sanitize_html` off). */
export function markdown(initial: Props): Block {
  const p = ownProps<MarkdownProps>(initial);
  const el = h("div", { class: "nbb-prose" });

  function apply(changes: Partial<MarkdownProps>): void {
    Object.assign(p, changes);
    const html = renderMarkdown(p.value ?? "", { lineBreaks: p.line_breaks });
    if (p.sanitize_html === false) el.innerHTML = html; // the app author's choice, as in Gradio
    else el.replaceChildren(sanitize(html));
    attr(el, "dir", p.rtl ? "rtl" : null);
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<MarkdownProps>), boxed: false };
}
