/**
 * gr.Image, the "image" chunk's entry (see chunks.ts), which also draws Gallery,
 * AnnotatedImage and ImageSlider (image-slider.ts). An Image takes its picture from `sources`:
 * a file (chooser or drop), the clipboard (a paste on the block, or its Paste button) or the
 * webcam (a capture, or with
 * `streaming` a frame every `FRAME_INTERVAL` ms, each firing `stream`). Every new picture is
 * uploaded through the context's FileTransport first, so Python always receives a FileData.
 */
import type { Block, BlockContext, Factory } from "../block";
import type { ChunkApi } from "../chunks";
import type { FileData, Props } from "../protocol";
import { annotatedImage } from "./image-annotated";
import { gallery } from "./image-gallery";
import type { ImageProps } from "./image-props";
import { imageSlider } from "./image-slider";
import styles from "./image.css";

export { styles };

/** Between two streamed webcam frames, as Gradio's stream: a frame waits for the last one's upload. */
const FRAME_INTERVAL = 100;

export function factories(api: ChunkApi): Record<string, Factory> {
  return {
    image: (props, ctx) => image(api, props, ctx),
    gallery: (props, ctx) => gallery(api, props, ctx),
    annotatedimage: (props, ctx) => annotatedImage(api, props, ctx),
    imageslider: (props, ctx) => imageSlider(api, props, ctx),
  };
}

/** The pixel of the image's own size under a click on `img` (drawn unstretched, so the ratio is one). */
export function pixelAt(img: HTMLImageElement, event: MouseEvent): [number, number] {
  const box = img.getBoundingClientRect();
  const x = ((event.clientX - box.left) / box.width) * img.naturalWidth;
  const y = ((event.clientY - box.top) / box.height) * img.naturalHeight;
  return [Math.min(Math.floor(x), img.naturalWidth - 1), Math.min(Math.floor(y), img.naturalHeight - 1)];
}

