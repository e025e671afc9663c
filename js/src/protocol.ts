/**
 * The wire protocol, mirrored from nbblocks/protocol.py (the definition of record): change both
 * together. Types only; every transport carries exactly these JSON objects.
 */

/** Props of one block as Python sends them: always all of them in a render, only the changed
 * ones in an update. Each component narrows this to its own interface. */
export type Props = Record<string, unknown>;

/** One block of the tree; `type` is the lower-case class name ("textbox", "row"...). */
export interface BlockNode {
  id: number;
  type: string;
  props: Props;
  children?: BlockNode[];
}

/** Blocks-wide settings. */
export interface AppProps {
  title: string;
  css: string | null;
  /** The source of a function the page calls once per view, after its first render and before
   * the load listeners' `js`. */
  js: string | null;
  fill_height: boolean;
  show_error: boolean;
}

// --- Python -> front end ---

/** What the front end needs of a listener: its `js` runs in the page before `fn` (on the values
 * of inputs then outputs; its result replaces the inputs sent, or, with no `fn`, sets the
 * outputs), and `scroll_to_output` scrolls to the first output when done. */
export interface DependencyInfo {
  id: number;
  targets: [number, string][];
  inputs: number[];
  outputs: number[];
  has_fn: boolean;
  js: string | null;
  scroll_to_output: boolean;
}

/** The whole app for one view, sent in answer to `ready`. */
/** One page of a multipage app (`Blocks.route`): its path below the app's root ("" the main
 * page), its name in the navigation bar, and whether the bar shows it. */
export interface PageInfo {
  path: string;
  name: string;
  show_in_navbar: boolean;
}

export interface RenderMessage {
  type: "render";
  app: AppProps;
  tree: BlockNode;
  /** The (block id, event name) pairs Python listens to: only these are sent as triggers. */
  listeners: [number, string][];
  /** Only the listeners with a `js` function or `scroll_to_output`: the others need nothing here. */
  dependencies: DependencyInfo[];
  /** The `view` of the `ready` it answers: only that view draws it. */
  view?: string;
  /** A multipage app's pages, and which one `tree` holds. */
  pages?: PageInfo[];
  page?: string;
}

/** A `@gr.render` ran for this session: `tree` is its container with the new children, drawn
 * instead of the previous ones; `listeners` and `dependencies` are the session's whole lists now,
 * as in a render. */
export interface RerenderMessage {
  type: "rerender";
  tree: BlockNode;
  listeners: [number, string][];
  dependencies: DependencyInfo[];
}

/** `text` added at the end of the string found in a block's value by following `path` (list
 * indices and object keys from the value's root): a streamed chat token, sent instead of the whole
 * history (nbblocks/edits.py, edits.ts). */
export interface TextAppend {
  path: (number | string)[];
  text: string;
}

/** New props for one block; with `append` the new value is the one the page holds with that edit
 * applied, and `props` has no value. */
export interface PropUpdate {
  id: number;
  props: Props;
  append?: TextAppend;
}

/** Prop changes for some blocks, applied together; `event` names the event whose result they
 * are (absent for changes made from Python outside an event). */
export interface UpdateMessage {
  type: "update";
  updates: PropUpdate[];
  event?: number;
  /** A value typed in this view, shown to the others: this one has it already. */
  view?: string;
}

export type Stage = "pending" | "running" | "complete" | "error";
export type ShowProgress = "full" | "minimal" | "hidden";

/** The state of one event at its output blocks: an overlay while `pending` (waiting in the
 * queue: `position` 0 is next, `eta` in seconds when known) and `running` (with elapsed time),
 * removed at `complete` or `error`. */
export interface StatusMessage {
  type: "status";
  event: number;
  outputs: number[];
  stage: Stage;
  show_progress: ShowProgress;
  position?: number | null;
  eta?: number | null;
}

/** One bar: a fraction (`progress`) or a count (`index` of `length` `unit`). */
export interface ProgressEntry {
  index: number | null;
  length: number | null;
  unit: string;
  progress: number | null;
  desc: string | null;
}

/** gr.Progress from a running function: bars (outermost first) shown at the event's outputs. */
export interface ProgressMessage {
  type: "progress";
  event: number;
  outputs: number[];
  progress: ProgressEntry[];
}

/** gr.Info / gr.Warning from a running function: a toast for the person who triggered it. */
export interface ToastMessage {
  type: "toast";
  event: number | null;
  level: "info" | "warning" | "success";
  title: string;
  message: string;
  /** Seconds the toast stays; null keeps it until closed. */
  duration: number | null;
  visible: boolean;
}

/** The answer to `rows`: at most 200 rows from `start`, `index` giving each one's row in the
 * value, the Styler's `metadata` of those rows (or null), the table's `total` rows now. */
export interface RowsMessage {
  type: "rows";
  id: number;
  request: number;
  start: number;
  total: number;
  data: unknown[][];
  index: number[];
  metadata: Record<string, unknown[]> | null;
  sort: (number | boolean)[] | null;
}

