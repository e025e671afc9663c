/**
 * Markdown → HTML for gr.Markdown: the GitHub-flavoured subset people paste from Gradio apps, in a few
 * KB and without dependencies.
 *
 * Blocks are parsed line by line; containers (lists, quotes) strip their markers and recurse. Inline
 * text is parsed in passes: finished fragments (code spans, escapes, raw tags, links) are stashed behind
 * \uE000n\uE001 placeholders so later passes (escaping, emphasis) cannot reach inside them, and
 * `renderMarkdown` swaps them back at the end.
 *
 * Chat messages from models and users come through here, so every pass is linear in the input: no
 * regex can backtrack over a run of unbounded length, code spans find their closer through an index of
 * backtick runs, and emphasis is matched on a delimiter stack as CommonMark describes.
 *
 * The output is not safe: raw HTML passes through as written. `sanitize.ts` makes it safe.
 */
import { findMath } from "./components/katex-find";
import type { LatexDelimiter } from "./components/markdown";

export interface MarkdownOptions {
  /** Every newline in a paragraph becomes `<br>` (Gradio's `line_breaks=True`). */
  lineBreaks?: boolean;
  /** LaTeX's delimiters (`latex_delimiters`): the math between them is kept as typed, its `\,` and
   * `\\` not taken for escapes nor its `*` for emphasis, for KaTeX to typeset (`renderLatex`). */
  math?: readonly LatexDelimiter[];
}

/** A parsed block's HTML and the index of the first line after it. */
type Step = [html: string, next: number];

let stash: string[] = [];
let lineBreaks = false;
let math: readonly LatexDelimiter[] = [];
let depth = 0; // container nesting, capped so hostile input cannot exhaust the stack

const put = (html: string): string => `\uE000${stash.push(html) - 1}\uE001`;
const unstash = (html: string): string => html.replace(/\uE000(\d+)\uE001/g, (_, n: string) => unstash(stash[+n]));

/** Escape text or an attribute value; `all` also escapes the `&` of entities (code, checked URLs). */
const esc = (s: string, all?: boolean): string =>
  s
    .replace(all ? /&/g : /&(?!#?\w+;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

/** Render markdown to HTML; raw HTML in the source is kept, so sanitize the result before showing it. */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  stash = [];
  depth = 0;
  lineBreaks = !!options.lineBreaks;
  math = options.math ?? [];
  // Tabs count as 4 columns of indentation; NUL and our placeholder delimiters may not appear in text.
  const html = blocks(
    source
      .replace(/\r\n?/g, "\n")
      .replace(/[\0\uE000\uE001]/g, "\ufffd")
      .replace(/^[ \t]+/gm, (w) => w.replace(/\t/g, "    ")),
  );
  const out = unstash(html);
  stash = [];
  return out;
}

// ---- blocks ----

// Fences and headings take the rest of the line as it is and trim it in code: a regex that split it
// (info string from trailing text, title from closing hashes) would backtrack over runs of spaces.
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/s;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t](.*))?$/s;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST = /^( {0,3})([*+-]|\d{1,9}[.)])([ \t]+|$)/;
// CommonMark HTML blocks: a comment or block-level tag, or any tag alone on its line (which, unlike the
// others, cannot interrupt a paragraph: "text\n<br>\nmore" stays one paragraph).
const HTML_BLOCK =
  /^ {0,3}(?:<!--|<\/?(?:address|article|aside|blockquote|center|details|div|dl|dd|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|script|style|iframe|textarea)(?![\w-]))/i;
const LONE_TAG = /^ {0,3}(?:<[a-z][\w-]*(?:\s[^<>]*)?|<\/[a-z][\w-]*\s*)\/?>\s*$/i;

function blocks(src: string, tight = false): string {
  if (depth > 32) return esc(src);
  depth++;
  const lines = src.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    let step: Step;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fenced = fenceOpen(line);
    const title = HEADING.exec(line);
    const marker = LIST.exec(line);
    if (fenced) step = fence(lines, i, fenced);
    else if (/^ {4}/.test(line)) step = indented(lines, i);
    else if (title) step = [heading(title[1].length, headingText(title[2] ?? "")), i + 1];
    else if (HR.test(line)) step = ["<hr>", i + 1];
    else if (QUOTE.test(line)) step = quote(lines, i);
    else if (marker) step = list(lines, i, marker);
    else if (HTML_BLOCK.test(line) || LONE_TAG.test(line)) step = htmlBlock(lines, i);
    else if (isTable(lines, i)) step = table(lines, i);
    else step = paragraph(lines, i, tight);
    out.push(step[0]);
    i = step[1];
  }
  depth--;
  return out.join("\n");
}

