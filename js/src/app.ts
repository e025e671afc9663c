import type { Block, BlockContext, Pages, RowWindow } from "./block";
import type { Channel } from "./channel";
import { unknown } from "./components/unknown";
import { Dependencies, runAppJs } from "./dependencies";
import { h } from "./dom";
import { applyAppend } from "./edits";
import { clearBlockError, showBlockError, Toasts } from "./notices";
import type {
  BlockNode,
  ClientMessage,
  DependencyInfo,
  ErrorMessage,
  ProgressMessage,
  PropUpdate,
  RenderMessage,
  RerenderMessage,
  RowsMessage,
  ServerMessage,
  StatusMessage,
} from "./protocol";
import { factoryFor } from "./registry";
import { PendingOutputs } from "./status";
import { applyWrapperProps, initWrapper } from "./wrapper";

/** The node type of gr.Navbar, which a multipage app's pages get when they have none. */
const NAVBAR = "navbar";

/** Counts renders on this page, so element ids stay unique across apps and re-renders. */
let renders = 0;

/**
 * Draws an nbblocks app into `host`, talking to Python only through `channel`: asks for the tree
 * of `page` (`ready`; "" the main page), then follows Python's messages. Returns the cleanup
 * function.
 */
export function mount(host: HTMLElement, channel: Channel, page = ""): () => void {
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
  /** The pages whose first render this view has had (their load listeners' `js` ran). */
  const started = new Set<string>();
  // The user is done with a field (left it, or committed it: a native `change`): Python gets its
  // value now, so what reads it without a trigger from this page (a Timer) sees it.
  const flush = () => view?.flush();
  app.addEventListener("focusout", flush);
  app.addEventListener("change", flush);

  // Names this view in its `ready`: a render answering another view's is not for this one.
  const viewName = `${++renders}-${Math.random().toString(36).slice(2)}`;
  const ask = (path: string) => channel.send({ type: "ready", view: viewName, ...(path ? { page: path } : {}) });
  const unsubscribe = channel.onMessage((msg: ServerMessage) => {
    if (msg.type === "render") {
      if (msg.view !== undefined && msg.view !== viewName) return;
      view?.dispose();
      view = new View(app, msg, channel, toasts, viewName, ask);
      // Once per view and page, as Gradio once per page: the render after a reconnect must not run them again.
      const shown = msg.page ?? "";
      if (!started.has(shown)) view.start(msg, started.size === 0);
      started.add(shown);
    } else if (msg.type === "rerender") view?.rerender(msg);
    else if (msg.type === "update" && msg.view !== viewName) view?.update(msg.updates);
    else if (msg.type === "status") view?.status(msg);
    else if (msg.type === "progress") view?.progress(msg);
    else if (msg.type === "error") showError(msg, view, toasts);
    else if (msg.type === "toast" && msg.visible) toasts.show(msg.level, msg.title, msg.message, msg.duration);
    else if (msg.type === "rows") view?.rowsArrived(msg);
  });
  ask(page);

  return () => {
    view?.flush();
    unsubscribe();
    view?.dispose();
    toasts.dispose();
    app.remove();
  };
}

/** The ids of a node and every node below it. */
function nodeIds(node: BlockNode): number[] {
  return [node.id, ...(node.children ?? []).flatMap(nodeIds)];
}

function showError(msg: ErrorMessage, view: View | null, toasts: Toasts): void {
  if (!msg.visible) return;
  view?.showErrorAt(msg.outputs, msg.title, msg.message);
  toasts.show("error", msg.title, msg.message, msg.duration);
}

/**
 * One rendered tree: the blocks by id, their current values, and what Python listens to.
 * Replaced by the next render.
 */
