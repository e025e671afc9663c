import { ownProps, propsOf, type Block, type ComponentSpec } from "../block";
import { h } from "../dom";
import type { Props } from "../protocol";

interface DraggableProps {
  orientation: "row" | "column";
}

/** Alt+Arrow keys and the step each moves a focused child by, whatever the orientation. */
const STEPS: Record<string, -1 | 1> = { ArrowUp: -1, ArrowLeft: -1, ArrowDown: 1, ArrowRight: 1 };

/** Where `key` moves the child at `index` among `count`, or null when it stays (an edge). */
function keyboardMove(index: number, count: number, key: string): number | null {
  const step = STEPS[key];
  const to = index + (step ?? 0);
  return step === undefined || to < 0 || to >= count ? null : to;
}

/**
 * Gradio 6's Draggable: a row or column whose children the user reorders, by HTML5 drag and drop
 * (the dragged child moves live to the side of the child it is over) or by Alt+Arrow on a focused
 * child. The order lives in the page only: Gradio tells Python nothing either.
 */
function drawDraggable(initial: Props, _ctx: unknown, children: Block[]): Block {
  const p = ownProps<DraggableProps>(initial);
  const el = h("div", { class: "nbb-layout nbb-draggable" });
  for (const child of children) {
    child.el.draggable = true;
    child.el.tabIndex = 0;
    child.el.classList.add("nbb-draggable-item");
    child.el.setAttribute("aria-roledescription", "draggable item; Alt+Arrow moves it");
    el.append(child.el);
  }
  let dragged: HTMLElement | null = null;
  const itemOf = (target: EventTarget | null): HTMLElement | null => {
    let node = target instanceof Element ? target : null;
    while (node && node.parentElement !== el) node = node.parentElement;
    return node instanceof HTMLElement ? node : null;
  };

  el.addEventListener("dragstart", (e) => {
    dragged = itemOf(e.target);
    if (!dragged || !e.dataTransfer) return;
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", ""); // Firefox starts no drag without data
    dragged.classList.add("nbb-dragging");
  });
  el.addEventListener("dragover", (e) => {
    const over = itemOf(e.target);
    if (!dragged) return;
    e.preventDefault(); // allows the drop
    if (!over || over === dragged) return;
    const box = over.getBoundingClientRect();
    const after = p.orientation === "row" ? e.clientX > box.left + box.width / 2 : e.clientY > box.top + box.height / 2;
    el.insertBefore(dragged, after ? over.nextSibling : over);
  });
  el.addEventListener("drop", (e) => e.preventDefault());
  el.addEventListener("dragend", () => {
    dragged?.classList.remove("nbb-dragging");
    dragged = null;
  });
  el.addEventListener("keydown", (e) => {
    // the child itself, not a field inside it: there Alt+Arrow is the field's (a word left on macOS)
    const item = itemOf(e.target);
    if (!e.altKey || !item || item !== e.target) return;
    const items = [...el.children];
    const to = keyboardMove(items.indexOf(item), items.length, e.key);
    if (to === null) return;
    e.preventDefault();
    el.insertBefore(item, to > items.indexOf(item) ? items[to].nextSibling : items[to]);
    item.focus(); // moving a node takes its focus away
  });

  const apply = (props: Partial<DraggableProps>): void => {
    Object.assign(p, props);
    el.classList.toggle("nbb-layout-row", p.orientation === "row");
    el.classList.toggle("nbb-layout-column", p.orientation !== "row");
  };
  apply(p);
  return { el, update: (props) => apply(props as Partial<DraggableProps>) };
}

export const draggable: ComponentSpec = { draw: drawDraggable, props: propsOf<DraggableProps>({ orientation: true }), events: [] };
