import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { readChoices, sameValue, type Choice } from "../choices";
import { attr, h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface ChoiceGroupProps extends FieldProps {
  value: unknown;
  choices: unknown;
  interactive: boolean | null;
  /** Radio (Gradio 5): the choices right to left. */
  rtl?: boolean;
  /** CheckboxGroup (Gradio 5): a "Select All" box before the choices. */
  show_select_all?: boolean;
}

/**
 * A fieldset of checkboxes (CheckboxGroup: value is the list of checked choice values) or of
 * radios sharing one name (Radio: value is one choice value or null).
 */
function choiceGroup(kind: "checkbox" | "radio", initial: Props, ctx: BlockContext): Block {
  const p = ownProps<ChoiceGroupProps>(initial);
  const head = fieldHeader(h("legend"), ctx.uid("info"));
  const options = h("div", { class: "nbb-options" });
  const el = h("fieldset", { "aria-describedby": head.info.id }, head.title, head.info, options);
  const name = ctx.uid("name");
  let choices: Choice[] = [];
  let inputs: HTMLInputElement[] = [];
  const all = h("input", { type: "checkbox", id: ctx.uid("all") });
  const allLabel = h("label", { class: "nbb-check", for: all.id }, all, h("span", {}, "Select All"));

  const isChosen = (value: unknown): boolean =>
    kind === "radio" ? sameValue(p.value, value) : Array.isArray(p.value) && p.value.some((v) => sameValue(v, value));

  function send(): void {
    ctx.sendValue(p.value);
    ctx.trigger("input");
    ctx.trigger("change");
  }

  function onChange(index: number): void {
    const chosen = inputs[index].checked;
    p.value = kind === "radio" ? choices[index][1] : choices.filter((_, i) => inputs[i].checked).map((c) => c[1]);
    send();
    ctx.trigger("select", { index, value: choices[index][1], selected: chosen });
    showAll();
  }

  all.addEventListener("change", () => {
    p.value = all.checked ? choices.map((c) => c[1]) : [];
    apply({});
    send();
  });

  /** "Select All" checked when every choice is, half-checked when some are. */
  function showAll(): void {
    const checked = inputs.filter((input) => input.checked).length;
    all.checked = checked > 0 && checked === inputs.length;
    all.indeterminate = checked > 0 && checked < inputs.length;
  }

  function buildOptions(): void {
    choices = readChoices(p.choices);
    inputs = choices.map(([display], i) => {
      const input = h("input", { type: kind, name, id: ctx.uid(`choice-${i}`) });
      input.addEventListener("change", () => onChange(i));
      options.append(h("label", { class: "nbb-check", for: input.id }, input, h("span", {}, display)));
      return input;
    });
  }

  function apply(changes: Partial<ChoiceGroupProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("choices" in changes) {
      options.replaceChildren();
      buildOptions();
    }
    attr(options, "dir", p.rtl ? "rtl" : null);
    inputs.forEach((input, i) => {
      input.checked = isChosen(choices[i][1]);
      input.disabled = p.interactive === false;
    });
    // in the page only when shown: a hidden box would still answer a search by its label
    if (kind === "radio" || !p.show_select_all) allLabel.remove();
    else if (!allLabel.parentElement) el.insertBefore(allLabel, options);
    all.disabled = p.interactive === false;
    showAll();
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<ChoiceGroupProps>) };
}

const props = propsOf<Omit<ChoiceGroupProps, "rtl" | "show_select_all">>({ value: true, choices: true, label: true, show_label: true, info: true, interactive: true });
const events = ["input", "change", "select"];

export const checkboxgroup: ComponentSpec = {
  draw: (initial: Props, ctx: BlockContext): Block => choiceGroup("checkbox", initial, ctx),
  props: [...props, "show_select_all"],
  events,
};
export const radio: ComponentSpec = {
  draw: (initial: Props, ctx: BlockContext): Block => choiceGroup("radio", initial, ctx),
  props: [...props, "rtl"],
  events,
};
