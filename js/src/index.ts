/**
 * The bundle's entry: the anywidget module (default export) for notebooks, and `mount` for a plain
 * page that brings its own Channel (a WebSocket when served).
 */
import "./styles/theme.css";
import "./styles/layout.css";
import "./styles/components.css";
import "./styles/feedback.css";
import "./styles/page.css";
import { mount } from "./app";
import type { Channel } from "./channel";
import type { ChunkModule } from "./chunks";
import type { ChunkMessage, ChunkRequest, ClientMessage, FileMessage, FileReply, ServerFrame } from "./protocol";
import { commFiles } from "./upload";

export { mount };
export { connect } from "./served";

/** What comes over the comm: a frame of session messages (in a kernel the widget sends those
 * emitted before its loop turns or the event ends together: a quick run's running, update and
 * complete cost one comm message, as one widget's update does in ipywidgets), or a file or
 * chunk reply. */
type Incoming = ServerFrame | ChunkMessage | FileReply;

/** The part of anywidget's model we use: custom messages both ways. */
interface WidgetModel {
  send(msg: ClientMessage | ChunkRequest | FileMessage, callbacks?: unknown, buffers?: ArrayBuffer[]): void;
  on(event: "msg:custom", cb: (msg: Incoming, buffers: DataView[]) => void): void;
  off(event: "msg:custom", cb: (msg: Incoming, buffers: DataView[]) => void): void;
}

/** Carries protocol messages as the widget's custom comm messages. */
function widgetChannel(model: WidgetModel): Channel {
  return {
    send: (msg) => model.send(msg),
    onMessage(cb) {
      // anywidget passes (msg, buffers); keep our own function so `off` removes exactly it.
      const handler = (msg: Incoming): void => {
        if (Array.isArray(msg)) msg.forEach(cb);
        else if (msg.type !== "chunk" && msg.type !== "file_chunk" && msg.type !== "uploaded") cb(msg);
      };
      model.on("msg:custom", handler);
      return () => model.off("msg:custom", handler);
    },
    loadChunk: (name) => chunkOverComm(model, name),
    files: commFiles(model),
  };
}

/** There is no server to fetch from: Python sends the chunk's source over the comm, and it is
 * imported from a blob URL (as anywidget imports this module). */
function chunkOverComm(model: WidgetModel, name: string): Promise<ChunkModule> {
  return new Promise<string>((resolve, reject) => {
    const handler = (msg: Incoming): void => {
      if (Array.isArray(msg) || msg.type !== "chunk" || msg.name !== name) return;
      model.off("msg:custom", handler);
      if (msg.source === undefined) reject(new Error(msg.error ?? `no chunk ${name}`));
      else resolve(msg.source);
    };
    model.on("msg:custom", handler);
    model.send({ type: "chunk", name });
  }).then(async (source) => {
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    try {
      return (await import(url)) as ChunkModule;
    } finally {
      URL.revokeObjectURL(url);
    }
  });
}

export default {
  render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
    return mount(el, widgetChannel(model));
  },
};
