import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { copyButton } from "../copy";
import { attr, h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface TextboxProps extends FieldProps {
  value: string | null;
  lines: number;
  max_lines: number | null;
  placeholder: string | null;
  type: "text" | "password" | "email";
  max_length: number | null;
  autofocus: boolean;
  /** Follow new text from Python to the end, unless the user scrolled up to read. */
  autoscroll: boolean;
  text_align: "left" | "right" | null;
  rtl: boolean;
  show_copy_button: boolean;
  /** Gradio 5's button beside the field that fires `submit`: true (an arrow) or its label. */
  submit_btn: boolean | string;
  /** Gradio 6's InputHTMLAttributes (spellcheck, autocomplete, lang...), set on the field. */
  html_attributes: Record<string, string> | null;
  interactive: boolean | null;
}

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** An `<input>` when the box can only ever hold one line (lines and max_lines 1, or a password or
 * email), else a `<textarea>` that grows from `lines` to `max_lines` rows, as Gradio's: the default
 * box (lines 1, max_lines 20) keeps the newlines of a value. */
function drawTextbox(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<TextboxProps>(initial);
  const inputId = ctx.uid("input");
  const head = fieldHeader(h("label", { for: inputId }), ctx.uid("info"));
  const copy = copyButton(() => {
    ctx.trigger("copy", { value: control.value });
    return control.value;
  });
  const submit = h("button", { type: "button", class: "nbb-btn nbb-btn-secondary nbb-btn-sm nbb-submit" });
  submit.addEventListener("click", () => ctx.trigger("submit"));
  const el = h("div", {}, head.title, head.info);
  let control = build();
  el.append(control, copy);

  function build(): TextControl {
    const c: TextControl = oneLine() ? h("input", { class: "nbb-input" }) : h("textarea", { class: "nbb-input" });
    const events: HTMLElement = c; // one element type, so listeners get typed events
    c.id = inputId;
    c.setAttribute("aria-describedby", head.info.id);
    c.addEventListener("input", () => {
      p.value = c.value;
      fit();
      ctx.sendValue(c.value);
      ctx.trigger("input");
      ctx.trigger("change");
    });
    events.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" || e.isComposing) return;
      // Like Gradio: Enter submits when `lines` is 1 (Shift+Enter is a newline in a textarea); with
      // more lines, Shift+Enter submits and plain Enter is a newline.
      if (p.lines > 1 ? e.shiftKey && ctx.listens("submit") : !e.shiftKey) {
        e.preventDefault();
        ctx.trigger("submit");
      }
    });
    c.addEventListener("focus", () => ctx.trigger("focus"));
    c.addEventListener("blur", () => ctx.trigger("blur"));
    c.addEventListener("select", () => {
      const start = c.selectionStart ?? 0;
      const end = c.selectionEnd ?? 0;
      ctx.trigger("select", { index: [start, end], value: c.value.slice(start, end), selected: true });
    });
    return c;
  }

  function oneLine(): boolean {
    return p.type !== "text" || (p.lines === 1 && (p.max_lines ?? 1) <= 1);
  }

  /** Grows a textarea with its content, between `lines` and `max_lines` rows. */
  function fit(): void {
    if (!(control instanceof HTMLTextAreaElement)) return;
    const wanted = control.value.split("\n").length;
    const max = Math.max(p.lines, p.max_lines ?? p.lines);
    control.rows = Math.min(Math.max(wanted, p.lines), max);
  }

  function apply(changes: Partial<TextboxProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if (oneLine() !== control instanceof HTMLInputElement) {
      const next = build();
      control.replaceWith(next);
      control = next;
    }
    const c = control;
    if (c instanceof HTMLInputElement) c.type = p.type === "password" || p.type === "email" ? p.type : "text";
    if (p.autoscroll !== false && "value" in changes) follow(c);
    c.value = p.value ?? "";
    attr(c, "placeholder", p.placeholder);
    attr(c, "maxlength", p.max_length);
    attr(c, "dir", p.rtl ? "rtl" : null);
    for (const [name, value] of Object.entries(p.html_attributes ?? {})) c.setAttribute(name, value);
    c.style.textAlign = p.text_align ?? "";
    // Read-only rather than disabled: an output's text can still be selected and copied.
    c.readOnly = p.interactive === false;
    copy.hidden = !p.show_copy_button;
    // in the page only when asked for: a hidden "Submit" would still answer a search by label
    if (!p.submit_btn) submit.remove();
    else if (!submit.parentElement) control.after(submit);
    submit.textContent = typeof p.submit_btn === "string" ? p.submit_btn : "➤";
    submit.setAttribute("aria-label", typeof p.submit_btn === "string" ? p.submit_btn : "Submit");
    fit();
  }

  /** The text's height when last followed: a box scrolled up from it is being read. */
  let followedHeight = 0;

  /** Follows new text to the end, unless the user scrolled up to read. Measured at the next
   * frame, when the browser lays the page out anyway: measuring now would force a layout of the
   * whole page (in JupyterLab, milliseconds per update). */
  function follow(c: TextControl): void {
    requestAnimationFrame(() => {
      if (c.scrollTop + c.clientHeight >= followedHeight - 4) c.scrollTop = c.scrollHeight;
      followedHeight = c.scrollHeight;
    });
  }

  apply(p);
  if (p.autofocus) queueMicrotask(() => control.focus());
  return { el, update: (props) => apply(props as Partial<TextboxProps>) };
}

export const textbox: ComponentSpec = {
  draw: drawTextbox,
  props: propsOf<TextboxProps>({
    value: true,
    lines: true,
    max_lines: true,
    placeholder: true,
    type: true,
    max_length: true,
    autofocus: true,
    autoscroll: true,
    text_align: true,
    rtl: true,
    show_copy_button: true,
    submit_btn: true,
    html_attributes: true,
    label: true,
    show_label: true,
    info: true,
    interactive: true,
  }),
  events: ["input", "change", "submit", "focus", "blur", "select", "copy"],
};
