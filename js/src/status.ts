import { h } from "./dom";
import type { ShowProgress } from "./protocol";

/**
 * The loading state of output blocks. A block may be the output of several running events: it
 * stays pending until the last of them completes.
 */
export class PendingOutputs {
  private readonly events = new Map<HTMLElement, Set<number>>();

  start(el: HTMLElement, event: number, mode: ShowProgress): void {
    const running = this.events.get(el) ?? new Set<number>();
    running.add(event);
    this.events.set(el, running);
    el.classList.add("nbb-pending");
    if (mode === "hidden" || el.querySelector(":scope > .nbb-progress")) return;
    const spinner = h("span", { class: "nbb-spinner" });
    el.append(h("div", { class: `nbb-progress nbb-progress-${mode}`, role: "status", "aria-label": "Loading" }, spinner));
  }

  finish(el: HTMLElement, event: number): void {
    const running = this.events.get(el);
    running?.delete(event);
    if (running && running.size > 0) return;
    this.events.delete(el);
    el.classList.remove("nbb-pending");
    el.querySelector(":scope > .nbb-progress")?.remove();
  }
}