class View {
  private readonly blocks = new Map<number, Block>();
  /** What each component holds now (from Python or the user), for listeners' `js` functions. */
  private readonly values = new Map<number, unknown>();
  private listeners: Set<string>;
  private dependencies: Dependencies;
  /** Each block's type and, for a layout, its children's ids: what a `rerender` replaces. */
  private readonly types = new Map<number, string>();
  private readonly childIds = new Map<number, number[]>();
  private readonly pending = new PendingOutputs();
  private readonly prefix = `nbb${++renders}`;
  /**
   * Values the user changed that Python has not been told of yet, latest per block: they go out
   * before the next message (a trigger, a row request...) or when the user leaves the field, never
   * per keystroke, so typing in a box nobody listens to costs nothing on the wire.
   */
  private readonly unsent = new Map<number, unknown>();
  /** Messages wait here, in order, behind a trigger whose `js` functions are still running. */
  private outbox: Promise<void> | null = null;
  private waiting = 0;
  /** Row requests of long tables awaiting Python's `rows` (windows.py), by request number. */
  private readonly rowRequests = new Map<number, (msg: RowsMessage) => void>();
  private lastRowRequest = 0;
  private readonly pages?: Pages;

  constructor(
    app: HTMLElement,
    msg: RenderMessage,
    private readonly channel: Channel,
    private readonly toasts: Toasts,
    private readonly viewName: string,
    show: (page: string) => void,
  ) {
    this.listeners = new Set(msg.listeners.map(([id, event]) => `${id}:${event}`));
    this.dependencies = new Dependencies(msg.dependencies);
    if (msg.pages) {
      this.pages = { list: msg.pages, current: msg.page ?? "", href: (path) => channel.pageUrl?.(path) ?? null, show };
    }
    const style = msg.app.css ? h("style", {}, msg.app.css) : null;
    app.classList.toggle("nbb-fill-height", msg.app.fill_height);
    const tree = this.build(msg.tree).el;
    // a multipage app's page without a gr.Navbar of its own gets Gradio's default bar
    const bar = this.pages && ![...this.types.values()].includes(NAVBAR) ? [this.build({ id: -1, type: NAVBAR, props: {} }).el] : [];
    app.replaceChildren(...(style ? [style] : []), ...bar, tree, toasts.el);
  }

  update(updates: PropUpdate[]): void {
    for (const update of updates) {
      const { id, append } = update;
      const block = this.blocks.get(id);
      if (!block) continue;
      clearBlockError(block.el);
      let props = update.props;
      try {
        if (append) props = { ...props, value: applyAppend(this.values.get(id), append) };
      } catch (err) {
        console.error(`nbblocks: could not apply a text append to block ${id}`, err);
        continue;
      }
      if ("value" in props) this.values.set(id, props.value);
      applyWrapperProps(block.el, props, block.boxed);
      try {
        block.update(props);
      } catch (err) {
        console.error(`nbblocks: could not update block ${id}`, err);
      }
    }
  }

  /**
   * A `@gr.render` ran: its container is drawn again with the new children. A component kept by
   * `key` (the same id and type) keeps its element, so what the user typed and the focus stay; the
   * blocks that left are forgotten, and the listeners are the session's new lists.
   */
  rerender(msg: RerenderMessage): void {
    const old = this.blocks.get(msg.tree.id);
    if (!old) return;
    const before = this.descendants(msg.tree.id);
    const staying = new Set(nodeIds(msg.tree));
    const leaving = before.filter((id) => !staying.has(id));
    // First what the user typed in a leaving block and was not sent: Python no longer knows the
    // block, and removing a focused field fires `focusout`, which sends the unsent values.
    for (const id of leaving) this.unsent.delete(id);
    const keepable = new Map(before.flatMap((id): [number, Block][] => this.keepable(id)));
    const drawn = this.build(msg.tree, keepable);
    old.el.replaceWith(drawn.el);
    for (const id of leaving) {
      for (const table of [this.blocks, this.values, this.types, this.childIds]) table.delete(id);
    }
    this.listeners = new Set(msg.listeners.map(([id, event]) => `${id}:${event}`));
    this.dependencies = new Dependencies(msg.dependencies);
  }

  /** Every block below `id`, depth first. */
  private descendants(id: number): number[] {
    return (this.childIds.get(id) ?? []).flatMap((child) => [child, ...this.descendants(child)]);
  }

  /** A component (not a layout: its children may change) that a rerender may keep. */
  private keepable(id: number): [number, Block][] {
    const block = this.blocks.get(id);
    return block && !this.childIds.has(id) ? [[id, block]] : [];
  }

