import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import type { Props } from "../protocol";

interface HtmlProps {
  value: unknown;
  /** Gradio 6: a JavaScript template literal over `value` and `template_props` ("${value}"). */
  html_template: string;
  /** Styles for this block only: nested under its element's id. */
  css_template: string;
  /** Run once, after the first draw, with `element`, `props` and `trigger`. */
  js_on_load: string | null;
  template_props: Record<string, unknown>;
  min_height: number | string | null;
  max_height: number | string | null;
  padding: boolean;
}

/** Gradio's default template, `${value}`: the value is the HTML itself, no template to run. */
const PLAIN = ["$", "{value}"].join("");
/** Where a template draws the blocks made inside `with gr.HTML(...):` (Gradio 6). */
const CHILDREN = "@children";

function size(value: number | string | null | undefined): string {
  return typeof value === "number" ? `${value}px` : (value ?? "");
}

/** The app author's template literal, evaluated with `vars` in scope (the author's own code, as
 * a listener's `js` is). */
function fill(template: string, vars: Record<string, unknown>): string {
  const names = Object.keys(vars);
  const render = new Function(...names, `return \`${template}\`;`) as (...values: unknown[]) => string;
  return render(...names.map((name) => vars[name]));
}

/** What `js_on_load` gets as `upload`: stores a browser `File` with the app, as Gradio's does. */
function uploadFor(ctx: BlockContext): (file: File) => Promise<{ path: string; url: string }> {
  return async (file) => {
    const [data] = await ctx.files.upload([file]);
    return { path: data.path, url: await ctx.files.fileUrl(data) };
  };
}

/** Raw HTML from Python, set as is (scripts in it do not run); or a Gradio 6 custom HTML block,
 * which may hold blocks of its own, drawn where its template says `@children`. */
function drawHtml(initial: Props, ctx: BlockContext, children: Block[]): Block {
  const p = ownProps<HtmlProps>(initial);
  const content = h("div", { id: ctx.uid("html") });
  const slot = h("div", { id: ctx.uid("html-children"), class: "nbb-layout nbb-layout-column" });
  slot.append(...children.map((child) => child.el));
  const style = h("style");
  const el = h("div", { class: "nbb-html" }, style, content);
  // what `js_on_load` sees as `props`: setting `value` sends it to Python, as Gradio's does
  const live = new Proxy({} as Record<string, unknown>, {
    get: (_, name) => (name === "value" ? p.value : p.template_props?.[String(name)]),
    set: (_, name, value) => {
      if (name === "value") {
        p.value = value;
        ctx.sendValue(value);
        ctx.trigger("input");
        ctx.trigger("change");
      } else p.template_props = { ...p.template_props, [String(name)]: value };
      draw();
      return true;
    },
  });

  function draw(): void {
    const vars = { ...p.template_props, value: p.value, props: live };
    if (!p.html_template || p.html_template === PLAIN) content.innerHTML = p.value === null || p.value === undefined ? "" : String(p.value);
    else content.innerHTML = fill(p.html_template.replace(CHILDREN, `<div id="${slot.id}"></div>`), vars);
    // the children's elements are kept across redraws (their state, their listeners)
    const place = content.querySelector(`#${slot.id}`);
    if (place) place.replaceWith(slot);
    else if (children.length) content.append(slot);
    style.textContent = p.css_template ? `#${content.id} { ${fill(p.css_template, vars)} }` : "";
    content.style.minHeight = size(p.min_height);
    content.style.maxHeight = size(p.max_height);
    content.style.overflowY = p.max_height === null || p.max_height === undefined ? "" : "auto";
    content.style.padding = p.padding ? "var(--nbb-pad)" : "";
  }

  draw();
  if (p.js_on_load) {
    const onLoad = new Function("element", "props", "trigger", "upload", p.js_on_load);
    const trigger = (event: string, data?: unknown): void => ctx.trigger(event, data);
    queueMicrotask(() => onLoad(content, live, trigger, uploadFor(ctx)));
  }
  return {
    el,
    update: (changes) => {
      Object.assign(p, changes);
      draw();
    },
    boxed: false,
  };
}

export const html: ComponentSpec = {
  draw: drawHtml,
  props: propsOf<HtmlProps>({
    value: true,
    html_template: true,
    css_template: true,
    js_on_load: true,
    template_props: true,
    min_height: true,
    max_height: true,
    padding: true,
  }),
  events: ["change", "input", "click", "double_click", "submit", "select", "keypress", "upload"],
};
