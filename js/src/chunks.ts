/**
 * Lazy chunks: components whose code, and the libraries it needs (three.js for Model3D), loads
 * only when a tree holds one, so the first page of an app without media stays small.
 *
 * A chunk is a self-contained ES module built by `js/build.mjs` into `nbblocks/static/chunks/`,
 * shipped in the package (never from a CDN). The transport fetches it (`Channel.loadChunk`): a
 * served page imports `<root>/static/chunks/<name>.js`; in a notebook, where anywidget loads one
 * module only, the page asks Python over the widget's comm (`chunk`, see nbblocks/protocol.py)
 * and imports the source from a blob URL. A chunk loads once per page; until it arrives its
 * blocks show a placeholder, and props that change meanwhile are kept for the real block.
 *
 * How to make a component lazy:
 * 1. Write it in `js/src/components/<chunk>*.ts` (its CSS in `<chunk>*.css`). From the core it
 *    imports types only (`import type`): what it needs at run time comes from the `ChunkApi` its
 *    `factories` receives, and from its `BlockContext` (`ctx.files` for file values). The build
 *    fails if a chunk bundles a core module.
 * 2. Its entry `components/<chunk>.ts` exports `factories(api)` (node type -> factory) and
 *    `styles` (`import styles from "./<chunk>.css"`), as `ChunkModule` says.
 * 3. In the core, `components/<chunk>-spec.ts` declares its `ComponentSpec` with
 *    `draw: lazy("<type>", "<chunk>")` and the props and events the chunk draws and fires; one
 *    line in registry.ts adds it. Add `<chunk>: "src/components/<chunk>.ts"` to `CHUNKS` in
 *    build.mjs. Python needs nothing more: the transports hand out whatever chunks were built.
 *    See Model3D (components/model3d*.ts).
 */
import type { Block, BlockContext, Factory } from "./block";
import { ownProps } from "./block";
import { copyButton } from "./copy";
import { cssSize, h } from "./dom";
import { fieldHeader } from "./field";
import { renderMarkdown } from "./markdown";
import type { Props } from "./protocol";
import { sanitize } from "./sanitize";
import { applyInput, uploader } from "./upload";
import type { renderMath } from "./components/katex";
import type { LatexDelimiter } from "./components/markdown";

/** What the core gives a chunk when it loads: the helpers its components draw with (add what a
 * new chunk needs here, rather than importing it into the chunk, which would copy it). */
export const chunkApi = { h, cssSize, fieldHeader, ownProps, renderMarkdown, sanitize, copyButton, renderLatex, uploader, applyInput } as const;
export type ChunkApi = typeof chunkApi;

/** What a chunk's module exports. */
export interface ChunkModule {
  /** Its components, by node type (none for a chunk that serves the core's own, as katex). */
  factories?(api: ChunkApi): Record<string, Factory>;
  /** The chunk's CSS, added to the document once. */
  styles?: string;
}

/** Chunk name -> its module, once per page (every app on the page shares it). */
const loaded = new Map<string, Promise<ChunkModule>>();

/** The module of `chunk`, its styles added to the document. */
export function loadChunk(chunk: string, ctx: BlockContext): Promise<ChunkModule> {
  let module = loaded.get(chunk);
  if (!module) {
    module = ctx.loadChunk(chunk).then((loadedModule) => {
      addStyles(chunk, loadedModule.styles);
      return loadedModule;
    });
    // A failed load (a dropped comm) is tried again by the next tree that needs the chunk.
    module.catch(() => loaded.delete(chunk));
    loaded.set(chunk, module);
  }
  return module;
}

/** The latest `renderLatex` call per element: only it typesets, once the chunk is there. */
const latestLatex = new WeakMap<Element, object>();

/**
 * Typesets the LaTeX in the text of `element` between `delimiters`: Markdown's, and a chunk's
 * (the Chatbot's messages) through its `ChunkApi`; render the text with `renderMarkdown(text,
 * { math: delimiters })` first, so the math reaches KaTeX as typed. The katex chunk (KaTeX and its
 * fonts, ~0.6 MB) loads only when the text holds an opening delimiter; until it arrives, and if it
 * cannot load, the source shows as typed. When the element is drawn again meanwhile, only the
 * latest call typesets it.
 */
export async function renderLatex(element: Element, delimiters: readonly LatexDelimiter[], ctx: BlockContext): Promise<void> {
  const call = {};
  latestLatex.set(element, call);
  const text = element.textContent ?? "";
  if (!delimiters.some((d) => d.left !== "" && text.includes(d.left))) return;
  try {
    const katex = (await loadChunk("katex", ctx)) as ChunkModule & { renderMath: typeof renderMath };
    if (latestLatex.get(element) === call) katex.renderMath(element, delimiters);
  } catch (err: unknown) {
    console.error("nbblocks: could not typeset LaTeX (chunk katex)", err);
  }
}

function addStyles(chunk: string, css: string | undefined): void {
  // Another copy of the core (a second widget module) may have added them already.
  if (!css || document.head.querySelector(`style[data-nbb-chunk="${chunk}"]`)) return;
  document.head.append(h("style", { "data-nbb-chunk": chunk }, css));
}

/**
 * A factory for `type`, whose real factory lives in `chunk`: the block is a placeholder that
 * holds the real one once the chunk has loaded. The placeholder's element stays the block's
 * root (the app applies the shared props to it), the real block's element goes inside it.
 */
export function lazy(type: string, chunk = type): Factory {
  return (props, ctx, children) => {
    const note = h("div", { class: "nbb-lazy-note" }, "Loading…");
    const el = h("div", { class: "nbb-lazy" }, note);
    let latest: Props = { ...props };
    let real: Block | null = null;
    loadChunk(chunk, ctx)
      .then((module) => {
        const factory = new Map(Object.entries(module.factories?.(chunkApi) ?? {})).get(type);
        if (!factory) throw new Error(`chunk ${chunk} has no ${type}`);
        real = factory(latest, ctx, children);
        el.replaceChildren(real.el);
      })
      .catch((err: unknown) => {
        console.error(`nbblocks: could not load ${type} (chunk ${chunk})`, err);
        note.textContent = `${type}: could not be loaded`;
      });
    return {
      el,
      update(changed) {
        if (real) real.update(changed);
        else latest = { ...latest, ...changed };
      },
    };
  };
}
