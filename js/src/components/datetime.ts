import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface DateTimeProps extends FieldProps {
  /** "YYYY-MM-DD HH:MM:SS" ("YYYY-MM-DD" without time), or Gradio's "now" / "now - 2h". */
  value: string | null;
  include_time: boolean;
  interactive: boolean | null;
}

/** What Python can read: the date format, or "now" less a count of days, hours, minutes or seconds. */
function readable(text: string, includeTime: boolean): boolean {
  const date = includeTime ? /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/ : /^\d{4}-\d{2}-\d{2}$/;
  return text === "" || date.test(text) || /^\s*now\s*(-\s*\d+\s*[dhms])?\s*$/.test(text);
}

/** A text field for the date with a calendar button beside it (the browser's own picker). The
 * value is sent when it is committed, by Enter (which also fires `submit`), leaving the field or
 * picking; text Python could not read is marked invalid and not sent. */
function drawDateTime(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<DateTimeProps>(initial);
  const input = h("input", { type: "text", class: "nbb-input", id: ctx.uid("input"), spellcheck: "false" });
  const picker = h("input", { class: "nbb-datetime-picker", "aria-label": "Pick a date", tabindex: "-1" });
  const head = fieldHeader(h("label", { for: input.id }), ctx.uid("info"));
  input.setAttribute("aria-describedby", head.info.id);
  const el = h("div", {}, head.title, head.info, h("div", { class: "nbb-datetime-row" }, input, picker));
  let committed = p.value ?? "";

  function commit(): boolean {
    const text = input.value.trim();
    const valid = readable(text, p.include_time);
    input.setAttribute("aria-invalid", String(!valid));
    if (!valid || text === committed) return valid;
    committed = text;
    p.value = text === "" ? null : text;
    ctx.sendValue(p.value);
    ctx.trigger("change");
    return true;
  }
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.isComposing) {
      e.preventDefault();
      if (commit()) ctx.trigger("submit");
    }
  });
  input.addEventListener("blur", () => commit());
  picker.addEventListener("change", () => {
    // datetime-local gives "YYYY-MM-DDTHH:MM" or "...:SS": Python's format has a space and seconds
    const [day, time = ""] = picker.value.split("T");
    input.value = p.include_time && day ? `${day} ${`${time}:00:00`.slice(0, 8)}` : (day ?? "");
    commit();
  });

  function apply(changes: Partial<DateTimeProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("value" in changes) {
      committed = p.value ?? "";
      input.value = committed;
      input.removeAttribute("aria-invalid");
    }
    picker.type = p.include_time ? "datetime-local" : "date";
    picker.step = "1";
    const disabled = p.interactive === false;
    input.readOnly = disabled;
    picker.disabled = disabled;
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<DateTimeProps>) };
}

export const datetime: ComponentSpec = {
  draw: drawDateTime,
  props: propsOf<DateTimeProps>({ value: true, include_time: true, label: true, show_label: true, info: true, interactive: true }),
  events: ["change", "submit"],
};
