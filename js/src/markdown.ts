/**
 * Markdown → HTML for gr.Markdown: the GitHub-flavoured subset people paste from Gradio apps, in a few
 * KB and without dependencies.
 *
 * Blocks are parsed line by line; containers (lists, quotes) strip their markers and recurse. Inline
 * text is parsed in passes: finished fragments (code spans, escapes, raw tags, links) are stashed behind
 * \x01n\x02 placeholders so later passes (escaping, emphasis) cannot reach inside them, and
 * `renderMarkdown` swaps them back at the end.
 *
 * Safety does not depend on the parser: the final string goes through `sanitizeHtml`, which rebuilds
 * every tag from an allowlist. It works on the string (no DOM), so node tests exercise the real thing.
 */

export interface MarkdownOptions {
  /** Every newline in a paragraph becomes `<br>` (Gradio's `line_breaks=True`). */
  lineBreaks?: boolean;
  /** Pass the output through `sanitizeHtml` (default true, Gradio's `sanitize_html=True`). */
  sanitize?: boolean;
}

/** A parsed block's HTML and the index of the first line after it. */
type Step = [html: string, next: number];

let stash: string[] = [];
let lineBreaks = false;
let depth = 0; // container nesting, capped so hostile input cannot exhaust the stack

const put = (html: string): string => `\x01${stash.push(html) - 1}\x02`;

/** Escape text or an attribute value; `all` also escapes the `&` of entities (code, checked URLs). */
const esc = (s: string, all?: boolean): string =>
  s
    .replace(all ? /&/g : /&(?!#?\w+;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

/** Render markdown to HTML that is safe for innerHTML unless `sanitize` is false. */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  stash = [];
  depth = 0;
  lineBreaks = !!options.lineBreaks;
  // Tabs count as 4 columns of indentation; NUL and our placeholder delimiters may not appear in text.
  let html = blocks(
    source
      .replace(/\r\n?/g, "\n")
      .replace(/[\0-\x02]/g, "\ufffd")
      .replace(/^[ \t]+/gm, (w) => w.replace(/\t/g, "    ")),
  );
  for (let prev = ""; prev != html; ) {
    prev = html;
    html = html.replace(/\x01(\d+)\x02/g, (_, n: string) => stash[+n]);
  }
  stash = [];
  return options.sanitize === false ? html : sanitizeHtml(html);
}

// ---- blocks ----

const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
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
  let m: RegExpExecArray | null;
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    let step: Step;
    if (!line.trim()) {
      i++;
      continue;
    }
    if ((m = FENCE.exec(line))) step = fence(lines, i, m);
    else if (/^ {4}/.test(line)) step = indented(lines, i);
    else if ((m = HEADING.exec(line))) step = [heading(m[1].length, m[2] ?? ""), i + 1];
    else if (HR.test(line)) step = ["<hr>", i + 1];
    else if (QUOTE.test(line)) step = quote(lines, i);
    else if (LIST.test(line)) step = list(lines, i);
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
    [FENCE, HEADING, HR, QUOTE, HTML_BLOCK].some((r) => r.test(line)) ||
    (!!m && /^([*+-]|1[.)])$/.test(m[2]) && !!line.slice(m[0].length).trim())
  );
}

const heading = (level: number, text: string): string => `<h${level}>${inline(text)}</h${level}>`;

const code = (body: string[], lang = ""): string =>
  `<pre><code${lang && ` class="language-${esc(lang)}"`}>${esc(body.join("\n"), true)}</code></pre>`;

