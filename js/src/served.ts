/**
 * The served page's side: the app over a WebSocket to `<root>/ws` instead of a widget model.
 *
 * The session hash lives in sessionStorage, so a reload in the same tab, or a reconnect after a
 * dropped connection, finds the same session (and what was typed) on the server, while every
 * other tab gets a session of its own. Messages sent while disconnected wait and go out, in
 * order, before the `ready` that asks for the tree again.
 */
import { mount } from "./app";
import type { Channel } from "./channel";
import type { ChunkModule } from "./chunks";
import { h } from "./dom";
import type { ClientMessage, ServerFrame, ServerMessage } from "./protocol";
import { servedFiles } from "./upload";

export interface ServedConfig {
  /** root_path: "" or "/sub/path" or a full URL; every URL the page uses starts with it */
  root: string;
  showApi: boolean;
  /** The path of the app's page this URL shows ("" the main page). */
  page?: string;
}

const SESSION_KEY = "nbblocks-session";
/** Close codes from the server that mean "do not come back with this session". */
const SESSION_ENDED = 4002;
const OPENED_ELSEWHERE = 4001;
const REFUSED = 4400;
/** The visitor's login ended (logout on any device, or expiry): reloading shows the login form,
 * unless this page is already leaving (its own /logout link), which a reload would cancel. */
const LOGGED_OUT = 4401;
let leaving = false;
window.addEventListener("beforeunload", () => {
  leaving = true;
});

export function connect(host: HTMLElement, config: ServedConfig): () => void {
  applyTheme(host);
  const notice = h("div", { class: "nbb-connection", role: "status", hidden: "" });
  const channel = new SocketChannel(config.root, config.page ?? "", (state) => showConnection(notice, state));
  const unmount = mount(host, channel, config.page);
  host.append(notice);
  if (config.showApi) host.append(footer(config.root));
  return () => {
    channel.close();
    unmount();
    notice.remove();
  };
}

type ConnectionState = "open" | "lost" | "elsewhere";

/** Without this a refused or dropped connection leaves a blank or frozen page and no reason. */
function showConnection(notice: HTMLElement, state: ConnectionState): void {
  notice.hidden = state === "open";
  if (state === "lost") notice.textContent = "Connection to the server lost. Reconnecting…";
  if (state === "elsewhere") notice.textContent = "This session is now open in another page. Reload to continue here.";
}

/** `?__theme=dark|light` as in Gradio; otherwise the system's preference. */
function applyTheme(host: HTMLElement): void {
  const asked = new URLSearchParams(location.search).get("__theme");
  const dark = asked ? asked === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
  host.classList.toggle("dark", dark);
  document.body.classList.toggle("dark", dark);
}

function footer(root: string): HTMLElement {
  return h(
    "footer",
    { class: "nbb-footer" },
    h("a", { href: `${root}/api-docs` }, "Use via API"),
    h("span", {}, " · Built with nbblocks"),
  );
}

function newSessionHash(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function sessionHash(): string {
  let hash = sessionStorage.getItem(SESSION_KEY);
  if (!hash) {
    hash = newSessionHash();
    sessionStorage.setItem(SESSION_KEY, hash);
  }
  return hash;
}

function socketUrl(root: string): string {
  const base = /^https?:\/\//.test(root) ? root : `${location.protocol}//${location.host}${root}`;
  const url = new URL(`${base}/ws`);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  for (const [key, value] of new URLSearchParams(location.search)) url.searchParams.set(key, value);
  url.searchParams.set("session", sessionHash());
  return url.toString();
}

/** A Channel over a WebSocket that reconnects (with back-off) until closed. */
class SocketChannel implements Channel {
  private socket: WebSocket | null = null;
  private readonly waiting: string[] = [];
  private readonly handlers = new Set<(msg: ServerMessage) => void>();
  private delay = 250;
  private closed = false;
  private connectedBefore = false;
  readonly files;

  constructor(
    private readonly root: string,
    /** The page this URL shows: asked for again after each (re)open. */
    private readonly page: string,
    private readonly onState: (state: ConnectionState) => void,
  ) {
    this.files = servedFiles(root);
    this.open();
  }

  send(msg: ClientMessage): void {
    const text = JSON.stringify(msg);
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
    else if (msg.type !== "ready") this.waiting.push(text); // a fresh `ready` follows every (re)open
  }

  onMessage(cb: (msg: ServerMessage) => void): () => void {
    this.handlers.add(cb);
    return () => this.handlers.delete(cb);
  }

  /** Each page of a multipage app has its URL below the root: its links navigate there. */
  pageUrl(path: string): string {
    return `${this.root}/${path}`;
  }

  /** The server serves chunks beside the bundle; the browser caches them across pages. */
  loadChunk(name: string): Promise<ChunkModule> {
    return import(`${this.root}/static/chunks/${encodeURIComponent(name)}.js`);
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private open(): void {
    const socket = new WebSocket(socketUrl(this.root));
    this.socket = socket;
    socket.onopen = () => {
      this.onState("open");
      this.delay = 250;
      for (const text of this.waiting.splice(0)) socket.send(text);
      socket.send(JSON.stringify({ type: "ready", ...(this.page ? { page: this.page } : {}) }));
      this.connectedBefore = true;
    };
    socket.onmessage = (event) => {
      const frame = JSON.parse(event.data as string) as ServerFrame;
      for (const msg of Array.isArray(frame) ? frame : [frame]) for (const cb of this.handlers) cb(msg);
    };
    socket.onclose = (event) => {
      if (this.closed || event.code === REFUSED) return;
      if (event.code === LOGGED_OUT) {
        if (!leaving) window.location.reload();
        return;
      }
      if (event.code === OPENED_ELSEWHERE) {
        this.onState("elsewhere");
        return;
      }
      this.onState("lost");
      if (event.code === SESSION_ENDED) sessionStorage.setItem(SESSION_KEY, newSessionHash());
      const wait = this.connectedBefore ? this.delay : Math.max(this.delay, 1000);
      this.delay = Math.min(this.delay * 2, 5000);
      setTimeout(() => this.open(), wait);
    };
  }
}
