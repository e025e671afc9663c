/**
 * Compact value edits (nbblocks/edits.py): a streamed value that only grew a text arrives as the
 * text it grew by, and the page rebuilds the value from the one it holds.
 */
import type { TextAppend } from "./protocol";

/** `value` with `edit`'s text added to the string at its path; copies along that path only, so
 * every other part (every other chat message) stays the same object, which a block can use to
 * re-draw only what changed. */
export function applyAppend(value: unknown, edit: TextAppend): unknown {
  const [head, ...rest] = edit.path;
  if (head === undefined) {
    if (typeof value !== "string") throw new Error("a text append must end at a string");
    return value + edit.text;
  }
  if (Array.isArray(value) && typeof head === "number") {
    const copied = [...value];
    copied[head] = applyAppend(value[head], { path: rest, text: edit.text });
    return copied;
  }
  if (value !== null && typeof value === "object" && typeof head === "string" && head in value) {
    const record = value as Record<string, unknown>;
    return { ...record, [head]: applyAppend(record[head], { path: rest, text: edit.text }) };
  }
  throw new Error(`a text append's path does not fit the value at ${String(head)}`);
}