  status(msg: StatusMessage): void {
    for (const el of this.elements(msg.outputs)) {
      if (msg.stage === "pending" || msg.stage === "running") clearBlockError(el);
      this.pending.status(el, msg);
    }
    const scrollTo = msg.stage === "complete" ? this.dependencies.scrollTarget(msg.outputs) : undefined;
    if (scrollTo !== undefined) this.blocks.get(scrollTo)?.el.scrollIntoView({ block: "nearest" });
  }

  progress(msg: ProgressMessage): void {
    for (const el of this.elements(msg.outputs)) this.pending.progress(el, msg.event, msg.progress);
  }

  /**
   * The first render of this view: the app's `js`, then the `js` of its load listeners, as Gradio
   * runs them once the app is drawn; the `load` trigger that follows runs their functions (Python
   * started the other load listeners itself, see sessions.py `started_by_page`). What the user
   * does meanwhile waits behind them.
   */
  start(msg: RenderMessage, withAppJs: boolean): void {
    const js = msg.app.js;
    if (js && withAppJs) {
      this.later(async () => {
        await this.guarded("the app", () => runAppJs(js));
      });
    }
    // Python leaves the load listeners reading a gr.BrowserState to the page: its `load` goes
    // after the values the browser kept (sent when drawn, components/browserstate.ts).
    const keepsState = [...this.types.values()].includes("browserstate");
    if (keepsState) this.flush();
    if (keepsState || this.dependencies.scriptsFor(msg.tree.id, "load").length > 0) this.fire(msg.tree.id, "load", null);
  }

  /** Stops timers; the view is being replaced or unmounted. */
  dispose(): void {
    this.pending.dispose();
  }

  showErrorAt(outputs: number[], title: string, message: string): void {
    for (const el of this.elements(outputs)) showBlockError(el, title, message);
  }

  private elements(ids: number[]): HTMLElement[] {
    return ids.flatMap((id) => this.blocks.get(id)?.el ?? []);
  }

  /** Builds a node after its children; a type we cannot draw, or a factory that throws, gets a
   * placeholder. A component in `keepable` of the same type is kept, given its new props but
   * not its value (the page's is the one the user sees, and Python's equals it). */
  private build(node: BlockNode, keepable?: Map<number, Block>): Block {
    const kept = keepable?.get(node.id);
    if (kept && !node.children && this.types.get(node.id) === node.type) {
      const { value: _value, ...props } = node.props;
      applyWrapperProps(kept.el, props, kept.boxed);
      kept.update(props);
      return kept;
    }
    const children = (node.children ?? []).map((child) => this.build(child, keepable));
    const factory = factoryFor(node.type);
    let block: Block;
    try {
      block = factory ? factory(node.props, this.context(node.id), children) : unknown(node.type, children);
    } catch (err) {
      console.error(`nbblocks: could not draw block ${node.id} (${node.type})`, err);
      block = unknown(node.type, children, "could not be drawn");
    }
    if ("value" in node.props) this.values.set(node.id, node.props.value);
    initWrapper(block.el, node.id, node.type);
    applyWrapperProps(block.el, node.props, block.boxed);
    this.blocks.set(node.id, block);
    this.types.set(node.id, node.type);
    if (node.children) this.childIds.set(node.id, node.children.map((child) => child.id));
    return block;
  }

  private context(id: number): BlockContext {
    return {
      uid: (part) => `${this.prefix}-${id}-${part}`,
      sendValue: (value) => {
        this.values.set(id, value);
        this.unsent.set(id, value);
      },
      trigger: (event, data = null) => this.fire(id, event, data),
      listens: (event) => this.listens(id, event),
      files: this.channel.files,
      loadChunk: (name) => this.channel.loadChunk(name),
      rows: (window) => this.rows(id, window),
      editCell: (edit) => this.send({ type: "cell", id, ...edit }),
      pages: this.pages,
    };
  }

  private rows(id: number, window: RowWindow): Promise<RowsMessage> {
    const request = ++this.lastRowRequest;
    return new Promise((resolve) => {
      this.rowRequests.set(request, resolve);
      this.send({ type: "rows", id, request, ...window });
    });
  }