/** A failed event (shown at its outputs) or a refused client message (`event` null: a notice). */
export interface ErrorMessage {
  type: "error";
  event: number | null;
  outputs: number[];
  title: string;
  message: string;
  /** Seconds the toast stays; null keeps it until closed. */
  duration: number | null;
  visible: boolean;
}

export type ServerMessage =
  | RenderMessage
  | RerenderMessage
  | UpdateMessage
  | StatusMessage
  | ErrorMessage
  | ProgressMessage
  | ToastMessage
  | RowsMessage;

/** One comm message or WebSocket frame from Python: a message, or several emitted together (a
 * quick run's running, update and complete), handled in order. */
export type ServerFrame = ServerMessage | ServerMessage[];

// --- front end -> Python ---

export interface ReadyMessage {
  type: "ready";
  /** Names this view: its render echoes it, so the other views on the same channel ignore it. */
  view?: string;
  /** The path of the app's page the view shows ("" or absent: the main page). */
  page?: string;
}

/** The user changed a component's value (raw JSON form). */
export interface ValueMessage {
  type: "value";
  id: number;
  value: unknown;
  /** The view it was typed in, so the other views of a notebook widget are shown it. */
  view?: string;
}

/** The user fired `event` on block `id`; `data` is the payload (null when there is none).
 * `inputs` maps a listener id (as a string) to the input values its `js` function returned, used
 * instead of the current values for that listener's run.
 *
 * `load` on the app's id (sent after the first render of a view, once the load listeners' `js`
 * ran) runs only the load listeners with a `js` function, and only the first time a session
 * receives it: every view runs the `js`, the functions run once per session. */
export interface TriggerMessage {
  type: "trigger";
  id: number;
  event: string;
  data?: unknown;
  inputs?: Record<string, unknown[]>;
}

/** The page needs the rows `start`..`end` (end excluded) of a long table, whose value came with
 * its first rows and `total` only (nbblocks/windows.py), in the order of `sort` (`[column,
 * descending]`) or the value's own (null). `request` pairs the answer with it. */
export interface RowsRequest {
  type: "rows";
  id: number;
  request: number;
  start: number;
  end: number;
  sort: (number | boolean)[] | null;
}

export type TableEditOp = "set" | "add_row" | "remove_row" | "add_column" | "remove_column" | "rename_column";

/** The user edited a long table the page holds only windows of, at one cell: `row` is the cell's
 * row in the value (as `RowsMessage.index` gave it), `column` its column. `op` says what changed:
 * that cell became `value` ("set", the default), or (`value` null) the table gained a row at its
 * end or a column at its right, or lost the cell's row or column, or the cell's column was
 * renamed `value`. Python changes the session's whole value (nbblocks/windows.py). */
export interface CellEdit {
  type: "cell";
  id: number;
  row: number;
  column: number;
  value: string | number | boolean | null;
  op?: TableEditOp;
}

export type ClientMessage = ReadyMessage | ValueMessage | TriggerMessage | RowsRequest | CellEdit;

// --- files ---

/** A file value, Gradio's shape. `path` is a path on the Python side; `url` is where the page
 * reads it, filled by the transport (served: `<root>/gradio_api/file=<path>`; notebook: a blob
 * URL of the bytes fetched over the comm), never trusted by Python for finding the file. */
export interface FileData {
  path: string;
  url: string | null;
  size: number | null;
  orig_name: string | null;
  mime_type: string | null;
  is_stream: boolean;
  meta: { _type: "gradio.FileData" };
}

/** Notebook only: ask for the bytes of a cached file from `offset` on. */
export interface FetchFileMessage {
  type: "fetch_file";
  transfer: string;
  path: string;
  offset: number;
}

/** Notebook only: the answer to `fetch_file`, its bytes in the message's one buffer; `size` is
 * the whole file's; `error` (no buffer) when the file cannot be read. */
export interface FileChunkMessage {
  type: "file_chunk";
  transfer: string;
  offset: number;
  size: number;
  final: boolean;
  error?: string;
}

/** Notebook only: the next bytes of an upload of `name`, in the message's one buffer. */
export interface UploadChunkMessage {
  type: "upload_chunk";
  transfer: string;
  name: string;
  final: boolean;
}

/** Notebook only: the answer to each `upload_chunk`: bytes received so far, the stored file with
 * the last chunk, or `error` (the upload is then dropped, nothing of it kept). */
export interface UploadedMessage {
  type: "uploaded";
  transfer: string;
  received: number;
  file?: FileData;
  error?: string;
}

export type FileMessage = FetchFileMessage | UploadChunkMessage;
export type FileReply = FileChunkMessage | UploadedMessage;

// --- lazy chunks (notebook only; a served page fetches <root>/static/chunks/<name>.js) ---

/** The page needs the lazy chunk `name` (chunks.ts): a component's code, asked for once. */
export interface ChunkRequest {
  type: "chunk";
  name: string;
}

/** Python's answer to `chunk`: the chunk's ES module source, or `error` when there is none. */
export interface ChunkMessage {
  type: "chunk";
  name: string;
  source?: string;
  error?: string;
}
