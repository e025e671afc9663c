/**
 * gr.ImageEditor, gr.Sketchpad and gr.ImageMask, the editor chunk's entry (see chunks.ts): a
 * <canvas> the user draws on with a brush or an eraser, in layers (add, select, hide), crops, and
 * undoes. Every control is a real <button> (or input) with a label, so the keyboard reaches them.
 *
 * After each edit the page sends Gradio's `EditorValue`: the background, each layer and the
 * composite as PNGs, uploaded through the file transport (`ctx.files`), then `input` and
 * `change` (and `upload`, `apply`, `clear` where they apply). Edits made while a send is under
 * way go in one send after it, so a quick hand doesn't queue an upload per stroke. The drawing
 * is editor-canvas.ts, the tools editor-tools.ts, the background's sources editor-sources.ts.
 */
import type { Block, BlockContext, Factory } from "../block";
import type { ChunkApi } from "../chunks";
import type { FieldProps } from "../field";
import type { FileData, Props } from "../protocol";
import { centredRect, cropRatio, dragRect, type Point, pngFile, type Rect, Sketch } from "./editor-canvas";
import { imageSources, loadImage } from "./editor-sources";
import { type BrushOptions, type EraserOptions, Tools } from "./editor-tools";
import styles from "./editor.css";

export { styles };

export interface EditorData {
  background: FileData | null;
  layers: FileData[];
  composite: FileData | null;
}

export interface EditorProps extends FieldProps {
  value: EditorData | null;
  height: number | string | null;
  width: number | string | null;
  sources: string[];
  show_download_button: boolean;
  mirror_webcam: boolean;
  crop_size: number[] | string | null;
  transforms: string[];
  eraser: EraserOptions | null;
  brush: BrushOptions | null;
  layers: boolean;
  canvas_size: [number, number] | null;
  interactive: boolean | null;
}

/** Gradio's blank canvas when neither `canvas_size` nor a background gives one. */
const DEFAULT_CANVAS: [number, number] = [800, 600];

