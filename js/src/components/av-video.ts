/**
 * gr.Video (the "av" chunk): a `<video controls>` the browser seeks with Range requests (the
 * served file answers them), subtitles as a `<track>`; upload by click or drop, and the webcam
 * recorded with MediaRecorder as webm (the preview mirrored with `mirror_webcam`; the file is
 * mirrored by Python, see media.py). `max_length` seconds stops a recording.
 */
import type { Block, BlockContext } from "../block";
import type { ChunkApi } from "../chunks";
import type { FieldProps } from "../field";
import type { FileData, Props } from "../protocol";
import { wireMedia } from "./av-wiring";

interface VideoData {
  video: FileData;
  subtitles: FileData | null;
}

export interface VideoProps extends FieldProps {
  value: VideoData | null;
  sources: string[];
  height: number | string | null;
  width: number | string | null;
  mirror_webcam: boolean;
  include_audio: boolean;
  autoplay: boolean;
  /** Gradio 5's: start again at the end. */
  loop: boolean;
  show_download_button: boolean | null;
  max_length: number | null;
  interactive: boolean | null;
}

export function video(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h, cssSize } = api;
  const p = api.ownProps<VideoProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const player = h("video", { controls: "", preload: "metadata", playsinline: "", "aria-labelledby": head.title.id });
  const preview = h("video", { class: "nbb-av-preview", playsinline: "", hidden: "" });
  const empty = h("div", { class: "nbb-av-empty" });
  const input = h("input", { type: "file", accept: "video/*", hidden: "" });
  const record = h("button", { type: "button", class: "nbb-icon-button nbb-av-record" }, "Record");
  const stop = h("button", { type: "button", class: "nbb-icon-button nbb-av-stop", hidden: "" }, "Stop");
  const clear = h("button", { type: "button", class: "nbb-icon-button" }, "Clear");
  const download = h("a", { class: "nbb-icon-button", download: "" }, "Download");
  const note = h("div", { class: "nbb-av-note", role: "status", hidden: "" });
  const tools = h("div", { class: "nbb-av-tools" }, record, stop, download, clear);
  const el = h("div", { class: "nbb-av nbb-video" }, head.title, head.info, empty, preview, player, tools, note, input);
  let recorder: MediaRecorder | null = null;
  let shown = 0;

  function say(message: string | null): void {
    note.textContent = message ?? "";
    note.hidden = message === null;
  }

  async function showValue(): Promise<void> {
    const call = ++shown;
    const value = p.value;
    const uploads = p.interactive === true && p.sources.includes("upload");
    empty.textContent = uploads ? "Drop a video here or click to upload" : "No video";
    empty.classList.toggle("nbb-av-drop", uploads);
    empty.hidden = value !== null || recorder !== null;
    player.hidden = value === null;
    clear.hidden = value === null || p.interactive !== true;
    download.hidden = value === null || p.show_download_button === false;
    player.replaceChildren();
    if (!value) {
      player.removeAttribute("src");
      return;
    }
    try {
      const [url, subtitles] = await Promise.all([
        ctx.files.fileUrl(value.video),
        value.subtitles ? ctx.files.fileUrl(value.subtitles) : Promise.resolve(null),
      ]);
      if (call !== shown) return;
      if (subtitles) player.append(h("track", { kind: "captions", src: subtitles, default: "" }));
      player.autoplay = p.autoplay;
      player.src = url;
      download.href = url;
      download.download = value.video.orig_name ?? "video";
    } catch (err) {
      say(`${value.video.orig_name ?? "video"}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  function apply(changes: Partial<VideoProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("height" in changes) player.style.height = preview.style.height = cssSize(p.height);
    if ("width" in changes) player.style.width = preview.style.width = cssSize(p.width);
    if ("autoplay" in changes) player.autoplay = p.autoplay;
    if ("loop" in changes) player.loop = p.loop;
    preview.classList.toggle("nbb-av-mirrored", p.mirror_webcam);
    record.hidden = recorder !== null || p.interactive !== true || !p.sources.includes("webcam");
    if ("value" in changes || "interactive" in changes || "sources" in changes || "show_download_button" in changes) {
      void showValue();
    }
  }

  async function userFile(file: File, events: string[]): Promise<void> {
    try {
      const [stored] = await ctx.files.upload([file], (done) => say(`Uploading ${file.name}… ${Math.round(done * 100)}%`));
      say(null);
      if (!stored) return;
      const value = { video: stored, subtitles: null };
      apply({ value });
      ctx.sendValue(value);
      for (const event of events) ctx.trigger(event);
    } catch (err) {
      say(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async function startRecording(): Promise<void> {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: p.include_audio });
    } catch (err) {
      say(`Webcam: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const parts: Blob[] = [];
    const made = new MediaRecorder(stream, { mimeType: "video/webm" });
    made.ondataavailable = (event) => parts.push(event.data);
    made.onstop = () => {
      for (const track of stream.getTracks()) track.stop();
      preview.srcObject = null;
      preview.hidden = true;
      stop.hidden = true; // stopped by the button or by max_length
      recorder = null;
      apply({});
      ctx.trigger("stop_recording");
      void userFile(new File(parts, "webcam.webm", { type: "video/webm" }), ["change", "input"]);
    };
    recorder = made;
    preview.muted = true; // the `muted` attribute only sets defaultMuted: the microphone must not echo
    preview.srcObject = stream;
    preview.hidden = false;
    empty.hidden = true;
    stop.hidden = false;
    record.hidden = true;
    void preview.play();
    made.start();
    ctx.trigger("start_recording");
    if (p.max_length) window.setTimeout(() => made.state === "recording" && made.stop(), p.max_length * 1000);
  }

  record.addEventListener("click", () => void startRecording());
  stop.addEventListener("click", () => recorder?.stop());
  wireMedia({ el, empty, input, clear, player }, ctx, {
    uploads: () => p.interactive === true && p.sources.includes("upload"),
    chosen: (file) => void userFile(file, ["upload", "change", "input"]),
    cleared: () => apply({ value: null }),
  });
  player.addEventListener("ended", () => {
    ctx.trigger("end");
    ctx.trigger("stop");
  });
  apply(p);
  return { el, update: (props) => apply(props as Partial<VideoProps>) };
}
