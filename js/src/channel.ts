import type { ChunkModule } from "./chunks";
import type { ClientMessage, ServerMessage } from "./protocol";
import type { FileTransport } from "./upload";

/**
 * How the app talks to Python. The app depends on nothing else, so the same code runs as a
 * Jupyter widget (custom comm messages) and on a served page (a WebSocket).
 */
export interface Channel {
  send(msg: ClientMessage): void;
  /** Calls `cb` for every message from Python; returns the function that unsubscribes. */
  onMessage(cb: (msg: ServerMessage) => void): () => void;
  /** How file bytes travel: HTTP when served, the comm's binary buffers in a notebook (upload.ts). */
  readonly files: FileTransport;
  /** Fetches and imports the lazy chunk `name` (chunks.ts): the transport knows where it lies. */
  loadChunk(name: string): Promise<ChunkModule>;
  /** The URL of a page of a multipage app, where pages have URLs (served): its links navigate
   * there. Without it (a notebook) a link shows the page in place. */
  pageUrl?(path: string): string;
}
