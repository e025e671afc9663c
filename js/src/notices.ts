import { h } from "./dom";

/** An error shown inside an output block until its next update or pending status. */
export function showBlockError(el: HTMLElement, title: string, message: string): void {
  clearBlockError(el);
  el.append(h("div", { class: "nbb-error", role: "alert" }, h("strong", {}, title), h("span", {}, message)));
}

export function clearBlockError(el: HTMLElement): void {
  el.querySelector(":scope > .nbb-error")?.remove();
}

export type ToastLevel = "error" | "warning" | "info" | "success";

/** Dismissible toasts in the app's corner; each closes itself after its duration. Errors and
 * warnings interrupt a screen reader (`alert`); information waits its turn (`status`). */
export class Toasts {
  readonly el = h("div", { class: "nbb-toasts" });
  private readonly timers = new Set<number>();

  show(level: ToastLevel, title: string, message: string, durationSeconds: number | null): void {
    const close = h("button", { type: "button", class: "nbb-toast-close", "aria-label": "Close" }, "×");
    const role = level === "info" ? "status" : "alert";
    const toast = h("div", { class: `nbb-toast nbb-toast-${level}`, role }, h("strong", {}, title), h("div", {}, message), close);
    close.addEventListener("click", () => toast.remove());
    this.el.append(toast);
    if (durationSeconds === null) return;
    const timer = window.setTimeout(() => {
      this.timers.delete(timer);
      toast.remove();
    }, durationSeconds * 1000);
    this.timers.add(timer);
  }

  /** Stops pending timers (the app is unmounting). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
