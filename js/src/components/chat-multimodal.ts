/**
 * gr.MultimodalTextbox, in the "chat" chunk: a text box with a button to attach files (uploaded at
 * once through the core's `uploader`, upload.ts, shown as removable chips) and a submit button.
 * Enter submits when `lines` is 1, as in a Textbox; the value is `{text, files}`.
 */
import type { Block, BlockContext } from "../block";
import type { ChunkApi } from "../chunks";
import type { FieldProps } from "../field";
import type { FileData, Props } from "../protocol";

export interface MultimodalValue {
  text: string;
  files: FileData[];
}

export interface MultimodalProps extends FieldProps {
  value: MultimodalValue | null;
  file_types: string[] | null;
  /** "single" keeps the last file attached, "multiple" (or "directory") adds them up. */
  file_count: "single" | "multiple" | "directory";
  lines: number;
  max_lines: number;
  placeholder: string | null;
  autofocus: boolean;
  autoscroll: boolean;
  text_align: "left" | "right" | null;
  rtl: boolean;
  submit_btn: boolean;
  interactive: boolean | null;
}

export function multimodalTextbox(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h } = api;
  const p = api.ownProps<MultimodalProps>(initial);
  const inputId = ctx.uid("input");
  const head = api.fieldHeader(h("label", { for: inputId }), ctx.uid("info"));
  const text = h("textarea", { class: "nbb-input nbb-multimodal-text", id: inputId, rows: "1" });
  text.setAttribute("aria-describedby", head.info.id);
  const files = uploaderFor();
  const attach = h("button", { type: "button", class: "nbb-icon-button", "aria-label": "Attach files" }, "📎");
  const send = h("button", { type: "button", class: "nbb-icon-button nbb-multimodal-submit", "aria-label": "Submit" }, "➤");
  const chips = h("div", { class: "nbb-multimodal-files" });
  const row = h("div", { class: "nbb-multimodal-row" }, attach, text, send);
  const el = h("div", { class: "nbb-multimodal" }, head.title, head.info, chips, row, files.bar.el, files.error, files.input);
  let value: MultimodalValue = p.value ?? { text: "", files: [] };

  function uploaderFor(): ReturnType<ChunkApi["uploader"]> {
    return api.uploader(ctx.files, p.file_count, p.file_types);
  }

  /** The user changed the value: tells Python, then fires what listens to that. */
  function userValue(next: MultimodalValue, events: readonly string[]): void {
    value = next;
    showFiles();
    ctx.sendValue(value);
    for (const event of events) ctx.trigger(event);
  }

  function showFiles(): void {
    chips.replaceChildren(
      ...value.files.map((file, index) => {
        const remove = h("button", { type: "button", class: "nbb-icon-button", "aria-label": `Remove ${file.orig_name ?? file.path}` }, "×");
        remove.addEventListener("click", () => userValue({ ...value, files: value.files.filter((_, i) => i !== index) }, ["change"]));
        return h("span", { class: "nbb-multimodal-file" }, file.orig_name ?? file.path, remove);
      }),
    );
    chips.hidden = value.files.length === 0;
  }

  function fit(): void {
    const wanted = text.value.split("\n").length;
    text.rows = Math.min(Math.max(wanted, p.lines), Math.max(p.lines, p.max_lines));
  }

  function submit(): void {
    ctx.trigger("submit");
  }

  text.addEventListener("input", () => {
    fit();
    userValue({ ...value, text: text.value }, ["input", "change"]);
  });
  text.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || e.isComposing) return;
    if (p.lines > 1 ? e.shiftKey : !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  });
  text.addEventListener("focus", () => ctx.trigger("focus"));
  text.addEventListener("blur", () => ctx.trigger("blur"));
  text.addEventListener("select", () => {
    const start = text.selectionStart ?? 0;
    const end = text.selectionEnd ?? 0;
    ctx.trigger("select", { index: [start, end], value: text.value.slice(start, end), selected: true });
  });
  attach.addEventListener("click", () => files.input.click());
  files.input.addEventListener("change", async () => {
    const stored = await files.upload([...(files.input.files ?? [])], "multiple");
    if (!Array.isArray(stored)) return;
    const kept = p.file_count === "single" ? stored.slice(-1) : [...value.files, ...stored];
    userValue({ ...value, files: kept }, ["upload", "change"]);
  });
  send.addEventListener("click", submit);

  function apply(changes: Partial<MultimodalProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("value" in changes) {
      value = p.value ?? { text: "", files: [] };
      const follow = p.autoscroll !== false && text.scrollTop + text.clientHeight >= text.scrollHeight - 4;
      text.value = value.text;
      if (follow) text.scrollTop = text.scrollHeight;
      showFiles();
    }
    if ("file_types" in changes || "file_count" in changes) api.applyInput(files.input, p.file_count, p.file_types);
    text.placeholder = p.placeholder ?? "";
    text.dir = p.rtl ? "rtl" : "";
    text.style.textAlign = p.text_align ?? "";
    const editable = p.interactive !== false;
    text.readOnly = !editable;
    attach.hidden = !editable;
    send.hidden = !p.submit_btn || !editable;
    fit();
  }

  apply(p);
  if (p.autofocus) queueMicrotask(() => text.focus());
  return { el, update: (props) => apply(props as Partial<MultimodalProps>) };
}
