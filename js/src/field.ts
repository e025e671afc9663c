import { h } from "./dom";

/** The label props most components share. */
export interface FieldProps {
  label: string | null;
  show_label: boolean;
  info: string | null;
}

/** A component's title (a `<label for>`, a `<legend>`...) and the info line under it. */
export interface FieldHeader {
  readonly title: HTMLElement;
  readonly info: HTMLElement;
  apply(props: Partial<FieldProps>): void;
}

/**
 * Wraps `title` as the field's label. With show_label false the title is hidden only visually:
 * screen readers and `<label for>` still name the control.
 */
export function fieldHeader(title: HTMLElement, infoId: string): FieldHeader {
  title.classList.add("nbb-label");
  const info = h("div", { class: "nbb-info", id: infoId });
  return {
    title,
    info,
    apply(props) {
      if ("label" in props) title.textContent = props.label ?? "";
      if ("show_label" in props) title.classList.toggle("nbb-sr-only", props.show_label === false);
      if ("info" in props) {
        info.textContent = props.info ?? "";
        info.hidden = !props.info;
      }
    },
  };
}
