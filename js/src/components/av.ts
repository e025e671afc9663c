/**
 * The "av" chunk's entry (see chunks.ts): gr.Audio and gr.Video, loaded only on pages whose app
 * holds one of them. From the core it takes types and its `ChunkApi`.
 */
import type { Factory } from "../block";
import type { ChunkApi } from "../chunks";
import { audio } from "./av-audio";
import { video } from "./av-video";
import styles from "./av.css";

export { styles };

export function factories(api: ChunkApi): Record<string, Factory> {
  return { audio: (props, ctx) => audio(api, props, ctx), video: (props, ctx) => video(api, props, ctx) };
}
