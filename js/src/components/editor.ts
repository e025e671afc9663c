/**
 * gr.ImageEditor, gr.Sketchpad and gr.ImageMask, the editor chunk's entry (see chunks.ts): a
 * <canvas> the user draws on with a brush or an eraser, in layers (add, select, hide), crops, and
 * undoes. Every control is a real <button> (or input) with a label, so the keyboard reaches them.
 *
 * After each edit the page sends Gradio's `EditorValue`: the background, each layer and the
 * composite as PNGs, uploaded through the file transport (`ctx.files`), then `input` and
 * `change` (and `upload`, `apply`, `clear` where they apply). The drawing itself is editor-canvas.ts.
 */
import type { Block, BlockContext, Factory } from "../block";
import type { ChunkApi } from "../chunks";
import type { FieldProps } from "../field";
import type { FileData, Props } from "../protocol";
import { blankCanvas, centredRect, cropRatio, dragRect, type Ink, type Point, pngFile, type Rect, Sketch } from "./editor-canvas";
import styles from "./editor.css";

export { styles };

type Color = string | [string, number];

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
  eraser: { default_size: number | "auto" } | null;
  brush: { default_size: number | "auto"; colors: Color[] | Color; default_color: Color; color_mode: string } | null;
  layers: boolean;
  canvas_size: [number, number] | null;
  interactive: boolean | null;
}

type Tool = "brush" | "eraser" | "crop";

const DEFAULT_CANVAS: [number, number] = [800, 600];

export function factories(api: ChunkApi): Record<string, Factory> {
  const draw: Factory = (props, ctx) => editor(api, props, ctx);
  return { imageeditor: draw, sketchpad: draw, imagemask: draw };
}

function cssSize(size: number | string | null): string {
  return typeof size === "number" ? `${size}px` : (size ?? "");
}

function colorOf(color: Color): { color: string; opacity: number } {
  return Array.isArray(color) ? { color: color[0], opacity: color[1] } : { color, opacity: 1 };
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    // an image from another site must allow it, or the canvas could never be exported
    if (new URL(url, location.href).origin !== location.origin && !url.startsWith("blob:")) image.crossOrigin = "anonymous";
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("the image could not be loaded"));
    image.src = url;
  });
}