/** Whether a line ends a paragraph (CommonMark: only lists starting at 1 and not empty may). */
function startsBlock(line: string): boolean {
  const m = LIST.exec(line);
  return (
    !!fenceOpen(line) ||
    [HEADING, HR, QUOTE, HTML_BLOCK].some((r) => r.test(line)) ||
    (!!m && /^([*+-]|1[.)])$/.test(m[2]) && !!line.slice(m[0].length).trim())
  );
}

/** A fence opener; a backtick fence's info string may not hold a backtick. */
function fenceOpen(line: string): RegExpExecArray | null {
  const m = FENCE.exec(line);
  return m && !(m[2][0] === "`" && m[3].includes("`")) ? m : null;
}

/** The heading's text without its closing hashes (`# Title ##`), unless they are escaped or glued on. */
const headingText = (text: string): string => text.trim().replace(/(?:^|[ \t])#+$/, "").trim();

const heading = (level: number, text: string): string => `<h${level}>${inline(text)}</h${level}>`;

const code = (body: string[], lang = ""): string =>
  `<pre><code${lang && ` class="language-${esc(lang)}"`}>${esc(body.join("\n"), true)}</code></pre>`;

function fence(lines: string[], i: number, m: RegExpExecArray): Step {
  const close = new RegExp(`^ {0,3}${m[2][0]}{${m[2].length},}[ \\t]*$`);
  const indent = new RegExp(`^ {0,${m[1].length}}`);
  const body: string[] = [];
  while (++i < lines.length && !close.test(lines[i])) body.push(lines[i].replace(indent, ""));
  return [code(body, m[3].trim().split(/\s/)[0]), i + 1];
}

function indented(lines: string[], i: number): Step {
  const body: string[] = [];
  for (; i < lines.length && (/^ {4}/.test(lines[i]) || !lines[i].trim()); i++) body.push(lines[i].slice(4));
  while (!body[body.length - 1].trim()) body.pop();
  return [code(body), i];
}

function quote(lines: string[], i: number): Step {
  const body: string[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (QUOTE.test(line)) body.push(line.replace(QUOTE, ""));
    // Lazy continuation: an unmarked line still continues the quoted paragraph.
    else if (line.trim() && body[body.length - 1].trim() && !startsBlock(line)) body.push(line);
    else break;
  }
  return [`<blockquote>\n${blocks(body.join("\n"))}\n</blockquote>`, i];
}

function list(lines: string[], i: number, first: RegExpExecArray): Step {
  const type = first[2].slice(-1); // the bullet, or "." / ")" for ordered lists
  const items: string[][] = [];
  let width = 0; // content column of the current item: deeper lines belong to it
  let blank = false;
  let loose = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const m = LIST.exec(line);
    const indent = line.search(/\S/);
    const item = items[items.length - 1];
    if (indent < 0) {
      blank = true;
      item.push("");
      continue;
    }
    if (m && m[2].slice(-1) === type && (!item || indent < width) && !HR.test(line)) {
      const pad = m[3].length;
      width = m[1].length + m[2].length + (pad > 4 ? 1 : pad || 1);
      items.push([line.slice(width)]);
      loose ||= blank && !!item;
    } else if (indent >= width) {
      item.push(line.slice(width));
      loose ||= blank && !LIST.test(line.slice(width)); // two blocks in one item (a nested list is not)
    } else if (!blank && !startsBlock(line)) item.push(line.trim());
    else break;
    blank = false;
  }
  const tag = /[.)]/.test(type) ? "ol" : "ul";
  const start = parseInt(first[2], 10);
  const lis = items.map((item) => `<li>${blocks(task(item.join("\n")), !loose)}</li>`);
  return [`<${tag}${tag === "ol" && start !== 1 ? ` start="${start}"` : ""}>\n${lis.join("\n")}\n</${tag}>`, i];
}

/** GFM task list item: a leading `[ ]` or `[x]` becomes a disabled checkbox. */
const task = (text: string): string =>
  text.replace(/^\[([ xX])\](?= )/, (_, c: string) =>
    put(`<input type="checkbox" disabled${c === " " ? "" : " checked"}>`),
  );

