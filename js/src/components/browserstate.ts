import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import type { Props } from "../protocol";

interface BrowserStateProps {
  value: unknown;
  storage_key: string;
}

/** What the browser holds under `key`, or undefined: nothing, unreadable JSON, or storage
 * refused (a sandboxed frame throws on `localStorage`). */
function readStored(key: string): unknown {
  try {
    const text = window.localStorage.getItem(key);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function writeStored(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch (err) {
    console.warn(`nbblocks: could not keep gr.BrowserState ${key} in localStorage`, err);
  }
}

/** gr.BrowserState: nothing shown. Drawing it hands Python the value this browser kept (sent
 * before the page's `load`, app.ts `start`); each value Python sets is kept for the next visit. */
function drawBrowserState(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<BrowserStateProps>(initial);
  const stored = readStored(p.storage_key);
  if (stored !== undefined) ctx.sendValue(stored);
  return {
    el: h("div"), // hidden by its wrapper: Python makes it visible=False
    update(props) {
      const changes = props as Partial<BrowserStateProps>;
      Object.assign(p, changes);
      if ("value" in changes) writeStored(p.storage_key, changes.value);
    },
  };
}

export const browserstate: ComponentSpec = {
  draw: drawBrowserState,
  props: propsOf<BrowserStateProps>({ value: true, storage_key: true }),
  events: [],
};
