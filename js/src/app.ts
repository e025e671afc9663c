import type { Block, BlockContext } from "./block";
import type { Channel } from "./channel";
import { unknown } from "./components/unknown";
import { h } from "./dom";
import { clearBlockError, showBlockError, Toasts } from "./notices";
import type { BlockNode, ErrorMessage, PropUpdate, RenderMessage, ServerMessage, StatusMessage } from "./protocol";
import { factoryFor } from "./registry";
import { PendingOutputs } from "./status";
import { applyWrapperProps, initWrapper } from "./wrapper";

/** Counts renders on this page, so element ids stay unique across apps and re-renders. */
let renders = 0;

/**
 * Draws an nbblocks app into `host`, talking to Python only through `channel`: asks for the tree
 * (`ready`), then follows render/update/status/error messages. Returns the cleanup function.
 */
export function mount(host: HTMLElement, channel: Channel): () => void {
  const app = h("div", {
    // `gradio-container` lets custom css written for Gradio apps keep working.
    class: "nbb-app gradio-container",
    // JupyterLab stops looking for its shortcuts here, so keys typed in the app (Shift+Enter,
    // arrows, command-mode letters on a focused button) reach the app instead of the notebook.
    "data-lm-suppress-shortcuts": "true",
  });
  const toasts = new Toasts();
  host.append(app);
  let view: View | null = null;

  const unsubscribe = channel.onMessage((msg: ServerMessage) => {
    if (msg.type === "render") view = new View(app, msg, channel, toasts);
    else if (msg.type === "update") view?.update(msg.updates);
    else if (msg.type === "status") view?.status(msg);
    else if (msg.type === "error") showError(msg, view, toasts);
  });
  channel.send({ type: "ready" });

  return () => {
    unsubscribe();
    toasts.dispose();
    app.remove();
  };
}

function showError(msg: ErrorMessage, view: View | null, toasts: Toasts): void {
  if (!msg.visible) return;
  view?.showErrorAt(msg.outputs, msg.title, msg.message);
  toasts.show(msg.title, msg.message, msg.duration);
}

/** One rendered tree: the blocks by id and what Python listens to. Replaced by the next render. */
class View {
  private readonly blocks = new Map<number, Block>();
  private readonly listeners: Set<string>;
  private readonly pending = new PendingOutputs();
  private readonly prefix = `nbb${++renders}`;

  constructor(
    app: HTMLElement,
    msg: RenderMessage,
    private readonly channel: Channel,
    toasts: Toasts,
  ) {
    this.listeners = new Set(msg.listeners.map(([id, event]) => `${id}:${event}`));
    const style = msg.app.css ? h("style", {}, msg.app.css) : null;
    app.classList.toggle("nbb-fill-height", msg.app.fill_height);
    app.replaceChildren(...(style ? [style] : []), this.build(msg.tree).el, toasts.el);
  }

  update(updates: PropUpdate[]): void {
    for (const { id, props } of updates) {
      const block = this.blocks.get(id);
      if (!block) continue;
      clearBlockError(block.el);
      applyWrapperProps(block.el, props, block.boxed);
      try {
        block.update(props);
      } catch (err) {
        console.error(`nbblocks: could not update block ${id}`, err);
      }
    }
  }

  status(msg: StatusMessage): void {
    for (const el of this.elements(msg.outputs)) {
      if (msg.stage === "pending" || msg.stage === "running") {
        clearBlockError(el);
        this.pending.start(el, msg.event, msg.show_progress);
      } else this.pending.finish(el, msg.event);
    }
  }

  showErrorAt(outputs: number[], title: string, message: string): void {
    for (const el of this.elements(outputs)) showBlockError(el, title, message);
  }

  private elements(ids: number[]): HTMLElement[] {
    return ids.flatMap((id) => this.blocks.get(id)?.el ?? []);
  }

  /** Builds a node after its children; a type we cannot draw, or a factory that throws, gets a placeholder. */
  private build(node: BlockNode): Block {
    const children = (node.children ?? []).map((child) => this.build(child));
    const factory = factoryFor(node.type);
    let block: Block;
    try {
      block = factory ? factory(node.props, this.context(node.id), children) : unknown(node.type, children);
    } catch (err) {
      console.error(`nbblocks: could not draw block ${node.id} (${node.type})`, err);
      block = unknown(node.type, children, "could not be drawn");
    }
    initWrapper(block.el, node.id, node.type);
    applyWrapperProps(block.el, node.props, block.boxed);
    this.blocks.set(node.id, block);
    return block;
  }

  private context(id: number): BlockContext {
    const listens = (event: string): boolean => this.listeners.has(`${id}:${event}`);
    return {
      uid: (part) => `${this.prefix}-${id}-${part}`,
      sendValue: (value) => this.channel.send({ type: "value", id, value }),
      trigger: (event, data = null) => {
        if (listens(event)) this.channel.send({ type: "trigger", id, event, data });
      },
      listens,
    };
  }
}
