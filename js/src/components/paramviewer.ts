import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { cssSize, h } from "../dom";
import { renderMarkdown } from "../markdown";
import type { Props } from "../protocol";
import { sanitize } from "../sanitize";

/** One parameter as Python sends it (`ParamViewer.postprocess`). */
interface Parameter {
  type: string;
  description: string;
  default: string | null;
}

interface ParamViewerProps {
  value: Record<string, Parameter> | null;
  /** The title above the list, with a button opening or closing every entry; null: none. */
  header: string | null;
  /** Each entry gets an id (`param-<name>`, the string a prefix for it) and a `#` link to it. */
  anchor_links: boolean | string;
  /** Past this height (px when a number, else any CSS length) the list scrolls, the header stays. */
  max_height: number | string | null;
}

/** Gradio's ParamViewer: one `<details>` per parameter, its name and type in the summary, its
 * default and description (markdown, sanitized: it may come from a function) inside. */
function drawParamViewer(initial: Props, _ctx: BlockContext): Block {
  const p = ownProps<ParamViewerProps>(initial);
  const title = h("span", { class: "nbb-paramviewer-title" });
  const toggle = h("button", { type: "button", class: "nbb-icon-button" });
  const header = h("div", { class: "nbb-paramviewer-header" }, title, toggle);
  const list = h("div", { class: "nbb-paramviewer-list" });
  const el = h("div", { class: "nbb-paramviewer" }, header, list);

  const entries = (): HTMLDetailsElement[] => [...list.querySelectorAll("details")];
  const allOpen = (): boolean => entries().length > 0 && entries().every((entry) => entry.open);
  const label = (): void => {
    toggle.textContent = allOpen() ? "Collapse all" : "Expand all";
  };
  toggle.addEventListener("click", () => {
    const open = !allOpen();
    for (const entry of entries()) entry.open = open;
    label();
  });

  function entry(name: string, param: Parameter): HTMLDetailsElement {
    const summary = h("summary", {}, h("code", { class: "nbb-param-name" }, name));
    if (param.type) summary.append(": ", h("code", { class: "nbb-param-type" }, param.type));
    const details = h("details", { class: "nbb-param" }, summary);
    if (p.anchor_links) {
      details.id = `${typeof p.anchor_links === "string" ? `${p.anchor_links}-` : ""}param-${name}`;
      summary.append(" ", h("a", { href: `#${details.id}`, class: "nbb-header-link", "aria-label": `Link to ${name}` }, "#"));
    }
    if (param.default !== null) details.append(h("div", { class: "nbb-param-default" }, "default = ", h("code", {}, param.default)));
    const description = h("div", { class: "nbb-prose nbb-param-description" });
    description.append(sanitize(renderMarkdown(param.description)));
    details.append(description);
    details.addEventListener("toggle", label);
    return details;
  }

  function apply(changes: Partial<ParamViewerProps>): void {
    Object.assign(p, changes);
    title.textContent = p.header ?? "";
    header.hidden = p.header === null;
    list.replaceChildren(...Object.entries(p.value ?? {}).map(([name, param]) => entry(name, param)));
    list.style.maxHeight = cssSize(p.max_height);
    list.style.overflowY = p.max_height === null ? "" : "auto";
    label();
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<ParamViewerProps>) };
}

export const paramviewer: ComponentSpec = {
  draw: drawParamViewer,
  props: propsOf<ParamViewerProps>({ value: true, header: true, anchor_links: true, max_height: true }),
  events: ["change"],
};
