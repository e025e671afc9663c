import { ownProps, type Block, type BlockContext } from "../block";
import { h } from "../dom";
import type { Props } from "../protocol";

interface TabProps {
  label: string | null;
  id: string | number | null;
  visible: boolean;
  interactive: boolean | null;
}

/** A tab: its panel is the block's element; its button goes into the parent Tabs' tablist. */
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

export function tab(initial: Props, ctx: BlockContext, children: Block[]): TabBlock {
  const p = ownProps<TabProps>(initial);
  const button = h("button", { type: "button", role: "tab", class: "nbb-tab-button", id: ctx.uid("tab") });
  const el = h("div", { role: "tabpanel", class: "nbb-layout nbb-layout-column", "aria-labelledby": button.id });
  el.id = ctx.uid("panel");
  button.setAttribute("aria-controls", el.id);
  el.append(...children.map((c) => c.el));

  const block: TabBlock = {
    el,
    button,
    tabId: () => p.id,
    label: () => p.label ?? "",
    selectable: () => p.visible !== false && p.interactive !== false,
    picked: (data) => ctx.trigger("select", data),
    onChange: () => undefined,
    update(changes) {
      Object.assign(p, changes);
      button.textContent = p.label ?? "";
      button.hidden = p.visible === false;
      button.disabled = p.interactive === false;
      block.onChange();
    },
  };
  block.update(initial);
  return block;
}
