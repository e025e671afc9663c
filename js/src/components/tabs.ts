import type { Block, BlockContext, ComponentSpec } from "../block";
import { h } from "../dom";
import type { Props } from "../protocol";
import { isTab } from "./tab";

/**
 * A tablist over its Tab children (automatic activation: arrows, Home and End move and select).
 * `selected` from Python is a tab's user-given id, else its index; null means the first tab.
 */
function drawTabs(initial: Props, ctx: BlockContext, children: Block[]): Block {
  const tabList = children.filter(isTab);
  const list = h("div", { role: "tablist", class: "nbb-tablist" }, ...tabList.map((t) => t.button));
  const el = h("div", {}, list, ...children.map((c) => c.el));
  let current = -1;

  function show(index: number): void {
    current = index;
    tabList.forEach((t, i) => {
      const on = i === index;
      t.button.setAttribute("aria-selected", String(on));
      t.button.tabIndex = on ? 0 : -1;
      t.el.classList.toggle("nbb-tab-inactive", !on);
    });
  }

  /** The index Python's `selected` names; falls back to the first tab the user can pick. */
  function resolve(selected: unknown): number {
    let index = tabList.findIndex((t) => t.tabId() !== null && t.tabId() === selected);
    if (index < 0 && typeof selected === "number" && tabList[selected]) index = selected;
    if (index >= 0 && tabList[index].selectable()) return index;
    return tabList.findIndex((t) => t.selectable());
  }

  function userSelect(index: number): void {
    tabList[index].button.focus();
    if (index === current) return;
    show(index);
    const data = { index, value: tabList[index].label(), selected: true };
    tabList[index].picked(data);
    ctx.trigger("select", data);
    ctx.trigger("change", data);
  }

  tabList.forEach((t, i) => {
    t.button.addEventListener("click", () => userSelect(i));
    // A tab that became hidden or disabled may be the shown one: move to one the user can pick.
    t.onChange = () => {
      if (current < 0 || !tabList[current].selectable()) show(resolve(null));
    };
  });

  list.addEventListener("keydown", (e) => {
    const usable = tabList.flatMap((t, i) => (t.selectable() ? [i] : []));
    const pos = usable.indexOf(current);
    const next = { ArrowRight: pos + 1, ArrowLeft: pos - 1, Home: 0, End: usable.length - 1 }[e.key];
    if (next === undefined || usable.length === 0) return;
    e.preventDefault();
    userSelect(usable[(next + usable.length) % usable.length]);
  });

  const apply = (props: Props): void => {
    if ("selected" in props) show(resolve(props.selected));
  };
  apply(initial);
  if (!("selected" in initial)) show(resolve(null));
  return { el, update: apply };
}

export const tabs: ComponentSpec = { draw: drawTabs, props: ["selected"], events: ["select", "change"] };

/** Gradio 5's Walkthrough: Tabs drawn as a stepper (its Steps numbered in order, layout.css). */
export const walkthrough: ComponentSpec = {
  ...tabs,
  draw(initial, ctx, children) {
    const block = drawTabs(initial, ctx, children);
    block.el.classList.add("nbb-walkthrough");
    return block;
  },
};
