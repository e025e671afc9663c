import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { readChoices, sameValue, type Choice } from "../choices";
import { h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

interface DropdownProps extends FieldProps {
  value: unknown;
  choices: unknown;
  multiselect: boolean | null;
  allow_custom_value: boolean;
  filterable: boolean;
  max_choices: number | null;
  interactive: boolean | null;
}

/**
 * An ARIA combobox: a text input that filters a listbox of choices. Single select shows the
 * chosen display text in the input; multiselect shows chosen values as removable tokens.
 */
function drawDropdown(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<DropdownProps>(initial);
  const listId = ctx.uid("listbox");
  const input = h("input", {
    class: "nbb-combo-input",
    id: ctx.uid("input"),
    role: "combobox",
    autocomplete: "off",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
  });
  const head = fieldHeader(h("label", { for: input.id }), ctx.uid("info"));
  input.setAttribute("aria-describedby", head.info.id);
  const tokens = h("span", { class: "nbb-tokens" });
  const list = h("ul", { role: "listbox", id: listId, class: "nbb-listbox", hidden: "" });
  const el = h("div", {}, head.title, head.info, h("div", { class: "nbb-combo" }, tokens, input, list));

  let choices: Choice[] = [];
  let shown: number[] = []; // indexes into choices, in list order
  let active = -1; // position in `shown`
  let filtering = false; // true once the user typed since the list opened

  const multi = (): boolean => p.multiselect === true;
  const selected = (): unknown[] => (multi() ? (Array.isArray(p.value) ? p.value : []) : []);
  const isSelected = (v: unknown): boolean => (multi() ? selected().some((s) => sameValue(s, v)) : sameValue(p.value, v));
  const full = (): boolean => p.max_choices != null && selected().length >= p.max_choices;
  const displayOf = (v: unknown): string => choices.find((c) => sameValue(c[1], v))?.[0] ?? String(v ?? "");

  /** On mousedown inside the widget: the input keeps focus, so its blur means "left the field". */
  const keepFocus = (e: Event): void => e.preventDefault();

  // --- the list ---

  function open(): void {
    if (p.interactive === false) return;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    renderList();
  }

  function close(): void {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
    filtering = false;
  }

  function renderList(): void {
    const needle = filtering && p.filterable !== false ? input.value.toLowerCase() : "";
    shown = choices.flatMap((c, i) => (c[0].toLowerCase().includes(needle) ? [i] : []));
    active = Math.min(active, shown.length - 1);
    list.replaceChildren(
      ...shown.map((ci, pos) => {
        const [display, value] = choices[ci];
        const option = h("li", { role: "option", id: `${listId}-${ci}`, "aria-selected": String(isSelected(value)) }, display);
        option.classList.toggle("nbb-active", pos === active);
        if (multi() && full() && !isSelected(value)) option.setAttribute("aria-disabled", "true");
        option.addEventListener("mousedown", keepFocus);
        option.addEventListener("click", () => choose(ci));
        return option;
      }),
    );
    if (shown.length === 0) list.append(h("li", { role: "option", "aria-disabled": "true", class: "nbb-empty" }, "No matches"));
    if (active >= 0) input.setAttribute("aria-activedescendant", `${listId}-${shown[active]}`);
    else input.removeAttribute("aria-activedescendant");
    list.querySelector(".nbb-active")?.scrollIntoView?.({ block: "nearest" });
  }

  function move(delta: number): void {
    if (list.hidden) open();
    if (shown.length === 0) return;
    active = active < 0 ? (delta > 0 ? 0 : shown.length - 1) : (active + delta + shown.length) % shown.length;
    renderList();
  }

  // --- changing the value (user only) ---

  function setValue(value: unknown): void {
    p.value = value;
    showValue();
    ctx.sendValue(value);
    ctx.trigger("input");
    ctx.trigger("change");
  }

  function choose(index: number): void {
    const value = choices[index][1];
    if (!multi()) {
      if (!sameValue(p.value, value)) setValue(value);
      else showValue();
      ctx.trigger("select", { index, value, selected: true });
      close();
      return;
    }
    const current = selected();
    if (isSelected(value)) {
      setValue(current.filter((v) => !sameValue(v, value)));
      ctx.trigger("select", { index, value, selected: false });
    } else if (!full()) {
      setValue([...current, value]);
      ctx.trigger("select", { index, value, selected: true });
    }
    input.value = "";
    filtering = false;
    renderList();
  }

  /** Takes the typed text as the value when it names a choice or custom values are allowed. */
  function acceptTyped(): void {
    const text = input.value;
    const match = choices.findIndex((c) => c[0] === text);
    if (match >= 0) choose(match);
    else if (text !== "" && p.allow_custom_value) {
      if (multi()) {
        if (!isSelected(text) && !full()) setValue([...selected(), text]);
        input.value = "";
      } else if (!sameValue(p.value, text)) setValue(text);
    }
  }

  function remove(value: unknown): void {
    setValue(selected().filter((v) => !sameValue(v, value)));
    const index = choices.findIndex((c) => sameValue(c[1], value));
    if (index >= 0) ctx.trigger("select", { index, value, selected: false });
  }

  // --- showing the value ---

  function showValue(): void {
    if (multi()) {
      tokens.replaceChildren(
        ...selected().map((v) => {
          const text = displayOf(v);
          const x = h("button", { type: "button", class: "nbb-token-remove", "aria-label": `Remove ${text}` }, "×");
          x.disabled = p.interactive === false;
          x.addEventListener("mousedown", keepFocus);
          x.addEventListener("click", () => remove(v));
          return h("span", { class: "nbb-token" }, h("span", {}, text), x);
        }),
      );
      input.value = "";
    } else {
      tokens.replaceChildren();
      input.value = p.value === null || p.value === undefined ? "" : displayOf(p.value);
    }
    if (!list.hidden) renderList();
  }

  // --- events ---

  input.addEventListener("focus", () => {
    open();
    ctx.trigger("focus");
  });
  input.addEventListener("click", () => (list.hidden ? open() : undefined));
  input.addEventListener("input", () => {
    filtering = true;
    active = -1;
    if (list.hidden) open();
    else renderList();
  });
  input.addEventListener("keydown", (e) => {
    if (e.isComposing) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (!list.hidden && active >= 0) choose(shown[active]);
      else if (filtering) acceptTyped();
      if (!multi()) {
        close();
        showValue();
      }
    } else if (e.key === "Escape" && !list.hidden) {
      e.preventDefault();
      close();
      showValue();
    } else if (e.key === "Backspace" && multi() && input.value === "" && selected().length > 0) {
      remove(selected()[selected().length - 1]);
    }
  });
  input.addEventListener("keyup", (e) => ctx.trigger("key_up", { key: e.key, input_value: input.value }));
  input.addEventListener("blur", () => {
    if (filtering) acceptTyped();
    close();
    showValue();
    ctx.trigger("blur");
  });

  function apply(changes: Partial<DropdownProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("choices" in changes) choices = readChoices(p.choices);
    input.disabled = p.interactive === false;
    el.classList.toggle("nbb-multiselect", multi());
    if (p.interactive === false) close();
    showValue();
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<DropdownProps>) };
}

export const dropdown: ComponentSpec = {
  draw: drawDropdown,
  props: propsOf<DropdownProps>({
    value: true,
    choices: true,
    multiselect: true,
    allow_custom_value: true,
    filterable: true,
    max_choices: true,
    label: true,
    show_label: true,
    info: true,
    interactive: true,
  }),
  events: ["input", "change", "select", "focus", "blur", "key_up"],
};
