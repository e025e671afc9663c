/**
 * gr.Chatbot, the "chat" chunk's entry (see chunks.ts): the chat log, one row per message of
 * current Gradio's messages format (`{role, metadata, content}`; Python converts the tuples
 * format). Markdown goes through the core's renderer and sanitizer (its ChunkApi); a file is an
 * image, audio, video or a download link; a `metadata.title` makes a collapsible "thought".
 *
 * A streamed reply changes only the last message: a row is rebuilt only when its message
 * changed, so a token re-draws one row, never the history (and a token arrives as a text append,
 * nbblocks/edits.py, which keeps every other message the same object: nothing to compare).
 */
import type { Block, BlockContext, Factory } from "../block";
import type { ChunkApi } from "../chunks";
import type { FieldProps } from "../field";
import type { FileData, Props } from "../protocol";
import type { LatexDelimiter } from "./markdown";
import styles from "./chat.css";
import { multimodalTextbox } from "./chat-multimodal";

export { styles };

export interface ChatMessage {
  role: "user" | "assistant" | "system";
  metadata: { title?: string; status?: "pending" | "done"; log?: string } | null;
  content: string | { file: FileData; alt_text: string | null };
  /** Gradio 5's options: buttons under the last message; a click fires `option_select`. */
  options: { value: string; label?: string | null }[] | null;
}

export interface ChatbotProps extends FieldProps {
  value: ChatMessage[] | null;
  height: number | string | null;
  rtl: boolean;
  show_copy_button: boolean;
  /** [user's, assistant's] picture, each a FileData or null. */
  avatar_images: [FileData | null, FileData | null];
  sanitize_html: boolean;
  render_markdown: boolean;
  /** LaTeX between these is typeset by KaTeX (the katex chunk, loaded when a message holds one). */
  latex_delimiters: LatexDelimiter[] | null;
  bubble_full_width: boolean;
  line_breaks: boolean;
  likeable: boolean;
  /** Gradio 5's: the user's messages get thumbs too. */
  like_user_message: boolean;
  layout: "bubble" | "panel" | null;
  placeholder: string | null;
  min_height: number | string | null;
  max_height: number | string | null;
  /** Follow the newest message when the log was scrolled to its end. */
  autoscroll: boolean;
  /** Gradio 5's example messages, offered while the log is empty; a click fires `example_select`. */
  examples: ChatExample[] | null;
  /** Gradio 5's: the user's messages ("user") or every message ("all") can be edited in place. */
  editable: "user" | "all" | null;
}

export interface ChatExample {
  text: string;
  display_text?: string | null;
  files?: FileData[];
}

export function factories(api: ChunkApi): Record<string, Factory> {
  return {
    chatbot: (props, ctx) => chatbot(api, props, ctx),
    multimodaltextbox: (props, ctx) => multimodalTextbox(api, props, ctx),
  };
}

/** A drawn row and the message it shows: the same object (a text append keeps every other
 * message's), or equal JSON, means the row is still right. */
interface Row {
  readonly message: ChatMessage;
  readonly key: string;
  readonly el: HTMLElement;
}

