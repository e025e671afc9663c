/**
 * The image editor's model, apart from its DOM: a background and layers, each a canvas in image
 * pixels, the strokes drawn on them, crop, and undo. The composite (the background with the
 * visible layers over it) is what Gradio's `EditorValue` calls `composite`; the page computes it
 * here and sends it with the background and the layers as PNGs (editor.ts).
 */

export interface Layer {
  name: string;
  canvas: HTMLCanvasElement;
  visible: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** How a stroke paints: a brush colour (with its opacity), or the eraser. */
export type Ink = { color: string; opacity: number } | "erase";

/** Everything undo needs to put back. */
interface Snapshot {
  background: HTMLCanvasElement | null;
  layers: Layer[];
  active: number;
}

const UNDO_DEPTH = 30;

export function blankCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(width));
  canvas.height = Math.max(1, Math.round(height));
  return canvas;
}

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("this browser gives no 2D canvas");
  return ctx;
}

function copyOf(canvas: HTMLCanvasElement, area?: Rect): HTMLCanvasElement {
  const { x, y, width, height } = area ?? { x: 0, y: 0, width: canvas.width, height: canvas.height };
  const copy = blankCanvas(width, height);
  context(copy).drawImage(canvas, -x, -y);
  return copy;
}

export class Sketch {
  /** The image drawn on, or null: a canvas with no background (its pixels are transparent). */
  background: HTMLCanvasElement | null = null;
  layers: Layer[] = [];
  active = 0;
  width: number;
  height: number;
  private history: Snapshot[] = [];
  private last: Point | null = null;

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.addLayer();
  }

  /** Starts over at `width` x `height` with `background` (an image or a canvas) and no strokes. */
  reset(width: number, height: number, background: CanvasImageSource | null, layers: CanvasImageSource[] = []): void {
    this.width = Math.max(1, Math.round(width));
    this.height = Math.max(1, Math.round(height));
    this.background = background ? this.canvasOf(background) : null;
    this.layers = [];
    for (const image of layers) this.addLayer().getContext("2d")?.drawImage(image, 0, 0);
    if (this.layers.length === 0) this.addLayer();
    this.active = 0;
    this.history = [];
  }

  /** A white background: a sketchpad's paper. */
  whiteBackground(): void {
    const paper = blankCanvas(this.width, this.height);
    const ctx = context(paper);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, paper.width, paper.height);
    this.background = paper;
  }

  private canvasOf(image: CanvasImageSource): HTMLCanvasElement {
    const canvas = blankCanvas(this.width, this.height);
    context(canvas).drawImage(image, 0, 0, canvas.width, canvas.height);
    return canvas;
  }

  /** A new empty layer on top, made active; returns its canvas. */
  addLayer(): HTMLCanvasElement {
    const canvas = blankCanvas(this.width, this.height);
    this.layers.push({ name: `Layer ${this.layers.length + 1}`, canvas, visible: true });
    this.active = this.layers.length - 1;
    return canvas;
  }

  /** Remembers the current state, for `undo`; call before each change. */
  checkpoint(): void {
    this.history.push({
      background: this.background && copyOf(this.background),
      layers: this.layers.map((layer) => ({ ...layer, canvas: copyOf(layer.canvas) })),
      active: this.active,
    });
    if (this.history.length > UNDO_DEPTH) this.history.shift();
  }

  get canUndo(): boolean {
    return this.history.length > 0;
  }

  undo(): boolean {
    const previous = this.history.pop();
    if (!previous) return false;
    this.background = previous.background;
    this.layers = previous.layers;
    this.active = previous.active;
    this.width = this.layers[0]?.canvas.width ?? this.width;
    this.height = this.layers[0]?.canvas.height ?? this.height;
    return true;
  }

  /** Begins a stroke at `at` on the active layer (a dot, if the pointer goes no further). */
  strokeStart(at: Point, ink: Ink, radius: number): void {
    this.checkpoint();
    this.last = at;
    this.paint(at, at, ink, radius);
  }

  strokeTo(at: Point, ink: Ink, radius: number): void {
    if (!this.last) return;
    this.paint(this.last, at, ink, radius);
    this.last = at;
  }

  strokeEnd(): boolean {
    const drawing = this.last !== null;
    this.last = null;
    return drawing;
  }

  private paint(from: Point, to: Point, ink: Ink, radius: number): void {
    const layer = this.layers[this.active];
    if (!layer) return;
    const ctx = context(layer.canvas);
    ctx.save();
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.lineWidth = radius * 2;
    if (ink === "erase") {
      ctx.globalCompositeOperation = "destination-out";
      ctx.strokeStyle = "#000";
    } else {
      ctx.strokeStyle = ink.color;
      ctx.globalAlpha = ink.opacity;
    }
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    // a zero-length line draws nothing: nudge it so a click leaves a dot
    ctx.lineTo(to.x + (from.x === to.x && from.y === to.y ? 0.01 : 0), to.y);
    ctx.stroke();
    ctx.restore();
  }

  /** Keeps only `area` (image pixels) of the background and every layer. */
  crop(area: Rect): void {
    const x = Math.max(0, Math.round(area.x));
    const y = Math.max(0, Math.round(area.y));
    const width = Math.min(this.width - x, Math.round(area.width));
    const height = Math.min(this.height - y, Math.round(area.height));
    if (width < 1 || height < 1) return;
    const kept = { x, y, width, height };
    this.checkpoint();
    this.background = this.background && copyOf(this.background, kept);
    for (const layer of this.layers) layer.canvas = copyOf(layer.canvas, kept);
    this.width = width;
    this.height = height;
  }

  /** The background with the visible layers over it, bottom to top. */
  composite(into: HTMLCanvasElement = blankCanvas(this.width, this.height)): HTMLCanvasElement {
    if (into.width !== this.width || into.height !== this.height) {
      into.width = this.width;
      into.height = this.height;
    }
    const ctx = context(into);
    ctx.clearRect(0, 0, into.width, into.height);
    if (this.background) ctx.drawImage(this.background, 0, 0);
    for (const layer of this.layers) if (layer.visible) ctx.drawImage(layer.canvas, 0, 0);
    return into;
  }
}

