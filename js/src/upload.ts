/**
 * Files between the page and Python, for every file component (File, UploadButton,
 * DownloadButton, and the media components after them).
 *
 * A component asks its context's `FileTransport` for two things: the URL to show or download a
 * `FileData` from (`fileUrl`) and to upload what the user chose (`upload`, with progress). The
 * transport decides how: a served page reads `<root>/gradio_api/file=<path>` and posts to
 * `<root>/gradio_api/upload`; in a notebook there is no server, so the bytes travel over the
 * widget's comm as binary buffers, one chunk at a time (protocol.ts `fetch_file`/`upload_chunk`),
 * and are shown from blob URLs.
 */
import { h } from "./dom";
import type { FileChunkMessage, FileData, FileMessage, UploadedMessage } from "./protocol";

/** Reports a transfer's progress, 0 to 1. */
export type OnProgress = (fraction: number) => void;

export interface FileTransport {
  /** Where the page reads `file` (a URL output is its own); `onProgress` follows the bytes when
   * they must be fetched first (the notebook's comm). */
  fileUrl(file: FileData, onProgress?: OnProgress): Promise<string>;
  /** Stores `files` on the Python side; their FileData in the same order. */
  upload(files: readonly File[], onProgress?: OnProgress): Promise<FileData[]>;
}

const META = { _type: "gradio.FileData" } as const;

function isUrl(path: string): boolean {
  return /^https?:\/\//.test(path);
}