function htmlBlock(lines: string[], i: number): Step {
  const start = i;
  // Comments and raw-text elements end at their closing marker, every other HTML block at a blank line.
  const m = /^ {0,3}<(!--|(pre|script|style|textarea)(?![\w-]))/i.exec(lines[i]);
  if (m) {
    const end = m[2] ? new RegExp(`</${m[2]}>`, "i") : /-->/;
    while (i < lines.length && !end.test(lines[i++]));
  } else while (i < lines.length && lines[i].trim()) i++;
  return [lines.slice(start, i).join("\n"), i];
}

/** Cells of a table row: outer pipes dropped, split on unescaped pipes. */
const cells = (row: string): string[] =>
  row
    .trim()
    .replace(/^\||(?<!\\)\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, "|"));

function isTable(lines: string[], i: number): boolean {
  const delimiter = lines[i + 1] ?? "";
  const d = cells(delimiter);
  return (
    lines[i].includes("|") &&
    delimiter.includes("|") &&
    d.every((c) => /^:?-+:?$/.test(c)) &&
    d.length === cells(lines[i]).length
  );
}

function table(lines: string[], i: number): Step {
  const align = cells(lines[i + 1]).map((c) =>
    /^:-+:$/.test(c) ? "center" : /:$/.test(c) ? "right" : /^:/.test(c) ? "left" : "",
  );
  const row = (line: string, tag: string): string => {
    const cs = cells(line);
    return `<tr>${align.map((a, k) => `<${tag}${a && ` align="${a}"`}>${inline(cs[k] ?? "")}</${tag}>`).join("")}</tr>`;
  };
  const head = `<table>\n<thead>\n${row(lines[i], "th")}\n</thead>`;
  const body: string[] = [];
  for (i += 2; i < lines.length && lines[i].trim() && !startsBlock(lines[i]); i++) body.push(row(lines[i], "td"));
  return [`${head}${body.length ? `\n<tbody>\n${body.join("\n")}\n</tbody>` : ""}\n</table>`, i];
}

function paragraph(lines: string[], i: number, tight: boolean): Step {
  const body = [lines[i]];
  for (i++; i < lines.length; i++) {
    const line = lines[i];
    const setext = /^ {0,3}(=+|-+)[ \t]*$/.exec(line);
    if (setext) return [heading(setext[1][0] === "=" ? 1 : 2, body.join("\n").trim()), i + 1];
    if (!line.trim() || startsBlock(line) || isTable(lines, i)) break;
    body.push(line);
  }
  const text = inline(body.map((l) => l.trimStart()).join("\n").trimEnd());
  return [tight ? text : `<p>${text}</p>`, i];
}

// ---- inline ----