/** The largest `ratio` (width / height) rectangle centred in `width` x `height`. */
export function centredRect(width: number, height: number, ratio: number | null): Rect {
  if (!ratio) return { x: 0, y: 0, width, height };
  const w = Math.min(width, height * ratio);
  const h = w / ratio;
  return { x: (width - w) / 2, y: (height - h) / 2, width: w, height: h };
}

/** The rectangle dragged from `a` to `b`, kept to `ratio` (width / height) when one is given. */
export function dragRect(a: Point, b: Point, ratio: number | null): Rect {
  let width = Math.abs(b.x - a.x);
  let height = Math.abs(b.y - a.y);
  if (ratio) {
    if (width / ratio > height) height = width / ratio;
    else width = height * ratio;
  }
  return { x: b.x < a.x ? a.x - width : a.x, y: b.y < a.y ? a.y - height : a.y, width, height };
}

/** Gradio's `crop_size` as a width / height ratio: `[w, h]` or "w:h"; null for a free crop. */
export function cropRatio(cropSize: readonly number[] | string | null): number | null {
  if (!cropSize) return null;
  const [w, h] = typeof cropSize === "string" ? cropSize.split(":").map(Number) : cropSize;
  return w && h && w > 0 && h > 0 ? w / h : null;
}

/** A PNG of `canvas`, as a file to upload. */
export function pngFile(canvas: HTMLCanvasElement, name: string): Promise<File> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => {
      if (blob) resolve(new File([blob], name, { type: "image/png" }));
      else reject(new Error(`could not encode ${name}`));
    }, "image/png"),
  );
}