function fence(lines: string[], i: number, m: RegExpExecArray): Step {
  const close = new RegExp(`^ {0,3}${m[2][0]}{${m[2].length},}[ \\t]*$`);
  const indent = new RegExp(`^ {0,${m[1].length}}`);
  const body: string[] = [];
  while (++i < lines.length && !close.test(lines[i])) body.push(lines[i].replace(indent, ""));
  return [code(body, m[3]), i + 1];
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

function list(lines: string[], i: number): Step {
  const first = LIST.exec(lines[i])!;
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
    if (m && m[2].slice(-1) == type && (!item || indent < width) && !HR.test(line)) {
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
  const start = parseInt(first[2]);
  const lis = items.map((item) => `<li>${blocks(task(item.join("\n")), !loose)}</li>`);
  return [`<${tag}${tag == "ol" && start != 1 ? ` start="${start}"` : ""}>\n${lis.join("\n")}\n</${tag}>`, i];
}

/** GFM task list item: a leading `[ ]` or `[x]` becomes a disabled checkbox. */
const task = (text: string): string =>
  text.replace(/^\[([ xX])\](?= )/, (_, c: string) =>
    put(`<input type="checkbox" disabled${c == " " ? "" : " checked"}>`),
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
    d.length == cells(lines[i]).length
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
    if (setext) return [heading(setext[1][0] == "=" ? 1 : 2, body.join("\n").trim()), i + 1];
    if (!line.trim() || startsBlock(line) || isTable(lines, i)) break;
    body.push(line);
  }
  const text = inline(body.map((l) => l.trimStart()).join("\n").trimEnd());
  return [tight ? text : `<p>${text}</p>`, i];
}

// ---- inline ----

/** An HTML open or close tag (CommonMark's grammar); shared by the inline parser and the sanitiser. */
const TAG = /<\/?[a-z][\w-]*(?:\s+[a-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/;
// Scanned left to right in one pass, so an escaped backtick cannot open a code span and a backslash
// inside a code span stays literal. Groups: escaped char, backtick run, code, autolink.
const ATOMS = new RegExp(
  /\\([!-/:-@[-`{-~])|(?<!`)(`+)(?!`)([^]*?[^`])\2(?!`)|<([a-z][\w+.-]+:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>|<!--[^]*?-->|/
    .source + TAG.source,
  "gi",
);
const LINK =
  /(!?)\[((?:[^[\]]|\[[^[\]]*\])*)\]\(\s*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+("[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const BARE_URL = /(?<=^|[\s*_~(])(?:https?:\/\/|www\.)[^\s<\x01\x02]+/g;

function inline(text: string): string {
  return phrase(
    text.replace(ATOMS, (all, char?: string, ticks?: string, body?: string, auto?: string) => {
      if (char) return put(esc(char, true));
      if (ticks) return put(`<code>${esc(codeText(body!), true)}</code>`);
      if (auto) return put(`<a href="${esc(auto.includes(":") ? auto : "mailto:" + auto)}">${esc(auto)}</a>`);
      return put(all); // raw HTML, left to the sanitiser
    }),
    false,
  );
}

/** Code span content: newlines are spaces; one space of padding on both sides is dropped. */
function codeText(s: string): string {
  s = s.replace(/\n/g, " ");
  return /^ .*\S.* $/.test(s) ? s.slice(1, -1) : s;
}

/** Links, bare URLs, emphasis and breaks over text whose atoms are already stashed. */
function phrase(text: string, inLink: boolean): string {
  text = text.replace(LINK, (all, bang: string, label: string, href: string, title?: string) => {
    if (inLink && !bang) return all; // links do not nest, but a badge image may sit in a link
    const url = esc(href.replace(/^<|>$/g, ""));
    const t = title ? ` title="${esc(title.slice(1, -1))}"` : "";
    return put(
      bang ? `<img src="${url}" alt="${esc(label)}"${t}>` : `<a href="${url}"${t}>${phrase(label, true)}</a>`,
    );
  });
  if (!inLink) text = text.replace(BARE_URL, bareUrl);
  return esc(text)
    .replace(/~~(?=\S)([^]*?\S)~~/g, "<del>$1</del>")
    .replace(/\*\*\*(?=\S)([^]*?\S)\*\*\*/g, "<em><strong>$1</strong></em>")
    .replace(/\*\*(?=\S)([^]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/(?<!\w)__(?=\S)([^]*?\S)__(?!\w)/g, "<strong>$1</strong>")
    .replace(/\*(?=\S)([^]*?\S)\*/g, "<em>$1</em>")
    .replace(/(?<!\w)_(?=\S)([^]*?\S)_(?!\w)/g, "<em>$1</em>") // snake_case stays literal
    .replace(lineBreaks ? /(?: {2,}|\\)?\n/g : /(?: {2,}|\\)\n/g, "<br>\n");
}

/** GFM autolink: trailing punctuation, and a `)` without its `(`, belong to the sentence. */
function bareUrl(url: string): string {
  let tail = "";
  let m: RegExpExecArray | null;
  while ((m = /[?!.,:;*_~'")\]]$/.exec(url)) && (m[0] != ")" || url.split("(").length < url.split(")").length)) {
    tail = m[0] + tail;
    url = url.slice(0, -1);
  }
  const href = esc(url[0] == "w" ? "http://" + url : url);
  return put(`<a href="${href}">${esc(url)}</a>`) + tail;
}

// ---- sanitising ----

const TAGS = new Set(
  "a abbr audio b blockquote br caption center code col colgroup dd del details div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img input ins kbd li mark ol p picture pre q s samp small source span strike strong sub summary sup table tbody td tfoot th thead tr tt u ul var video".split(
    " ",
  ),
);
const ATTRS = new Set(
  "align alt checked class colspan controls dir disabled height href id lang loop muted open poster reversed rowspan scope src start style title type valign width".split(
    " ",
  ),
);
const URL_ATTR = /^(href|src|poster)$/;
const ATTR = /([a-z_:][\w.:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/gi;
// Comments, elements dropped with their content, any tag, or a `<` that starts none of these.
const MARKUP = new RegExp(
  /<!--[^]*?(?:-->|$)|<(script|style|iframe|object|template|noscript|textarea|title|xmp|noembed|noframes|svg|math)(?![\w-])[^]*?<\/\1\s*>|/
    .source +
    TAG.source +
    "|<",
  "gi",
);

/**
 * Make HTML safe for innerHTML. Every tag is rebuilt from the allowlist with quoted, escaped values and
 * every other `<` is escaped, so the browser parses exactly the markup checked here, however the input
 * tried to confuse a parser. URL values are decoded before checking and written back fully escaped, so
 * the URL the browser follows is the one that was checked (`javascript&#58;` cannot slip through).
 */
export function sanitizeHtml(html: string): string {
  return html.replace(MARKUP, (markup) => (markup == "<" ? "&lt;" : cleanTag(markup)));
}

function cleanTag(markup: string): string {
  const m = /^<(\/?)([a-z][\w-]*)/i.exec(markup);
  const name = m ? m[2].toLowerCase() : "";
  if (!m || !TAGS.has(name)) return ""; // a comment, a dropped element, or a tag not allowed
  if (m[1]) return `</${name}>`;
  let attrs = "";
  markup.slice(m[0].length).replace(ATTR, (_, key: string, dq?: string, sq?: string, bare?: string) => {
    const k = key.toLowerCase();
    let v = dq ?? sq ?? bare ?? "";
    if (URL_ATTR.test(k) || k == "style") {
      v = decode(v);
      if (URL_ATTR.test(k) ? !safeUrl(v) : /url\s*\(|expression|import|behavior|binding|\\/i.test(v)) return "";
      v = esc(v, true);
    } else v = esc(v);
    if (ATTRS.has(k)) attrs += ` ${k}="${v}"`;
    return "";
  });
  // Links leave the notebook page in place, and the opened page gets no handle on it.
  if (name == "a" && /href="(?!#)/.test(attrs)) attrs += ' target="_blank" rel="noopener noreferrer"';
  return `<${name}${attrs}>`;
}

/**
 * Decode numeric references and `&amp;`. Other names (`&colon;`) need no decoding to be safe: they are
 * escaped afterwards, so the browser reads them as literal text, never as the character they name.
 */
const decode = (s: string): string =>
  s.replace(/&(?:#x([\da-f]+)|#(\d+)|amp);?/gi, (_, hex?: string, dec?: string) =>
    hex || dec ? String.fromCodePoint(Math.min(hex ? parseInt(hex, 16) : +dec!, 0x10ffff)) : "&",
  );

/** Relative URLs and known-harmless schemes only. Browsers ignore controls and spaces in a scheme. */
function safeUrl(url: string): boolean {
  const s = url.replace(/[\0-\x20]/g, "");
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(s);
  return !scheme || /^(https?|mailto|tel|ftp)$/i.test(scheme[1]) || /^data:image\//i.test(s);
}
