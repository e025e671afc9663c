import type { ChunkModule } from "./chunks";
import type { CellEdit, PageInfo, Props, RowsMessage, RowsRequest } from "./protocol";
import type { FileTransport } from "./upload";

/** What a component or layout gives the app: its root element and how to re-apply props. */
export interface Block {
  readonly el: HTMLElement;
  /** Applies changed props (from Python) without rebuilding; never sends anything back. */
  update(props: Props): void;
  /** False for blocks that never draw the panel box, whatever `container` says (Gradio's
   * buttons, markdown and HTML take the prop but ignore it). */
  readonly boxed?: boolean;
}

/** What a block may ask of the app; bound to the block's id. */
export interface BlockContext {
  /** A page-unique element id, for `<label for>`, ARIA references and radio names. */
  uid(part: string): string;
  /** The user changed the value: Python hears of it before the next trigger (or when the user
   * leaves the field), latest value only, not once per keystroke. */
  sendValue(value: unknown): void;
  /** The user fired `event`: sent only when Python listens to it on this block. */
  trigger(event: string, data?: unknown): void;
  listens(event: string): boolean;
  /** Where the page reads a file value and how it uploads files (upload.ts). */
  readonly files: FileTransport;
  /** The lazy chunk `name`'s module, from the transport (chunks.ts `lazy` asks, once per page). */
  loadChunk(name: string): Promise<ChunkModule>;
  /** Rows of this block's long table, which Python sent only a window of (nbblocks/windows.py). */
  rows(window: RowWindow): Promise<RowsMessage>;
  /** The user changed one cell of this block's long table, or added or removed a row or a
   * column: tells Python that edit alone. */
  editCell(edit: Pick<CellEdit, "row" | "column" | "value" | "op">): void;
  /** A multipage app's pages, for a navigation bar; absent in a one-page app. */
  readonly pages?: Pages;
}

/** The pages of a multipage app as a navigation bar links them. */
export interface Pages {
  readonly list: PageInfo[];
  /** The path of the page shown. */
  readonly current: string;
  /** Where a link to `path` goes (served), or null: `show` it in place (a notebook). */
  href(path: string): string | null;
  show(path: string): void;
}

/** Which rows a table asks for: `start` to `end` (excluded), in the order of `sort`. */
export type RowWindow = Pick<RowsRequest, "start" | "end" | "sort">;

/** Builds a block from its full props; layouts also get their already built children. */
export type Factory = (props: Props, ctx: BlockContext, children: Block[]) => Block;

/**
 * What a component module declares next to its factory, in one place: how to draw the block, which
 * props it draws and which events it fires. The registry is built from these, and
 * `node manifest.mjs` prints them for tests/components/test_declarations.py, which fails
 * when Python declares a prop or event that no front end draws or fires and it is not marked so.
 *
 * Adding a component: a Python class (its props and events in the class body), a module here
 * exporting a `ComponentSpec` named by the node type, and one line in registry.ts.
 */
export interface ComponentSpec {
  readonly draw: Factory;
  /** Props this block draws, besides the ones every block shares (wrapper.ts `SHARED_PROPS`). */
  readonly props: readonly string[];
  /** Events its DOM fires (the app fires `change` for any block itself: `APP_EVENTS`). */
  readonly events: readonly string[];
}

/** Every prop name of the interface `P`, for a spec's `props`: tsc refuses a list that misses one
 * of P's props or names one P lacks, so the declaration cannot drift from what `apply` reads. */
export function propsOf<P>(names: { readonly [K in keyof Required<P>]: true }): readonly string[] {
  return Object.keys(names);
}

/** A component's own typed copy of its props: a render always carries all of them. */
export function ownProps<T>(props: Props): T {
  return { ...props } as unknown as T;
}