function image(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h, cssSize } = api;
  const p = api.ownProps<ImageProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const input = h("input", { type: "file", accept: "image/*", hidden: "" });
  const picture = h("img", { class: "nbb-image-picture", alt: "" });
  const video = h("video", { class: "nbb-image-webcam", muted: "", playsinline: "" });
  const empty = h("div", { class: "nbb-image-empty" });
  const stage = h("div", { class: "nbb-image-stage", tabindex: "0", "aria-labelledby": head.title.id }, empty, picture, video);
  const button = (text: string): HTMLButtonElement => h("button", { type: "button", class: "nbb-icon-button" }, text);
  const sourceButtons = { upload: button("Upload"), webcam: button("Webcam"), clipboard: button("Paste") };
  const capture = button("Capture");
  const clear = button("Clear");
  const download = h("a", { class: "nbb-icon-button nbb-image-download", download: "" }, "Download");
  const tools = h("div", { class: "nbb-image-tools" }, ...Object.values(sourceButtons), capture, download, clear);
  const note = h("div", { class: "nbb-image-note", role: "status", hidden: "" });
  const el = h("div", { class: "nbb-image-body" }, head.title, head.info, stage, tools, note, input);
  let camera: MediaStream | null = null;
  let streamTimer: number | undefined;
  let frameInFlight = false;

  const editable = (): boolean => p.interactive === true;

  function say(message: string | null): void {
    note.textContent = message ?? "";
    note.hidden = message === null;
  }

  /** The user's new picture: shown, then told to Python before the events about it. */
  function userValue(value: FileData | null, events: string[]): void {
    apply({ value });
    ctx.sendValue(value);
    for (const event of events) ctx.trigger(event);
  }

  async function store(file: File): Promise<FileData | undefined> {
    const [stored] = await ctx.files.upload([file], (done) => say(`Uploading… ${Math.round(done * 100)}%`));
    say(null);
    return stored;
  }

  async function uploadFile(file: File | undefined, events: string[]): Promise<void> {
    if (!file?.type.startsWith("image/")) return;
    try {
      const stored = await store(file);
      if (stored) userValue(stored, events);
    } catch (err) {
      say(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** The webcam's current frame as a PNG file, mirrored as the user sees it when `mirror_webcam`. */
  function grabFrame(): Promise<File | null> {
    const canvas = h("canvas", { width: String(video.videoWidth), height: String(video.videoHeight) });
    const draw = canvas.getContext("2d");
    if (!draw || !video.videoWidth) return Promise.resolve(null);
    if (p.mirror_webcam) {
      draw.translate(canvas.width, 0);
      draw.scale(-1, 1);
    }
    draw.drawImage(video, 0, 0);
    return new Promise((resolve) =>
      canvas.toBlob((blob) => resolve(blob && new File([blob], "webcam.png", { type: "image/png" })), "image/png"),
    );
  }

  async function startWebcam(): Promise<void> {
    if (camera) return;
    try {
      camera = await navigator.mediaDevices.getUserMedia({ video: true });
    } catch (err) {
      say(`Webcam: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    video.srcObject = camera;
    await video.play();
    showStage();
    if (p.streaming) streamTimer = window.setInterval(() => void sendFrame(), FRAME_INTERVAL);
  }

  function stopWebcam(): void {
    window.clearInterval(streamTimer);
    streamTimer = undefined;
    for (const track of camera?.getTracks() ?? []) track.stop();
    camera = null;
    video.srcObject = null;
    showStage();
  }

  async function sendFrame(): Promise<void> {
    if (frameInFlight || !camera) return;
    frameInFlight = true;
    try {
      const frame = await grabFrame();
      const stored = frame && (await ctx.files.upload([frame]))[0];
      if (stored && camera) {
        Object.assign(p, { value: stored });
        ctx.sendValue(stored);
        ctx.trigger("stream");
      }
    } catch (err) {
      say(`Webcam: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      frameInFlight = false;
    }
  }

  async function captureFrame(): Promise<void> {
    const frame = await grabFrame();
    if (!frame) return;
    stopWebcam();
    await uploadFile(frame, ["change", "input"]);
  }

  async function pasteFromClipboard(): Promise<void> {
    try {
      for (const item of await navigator.clipboard.read()) {
        const type = item.types.find((t) => t.startsWith("image/"));
        if (type) {
          const blob = await item.getType(type);
          await uploadFile(new File([blob], `clipboard.${type.slice(6)}`, { type }), ["upload", "change", "input"]);
          return;
        }
      }
      say("The clipboard holds no image");
    } catch (err) {
      say(`Clipboard: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** What the stage shows: the live webcam, the picture, or the empty state (a drop zone when editable). */
  function showStage(): void {
    const live = camera !== null;
    video.hidden = !live;
    video.classList.toggle("nbb-image-mirrored", p.mirror_webcam);
    picture.hidden = live || p.value === null;
    empty.hidden = live || p.value !== null;
    const uploads = editable() && p.sources.includes("upload");
    empty.textContent = p.placeholder ?? (uploads ? "Drop Image Here - or - Click to Upload" : "No image");
    empty.classList.toggle("nbb-image-drop", uploads);
    for (const [source, el] of Object.entries(sourceButtons)) {
      el.hidden = !editable() || !p.sources.includes(source as keyof typeof sourceButtons);
    }
    capture.hidden = !live || p.streaming;
    clear.hidden = !editable() || (p.value === null && !live);
    download.hidden = !p.show_download_button || p.value === null || live;
  }

  function showValue(): void {
    const file = p.value;
    picture.removeAttribute("src");
    if (file) {
      void ctx.files.fileUrl(file).then((url) => {
        if (p.value !== file) return; // a newer value overtook this one
        picture.src = url;
        download.href = url;
        download.download = file.orig_name ?? "image";
      });
    }
    showStage();
  }

  function apply(changes: Partial<ImageProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("height" in changes) stage.style.height = cssSize(p.height);
    if ("width" in changes) stage.style.width = cssSize(p.width);
    if ("alt_text" in changes) picture.alt = p.alt_text ?? "";
    if ("value" in changes) showValue();
    else showStage();
    if ("interactive" in changes && !editable()) stopWebcam();
  }

  empty.addEventListener("click", () => {
    if (editable() && p.sources.includes("upload")) input.click();
  });
  sourceButtons.upload.addEventListener("click", () => input.click());
  sourceButtons.webcam.addEventListener("click", () => void startWebcam());
  sourceButtons.clipboard.addEventListener("click", () => void pasteFromClipboard());
  capture.addEventListener("click", () => void captureFrame());
  clear.addEventListener("click", () => {
    stopWebcam();
    userValue(null, ["clear", "change", "input"]);
  });
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = "";
    void uploadFile(file, ["upload", "change", "input"]);
  });
  stage.addEventListener("dragover", (event) => {
    if (editable() && p.sources.includes("upload")) event.preventDefault();
  });
  stage.addEventListener("drop", (event) => {
    if (!editable() || !p.sources.includes("upload")) return;
    event.preventDefault();
    void uploadFile(event.dataTransfer?.files[0], ["upload", "change", "input"]);
  });
  el.addEventListener("paste", (event) => {
    const file = Array.from(event.clipboardData?.files ?? []).find((f) => f.type.startsWith("image/"));
    if (!editable() || !p.sources.includes("clipboard") || !file) return;
    event.preventDefault();
    void uploadFile(file, ["upload", "change", "input"]);
  });
  picture.addEventListener("click", (event) => ctx.trigger("select", { index: pixelAt(picture, event), value: null }));
  apply(p);
  return { el, update: (props) => apply(props as Partial<ImageProps>) };
}
