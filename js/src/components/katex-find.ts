/** Finding math between delimiters in a text, in linear time per delimiter (a long reply from a
 * model, full of `$`, cannot freeze the page). Pure and small: the markdown parser (core) keeps
 * the math it finds as typed, and the katex chunk typesets it, each bundling its own copy. */
import type { LatexDelimiter } from "./markdown";

/** A stretch of math found in a text: its source, without the delimiters. */
export interface MathPiece {
  tex: string;
  display: boolean;
  /** The math as it stands in the text, delimiters included. */
  source: string;
}

/**
 * `text` cut into plain strings and math. At each position the earliest opening delimiter wins,
 * and among those opening there, the first listed (so `$$` listed before `$` is taken whole). A
 * closing delimiter after a backslash (`\$`) is escaped; an opening one never closed is text.
 */
export function findMath(text: string, delimiters: readonly LatexDelimiter[]): (string | MathPiece)[] {
  const pieces: (string | MathPiece)[] = [];
  // Per delimiter, where it next opens (-1: no more). A delimiter whose close is missing after one
  // opening is missing after every later one too: it is dropped, so no text is searched twice.
  const live = delimiters.filter((d) => d.left !== "" && d.right !== "");
  const next = live.map((d) => text.indexOf(d.left));
  let start = 0;
  let plain = 0;
  for (;;) {
    let best = -1;
    for (let i = 0; i < live.length; i++) {
      if (next[i] !== -1 && next[i] < start) next[i] = text.indexOf(live[i].left, start);
      if (next[i] !== -1 && (best === -1 || next[i] < next[best])) best = i;
    }
    if (best === -1) break;
    const { left, right, display } = live[best];
    const open = next[best];
    const close = closing(text, right, open + left.length);
    if (close === -1) {
      next[best] = -1;
      continue;
    }
    if (open > plain) pieces.push(text.slice(plain, open));
    pieces.push({ tex: text.slice(open + left.length, close), display, source: text.slice(open, close + right.length) });
    start = plain = close + right.length;
  }
  if (plain < text.length || pieces.length === 0) pieces.push(text.slice(plain));
  return pieces;
}

/** Where `right` first occurs in `text` from `from` on, not escaped by a backslash; -1 if nowhere. */
function closing(text: string, right: string, from: number): number {
  for (let at = text.indexOf(right, from); at !== -1; at = text.indexOf(right, at + 1)) {
    let slashes = 0;
    while (at - slashes - 1 >= from && text[at - slashes - 1] === "\\") slashes++;
    if (slashes % 2 === 0) return at;
  }
  return -1;
}
