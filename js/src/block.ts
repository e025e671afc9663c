import type { ChunkModule } from "./chunks";
import type { Props } from "./protocol";

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
  /** The user changed the value: tells Python, before any trigger about that change. */
  sendValue(value: unknown): void;
  /** The user fired `event`: sent only when Python listens to it on this block. */
  trigger(event: string, data?: unknown): void;
  listens(event: string): boolean;
  /** The lazy chunk `name`'s module, from the transport (chunks.ts `lazy` asks, once per page). */
  loadChunk(name: string): Promise<ChunkModule>;
}

/** Builds a block from its full props; layouts also get their already built children. */
export type Factory = (props: Props, ctx: BlockContext, children: Block[]) => Block;

/** A component's own typed copy of its props: a render always carries all of them. */
export function ownProps<T>(props: Props): T {
  return { ...props } as unknown as T;
}