export function factories(api: ChunkApi): Record<string, Factory> {
  const draw: Factory = (props, ctx) => editor(api, props, ctx);
  return { imageeditor: draw, sketchpad: draw, imagemask: draw };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function editor(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h, cssSize } = api;
  const p = api.ownProps<EditorProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const button = (label: string): HTMLButtonElement => h("button", { type: "button", class: "nbb-icon-button" }, label);

  const view = h("canvas", { class: "nbb-editor-canvas", role: "img", "aria-labelledby": head.title.id });
  const cropBox = h("div", { class: "nbb-editor-crop", hidden: "" });
  const stage = h("div", { class: "nbb-editor-stage" }, view, cropBox);
  const undoButton = button("Undo");
  const clearButton = button("Clear");
  const downloadButton = button("Download");
  const actions = h("div", { class: "nbb-editor-tools" }, undoButton, clearButton, downloadButton);
  const applyCrop = button("Apply crop");
  const cancelCrop = button("Cancel crop");
  const cropBar = h("div", { class: "nbb-editor-cropbar", hidden: "" }, applyCrop, cancelCrop);
  const layerList = h("ul", { class: "nbb-editor-layers", "aria-label": "Layers" });
  const addLayerButton = button("Add layer");
  const layerBar = h("div", { class: "nbb-editor-layerbar" }, layerList, addLayerButton);
  const note = h("div", { class: "nbb-editor-note", role: "status", hidden: "" });
  const el = h("div", { class: "nbb-editor-body", tabindex: "-1" });

  const size = (): [number, number] => p.canvas_size ?? DEFAULT_CANVAS;
  const sketch = new Sketch(...size());
  const tools = new Tools(api, chose, () => Math.max(1, Math.round(Math.min(sketch.width, sketch.height) / 50)));
  const sources = imageSources(api, el, stage, (image, width, height) => setBackground(image, width, height), say);
  stage.append(sources.preview);
  const toolbar = h("div", { class: "nbb-editor-toolbar" }, tools.bar, actions);
  el.append(head.title, head.info, sources.bar, toolbar, cropBar, stage, layerBar, note);

  let cropArea: Rect | null = null;
  let cropFrom: Point | null = null;
  /** A background the user or Python gave, rather than blank paper. */
  let hasImage = false;
  /** Events of edits not sent yet (null: nothing to send), and whether a send is under way. */
  let unsent: Set<string> | null = null;
  let sending = false;

  const editable = (): boolean => p.interactive !== false;

  function say(text: string | null): void {
    note.textContent = text ?? "";
    note.hidden = text === null;
  }

  /** The empty canvas; with no source to give a background, white paper (gr.Sketchpad). */
  function blank(): void {
    sketch.reset(...size(), null);
    hasImage = false;
    if (p.sources.length === 0) sketch.whiteBackground();
  }

  // --- drawing the view ---
  function render(): void {
    sketch.composite(view);
    undoButton.disabled = !sketch.canUndo;
    renderLayers();
    renderCrop();
  }

  function renderLayers(): void {
    layerBar.hidden = !p.layers || !editable();
    layerList.replaceChildren(
      ...sketch.layers.map((layer, index) => {
        const select = h("button", { type: "button", class: "nbb-icon-button nbb-editor-layer" }, layer.name);
        select.setAttribute("aria-pressed", String(index === sketch.active));
        select.addEventListener("click", () => {
          sketch.active = index;
          render();
        });
        const hide = button(`${layer.visible ? "Hide" : "Show"} ${layer.name}`);
        hide.setAttribute("aria-pressed", String(!layer.visible));
        hide.addEventListener("click", () => {
          sketch.checkpoint();
          layer.visible = !layer.visible;
          edited();
        });
        return h("li", {}, select, hide);
      }),
    );
  }

  function renderCrop(): void {
    const cropping = tools.tool === "crop" && editable();
    cropBar.hidden = !cropping;
    cropBox.hidden = !cropping || !cropArea;
    if (!cropArea) return;
    const scaleX = view.clientWidth / sketch.width;
    const scaleY = view.clientHeight / sketch.height;
    Object.assign(cropBox.style, {
      left: `${view.offsetLeft + cropArea.x * scaleX}px`,
      top: `${view.offsetTop + cropArea.y * scaleY}px`,
      width: `${cropArea.width * scaleX}px`,
      height: `${cropArea.height * scaleY}px`,
    });
  }

  /** A tool picked: crop starts with the largest box `crop_size` allows. */
  function chose(): void {
    cropArea = tools.tool === "crop" ? centredRect(sketch.width, sketch.height, cropRatio(p.crop_size)) : null;
    renderMode();
  }

  function renderMode(): void {
    stage.classList.toggle("nbb-editor-drawing", editable() && tools.tool !== "crop");
    renderCrop();
  }

  // --- the value ---
  /** The user changed the picture: it goes to Python, then `events`, `input` and `change`. */
  function edited(...events: string[]): void {
    render();
    unsent = new Set([...(unsent ?? []), ...events]);
    if (!sending) void sendEdits();
  }

  async function sendEdits(): Promise<void> {
    sending = true;
    while (unsent) {
      const events = unsent;
      unsent = null;
      try {
        const value = await upload();
        p.value = value;
        ctx.sendValue(value);
        for (const event of [...events, "input", "change"]) ctx.trigger(event);
        say(null);
      } catch (err) {
        say(`The image could not be sent: ${message(err)}`);
      }
    }
    sending = false;
  }

  /** The picture as it is now, uploaded: composite, layers, then the background if any. */
  async function upload(): Promise<EditorData> {
    const background = hasImage || p.sources.length === 0 ? sketch.background : null;
    const canvases = [sketch.composite(), ...sketch.layers.map((layer) => layer.canvas), ...(background ? [background] : [])];
    const names = ["composite.png", ...sketch.layers.map((_, i) => `layer-${i + 1}.png`), "background.png"];
    const files = await Promise.all(canvases.map((canvas, i) => pngFile(canvas, names[i] ?? "image.png")));
    const [composite, ...rest] = await ctx.files.upload(files);
    const layers = rest.slice(0, sketch.layers.length);
    return { background: background ? (rest[layers.length] ?? null) : null, layers, composite: composite ?? null };
  }

  /** Python's value: the background and the layers drawn in (the composite is the page's to make). */
  async function showValue(value: EditorData | null): Promise<void> {
    if (!value) {
      blank();
      return render();
    }
    try {
      const image = (file: FileData | null) => (file ? ctx.files.fileUrl(file).then(loadImage) : Promise.resolve(null));
      const [background, composite, ...layers] = await Promise.all([image(value.background), image(value.composite), ...value.layers.map(image)]);
      const base = background ?? composite;
      const [width, height] = base ? [base.naturalWidth, base.naturalHeight] : size();
      sketch.reset(width, height, base, layers.filter((layer): layer is HTMLImageElement => layer !== null));
      hasImage = base !== null;
      if (!hasImage && p.sources.length === 0) sketch.whiteBackground();
      say(null);
    } catch (err) {
      say(message(err));
    }
    render();
  }

  /** A new background starts a new picture: its strokes and undo history are gone. */
  function setBackground(image: CanvasImageSource, width: number, height: number): void {
    sketch.reset(width, height, image);
    hasImage = true;
    edited("upload");
  }

  // --- pointer: strokes and the crop box ---
  function imagePoint(event: PointerEvent): Point {
    const box = view.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * sketch.width, y: ((event.clientY - box.top) / box.height) * sketch.height };
  }

  view.addEventListener("pointerdown", (event) => {
    if (!editable() || event.button !== 0) return;
    const ink = tools.ink();
    if (tools.tool !== "crop" && !ink) return;
    view.setPointerCapture(event.pointerId);
    if (ink) {
      sketch.strokeStart(imagePoint(event), ink, tools.strokeRadius());
      render();
    } else cropFrom = imagePoint(event);
  });
  view.addEventListener("pointermove", (event) => {
    const ink = tools.ink();
    if (cropFrom) {
      cropArea = dragRect(cropFrom, imagePoint(event), cropRatio(p.crop_size));
      renderCrop();
    } else if (ink && event.buttons & 1) {
      sketch.strokeTo(imagePoint(event), ink, tools.strokeRadius());
      sketch.composite(view);
    }
  });
  const release = (): void => {
    cropFrom = null;
    if (sketch.strokeEnd()) edited();
  };
  view.addEventListener("pointerup", release);
  view.addEventListener("pointercancel", release);

  // --- the other controls ---
  applyCrop.addEventListener("click", () => {
    if (cropArea) sketch.crop(cropArea);
    tools.choose("brush");
    edited("apply");
  });
  cancelCrop.addEventListener("click", () => tools.choose("brush"));
  undoButton.addEventListener("click", () => {
    if (sketch.undo()) edited();
  });
  clearButton.addEventListener("click", () => {
    blank();
    render();
    unsent = null; // an edit still waiting to be sent is cleared with the rest
    p.value = null;
    ctx.sendValue(null);
    for (const event of ["clear", "input", "change"]) ctx.trigger(event);
  });
  downloadButton.addEventListener("click", () => {
    sketch.composite().toBlob((blob) => {
      if (!blob) return;
      const link = h("a", { href: URL.createObjectURL(blob), download: "image.png" });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    }, "image/png");
  });
  addLayerButton.addEventListener("click", () => {
    sketch.checkpoint();
    sketch.addLayer();
    edited();
  });

  function apply(changes: Partial<EditorProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("height" in changes) stage.style.height = cssSize(p.height);
    if ("width" in changes) stage.style.width = cssSize(p.width);
    const can = editable();
    tools.apply({ brush: p.brush, eraser: p.eraser, transforms: p.transforms });
    tools.bar.hidden = !can;
    actions.hidden = !can && !p.show_download_button;
    undoButton.hidden = clearButton.hidden = !can;
    downloadButton.hidden = !p.show_download_button;
    sources.apply({ sources: p.sources, mirror: p.mirror_webcam, enabled: can });
    renderMode();
    if ("value" in changes) void showValue(p.value);
    else render();
  }

  new ResizeObserver(() => renderCrop()).observe(view);
  blank();
  apply(p);
  return { el, update: (props) => apply(props as Partial<EditorProps>) };
}