/** An HTML open or close tag (CommonMark's grammar). */
const TAG = /<\/?[a-z][\w-]*(?:\s+[a-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/;
// Scanned left to right in one pass, so an escaped backtick cannot open a code span and a backslash
// inside a code span stays literal. Groups: escaped char, backtick run, autolink, comment opener.
const ATOMS = new RegExp(
  /\\([!-/:-@[-`{-~])|(`+)|<([a-z][\w+.-]+:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>|(<!--)|/.source + TAG.source,
  "gi",
);
// The spaces after the destination belong to its group, so spaces given back by the `\(\s*` before it
// can only meet `\)`: no two quantifiers share a run of spaces. A title in parentheses stops at the next
// `(` (as in CommonMark), so an unclosed one is not scanned to the end again from every link.
const LINK =
  /(!?)\[((?:[^[\]]|\[[^[\]]*\])*)\]\(\s*(?:(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))+)(?:\s+("[^"]*"|'[^']*'|\([^()]*\)))?\s*)?\)/g;
const BARE_URL = /(?<=^|[\s*_~(])(?:https?:\/\/|www\.)[^\s<\uE000\uE001]+/g;

function inline(text: string): string {
  const closers = backtickRuns(text);
  const maths = mathSpans(text);
  let nextMath = 0;
  let commentEnd = 0; // where the last "-->" found is, or -1 once none is left: each search is done once
  let out = "";
  let last = 0;
  ATOMS.lastIndex = 0;
  let m = ATOMS.exec(text);
  for (;;) {
    // Math before the next atom is kept as typed; math an atom (a code span) started over is not math.
    while (nextMath < maths.length && maths[nextMath][0] < last) nextMath++;
    const span = maths[nextMath];
    if (span && (!m || span[0] <= m.index)) {
      out += text.slice(last, span[0]) + put(esc(text.slice(span[0], span[1]), true));
      last = span[1];
      if (m && m.index < last) {
        ATOMS.lastIndex = last;
        m = ATOMS.exec(text);
      }
      continue;
    }
    if (!m) break;
    const [all, char, ticks, auto, comment] = m;
    let end = ATOMS.lastIndex;
    let html: string;
    if (char) html = esc(char, true);
    else if (ticks) {
      const close = closers(ticks.length, end);
      if (close < 0) html = ticks;
      else {
        html = `<code>${esc(codeText(text.slice(end, close)), true)}</code>`;
        end = close + ticks.length;
      }
    } else if (auto) html = `<a href="${esc(auto.includes(":") ? auto : `mailto:${auto}`)}">${esc(auto)}</a>`;
    else if (comment) {
      if (commentEnd >= 0 && commentEnd < end) commentEnd = text.indexOf("-->", end);
      if (commentEnd < 0) {
        m = ATOMS.exec(text);
        continue; // an unclosed comment is text
      }
      end = commentEnd + 3;
      html = text.slice(m.index, end);
    } else html = all; // raw HTML, left to the sanitiser
    out += text.slice(last, m.index) + put(html);
    last = ATOMS.lastIndex = end;
    m = ATOMS.exec(text);
  }
  return phrase(out + text.slice(last), false);
}

/** Where the math of `text` is, delimiters included: `[start, end]` pairs in order. */
function mathSpans(text: string): [number, number][] {
  if (math.length === 0) return [];
  const spans: [number, number][] = [];
  let at = 0;
  for (const piece of findMath(text, math)) {
    const length = typeof piece === "string" ? piece.length : piece.source.length;
    if (typeof piece !== "string") spans.push([at, at + length]);
    at += length;
  }
  return spans;
}

/**
 * The closer finder for code spans: `find(length, from)` is where the first backtick run of exactly
 * `length` starts at or after `from`, or -1. Calls come with growing `from`, so each length's list of
 * runs is walked once in all (CommonMark's linear-time rule for code spans).
 */
function backtickRuns(text: string): (length: number, from: number) => number {
  const starts = new Map<number, number[]>();
  for (const m of text.matchAll(/`+/g)) {
    const list = starts.get(m[0].length) ?? [];
    list.push(m.index ?? 0);
    starts.set(m[0].length, list);
  }
  const cursor = new Map<number, number>();
  return (length, from) => {
    const list = starts.get(length) ?? [];
    let k = cursor.get(length) ?? 0;
    while (k < list.length && list[k] < from) k++;
    cursor.set(length, k);
    return k < list.length ? list[k] : -1;
  };
}

/** Code span content: newlines are spaces; one space of padding on both sides is dropped. */
function codeText(s: string): string {
  s = s.replace(/\n/g, " ");
  return s.startsWith(" ") && s.endsWith(" ") && /\S/.test(s) ? s.slice(1, -1) : s;
}

/** Links, bare URLs, emphasis and breaks over text whose atoms are already stashed. */
function phrase(text: string, inLink: boolean): string {
  text = text.replace(LINK, (all, bang: string, label: string, href = "", title?: string) => {
    if (inLink && !bang) return all; // links do not nest, but a badge image may sit in a link
    const url = esc(href.replace(/^<|>$/g, ""));
    const t = title ? ` title="${esc(title.slice(1, -1))}"` : "";
    return put(
      bang ? `<img src="${url}" alt="${esc(label)}"${t}>` : `<a href="${url}"${t}>${phrase(label, true)}</a>`,
    );
  });
  if (!inLink) text = text.replace(BARE_URL, bareUrl);
  // A lookbehind starts each break at the first space of a run, so a long run is scanned once.
  return emphasis(esc(text)).replace(lineBreaks ? /(?:(?<! ) {2,}|\\)?\n/g : /(?<! ) {2,}\n|\\\n/g, "<br>\n");
}

/** GFM autolink: trailing punctuation, and a `)` without its `(`, belong to the sentence. */
function bareUrl(url: string): string {
  const opens = url.split("(").length;
  let closes = url.split(")").length;
  let end = url.length;
  for (; end > 0 && `?!.,:;*_~'")]`.includes(url[end - 1]); end--) {
    if (url[end - 1] === ")" && closes-- <= opens) break;
  }
  const link = url.slice(0, end);
  const href = esc(link[0] === "w" ? `http://${link}` : link);
  return put(`<a href="${href}">${esc(link)}</a>`) + url.slice(end);
}

// ---- emphasis ----

/** A run of `*`, `_` or `~~` that may open or close emphasis, linked to its neighbours on the stack. */
interface Run {
  at: number;
  char: string;
  /** Delimiters not used yet; `size` is the run's original length. */
  left: number;
  size: number;
  opens: boolean;
  closes: boolean;
  /** The run's place among the runs, in text order: a search stops at a remembered place (`floor`). */
  rank: number;
  before: string; // closing tags, written before the unused delimiters
  after: string; // opening tags, written after them
  prev?: Run;
  next?: Run;
}

/** 0 for whitespace (and the ends of the text), 1 for punctuation (placeholders too), 2 otherwise. */
const kind = (c: string | undefined): number =>
  c === undefined || /\s/.test(c) ? 0 : /[\p{P}\p{S}\uE000\uE001]/u.test(c) ? 1 : 2;

/** The delimiter runs that can open or close, with CommonMark's flanking rules (and GFM's `~~`). */
function delimiterRuns(text: string): Run[] {
  const runs: Run[] = [];
  for (const m of text.matchAll(/\*+|_+|~+/g)) {
    const at = m.index ?? 0;
    const [char, size] = [m[0][0], m[0].length];
    if (char === "~" && size !== 2) continue;
    const before = kind(text[at - 1]);
    const after = kind(text[at + size]);
    const leftFlanking = after > 0 && (after === 2 || before < 2);
    const rightFlanking = before > 0 && (before === 2 || after < 2);
    const opens = leftFlanking && (char !== "_" || !rightFlanking || before === 1);
    const closes = rightFlanking && (char !== "_" || !leftFlanking || after === 1);
    if (opens || closes) runs.push({ at, char, left: size, size, opens, closes, rank: runs.length, before: "", after: "" });
  }
  runs.forEach((run, k) => {
    run.prev = runs[k - 1];
    run.next = runs[k + 1];
  });
  return runs;
}

/** CommonMark's rule of 3: `*a**` cannot pair a run that can both open and close unevenly. */
const pairs = (opener: Run, closer: Run): boolean =>
  opener.char === closer.char &&
  opener.opens &&
  !((opener.closes || closer.opens) && (opener.size + closer.size) % 3 === 0 && (opener.size % 3 || closer.size % 3));

function unlink(run: Run): void {
  if (run.prev) run.prev.next = run.next;
  if (run.next) run.next.prev = run.prev;
}

/**
 * Emphasis by CommonMark's "process emphasis": each closer looks down the stack for its opener. Where
 * one kind of closer found none, the next of its kind stops there (`floor`), so each run is passed over
 * a bounded number of times and the whole is linear.
 */
function emphasis(text: string): string {
  const runs = delimiterRuns(text);
  const floor = new Map<string, number>();
  for (let closer: Run | undefined = runs[0]; closer; ) {
    if (!closer.closes) {
      closer = closer.next;
      continue;
    }
    const key = closer.char + (closer.size % 3) + closer.opens;
    const bottom = floor.get(key) ?? -1;
    let opener = closer.prev;
    while (opener && opener.rank > bottom && !pairs(opener, closer)) opener = opener.prev;
    if (opener && opener.rank > bottom) {
      const used = closer.char === "~" || (opener.left > 1 && closer.left > 1) ? 2 : 1;
      const tag = closer.char === "~" ? "del" : used === 2 ? "strong" : "em";
      opener.after = `<${tag}>${opener.after}`;
      closer.before += `</${tag}>`;
      opener.left -= used;
      closer.left -= used;
      opener.next = closer; // the runs in between can no longer pair
      closer.prev = opener;
      if (!opener.left) unlink(opener);
      if (!closer.left) {
        unlink(closer);
        closer = closer.next;
      }
    } else {
      floor.set(key, closer.prev?.rank ?? -1);
      const next: Run | undefined = closer.next;
      if (!closer.opens) unlink(closer);
      closer = next;
    }
  }
  let out = "";
  let last = 0;
  for (const run of runs) {
    out += text.slice(last, run.at) + run.before + run.char.repeat(run.left) + run.after;
    last = run.at + run.size;
  }
  return out + text.slice(last);
}
