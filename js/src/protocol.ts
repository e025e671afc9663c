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
  js: string | null;
  fill_height: boolean;
  show_error: boolean;
}

// --- Python -> front end ---

/** The whole app for one view, sent in answer to `ready`. */
export interface RenderMessage {
  type: "render";
  app: AppProps;
  tree: BlockNode;
  /** The (block id, event name) pairs Python listens to: only these are sent as triggers. */
  listeners: [number, string][];
}

export interface PropUpdate {
  id: number;
  props: Props;
}

/** Prop changes for some blocks, applied together. */
export interface UpdateMessage {
  type: "update";
  updates: PropUpdate[];
}

export type Stage = "pending" | "running" | "complete" | "error";
export type ShowProgress = "full" | "minimal" | "hidden";

/** The state of one event at its output blocks. */
export interface StatusMessage {
  type: "status";
  event: number;
  outputs: number[];
  stage: Stage;
  show_progress: ShowProgress;
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

export type ServerMessage = RenderMessage | UpdateMessage | StatusMessage | ErrorMessage;

// --- front end -> Python ---

export interface ReadyMessage {
  type: "ready";
}

/** The user changed a component's value (raw JSON form). */
export interface ValueMessage {
  type: "value";
  id: number;
  value: unknown;
}

/** The user fired `event` on block `id`; `data` is the payload (null when there is none). */
export interface TriggerMessage {
  type: "trigger";
  id: number;
  event: string;
  data?: unknown;
}

export type ClientMessage = ReadyMessage | ValueMessage | TriggerMessage;
