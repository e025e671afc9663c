/**
 * gr.Audio's and gr.Video's declarations in the core: their props and events, drawn by the "av"
 * chunk (components/av.ts), which loads only when a tree holds one of them (chunks.ts `lazy`).
 */
import { type ComponentSpec, propsOf } from "../block";
import { lazy } from "../chunks";
import type { AudioProps } from "./av-audio";
import type { VideoProps } from "./av-video";

export const audio: ComponentSpec = {
  draw: lazy("audio", "av"),
  props: propsOf<AudioProps>({
    value: true, sources: true, streaming: true, autoplay: true, loop: true, show_download_button: true, waveform_options: true,
    interactive: true, label: true, show_label: true, info: true,
  }),
  events: ["stream", "change", "input", "clear", "play", "pause", "stop", "start_recording", "pause_recording", "stop_recording", "upload"],
};

export const video: ComponentSpec = {
  draw: lazy("video", "av"),
  props: propsOf<VideoProps>({
    value: true, sources: true, height: true, width: true, mirror_webcam: true, include_audio: true, autoplay: true, loop: true,
    show_download_button: true, max_length: true, interactive: true, label: true, show_label: true, info: true,
  }),
  events: ["change", "input", "clear", "start_recording", "stop_recording", "stop", "play", "pause", "end", "upload"],
};
