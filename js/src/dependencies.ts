import type { DependencyInfo } from "./protocol";

type JsFunction = (...args: unknown[]) => unknown;

/**
 * The listeners of one render that the page takes part in: a `js` function runs here before
 * (or, with no `fn`, instead of) Python, and `scroll_to_output` brings the outputs into view.
 */
export class Dependencies {
  private readonly withJs = new Map<string, DependencyInfo[]>();
  /** Each `js` source is evaluated once per render; one that does not evaluate keeps its error. */
  private readonly compiled = new Map<number, JsFunction | Error>();

  constructor(private readonly deps: DependencyInfo[]) {
    for (const dep of deps) {
      if (!dep.js) continue;
      for (const [id, event] of dep.targets) {
        const key = `${id}:${event}`;
        this.withJs.set(key, [...(this.withJs.get(key) ?? []), dep]);
      }
    }
  }

  /** The listeners of (block, event) that have a `js` function, in Python's order. */
  scriptsFor(id: number, event: string): DependencyInfo[] {
    return this.withJs.get(`${id}:${event}`) ?? [];
  }

  /** The block to scroll to when an event with these outputs completes, if its listener asks. */
  scrollTarget(outputs: number[]): number | undefined {
    const same = (dep: DependencyInfo): boolean =>
      dep.outputs.length === outputs.length && dep.outputs.every((id, i) => id === outputs[i]);
    return this.deps.find((dep) => dep.scroll_to_output && same(dep))?.outputs[0];
  }

  /**
   * Calls `dep.js` with `args` (input values, then output values) and returns its result as a
   * list: the new inputs when the listener has a `fn`, else the new outputs. Like Gradio, a
   * listener with one of them returns a bare value. Throws, saying why, on any failure.
   */
  async run(dep: DependencyInfo, args: unknown[]): Promise<unknown[]> {
    const fn = this.compile(dep);
    if (fn instanceof Error) throw fn;
    const result = await fn(...args);
    const expected = dep.has_fn ? dep.inputs.length : dep.outputs.length;
    if (expected === 0) return [];
    const values = expected === 1 ? [result] : result;
    if (!Array.isArray(values) || values.length !== expected) {
      throw new Error(`its js function must return a list of ${expected} values`);
    }
    return values;
  }

  private compile(dep: DependencyInfo): JsFunction | Error {
    let fn = this.compiled.get(dep.id);
    if (!fn) {
      fn = compileJs(dep.js ?? "");
      this.compiled.set(dep.id, fn);
    }
    return fn;
  }
}

/** Calls the app's `js` (Blocks-wide, no arguments, result unused); throws, saying why, on any failure. */
export async function runAppJs(source: string): Promise<void> {
  const fn = compileJs(source);
  if (fn instanceof Error) throw fn;
  await fn();
}

/** Gradio's contract for `js`, of a listener or of the app: the source of a function expression,
 * run with the page's rights. Returns the function, or why it is not one. */
function compileJs(source: string): JsFunction | Error {
  try {
    const made: unknown = new Function(`return (${source})`)();
    return typeof made === "function" ? (made as JsFunction) : new TypeError("its js is not a function");
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}
