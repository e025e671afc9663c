/**
 * Where an image editor's background comes from (Gradio's `sources`): a file ("Upload image",
 * or dropped on the canvas), the clipboard (Ctrl+V on the editor, or "Paste image" where the
 * browser lets a page read it) and the webcam (a live preview over the canvas, then "Capture").
 * Each hands one picture to `onImage`; the editor makes it the new background.
 */
import type { ChunkApi } from "../chunks";
import { blankCanvas } from "./editor-canvas";

export interface SourceOptions {
  sources: readonly string[];
  mirror: boolean;
  /** False for an editor that only shows (not interactive): no source is offered. */
  enabled: boolean;
}

export type OnImage = (image: CanvasImageSource, width: number, height: number) => void;

export interface Sources {
  /** The source buttons, and the hidden file input they open. */
  readonly bar: HTMLElement;
  /** The webcam's live preview, to lie over the canvas. */
  readonly preview: HTMLVideoElement;
  apply(options: SourceOptions): void;
}

/** Loads `url` as an image (one from another site only if it allows it: the canvas must stay exportable). */
export function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    if (new URL(url, location.href).origin !== location.origin && !url.startsWith("blob:")) image.crossOrigin = "anonymous";
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("the image could not be loaded"));
    image.src = url;
  });
}

/** The source controls of the editor `el`, whose `stage` takes dropped files. */
export function imageSources(api: ChunkApi, el: HTMLElement, stage: HTMLElement, onImage: OnImage, say: (message: string) => void): Sources {
  const { h } = api;
  const button = (label: string): HTMLButtonElement => h("button", { type: "button", class: "nbb-icon-button" }, label);
  const input = h("input", { type: "file", accept: "image/*", hidden: "" });
  const upload = button("Upload image");
  const paste = button("Paste image");
  const webcam = button("Webcam");
  const capture = button("Capture");
  const bar = h("div", { class: "nbb-editor-sources" }, upload, paste, webcam, capture, input);
  const preview = h("video", { class: "nbb-editor-webcam", hidden: "", muted: "", playsinline: "" });
  let options: SourceOptions = { sources: [], mirror: true, enabled: false };
  let stream: MediaStream | null = null;

  const offers = (source: string): boolean => options.enabled && options.sources.includes(source);

  async function useFile(file: File): Promise<void> {
    if (!file.type.startsWith("image/")) return say(`${file.name} is not an image`);
    const url = URL.createObjectURL(file);
    try {
      const image = await loadImage(url);
      onImage(image, image.naturalWidth, image.naturalHeight);
    } catch (err) {
      say(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  upload.addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = "";
    if (file) void useFile(file);
  });
  stage.addEventListener("dragover", (event) => {
    if (offers("upload")) event.preventDefault();
  });
  stage.addEventListener("drop", (event) => {
    const file = event.dataTransfer?.files[0];
    if (!offers("upload") || !file) return;
    event.preventDefault();
    void useFile(file);
  });
  el.addEventListener("paste", (event) => {
    const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
    if (!offers("clipboard") || !file) return;
    event.preventDefault();
    void useFile(file);
  });
  paste.addEventListener("click", async () => {
    try {
      for (const item of await navigator.clipboard.read()) {
        const kind = item.types.find((type) => type.startsWith("image/"));
        if (kind) return void useFile(new File([await item.getType(kind)], "pasted", { type: kind }));
      }
      say("The clipboard holds no image");
    } catch {
      say("The browser keeps the clipboard closed here: press Ctrl+V (⌘V) on the editor instead");
      el.focus();
    }
  });
  webcam.addEventListener("click", async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: true });
      preview.srcObject = stream;
      preview.hidden = false;
      await preview.play();
    } catch (err) {
      say(`The webcam could not be opened: ${err instanceof Error ? err.message : String(err)}`);
      stopWebcam();
    }
    apply(options);
  });
  capture.addEventListener("click", () => {
    const frame = blankCanvas(preview.videoWidth, preview.videoHeight);
    const ctx = frame.getContext("2d");
    if (ctx && options.mirror) ctx.setTransform(-1, 0, 0, 1, frame.width, 0);
    ctx?.drawImage(preview, 0, 0);
    stopWebcam();
    apply(options);
    onImage(frame, frame.width, frame.height);
  });

  function stopWebcam(): void {
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = null;
    preview.srcObject = null;
    preview.hidden = true;
  }

  function apply(next: SourceOptions): void {
    options = next;
    if (!offers("webcam") && stream) stopWebcam();
    bar.hidden = !options.enabled || options.sources.length === 0;
    upload.hidden = !offers("upload");
    paste.hidden = !offers("clipboard");
    webcam.hidden = !offers("webcam") || stream !== null;
    capture.hidden = stream === null;
    preview.classList.toggle("nbb-editor-mirror", options.mirror);
  }

  return { bar, preview, apply };
}
