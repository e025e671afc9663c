import { h } from "./dom";
import type { ProgressEntry, ShowProgress, StatusMessage } from "./protocol";

/** What one event shows at one output block. */
interface EventState {
  running: boolean;
  mode: ShowProgress;
  /** Place in the queue (0 is next) and seconds until it runs, while pending. */
  position: number | null;
  eta: number | null;
  /** performance.now() when "running" arrived. */
  started: number;
  bars: ProgressEntry[];
}

/** An output block's events (in arrival order) and, once drawn, its overlay. */
interface Pending {
  events: Map<number, EventState>;
  overlay?: Overlay;
}

interface Overlay {
  el: HTMLElement;
  text: HTMLElement;
  bars: HTMLElement;
}

/** How often the elapsed time of a running event is redrawn. */
const TICK_MS = 100;

/**
 * The loading state of output blocks: a spinner, the place in the queue, the time a running
 * event has taken and its progress bars ("full"), only a small spinner ("minimal"), or nothing
 * ("hidden"). A block may be the output of several events: it stays pending until the last of
 * them is done, and shows the newest running one (else the newest waiting one).
 *
 * Blocks are drawn once the messages in hand are handled (a microtask): a quick run's running
 * and complete come in one frame, and then nothing is drawn at all.
 */
export class PendingOutputs {
  private readonly blocks = new Map<HTMLElement, Pending>();
  private readonly stale = new Set<HTMLElement>();
  private timer = 0;

  status(el: HTMLElement, msg: StatusMessage): void {
    const pending = this.blocks.get(el);
    if (msg.stage === "complete" || msg.stage === "error") {
      pending?.events.delete(msg.event);
      this.redraw(el);
      return;
    }
    const known = pending?.events.get(msg.event);
    // A late "pending" (a queue announcement crossing "running") must not undo the running display.
    if (known?.running && msg.stage === "pending") return;
    const state: EventState = {
      running: msg.stage === "running",
      mode: msg.show_progress,
      position: msg.position ?? null,
      eta: msg.eta ?? null,
      started: known?.running ? known.started : performance.now(),
      bars: known?.bars ?? [],
    };
    this.entry(el).events.set(msg.event, state);
    this.redraw(el);
  }

  /** New bars for a running event; ignored once the event is done (a late message). */
  progress(el: HTMLElement, event: number, bars: ProgressEntry[]): void {
    const state = this.blocks.get(el)?.events.get(event);
    if (!state) return;
    state.bars = bars;
    this.redraw(el);
  }

  /** Stops the clock (the view is being replaced or unmounted). */
  dispose(): void {
    clearInterval(this.timer);
    this.timer = 0;
    this.blocks.clear();
    this.stale.clear();
  }

  private entry(el: HTMLElement): Pending {
    let pending = this.blocks.get(el);
    if (!pending) {
      pending = { events: new Map() };
      this.blocks.set(el, pending);
    }
    return pending;
  }

  private redraw(el: HTMLElement): void {
    if (this.stale.size === 0) {
      queueMicrotask(() => {
        for (const stale of this.stale) this.draw(stale);
        this.stale.clear();
        this.keepTicking();
      });
    }
    this.stale.add(el);
  }

  private draw(el: HTMLElement): void {
    const pending = this.blocks.get(el);
    const shown = pending && newestShown(pending.events);
    if (!pending || !shown) {
      this.blocks.delete(el);
      el.classList.remove("nbb-pending");
      pending?.overlay?.el.remove();
      return;
    }
    el.classList.add("nbb-pending");
    if (!pending.overlay) pending.overlay = newOverlay();
    const { overlay } = pending;
    overlay.el.className = `nbb-progress nbb-progress-${shown.mode}`;
    if (shown.mode === "hidden") overlay.el.remove();
    else if (overlay.el.parentElement !== el) el.append(overlay.el);
    overlay.bars.replaceChildren(...(shown.mode === "full" ? shown.bars.map(bar) : []));
    drawText(pending);
  }

  /** Runs the clock while some block shows a running event, and only then. */
  private keepTicking(): void {
    const needed = [...this.blocks.values()].some((p) => newestShown(p.events)?.running);
    if (needed && !this.timer) {
      this.timer = window.setInterval(() => {
        for (const p of this.blocks.values()) drawText(p);
      }, TICK_MS);
    } else if (!needed && this.timer) {
      clearInterval(this.timer);
      this.timer = 0;
    }
  }
}

function newOverlay(): Overlay {
  const text = h("span", { class: "nbb-eta" });
  const bars = h("div", { class: "nbb-bars" });
  const el = h("div", { role: "status", "aria-label": "Loading" }, h("span", { class: "nbb-spinner" }), text, bars);
  return { el, text, bars };
}

function drawText({ events, overlay }: Pending): void {
  if (!overlay) return; // never drawn: nothing to write in
  const shown = newestShown(events);
  const { text } = overlay;
  if (shown?.mode !== "full") text.textContent = "";
  else if (shown.running) text.textContent = seconds((performance.now() - shown.started) / 1000);
  else if (shown.position !== null) {
    text.textContent = `queue: ${shown.position + 1}${shown.eta === null ? "" : ` | ${seconds(shown.eta)}`}`;
  } else text.textContent = "";
}

/** The newest running event, else the newest waiting one. */
function newestShown(events: Map<number, EventState>): EventState | undefined {
  const states = [...events.values()].reverse();
  return states.find((s) => s.running) ?? states[0];
}

function seconds(value: number): string {
  return `${Math.max(value, 0).toFixed(1)}s`;
}

/** One progress bar: "desc 3/10 steps", or "desc 30%" for a bare fraction. */
function bar(entry: ProgressEntry): HTMLElement {
  const { index, length, unit, progress, desc } = entry;
  const counted = index !== null && length !== null && length > 0;
  const fraction = progress ?? (counted ? index / length : null);
  const amount = counted ? `${index}/${length} ${unit}` : fraction !== null ? `${Math.round(fraction * 100)}%` : index !== null ? `${index} ${unit}` : "";
  const label = [desc, amount].filter(Boolean).join(" ");
  const meter = h("div", { class: "nbb-bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100" }, h("div", { class: "nbb-bar-fill" }));
  if (label) meter.setAttribute("aria-valuetext", label);
  if (fraction !== null) {
    const percent = Math.min(Math.max(fraction, 0), 1) * 100;
    meter.setAttribute("aria-valuenow", String(Math.round(percent * 10) / 10));
    meter.style.setProperty("--nbb-fraction", `${percent}%`);
  }
  return h("div", { class: "nbb-bar-row" }, meter, h("span", { class: "nbb-bar-text" }, label));
}
