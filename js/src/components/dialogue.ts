import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface Line {
  speaker: string;
  text: string;
}

interface DialogueProps extends FieldProps {
  /** The lines, or one text when there are no `speakers`. */
  value: Line[] | string | null;
  speakers: string[] | null;
  color_map: Record<string, string> | null;
  placeholder: string | null;
  autofocus: boolean;
  interactive: boolean | null;
}

/** The lines as one text, as Python's default formatter writes them. */
function asText(value: Line[] | string | null): string {
  if (typeof value === "string") return value;
  return (value ?? []).map((line) => `[${line.speaker}] ${line.text}`).join("\n");
}

/**
 * gr.Dialogue: with `speakers`, one row per line (its speaker chosen in a menu, its text typed),
 * rows added and removed with buttons; read-only, a transcript whose speakers wear `color_map`'s
 * colours. Without speakers, one text field. Enter (Shift+Enter in the text field) fires `submit`.
 */
function drawDialogue(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<DialogueProps>(initial);
  const head = fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const body = h("div", { class: "nbb-dialogue-lines", role: "group", "aria-labelledby": head.title.id });
  const el = h("div", { class: "nbb-dialogue" }, head.title, head.info, body);
  let lines: Line[] = [];

  const editable = (): boolean => p.interactive !== false;
  const speakers = (): string[] => p.speakers ?? [];

  function userValue(value: Line[] | string): void {
    p.value = value;
    ctx.sendValue(value);
    ctx.trigger("input");
    ctx.trigger("change");
  }

  function submitOnEnter(field: HTMLElement, multiline: boolean): void {
    field.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" || e.isComposing || (multiline && !e.shiftKey)) return;
      e.preventDefault();
      ctx.trigger("submit");
    });
  }

  function textField(): HTMLElement {
    const area = h("textarea", { class: "nbb-input", rows: "4", "aria-labelledby": head.title.id });
    area.value = asText(p.value);
    area.placeholder = p.placeholder ?? "";
    area.readOnly = !editable();
    area.addEventListener("input", () => userValue(area.value));
    submitOnEnter(area, true);
    return area;
  }

  function editedRow(line: Line, index: number): HTMLElement {
    const menu = h("select", { class: "nbb-input nbb-dialogue-speaker", "aria-label": `Speaker of line ${index + 1}` });
    for (const name of new Set([...speakers(), line.speaker])) menu.append(h("option", { value: name }, name));
    menu.value = line.speaker;
    const text = h("input", { type: "text", class: "nbb-input", "aria-label": `Line ${index + 1}` });
    text.value = line.text;
    text.placeholder = p.placeholder ?? "";
    const remove = h("button", { type: "button", class: "nbb-icon-button", "aria-label": `Remove line ${index + 1}` }, "×");
    menu.addEventListener("change", () => {
      line.speaker = menu.value;
      userValue(lines.map((l) => ({ ...l })));
    });
    text.addEventListener("input", () => {
      line.text = text.value;
      userValue(lines.map((l) => ({ ...l })));
    });
    remove.addEventListener("click", () => {
      lines.splice(index, 1);
      userValue(lines.map((l) => ({ ...l })));
      draw();
    });
    submitOnEnter(text, false);
    return h("div", { class: "nbb-dialogue-line" }, menu, text, remove);
  }

  function shownRow(line: Line): HTMLElement {
    const tag = h("span", { class: "nbb-dialogue-tag" }, line.speaker);
    const colour = p.color_map?.[line.speaker];
    if (colour) tag.style.background = colour;
    return h("div", { class: "nbb-dialogue-line" }, tag, h("span", {}, line.text));
  }

  function draw(): void {
    if (speakers().length === 0) {
      body.replaceChildren(textField());
      return;
    }
    lines = typeof p.value === "string" || p.value === null ? [] : p.value.map((line) => ({ ...line }));
    if (!editable()) {
      body.replaceChildren(...lines.map(shownRow));
      return;
    }
    const add = h("button", { type: "button", class: "nbb-icon-button" }, "Add line");
    add.addEventListener("click", () => {
      const last = lines[lines.length - 1]?.speaker;
      const next = speakers()[(speakers().indexOf(last ?? "") + 1) % speakers().length];
      lines.push({ speaker: next, text: "" });
      userValue(lines.map((l) => ({ ...l })));
      draw();
      body.querySelectorAll<HTMLInputElement>("input[type=text]")[lines.length - 1]?.focus();
    });
    body.replaceChildren(...lines.map(editedRow), add);
  }

  function apply(changes: Partial<DialogueProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    draw();
  }

  apply(p);
  if (p.autofocus) queueMicrotask(() => body.querySelector<HTMLElement>("input, textarea")?.focus());
  return { el, update: (props) => apply(props as Partial<DialogueProps>) };
}

export const dialogue: ComponentSpec = {
  draw: drawDialogue,
  props: propsOf<DialogueProps>({
    value: true, label: true, show_label: true, info: true, speakers: true, color_map: true, placeholder: true,
    autofocus: true, interactive: true,
  }),
  events: ["input", "submit"],
};