  rowsArrived(msg: RowsMessage): void {
    this.rowRequests.get(msg.request)?.(msg);
    this.rowRequests.delete(msg.request);
  }

  private listens(id: number, event: string): boolean {
    return this.listeners.has(`${id}:${event}`);
  }

  /**
   * The user fired `event` on block `id`: first the `js` functions of its listeners run (in
   * Python's order; each may return a promise), then one trigger goes to Python, carrying the
   * inputs those functions computed for listeners with a `fn`.
   */
  private fire(id: number, event: string, data: unknown): void {
    const scripts = this.dependencies.scriptsFor(id, event);
    const listened = this.listens(id, event);
    if (scripts.length === 0) {
      if (listened) this.send({ type: "trigger", id, event, data });
      return;
    }
    this.flush(); // the trigger sees what was typed before it, not what is typed while the js runs
    this.later(async () => {
      const inputs: Record<string, unknown[]> = {};
      const messages: ClientMessage[] = [];
      const changed = new Set<number>();
      for (const dep of scripts) {
        const result = await this.runScript(dep);
        if (result && dep.has_fn && dep.inputs.length > 0) inputs[dep.id] = result;
        else if (result && !dep.has_fn) messages.push(...this.setOutputs(dep, result, changed));
      }
      const computed = Object.keys(inputs).length > 0 ? { inputs } : {};
      if (listened) messages.push({ type: "trigger", id, event, data, ...computed });
      // Straight out: anything the user did meanwhile is queued behind this task.
      for (const msg of messages) this.channel.send(msg);
      // Python fires `change` for the outputs its functions set; these only the page knows of.
      for (const output of changed) this.fire(output, "change", null);
    });
  }

  /** Runs a listener's `js` on current values; a failure is shown as an error toast (null). */
  private runScript(dep: DependencyInfo): Promise<unknown[] | null> {
    const args = [...dep.inputs, ...dep.outputs].map((id) => structuredClone(this.values.get(id) ?? null));
    return this.guarded(`listener ${dep.id}`, () => this.dependencies.run(dep, args));
  }

  /** Runs page code of `whose`; a failure is shown as an error toast and gives null. */
  private async guarded<T>(whose: string, run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (err) {
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.toasts.show("error", "Error", `The js function of ${whose} failed: ${reason}`, 10);
      return null;
    }
  }

  /** A `js` listener without `fn` sets its outputs here, adding those whose value differs to
   * `changed`; returns the messages that tell Python. */
  private setOutputs(dep: DependencyInfo, values: unknown[], changed: Set<number>): ClientMessage[] {
    return dep.outputs.flatMap((id, i): ClientMessage[] => {
      if (!this.blocks.has(id)) return []; // a gr.State output: its value lives only in Python
      if (JSON.stringify(this.values.get(id)) !== JSON.stringify(values[i])) changed.add(id);
      this.update([{ id, props: { value: values[i] } }]);
      this.unsent.delete(id); // what the user typed there before is overwritten
      return [{ type: "value", id, value: values[i] }];
    });
  }

  /** Tells Python the values the user changed since the last message, if any. */
  flush(): void {
    this.post([]);
  }

  /** Sends `msg` after the unsent values, now, unless earlier messages still wait for a `js`
   * function: then after them. */
  private send(msg: ClientMessage): void {
    this.post([msg]);
  }

  private post(messages: ClientMessage[]): void {
    const view = this.viewName;
    const values = [...this.unsent].map(([id, value]): ClientMessage => ({ type: "value", id, value, view }));
    this.unsent.clear();
    const out = [...values, ...messages];
    if (out.length === 0) return;
    if (this.outbox) this.later(() => this.transmit(out));
    else this.transmit(out);
  }

  private transmit(messages: ClientMessage[]): void {
    for (const msg of messages) this.channel.send(msg);
  }

  private later(task: () => void | Promise<void>): void {
    this.waiting += 1;
    this.outbox = (this.outbox ?? Promise.resolve())
      .then(task)
      .catch((err: unknown) => console.error("nbblocks: could not send a message", err))
      .finally(() => {
        this.waiting -= 1;
        if (this.waiting === 0) this.outbox = null;
      });
  }
}