function chatbot(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h } = api;
  const p = api.ownProps<ChatbotProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const placeholder = h("div", { class: "nbb-chat-placeholder nbb-prose" });
  const examples = h("div", { class: "nbb-chat-examples" });
  const log = h("div", { class: "nbb-chat-log", role: "log", "aria-labelledby": head.title.id }, placeholder, examples);
  // Gradio 5's turn buttons, under the log: each shown only where a listener of its event is set
  const retry = h("button", { type: "button", class: "nbb-icon-button" }, "Retry");
  const undo = h("button", { type: "button", class: "nbb-icon-button" }, "Undo");
  const clear = h("button", { type: "button", class: "nbb-icon-button" }, "Clear");
  const turnTools = h("div", { class: "nbb-chat-turn-tools" }, retry, undo, clear);
  const el = h("div", { class: "nbb-chat-body" }, head.title, head.info, log, turnTools);
  let rows: Row[] = [];

  function markdown(text: string, into: HTMLElement): void {
    if (!p.render_markdown) {
      into.textContent = text;
      return;
    }
    const html = api.renderMarkdown(text, { lineBreaks: p.line_breaks, math: p.latex_delimiters ?? [] });
    if (p.sanitize_html === false) into.innerHTML = html; // the app author's choice, as in Gradio
    else into.replaceChildren(api.sanitize(html));
    void api.renderLatex(into, p.latex_delimiters ?? [], ctx);
  }

  function fileView(content: { file: FileData; alt_text: string | null }): HTMLElement {
    const { file, alt_text } = content;
    const kind = (file.mime_type ?? "").split("/", 1)[0];
    const name = file.orig_name ?? file.path;
    const view =
      kind === "image"
        ? h("img", { alt: alt_text ?? name })
        : kind === "audio" || kind === "video"
          ? h(kind, { controls: "", preload: "metadata" })
          : h("a", { download: name, target: "_blank", rel: "noopener" }, name);
    void ctx.files.fileUrl(file).then((url) => view.setAttribute(view instanceof HTMLAnchorElement ? "href" : "src", url));
    return h("div", { class: "nbb-chat-file" }, view);
  }

  function avatar(role: ChatMessage["role"]): HTMLElement | null {
    const file = p.avatar_images?.[role === "user" ? 0 : 1];
    if (!file) return null;
    const img = h("img", { class: "nbb-chat-avatar", alt: "" });
    void ctx.files.fileUrl(file).then((url) => (img.src = url));
    return img;
  }

  function messageRow(message: ChatMessage, index: number): HTMLElement {
    const body = h("div", { class: "nbb-chat-content" });
    if (typeof message.content === "string") markdown(message.content, body);
    else body.append(fileView(message.content));
    const title = message.metadata?.title;
    const shown = title ? thought(title, message.metadata?.status, body) : body;
    const bubble = h("div", { class: "nbb-chat-message" }, shown);
    bubble.addEventListener("click", (event) => {
      if ((event.target as Element).closest("button, a, audio, video, summary")) return;
      ctx.trigger("select", { index, value: message.content, selected: true });
    });
    const tools = h("div", { class: "nbb-chat-tools" });
    if (p.show_copy_button && typeof message.content === "string") {
      const text = message.content;
      const copy = api.copyButton(() => {
        ctx.trigger("copy", { value: text });
        return text;
      });
      copy.hidden = false;
      tools.append(copy);
    }
    // Gradio 5 shows thumbs wherever a `like` listener is set; Gradio 4.34 asked for `likeable`
    const likes = p.likeable || ctx.listens("like");
    if (likes && (message.role === "assistant" || p.like_user_message)) {
      for (const liked of [true, false]) {
        const label = liked ? "Like" : "Dislike";
        const button = h("button", { type: "button", class: "nbb-icon-button nbb-chat-like", "aria-label": label }, thumb(liked));
        button.addEventListener("click", () => {
          button.setAttribute("aria-pressed", "true");
          ctx.trigger("like", { index, value: message.content, liked });
        });
        tools.append(button);
      }
    }
    const editing = p.editable === "all" || (p.editable === "user" && message.role === "user");
    if (editing && typeof message.content === "string") tools.append(editButton(message.content, index, body));
    if (tools.childElementCount > 0) bubble.append(tools);
    if (message.options?.length) bubble.append(optionButtons(message.options, index));
    const row = h("div", { class: `nbb-chat-row nbb-chat-${message.role}`, "data-index": String(index) });
    const picture = avatar(message.role);
    if (picture) row.append(picture);
    row.append(bubble);
    return row;
  }

  /** The index of the last user message, which retry answers again and undo takes back (-1: none). */
  function lastUserMessage(messages: ChatMessage[]): number {
    for (let index = messages.length - 1; index >= 0; index--) if (messages[index].role === "user") return index;
    return -1;
  }

  function showTurnTools(messages: ChatMessage[]): void {
    const answered = lastUserMessage(messages) >= 0 && messages[messages.length - 1]?.role === "assistant";
    retry.hidden = !answered || !ctx.listens("retry");
    undo.hidden = !answered || !ctx.listens("undo");
    clear.hidden = messages.length === 0 || !ctx.listens("clear");
    turnTools.hidden = retry.hidden && undo.hidden && clear.hidden;
  }

  for (const [button, event] of [[retry, "retry"], [undo, "undo"]] as const) {
    button.addEventListener("click", () => {
      const messages = p.value ?? [];
      const index = lastUserMessage(messages);
      if (index >= 0) ctx.trigger(event, { index, value: messages[index].content });
    });
  }
  clear.addEventListener("click", () => {
    p.value = [];
    showValue();
    ctx.sendValue(p.value);
    ctx.trigger("clear");
    ctx.trigger("change");
  });

  /** Edit: the message's text in a box, Save keeps it (the value sent, then `edit` and `change`). */
  function editButton(text: string, index: number, body: HTMLElement): HTMLButtonElement {
    const edit = h("button", { type: "button", class: "nbb-icon-button" }, "Edit");
    edit.addEventListener("click", () => {
      const box = h("textarea", { class: "nbb-input nbb-chat-edit", "aria-label": "Edited message" });
      box.value = text;
      const save = h("button", { type: "button", class: "nbb-icon-button" }, "Save");
      const cancel = h("button", { type: "button", class: "nbb-icon-button" }, "Cancel");
      body.replaceChildren(box, h("div", { class: "nbb-chat-tools" }, save, cancel));
      box.focus();
      cancel.addEventListener("click", redrawAll);
      save.addEventListener("click", () => {
        const messages = [...(p.value ?? [])];
        messages[index] = { ...messages[index], content: box.value };
        p.value = messages;
        showValue();
        ctx.sendValue(p.value);
        ctx.trigger("edit", { index, value: box.value, previous_value: text });
        ctx.trigger("change");
      });
    });
    return edit;
  }

  function optionButtons(options: NonNullable<ChatMessage["options"]>, index: number): HTMLElement {
    return h(
      "div",
      { class: "nbb-chat-options" },
      ...options.map((option) => {
        const button = h("button", { type: "button", class: "nbb-chat-example" }, option.label ?? option.value);
        button.addEventListener("click", () => ctx.trigger("option_select", { index, value: option.value, selected: true }));
        return button;
      }),
    );
  }

  function showExamples(): void {
    examples.replaceChildren(
      ...(p.examples ?? []).map((example, index) => {
        const button = h("button", { type: "button", class: "nbb-chat-example" }, example.display_text ?? example.text);
        button.addEventListener("click", () => ctx.trigger("example_select", { index, value: example, selected: true }));
        return button;
      }),
    );
  }

  function thought(title: string, status: string | undefined, body: HTMLElement): HTMLElement {
    const details = h("details", { class: "nbb-chat-thought" }, h("summary", {}, title), body);
    details.open = status !== "done";
    return details;
  }

  /** Rebuilds only the rows whose message changed (a streamed token: the last one). */
  function showValue(): void {
    const messages = p.value ?? [];
    const stuck = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    const next: Row[] = messages.map((message, index) => {
      const old = rows[index];
      if (old?.message === message) return old;
      const key = JSON.stringify(message);
      return old?.key === key ? old : { message, key, el: messageRow(message, index) };
    });
    for (const row of rows.slice(next.length)) row.el.remove();
    next.forEach((row, index) => {
      if (rows[index] === row) return;
      if (rows[index]) rows[index].el.replaceWith(row.el);
      else log.append(row.el);
    });
    rows = next;
    placeholder.hidden = messages.length > 0 || !p.placeholder;
    examples.hidden = messages.length > 0 || !p.examples?.length;
    showTurnTools(messages);
    if (stuck && p.autoscroll !== false) log.scrollTop = log.scrollHeight;
  }

  function redrawAll(): void {
    for (const row of rows) row.el.remove();
    rows = [];
    showValue();
  }

  function apply(changes: Partial<ChatbotProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("height" in changes) log.style.height = api.cssSize(p.height);
    if ("min_height" in changes) log.style.minHeight = api.cssSize(p.min_height);
    if ("max_height" in changes) log.style.maxHeight = api.cssSize(p.max_height);
    if ("rtl" in changes) log.dir = p.rtl ? "rtl" : "";
    if ("layout" in changes) log.dataset.layout = p.layout ?? "bubble";
    if ("bubble_full_width" in changes) log.classList.toggle("nbb-chat-full", p.bubble_full_width);
    if ("placeholder" in changes) markdown(p.placeholder ?? "", placeholder);
    if ("examples" in changes) showExamples();
    const look = ["render_markdown", "sanitize_html", "latex_delimiters", "line_breaks", "likeable", "like_user_message", "show_copy_button", "avatar_images", "editable"];
    if (look.some((name) => name in changes)) redrawAll();
    else if ("value" in changes || "placeholder" in changes || "examples" in changes) showValue();
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<ChatbotProps>) };
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** A thumb up (or down: the same, turned over) drawn as a path: no emoji font needed. */
function thumb(up: boolean): SVGSVGElement {
  const icon = document.createElementNS(SVG_NS, "svg");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("width", "16");
  icon.setAttribute("height", "16");
  icon.setAttribute("aria-hidden", "true");
  if (!up) icon.style.transform = "rotate(180deg)";
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", "M2 10h4v11H2zM8 21h9.3a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 18.7 10H14V5a3 3 0 0 0-3-3l-3 8z");
  path.setAttribute("fill", "none");
  path.setAttribute("stroke", "currentColor");
  path.setAttribute("stroke-width", "2");
  path.setAttribute("stroke-linejoin", "round");
  icon.append(path);
  return icon;
}
