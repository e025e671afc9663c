/**
 * What gr.Audio and gr.Video wire alike (part of the "av" chunk): a file chosen by a click on the
 * empty box or dropped on the component, the Clear button, and the player's play and pause.
 */
import type { BlockContext } from "../block";

export interface MediaParts {
  /** Takes drops. */
  el: HTMLElement;
  /** Opens the file chooser when clicked. */
  empty: HTMLElement;
  input: HTMLInputElement;
  clear: HTMLElement;
  player: HTMLMediaElement;
}

export interface MediaHandlers {
  /** Whether the user may upload now (interactive, "upload" among the sources). */
  uploads(): boolean;
  /** A file the user chose or dropped. */
  chosen(file: File): void;
  /** Shows no value; the helper then sends it and fires `clear` and `change`. */
  cleared(): void;
}

export function wireMedia(parts: MediaParts, ctx: BlockContext, on: MediaHandlers): void {
  const { el, empty, input, clear, player } = parts;
  empty.addEventListener("click", () => {
    if (on.uploads()) input.click();
  });
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = "";
    if (file) on.chosen(file);
  });
  el.addEventListener("dragover", (event) => {
    if (on.uploads()) event.preventDefault();
  });
  el.addEventListener("drop", (event) => {
    const file = event.dataTransfer?.files[0];
    if (!on.uploads() || !file) return;
    event.preventDefault();
    on.chosen(file);
  });
  clear.addEventListener("click", () => {
    on.cleared();
    ctx.sendValue(null);
    ctx.trigger("clear");
    ctx.trigger("change");
    ctx.trigger("input");
  });
  player.addEventListener("play", () => ctx.trigger("play"));
  player.addEventListener("pause", () => {
    if (!player.ended) ctx.trigger("pause");
  });
}
