import type { ClientMessage, ServerMessage } from "./protocol";

/**
 * How the app talks to Python. The app depends on nothing else, so the same code runs as a
 * Jupyter widget (custom comm messages) and on a served page (a WebSocket).
 */
export interface Channel {
  send(msg: ClientMessage): void;
  /** Calls `cb` for every message from Python; returns the function that unsubscribes. */
  onMessage(cb: (msg: ServerMessage) => void): () => void;
}