/** `<root>/gradio_api/file=<path>`, every path segment percent-encoded (`#`, `?`, spaces). */
export function servedFileUrl(root: string, path: string): string {
  return `${root}/gradio_api/file=${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** The served page's transport: plain HTTP, upload progress from XHR. */
export function servedFiles(root: string): FileTransport {
  return {
    fileUrl: (file) => Promise.resolve(file.url ?? (isUrl(file.path) ? file.path : servedFileUrl(root, file.path))),
    upload(files, onProgress) {
      const form = new FormData();
      for (const file of files) form.append("files", file, file.name);
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open("POST", `${root}/gradio_api/upload`);
        xhr.responseType = "json";
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable) onProgress?.(event.loaded / event.total);
        };
        xhr.onload = () => {
          const body = xhr.response as string[] | { error?: string } | null;
          if (xhr.status !== 200 || !Array.isArray(body)) {
            reject(new Error((body as { error?: string } | null)?.error ?? `upload failed (HTTP ${xhr.status})`));
            return;
          }
          resolve(body.map((path, i) => uploadedFile(path, files[i] as File)));
        };
        xhr.onerror = () => reject(new Error("upload failed: the connection was lost"));
        xhr.send(form);
      });
    },
  };
}

function uploadedFile(path: string, file: File): FileData {
  return { path, url: null, size: file.size, orig_name: file.name, mime_type: file.type || null, is_stream: false, meta: META };
}

/** The part of anywidget's model the notebook's transport uses: custom messages with buffers. */
export interface BufferModel {
  send(msg: FileMessage, callbacks?: unknown, buffers?: ArrayBuffer[]): void;
  on(event: "msg:custom", cb: (msg: object, buffers: DataView[]) => void): void;
  off(event: "msg:custom", cb: (msg: object, buffers: DataView[]) => void): void;
}

/** Bytes per upload message: large enough to be quick, small enough for the comm. */
const UPLOAD_CHUNK = 4 * 1024 * 1024;

/** The notebook's transport: bytes over the comm, chunk by chunk, each answered before the next. */
export function commFiles(model: BufferModel): FileTransport {
  const urls = new Map<string, Promise<string>>();
  let next = 0;
  const transferId = (): string => `t${Date.now().toString(36)}-${(next++).toString(36)}`;

  /** Sends `msg` and resolves with the first answer for its transfer. */
  function ask<T extends { transfer: string }>(msg: FileMessage, buffers?: ArrayBuffer[]): Promise<[T, DataView[]]> {
    return new Promise((resolve) => {
      const handler = (reply: object, replyBuffers: DataView[]): void => {
        if ((reply as unknown as T).transfer !== msg.transfer) return;
        model.off("msg:custom", handler);
        resolve([reply as unknown as T, replyBuffers]);
      };
      model.on("msg:custom", handler);
      model.send(msg, undefined, buffers);
    });
  }

  async function download(file: FileData, onProgress?: OnProgress): Promise<string> {
    const transfer = transferId();
    const parts: ArrayBuffer[] = [];
    let offset = 0;
    for (;;) {
      const [reply, buffers] = await ask<FileChunkMessage>({ type: "fetch_file", transfer, path: file.path, offset });
      if (reply.error !== undefined) throw new Error(reply.error);
      const view = buffers[0];
      if (view) {
        parts.push(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer);
        offset += view.byteLength;
      }
      onProgress?.(reply.size ? offset / reply.size : 1);
      if (reply.final) break;
    }
    return URL.createObjectURL(new Blob(parts, { type: file.mime_type ?? "application/octet-stream" }));
  }

  async function uploadOne(file: File, sent: number, total: number, onProgress?: OnProgress): Promise<FileData> {
    const transfer = transferId();
    for (let start = 0; ; start += UPLOAD_CHUNK) {
      const bytes = await file.slice(start, start + UPLOAD_CHUNK).arrayBuffer();
      const final = start + UPLOAD_CHUNK >= file.size;
      const [reply] = await ask<UploadedMessage>({ type: "upload_chunk", transfer, name: file.name, final }, [bytes]);
      if (reply.error !== undefined) throw new Error(reply.error);
      onProgress?.(total ? (sent + reply.received) / total : 1);
      if (final) {
        if (!reply.file) throw new Error("upload failed: no file stored");
        return reply.file;
      }
    }
  }

  return {
    fileUrl(file, onProgress) {
      if (file.url || isUrl(file.path)) return Promise.resolve(file.url ?? file.path);
      let url = urls.get(file.path);
      if (!url) {
        url = download(file, onProgress);
        url.catch(() => urls.delete(file.path)); // a failed fetch may be retried
        urls.set(file.path, url);
      }
      return url;
    },
    async upload(files, onProgress) {
      const total = files.reduce((sum, f) => sum + f.size, 0);
      const stored: FileData[] = [];
      let sent = 0;
      for (const file of files) {
        stored.push(await uploadOne(file, sent, total, onProgress));
        sent += file.size;
      }
      return stored;
    },
  };
}

// --- what file components share in the DOM ---

const CATEGORIES: Record<string, string> = { image: "image/*", audio: "audio/*", video: "video/*", text: "text/*" };

/** Gradio's `file_types` ("image", ".pdf", "file") as an `<input accept>`; "" accepts anything. */
export function acceptFor(fileTypes: readonly string[] | null): string {
  if (!fileTypes || fileTypes.includes("file")) return "";
  return fileTypes.map((t) => CATEGORIES[t] ?? (t.startsWith(".") ? t : `.${t}`)).join(",");
}

/** A hidden `<input type=file>` for `fileCount` ("single" | "multiple" | "directory"). */
function fileInput(fileCount: string, fileTypes: readonly string[] | null): HTMLInputElement {
  const input = h("input", { type: "file", class: "nbb-file-input", hidden: "" });
  applyInput(input, fileCount, fileTypes);
  return input;
}

export function applyInput(input: HTMLInputElement, fileCount: string, fileTypes: readonly string[] | null): void {
  input.multiple = fileCount !== "single";
  input.toggleAttribute("webkitdirectory", fileCount === "directory");
  input.accept = acceptFor(fileTypes);
}

/** A bar shown while files transfer; `set` takes 0 to 1, `done` hides it. */
function progressBar(): { el: HTMLElement; set(fraction: number): void; done(): void } {
  const bar = h("progress", { class: "nbb-file-progress", max: "1", value: "0", hidden: "" });
  return {
    el: bar,
    set(fraction) {
      bar.hidden = false;
      bar.value = fraction;
    },
    done() {
      bar.hidden = true;
    },
  };
}

type FileValue = FileData | FileData[] | null;

/** The upload parts File and UploadButton share: the hidden input, a progress bar, an error line. */
export interface Uploader {
  input: HTMLInputElement;
  bar: ReturnType<typeof progressBar>;
  error: HTMLElement;
  /** Stores `chosen` (nothing when empty), the bar following it and a failure shown on the error
   * line; the component's new value for `fileCount` ("single": the first file), or undefined when
   * nothing was stored. The input is emptied after, so choosing the same file again fires. */
  upload(chosen: File[], fileCount: string): Promise<FileValue | undefined>;
}

export function uploader(files: FileTransport, fileCount: string, fileTypes: readonly string[] | null): Uploader {
  const input = fileInput(fileCount, fileTypes);
  const bar = progressBar();
  const error = h("div", { class: "nbb-file-error", role: "alert", hidden: "" });
  async function upload(chosen: File[], count: string): Promise<FileValue | undefined> {
    if (!chosen.length) return undefined;
    error.hidden = true;
    bar.set(0);
    try {
      const stored = await files.upload(chosen, bar.set);
      return count === "single" ? (stored[0] ?? null) : stored;
    } catch (err) {
      error.textContent = (err as Error).message;
      error.hidden = false;
      return undefined;
    } finally {
      bar.done();
      input.value = "";
    }
  }
  return { input, bar, error, upload };
}

/** "1.2 MB" */
export function formatSize(bytes: number | null): string {
  if (bytes === null) return "";
  const units = ["B", "KB", "MB", "GB"];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${unit ? size.toFixed(1) : size} ${units[unit]}`;
}

/** Saves `file` as a download through its transport's URL (a link click, as the user's own). */
export async function saveFile(files: FileTransport, file: FileData): Promise<void> {
  const link = h("a", { href: await files.fileUrl(file), download: file.orig_name ?? "file" });
  document.body.append(link);
  link.click();
  link.remove();
}