function editor(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h } = api;
  const p = api.ownProps<EditorProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const button = (label: string, cls = ""): HTMLButtonElement =>
    h("button", { type: "button", class: `nbb-icon-button ${cls}`.trim() }, label);

  // --- the DOM ---
  const view = h("canvas", { class: "nbb-editor-canvas", role: "img", "aria-labelledby": head.title.id });
  const cropBox = h("div", { class: "nbb-editor-crop", hidden: "" });
  const video = h("video", { class: "nbb-editor-webcam", hidden: "", muted: "", playsinline: "" });
  const stage = h("div", { class: "nbb-editor-stage" }, view, cropBox, video);
  const fileInput = h("input", { type: "file", accept: "image/*", hidden: "" });
  const uploadButton = button("Upload image");
  const pasteButton = button("Paste image");
  const webcamButton = button("Webcam");
  const captureButton = button("Capture");
  const sourceBar = h("div", { class: "nbb-editor-sources" }, uploadButton, pasteButton, webcamButton, captureButton);
  const brushButton = button("Brush", "nbb-editor-tool");
  const eraserButton = button("Eraser", "nbb-editor-tool");
  const cropButton = button("Crop", "nbb-editor-tool");
  const sizeInput = h("input", { type: "range", min: "1", max: "100", "aria-label": "Brush size" });
  const palette = h("div", { class: "nbb-editor-palette", role: "group", "aria-label": "Brush colour" });
  const picker = h("input", { type: "color", "aria-label": "Custom colour" });
  const undoButton = button("Undo");
  const clearButton = button("Clear");
  const downloadButton = button("Download");
  const toolBar = h("div", { class: "nbb-editor-tools" }, brushButton, eraserButton, cropButton, sizeInput, palette, picker, undoButton, clearButton, downloadButton);
  const applyCrop = button("Apply crop");
  const cancelCrop = button("Cancel crop");
  const cropBar = h("div", { class: "nbb-editor-cropbar", hidden: "" }, applyCrop, cancelCrop);
  const layerList = h("ul", { class: "nbb-editor-layers", "aria-label": "Layers" });
  const addLayerButton = button("Add layer");
  const layerBar = h("div", { class: "nbb-editor-layerbar" }, layerList, addLayerButton);
  const note = h("div", { class: "nbb-editor-note", role: "status", hidden: "" });
  const el = h("div", { class: "nbb-editor-body", tabindex: "-1" }, head.title, head.info, sourceBar, toolBar, cropBar, stage, layerBar, note, fileInput);

  // --- the state ---
  const size = (): [number, number] => p.canvas_size ?? DEFAULT_CANVAS;
  const sketch = new Sketch(...size());
  let tool: Tool = "brush";
  let color = colorOf("#000000");
  let radius: number | null = null;
  let cropArea: Rect | null = null;
  let cropFrom: Point | null = null;
  let stream: MediaStream | null = null;
  /** A background the user or Python gave, rather than blank paper. */
  let hasImage = false;
  /** Sends run one after another, so Python sees the edits in order. */
  let sending: Promise<void> = Promise.resolve();

  const editable = (): boolean => p.interactive !== false;

  function say(message: string | null): void {
    note.textContent = message ?? "";
    note.hidden = message === null;
  }

  function autoRadius(): number {
    return Math.max(1, Math.round(Math.min(sketch.width, sketch.height) / 50));
  }

  function toolRadius(): number {
    const options = tool === "eraser" ? p.eraser : p.brush;
    const fixed = options && options.default_size !== "auto" ? options.default_size : autoRadius();
    return radius ?? fixed;
  }

  function blank(): void {
    sketch.reset(...size(), null);
    hasImage = false;
    // with no source to give a background, the canvas is white paper (gr.Sketchpad)
    if (p.sources.length === 0) sketch.whiteBackground();
  }

  // --- drawing the view ---
  function render(): void {
    sketch.composite(view);
    view.style.aspectRatio = `${sketch.width} / ${sketch.height}`;
    undoButton.disabled = !sketch.canUndo;
    renderLayers();
    renderCrop();
  }

  function renderLayers(): void {
    layerBar.hidden = !p.layers || !editable();
    layerList.replaceChildren(
      ...sketch.layers.map((layer, index) => {
        const select = button(layer.name, "nbb-editor-layer");
        select.setAttribute("aria-pressed", String(index === sketch.active));
        select.addEventListener("click", () => {
          sketch.active = index;
          render();
        });
        const hide = button(layer.visible ? `Hide ${layer.name}` : `Show ${layer.name}`);
        hide.setAttribute("aria-pressed", String(!layer.visible));
        hide.addEventListener("click", () => {
          sketch.checkpoint();
          layer.visible = !layer.visible;
          edited([]);
        });
        return h("li", {}, select, hide);
      }),
    );
  }

  function renderCrop(): void {
    cropBox.hidden = tool !== "crop" || !cropArea;
    cropBar.hidden = tool !== "crop";
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

  function renderTools(): void {
    const can = editable();
    const brush = p.brush;
    toolBar.hidden = !can;
    sourceBar.hidden = !can || p.sources.length === 0;
    uploadButton.hidden = !p.sources.includes("upload");
    pasteButton.hidden = !p.sources.includes("clipboard");
    webcamButton.hidden = !p.sources.includes("webcam") || stream !== null;
    captureButton.hidden = stream === null;
    brushButton.hidden = brush === null;
    eraserButton.hidden = p.eraser === null;
    cropButton.hidden = !p.transforms.includes("crop");
    downloadButton.hidden = !p.show_download_button;
    for (const [b, name] of [[brushButton, "brush"], [eraserButton, "eraser"], [cropButton, "crop"]] as const) {
      b.setAttribute("aria-pressed", String(tool === name));
    }
    sizeInput.value = String(toolRadius());
    const colors = brush ? (Array.isArray(brush.colors) && typeof brush.colors[1] !== "number" ? (brush.colors as Color[]) : [brush.colors as Color]) : [];
    palette.hidden = brush === null || tool !== "brush";
    picker.hidden = palette.hidden || brush?.color_mode === "fixed";
    palette.replaceChildren(
      ...colors.map((c) => {
        const { color: css } = colorOf(c);
        const swatch = h("button", { type: "button", class: "nbb-editor-swatch", "aria-label": css, title: css });
        swatch.style.background = css;
        swatch.setAttribute("aria-pressed", String(css === color.color));
        swatch.addEventListener("click", () => {
          color = colorOf(c);
          renderTools();
        });
        return swatch;
      }),
    );
    stage.classList.toggle("nbb-editor-drawing", can && tool !== "crop");
  }

  // --- the value ---
  /** The user changed the image: the new value goes to Python, then `events` and `input`, `change`. */
  function edited(events: string[]): void {
    render();
    const snapshot = {
      background: hasImage || p.sources.length === 0 ? sketch.background : null,
      layers: sketch.layers.map((layer) => layer.canvas),
      composite: sketch.composite(),
    };
    sending = sending.then(async () => {
      try {
        const files = [snapshot.composite, ...snapshot.layers, ...(snapshot.background ? [snapshot.background] : [])];
        const names = ["composite.png", ...snapshot.layers.map((_, i) => `layer-${i + 1}.png`), "background.png"];
        const stored = await ctx.files.upload(await Promise.all(files.map((canvas, i) => pngFile(canvas, names[i] ?? "image.png"))));
        const [composite, ...rest] = stored;
        const value: EditorData = {
          background: snapshot.background ? (rest[snapshot.layers.length] ?? null) : null,
          layers: rest.slice(0, snapshot.layers.length),
          composite: composite ?? null,
        };
        p.value = value;
        ctx.sendValue(value);
        for (const event of [...events, "input", "change"]) ctx.trigger(event);
        say(null);
      } catch (err) {
        say(`The image could not be sent: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }

  /** Python's value: the background and the layers drawn in (the composite is ours to make). */
  async function showValue(value: EditorData | null): Promise<void> {
    if (!value) {
      blank();
      render();
      return;
    }
    try {
      const url = (file: FileData | null) => (file ? ctx.files.fileUrl(file).then(loadImage) : Promise.resolve(null));
      const [background, composite, ...layers] = await Promise.all([url(value.background), url(value.composite), ...value.layers.map(url)]);
      const base = background ?? composite;
      const [width, height] = base ? [base.naturalWidth, base.naturalHeight] : size();
      const drawn = layers.filter((layer): layer is HTMLImageElement => layer !== null);
      sketch.reset(width, height, base, drawn);
      hasImage = base !== null;
      if (!hasImage && p.sources.length === 0) sketch.whiteBackground();
      say(null);
    } catch (err) {
      say(err instanceof Error ? err.message : String(err));
    }
    render();
  }

  /** A new background starts a new picture: its strokes and undo history are gone. */
  function setBackground(image: CanvasImageSource, width: number, height: number, events: string[]): void {
    sketch.reset(width, height, image);
    hasImage = true;
    edited(events);
  }

  async function useFile(file: File, events: string[]): Promise<void> {
    if (!file.type.startsWith("image/")) return say(`${file.name} is not an image`);
    const url = URL.createObjectURL(file);
    try {
      const image = await loadImage(url);
      setBackground(image, image.naturalWidth, image.naturalHeight, events);
    } catch (err) {
      say(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  // --- pointer: strokes and the crop box ---
  function imagePoint(event: PointerEvent): Point {
    const box = view.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) / box.width) * sketch.width,
      y: ((event.clientY - box.top) / box.height) * sketch.height,
    };
  }

  function ink(): Ink {
    return tool === "eraser" ? "erase" : color;
  }

  view.addEventListener("pointerdown", (event) => {
    if (!editable() || event.button !== 0) return;
    view.setPointerCapture(event.pointerId);
    if (tool === "crop") {
      cropFrom = imagePoint(event);
      return;
    }
    if ((tool === "brush" && !p.brush) || (tool === "eraser" && !p.eraser)) return;
    sketch.strokeStart(imagePoint(event), ink(), toolRadius());
    render();
  });
  view.addEventListener("pointermove", (event) => {
    if (cropFrom) {
      cropArea = dragRect(cropFrom, imagePoint(event), cropRatio(p.crop_size));
      renderCrop();
    } else if (event.buttons & 1) {
      sketch.strokeTo(imagePoint(event), ink(), toolRadius());
      sketch.composite(view);
    }
  });
  const release = (): void => {
    cropFrom = null;
    if (sketch.strokeEnd()) edited([]);
  };
  view.addEventListener("pointerup", release);
  view.addEventListener("pointercancel", release);

  // --- the controls ---
  function choose(next: Tool): void {
    tool = next;
    radius = null;
    cropArea = next === "crop" ? centredRect(sketch.width, sketch.height, cropRatio(p.crop_size)) : null;
    renderTools();
    renderCrop();
  }

  brushButton.addEventListener("click", () => choose("brush"));
  eraserButton.addEventListener("click", () => choose("eraser"));
  cropButton.addEventListener("click", () => choose("crop"));
  sizeInput.addEventListener("input", () => {
    radius = Number(sizeInput.value);
  });
  picker.addEventListener("input", () => {
    color = { color: picker.value, opacity: 1 };
    renderTools();
  });
  applyCrop.addEventListener("click", () => {
    if (cropArea) sketch.crop(cropArea);
    choose("brush");
    edited(["apply"]);
  });
  cancelCrop.addEventListener("click", () => choose("brush"));
  undoButton.addEventListener("click", () => {
    if (sketch.undo()) edited([]);
  });
  clearButton.addEventListener("click", () => {
    blank();
    render();
    p.value = null;
    ctx.sendValue(null);
    ctx.trigger("clear");
    ctx.trigger("input");
    ctx.trigger("change");
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
    edited([]);
  });

  // --- sources: upload, clipboard, webcam ---
  uploadButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (file) void useFile(file, ["upload"]);
  });
  stage.addEventListener("dragover", (event) => {
    if (editable() && p.sources.includes("upload")) event.preventDefault();
  });
  stage.addEventListener("drop", (event) => {
    const file = event.dataTransfer?.files[0];
    if (!editable() || !p.sources.includes("upload") || !file) return;
    event.preventDefault();
    void useFile(file, ["upload"]);
  });
  el.addEventListener("paste", (event) => {
    const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
    if (!editable() || !p.sources.includes("clipboard") || !file) return;
    event.preventDefault();
    void useFile(file, ["upload"]);
  });
  pasteButton.addEventListener("click", async () => {
    try {
      for (const item of await navigator.clipboard.read()) {
        const kind = item.types.find((type) => type.startsWith("image/"));
        if (kind) return void useFile(new File([await item.getType(kind)], "pasted.png", { type: kind }), ["upload"]);
      }
      say("The clipboard holds no image");
    } catch {
      say("The browser keeps the clipboard closed here: press Ctrl+V (⌘V) on the editor instead");
      el.focus();
    }
  });
  webcamButton.addEventListener("click", async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: true });
      video.srcObject = stream;
      video.hidden = false;
      video.classList.toggle("nbb-editor-mirror", p.mirror_webcam);
      await video.play();
    } catch (err) {
      say(`The webcam could not be opened: ${err instanceof Error ? err.message : String(err)}`);
    }
    renderTools();
  });
  captureButton.addEventListener("click", () => {
    const frame = blankCanvas(video.videoWidth, video.videoHeight);
    const c = frame.getContext("2d");
    if (c && p.mirror_webcam) c.setTransform(-1, 0, 0, 1, frame.width, 0);
    c?.drawImage(video, 0, 0);
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = null;
    video.hidden = true;
    renderTools();
    setBackground(frame, frame.width, frame.height, ["upload"]);
  });

  function apply(changes: Partial<EditorProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("height" in changes) stage.style.height = cssSize(p.height);
    if ("width" in changes) stage.style.width = cssSize(p.width);
    if ("brush" in changes && p.brush) color = colorOf(p.brush.default_color);
    if (("brush" in changes && !p.brush) || ("eraser" in changes && !p.eraser && tool === "eraser")) tool = p.brush ? "brush" : "crop";
    renderTools();
    if ("value" in changes) void showValue(p.value);
    else render();
  }

  new ResizeObserver(() => renderCrop()).observe(view);
  blank();
  apply(p);
  return { el, update: (props) => apply(props as Partial<EditorProps>) };
}
