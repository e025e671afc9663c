/** Choices as Python sends them: [display text, value] pairs. */
export type Choice = [string, unknown];

/** Reads choices defensively: a bare value counts as its own display text. */
export function readChoices(raw: unknown): Choice[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((c): Choice => (Array.isArray(c) && c.length === 2 ? [String(c[0]), c[1]] : [String(c), c]));
}

/** Whether two JSON values are equal: a choice value may be a string, a number or a list. */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
