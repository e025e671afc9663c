/**
 * gr.Audio (the "av" chunk): a real `<audio controls>` (keyboard and screen readers work as the
 * browser's do) under a waveform drawn from the decoded file; upload by click or drop, and the
 * microphone (av-sound.ts) with record, pause and stop. With `streaming`, each ~0.5 s of the
 * recording goes to Python as a WAV and fires `stream`.
 */
import type { Block, BlockContext } from "../block";
import type { ChunkApi } from "../chunks";
import type { FieldProps } from "../field";
import type { FileData, Props } from "../protocol";
import { drawWave, Microphone, peaksOf } from "./av-sound";
import { wireMedia } from "./av-wiring";

export interface AudioProps extends FieldProps {
  value: FileData | null;
  sources: string[];
  streaming: boolean;
  autoplay: boolean;
  /** Gradio 5's: start again at the end. */
  loop: boolean;
  show_download_button: boolean | null;
  waveform_options: { waveform_color?: string | null; waveform_progress_color?: string | null };
  interactive: boolean | null;
}

/** Gradio streams the microphone in chunks of about this long. */
const STREAM_EVERY_MS = 500;

export function audio(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h } = api;
  const p = api.ownProps<AudioProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const player = h("audio", { controls: "", preload: "metadata", "aria-labelledby": head.title.id });
  const wave = h("canvas", { class: "nbb-av-wave", width: "600", height: "64", "aria-hidden": "true" });
  const empty = h("div", { class: "nbb-av-empty" });
  const input = h("input", { type: "file", accept: "audio/*", hidden: "" });
  const record = h("button", { type: "button", class: "nbb-icon-button nbb-av-record" }, "Record");
  const pause = h("button", { type: "button", class: "nbb-icon-button nbb-av-pause", hidden: "" }, "Pause");
  const stop = h("button", { type: "button", class: "nbb-icon-button nbb-av-stop", hidden: "" }, "Stop");
  const clear = h("button", { type: "button", class: "nbb-icon-button" }, "Clear");
  const download = h("a", { class: "nbb-icon-button", download: "" }, "Download");
  const note = h("div", { class: "nbb-av-note", role: "status", hidden: "" });
  const tools = h("div", { class: "nbb-av-tools" }, record, pause, stop, download, clear);
  const el = h("div", { class: "nbb-av nbb-audio" }, head.title, head.info, empty, wave, player, tools, note, input);
  let peaks: Float32Array<ArrayBuffer> = new Float32Array(0);
  let mic: Microphone | null = null;
  let streamTimer = 0;
  let shown = 0; // which showValue call is current: a slow fetch must not draw an older value

  function say(message: string | null): void {
    note.textContent = message ?? "";
    note.hidden = message === null;
  }

  function colors(): [string, string] {
    const o = p.waveform_options ?? {};
    return [o.waveform_color || "#9ca3af", o.waveform_progress_color || "#f97316"];
  }

  function redraw(): void {
    const progress = player.duration > 0 ? player.currentTime / player.duration : 0;
    drawWave(wave, peaks, progress, ...colors());
  }

  async function showValue(): Promise<void> {
    const call = ++shown;
    const file = p.value;
    const uploads = p.interactive === true && p.sources.includes("upload");
    empty.textContent = uploads ? "Drop an audio file here or click to upload" : "No audio";
    empty.classList.toggle("nbb-av-drop", uploads);
    empty.hidden = file !== null || mic !== null;
    player.hidden = wave.hidden = file === null;
    clear.hidden = file === null || p.interactive !== true;
    download.hidden = file === null || p.show_download_button === false;
    peaks = new Float32Array(0);
    redraw();
    if (!file) {
      player.removeAttribute("src");
      return;
    }
    try {
      const url = await ctx.files.fileUrl(file);
      if (call !== shown) return;
      player.autoplay = p.autoplay;
      player.src = url;
      download.href = url;
      download.download = file.orig_name ?? "audio";
      const drawn = await peaksOf(url, 200);
      if (call !== shown) return;
      peaks = drawn;
      redraw();
    } catch (err) {
      // The <audio> may still play what WebAudio cannot decode: the waveform is what is missing.
      say(`${file.orig_name ?? "audio"}: no waveform (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  function showTools(): void {
    const recording = mic !== null;
    record.hidden = recording || p.interactive !== true || !p.sources.includes("microphone");
    pause.hidden = stop.hidden = !recording;
  }

  function apply(changes: Partial<AudioProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("autoplay" in changes) player.autoplay = p.autoplay;
    if ("loop" in changes) player.loop = p.loop;
    if ("waveform_options" in changes) redraw();
    showTools();
    if ("value" in changes || "interactive" in changes || "sources" in changes || "show_download_button" in changes) {
      void showValue();
    }
  }

  /** Stores `blob` on the Python side as the component's value, then fires `events`. A stream
   * chunk is not shown: drawing each would fetch its bytes back every half second. */
  async function userFile(blob: Blob, name: string, events: string[]): Promise<void> {
    try {
      const file = blob instanceof File ? blob : new File([blob], name, { type: blob.type });
      const [stored] = await ctx.files.upload([file], (done) => say(`Uploading ${name}… ${Math.round(done * 100)}%`));
      say(null);
      if (!stored) return;
      if (!events.includes("stream")) apply({ value: stored });
      ctx.sendValue(stored);
      for (const event of events) ctx.trigger(event);
    } catch (err) {
      say(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async function startRecording(): Promise<void> {
    try {
      mic = await Microphone.open();
    } catch (err) {
      say(`Microphone: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    say(null);
    pause.textContent = "Pause";
    showTools();
    empty.hidden = true;
    ctx.trigger("start_recording");
    if (p.streaming) streamTimer = window.setInterval(sendChunk, STREAM_EVERY_MS);
  }

  function sendChunk(): void {
    const chunk = mic?.takeChunk();
    if (chunk) void userFile(chunk, "stream.wav", ["stream"]);
  }

  async function stopRecording(): Promise<void> {
    const recording = mic;
    if (!recording) return;
    window.clearInterval(streamTimer);
    if (p.streaming) sendChunk();
    mic = null;
    showTools();
    const whole = await recording.close();
    ctx.trigger("stop_recording");
    await userFile(whole, "recording.wav", ["change", "input"]);
  }

  record.addEventListener("click", () => void startRecording());
  pause.addEventListener("click", () => {
    const paused = pause.textContent === "Pause";
    mic?.pause(paused);
    pause.textContent = paused ? "Resume" : "Pause";
    if (paused) ctx.trigger("pause_recording");
  });
  stop.addEventListener("click", () => void stopRecording());
  wireMedia({ el, empty, input, clear, player }, ctx, {
    uploads: () => p.interactive === true && p.sources.includes("upload"),
    chosen: (file) => void userFile(file, file.name, ["upload", "change", "input"]),
    cleared: () => apply({ value: null }),
  });
  player.addEventListener("ended", () => ctx.trigger("stop"));
  player.addEventListener("timeupdate", redraw);
  wave.addEventListener("click", (event) => {
    if (player.duration > 0) player.currentTime = (event.offsetX / wave.clientWidth) * player.duration;
  });
  apply(p);
  return { el, update: (props) => apply(props as Partial<AudioProps>) };
}
