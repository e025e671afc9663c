/**
 * gr.AnnotatedImage (in the "image" chunk): the base image with each annotation's coloured mask
 * (made in Python, a PNG with alpha) laid over it, and a legend. Pointing at a legend entry
 * brings its annotation forward and dims the others; a click on it fires `select` with the
 * annotation's index and label, as Gradio's does.
 */
import type { Block, BlockContext } from "../block";
import type { ChunkApi } from "../chunks";
import type { Props } from "../protocol";
import type { AnnotatedImageProps } from "./image-props";

/** Python colours a label missing from `color_map` red; its legend entry says the same. */
const DEFAULT_COLOR = "#ff0000";

export function annotatedImage(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h, cssSize } = api;
  const p = api.ownProps<AnnotatedImageProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const stage = h("div", { class: "nbb-annotated-stage", role: "img", "aria-labelledby": head.title.id });
  const legend = h("div", { class: "nbb-annotated-legend" });
  const el = h("div", { class: "nbb-annotated" }, head.title, head.info, stage, legend);

  function layer(path: Parameters<BlockContext["files"]["fileUrl"]>[0], className: string): HTMLImageElement {
    const img = h("img", { class: className, alt: "" });
    void ctx.files.fileUrl(path).then((url) => {
      img.src = url;
    });
    return img;
  }

  function highlight(index: number | null): void {
    for (const [i, mask] of Array.from(stage.querySelectorAll(".nbb-annotated-mask")).entries()) {
      mask.classList.toggle("nbb-dimmed", index !== null && i !== index);
    }
  }

  function draw(): void {
    const value = p.value;
    stage.replaceChildren();
    legend.replaceChildren();
    if (!value) return;
    stage.append(layer(value.image, "nbb-annotated-base"));
    for (const annotation of value.annotations) stage.append(layer(annotation.image, "nbb-annotated-mask"));
    for (const [index, { label }] of value.annotations.entries()) {
      const entry = h("button", { type: "button", class: "nbb-annotated-entry" }, label);
      entry.style.setProperty("--nbb-annotation-color", p.color_map?.[label] ?? DEFAULT_COLOR);
      entry.addEventListener("mouseenter", () => highlight(index));
      entry.addEventListener("mouseleave", () => highlight(null));
      entry.addEventListener("click", () => ctx.trigger("select", { index, value: label, selected: true }));
      legend.append(entry);
    }
  }

  function apply(changes: Partial<AnnotatedImageProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    stage.style.height = cssSize(p.height);
    stage.style.width = cssSize(p.width);
    legend.hidden = !p.show_legend;
    if ("value" in changes || "color_map" in changes) draw();
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<AnnotatedImageProps>) };
}
