import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { applyHeights, h, type Heights } from "../dom";
import type { Props } from "../protocol";

interface TabProps extends Pick<Heights, "height" | "max_height"> {
  label: string | null;
  id: string | number | null;
  /** "hidden" (Gradio 6) hides the tab as false does. */
  visible: boolean | "hidden";
  interactive: boolean | null;
}

/**
 * A tab: its panel (inside the block's element, which keeps the user's elem_id) is shown by the
 * parent Tabs; its button goes into the Tabs' tablist.
 */
export interface TabBlock extends Block {
  readonly button: HTMLButtonElement;
  /** The user-given id (for Tabs' `selected`), or null. */
  readonly tabId: () => string | number | null;
  readonly label: () => string;
  /** Whether the user can pick this tab. */
  readonly selectable: () => boolean;
  /** Tells Python the user picked this tab (Tabs calls it). */
  readonly picked: (data: unknown) => void;
  /** Set by Tabs: called after an update that may change which tab can be shown. */
  onChange: () => void;
}

export function isTab(block: Block): block is TabBlock {
  return "button" in block;
}

function drawTab(initial: Props, ctx: BlockContext, children: Block[]): TabBlock {
  const p = ownProps<TabProps>(initial);
  const button = h("button", { type: "button", role: "tab", class: "nbb-tab-button", id: ctx.uid("tab") });
  const panel = h("div", { role: "tabpanel", id: ctx.uid("panel"), class: "nbb-layout nbb-layout-column", "aria-labelledby": button.id });
  button.setAttribute("aria-controls", panel.id);
  panel.append(...children.map((c) => c.el));
  const el = h("div", {}, panel);

  const shown = () => p.visible !== false && p.visible !== "hidden";
  const block: TabBlock = {
    el,
    button,
    tabId: () => p.id,
    label: () => p.label ?? "",
    selectable: () => shown() && p.interactive !== false,
    picked: (data) => ctx.trigger("select", data),
    onChange: () => undefined,
    update(changes) {
      Object.assign(p, changes);
      button.textContent = p.label ?? "";
      button.hidden = !shown();
      button.disabled = p.interactive === false;
      applyHeights(panel, p);
      block.onChange();
    },
  };
  block.update(initial);
  return block;
}

export const tab: ComponentSpec = {
  draw: drawTab,
  props: propsOf<TabProps>({ label: true, id: true, visible: true, interactive: true, height: true, max_height: true }),
  events: ["select"],
};
