// Tests for js/src/markdown.ts, the parser. The module is compiled on the fly with the esbuild from
// js/node_modules (or NODE_PATH), so `node --test js/test/` needs no build step. Its output keeps raw HTML;
// what the sanitiser lets into the page needs the browser's parser, so XSS payloads are tested in
// Chromium (tests/frontend/test_markdown.py).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const jsDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const esbuild = createRequire(join(jsDir, "package.json"))("esbuild");
const source = readFileSync(join(jsDir, "src", "markdown.ts"), "utf8");
const outDir = mkdtempSync(join(tmpdir(), "nbb-markdown-"));
const outFile = join(outDir, "markdown.mjs");
// Bundled: the parser finds math with components/katex-find.ts, which the katex chunk shares.
const bundled = esbuild.buildSync({ entryPoints: [join(jsDir, "src", "markdown.ts")], bundle: true, format: "esm", write: false });
writeFileSync(outFile, bundled.outputFiles[0].text);
const { renderMarkdown } = await import(pathToFileURL(outFile).href);
after(() => rmSync(outDir, { recursive: true, force: true }));

const md = (text, options) => renderMarkdown(text, options);
const lines = (...parts) => parts.join("\n");

describe("blocks", () => {
  test("the Gradio hello-world: a heading then a paragraph with bold", () => {
    assert.equal(
      md("# Hello World!\nStart typing below and then click **Run** to see the output."),
      "<h1>Hello World!</h1>\n<p>Start typing below and then click <strong>Run</strong> to see the output.</p>",
    );
  });

  test("ATX headings h1..h6, closing hashes, and a hash without space is text", () => {
    assert.equal(md("# One"), "<h1>One</h1>");
    assert.equal(md("###### Six ##"), "<h6>Six</h6>");
    assert.equal(md("####### Seven"), "<p>####### Seven</p>");
    assert.equal(md("#hashtag"), "<p>#hashtag</p>");
    assert.equal(md("## *em* `code`"), "<h2><em>em</em> <code>code</code></h2>");
  });

  test("setext headings", () => {
    assert.equal(md("Title\n====="), "<h1>Title</h1>");
    assert.equal(md("Sub\n---"), "<h2>Sub</h2>");
  });

  test("paragraphs are split by blank lines and keep soft line breaks", () => {
    assert.equal(md("a\nb\n\n\nc"), "<p>a\nb</p>\n<p>c</p>");
  });

  test("horizontal rules", () => {
    for (const rule of ["---", "***", "___", "* * *", " - - -"]) assert.equal(md(rule), "<hr>", rule);
    assert.equal(md("a\n\n***\n\nb"), "<p>a</p>\n<hr>\n<p>b</p>");
  });

  test("fenced code blocks keep markdown and HTML literal, escaped", () => {
    assert.equal(
      md(lines("```python", "def f(x):", '    return "<b>**not bold**</b>" & 1', "```")),
      '<pre><code class="language-python">def f(x):\n    return &quot;&lt;b&gt;**not bold**&lt;/b&gt;&quot; &amp; 1</code></pre>',
    );
    assert.equal(md("~~~\n<script>alert(1)</script>\n# no heading\n~~~"),
      "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n# no heading</code></pre>");
    // A shorter fence does not close a longer one; an unclosed fence runs to the end.
    assert.equal(md("````\n```\n````"), "<pre><code>```</code></pre>");
    assert.equal(md("```\nopen"), "<pre><code>open</code></pre>");
    // The language is escaped too.
    assert.equal(md('```a"onmouseover=x\n1\n```'), '<pre><code class="language-a&quot;onmouseover=x">1</code></pre>');
  });

  test("indented code blocks", () => {
    assert.equal(md("    <b>x</b>\n      y\n\nafter"), "<pre><code>&lt;b&gt;x&lt;/b&gt;\n  y</code></pre>\n<p>after</p>");
  });

  test("unordered and ordered lists, start number", () => {
    assert.equal(md("- a\n* b"), "<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>b</li>\n</ul>");
    assert.equal(md("- a\n- b"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>");
    assert.equal(md("3. c\n4. d"), '<ol start="3">\n<li>c</li>\n<li>d</li>\n</ol>');
    assert.equal(md("1) x"), "<ol>\n<li>x</li>\n</ol>");
  });

  test("nested lists by indentation", () => {
    assert.equal(
      md(lines("- a", "- b", "  - nested *em*", "  - two", "    1. deep", "- c")),
      lines(
        "<ul>",
        "<li>a</li>",
        "<li>b",
        "<ul>",
        "<li>nested <em>em</em></li>",
        "<li>two",
        "<ol>",
        "<li>deep</li>",
        "</ol></li>",
        "</ul></li>",
        "<li>c</li>",
        "</ul>",
      ),
    );
    // Four-space indentation under a numbered item works too.
    assert.equal(md("1. one\n    - sub"), "<ol>\n<li>one\n<ul>\n<li>sub</li>\n</ul></li>\n</ol>");
  });

  test("a list can interrupt a paragraph; items hold code blocks and continuation lines", () => {
    assert.equal(
      md(lines("Steps:", "1. Install:", "   ```bash", '   pip install "x<2"', "   ```", "2. Run", "   it *now*")),
      lines(
        "<p>Steps:</p>",
        "<ol>",
        "<li>Install:",
        '<pre><code class="language-bash">pip install &quot;x&lt;2&quot;</code></pre></li>',
        "<li>Run\nit <em>now</em></li>",
        "</ol>",
      ),
    );
    // Only a list starting at 1 interrupts a paragraph: "2020. was" is text.
    assert.equal(md("In\n2020. was"), "<p>In\n2020. was</p>");
  });

  test("loose lists wrap items in paragraphs", () => {
    assert.equal(
      md("- one\n\n- two\n\n  more"),
      "<ul>\n<li><p>one</p></li>\n<li><p>two</p>\n<p>more</p></li>\n</ul>",
    );
  });

  test("task list items", () => {
    assert.equal(
      md("- [ ] todo\n- [x] done"),
      '<ul>\n<li><input type="checkbox" disabled> todo</li>\n<li><input type="checkbox" disabled checked> done</li>\n</ul>',
    );
  });

  test("blockquotes, nested and lazy", () => {
    assert.equal(
      md("> quote **b**\nlazy\n> > nested"),
      "<blockquote>\n<p>quote <strong>b</strong>\nlazy</p>\n<blockquote>\n<p>nested</p>\n</blockquote>\n</blockquote>",
    );
    assert.equal(md("> # H\n> - i"), "<blockquote>\n<h1>H</h1>\n<ul>\n<li>i</li>\n</ul>\n</blockquote>");
  });

  test("GFM tables with alignment, escaped pipes, short rows", () => {
    assert.equal(
      md(lines("| Left | Center | Right | None |", "|:-----|:------:|------:|------|", "| `a\\|b` | **x** | 1 | |", "| one |")),
      lines(
        "<table>",
        "<thead>",
        '<tr><th align="left">Left</th><th align="center">Center</th><th align="right">Right</th><th>None</th></tr>',
        "</thead>",
        "<tbody>",
        '<tr><td align="left"><code>a|b</code></td><td align="center"><strong>x</strong></td><td align="right">1</td><td></td></tr>',
        '<tr><td align="left">one</td><td align="center"></td><td align="right"></td><td></td></tr>',
        "</tbody>",
        "</table>",
      ),
    );
    assert.equal(md("a | b\n--|--"), "<table>\n<thead>\n<tr><th>a</th><th>b</th></tr>\n</thead>\n</table>");
    // A table right under a paragraph line, and a blank line ending it.
    assert.match(md("Intro\n| a |\n| - |\n| 1 |\n\nafter"), /^<p>Intro<\/p>\n<table>[\s\S]*<td>1<\/td>[\s\S]*<\/table>\n<p>after<\/p>$/);
    // Header and delimiter must agree in width, or it is just text.
    assert.equal(md("a | b\n---|---|---"), "<p>a | b\n---|---|---</p>");
  });

  test("raw HTML blocks pass through; markdown resumes after a blank line", () => {
    assert.equal(
      md(lines("<details>", "<summary>More</summary>", "", "Hidden **md**", "", "</details>")),
      "<details>\n<summary>More</summary>\n<p>Hidden <strong>md</strong></p>\n</details>",
    );
    assert.equal(md('<div align="center">\n<img src="x.png" width=100>\n</div>'),
      '<div align="center">\n<img src="x.png" width=100>\n</div>');
    assert.equal(md("<!-- hidden\ncomment -->\ntext"), "<!-- hidden\ncomment -->\n<p>text</p>");
    // A lone inline tag starts an HTML block only outside a paragraph.
    assert.equal(md("text\n<br>\n`more`"), "<p>text\n<br>\n<code>more</code></p>");
    assert.equal(md("<br>\n`raw`"), "<br>\n`raw`");
  });
});

describe("inline", () => {
  test("bold, italic, both, strikethrough", () => {
    assert.equal(md("**b** __b__ *i* _i_ ***bi*** ~~s~~"),
      "<p><strong>b</strong> <strong>b</strong> <em>i</em> <em>i</em> <em><strong>bi</strong></em> <del>s</del></p>");
    assert.equal(md("*a **b** c* and **a *b* c**"),
      "<p><em>a <strong>b</strong> c</em> and <strong>a <em>b</em> c</strong></p>");
    assert.equal(md("**across\nlines**"), "<p><strong>across\nlines</strong></p>");
  });

  test("snake_case and lone stars stay literal", () => {
    assert.equal(md("snake_case_name and 2 * 3 * 4 and a_b"), "<p>snake_case_name and 2 * 3 * 4 and a_b</p>");
    assert.equal(md("call __init__ or _private_var_"), "<p>call <strong>init</strong> or <em>private_var</em></p>");
  });

  test("code spans: escaped, no formatting, backticks inside longer runs", () => {
    assert.equal(md("`<b>**x**</b> &amp;`"), "<p><code>&lt;b&gt;**x**&lt;/b&gt; &amp;amp;</code></p>");
    assert.equal(md("`` a`b `` and ` x `"), "<p><code>a`b</code> and <code>x</code></p>");
    assert.equal(md("`a\\`"), "<p><code>a\\</code></p>");
    assert.equal(md("`[x](y) https://a.b`"), "<p><code>[x](y) https://a.b</code></p>");
  });

  test("backslash escapes", () => {
    assert.equal(md("\\*not em\\* \\# \\[x\\](y) \\`code\\` \\<b\\> \\\\"),
      "<p>*not em* # [x](y) `code` &lt;b&gt; \\</p>");
  });

  test("entities are kept, other & < > are escaped", () => {
    assert.equal(md("&copy; &#169; &amp; a & b < c > d \"q\""),
      "<p>&copy; &#169; &amp; a &amp; b &lt; c &gt; d &quot;q&quot;</p>");
  });

  test("links with titles, images, a badge image inside a link", () => {
    assert.equal(md('[link](https://x.com/a_b "Title")'), '<p><a href="https://x.com/a_b" title="Title">link</a></p>');
    assert.equal(md('![alt text](pic.png "T")'), '<p><img src="pic.png" alt="alt text" title="T"></p>');
    assert.equal(md("[![badge](https://img.shields.io/x.svg)](https://github.com)"),
      '<p><a href="https://github.com"><img src="https://img.shields.io/x.svg" alt="badge"></a></p>');
    assert.equal(md("[**bold** link](https://w.org/wiki/Foo_(bar))"),
      '<p><a href="https://w.org/wiki/Foo_(bar)"><strong>bold</strong> link</a></p>');
    assert.equal(md("[in page](#section)"), '<p><a href="#section">in page</a></p>');
  });

  test("autolinks and bare URLs, trailing punctuation left outside", () => {
    const a = (href, text = href) => `<a href="${href}">${text}</a>`;
    assert.equal(md("<https://a.b/c?d=1&e=2>"), `<p>${a("https://a.b/c?d=1&amp;e=2")}</p>`);
    assert.equal(md("<me@example.com>"), `<p>${a("mailto:me@example.com", "me@example.com")}</p>`);
    assert.equal(md("See https://example.com/some_path_(x)."), `<p>See ${a("https://example.com/some_path_(x)")}.</p>`);
    assert.equal(md("(at https://x.org/a_b_c)"), `<p>(at ${a("https://x.org/a_b_c")})</p>`);
    assert.equal(md("or www.example.org, ok"), `<p>or ${a("http://www.example.org", "www.example.org")}, ok</p>`);
    assert.equal(md("**https://x.org**"), `<p><strong>${a("https://x.org")}</strong></p>`);
  });

  test("hard line breaks: two spaces or a backslash; lineBreaks makes every newline one", () => {
    assert.equal(md("a  \nb\\\nc\nd  "), "<p>a<br>\nb<br>\nc\nd</p>");
    assert.equal(md("a\nb\n\n```\nx\ny\n```", { lineBreaks: true }), "<p>a<br>\nb</p>\n<pre><code>x\ny</code></pre>");
  });

  test("inline raw HTML passes through as written, for the sanitiser; a lone < is text", () => {
    assert.equal(md('Press <kbd>Ctrl</kbd>+C, <span style="color:red">red</span><br>x'),
      '<p>Press <kbd>Ctrl</kbd>+C, <span style="color:red">red</span><br>x</p>');
    assert.equal(md("x<y and List<int> here <!-- note --> **<b a='1'>x</b>**"),
      "<p>x&lt;y and List<int> here <!-- note --> <strong><b a='1'>x</b></strong></p>");
    // A comment that never closes is text, and so is every later one.
    assert.equal(md("a <!-- b <!-- c"), "<p>a &lt;!-- b &lt;!-- c</p>");
  });

  test("CRLF input and tabs as indentation", () => {
    assert.equal(md("# T\r\n\r\n-\ta\r\n\t- b"), "<h1>T</h1>\n<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul></li>\n</ul>");
  });

  test("unsafe markup and URLs are left as written: the sanitiser is the one place that judges them", () => {
    assert.equal(md("<b onclick=x()>b</b> [x](javascript:y)"), '<p><b onclick=x()>b</b> <a href="javascript:y">x</a></p>');
  });
});

describe("emphasis (CommonMark's delimiter runs)", () => {
  test("flanking: a run between spaces is text, intraword _ is text, intraword * is emphasis", () => {
    assert.equal(md("a * b * c and a _ b _ c"), "<p>a * b * c and a _ b _ c</p>");
    assert.equal(md("foo*bar*baz foo_bar_baz"), "<p>foo<em>bar</em>baz foo_bar_baz</p>");
    assert.equal(md('*"quoted"* and **(x)**'), "<p><em>&quot;quoted&quot;</em> and <strong>(x)</strong></p>");
  });

  test("nesting, the rule of 3, and leftover delimiters", () => {
    assert.equal(md("***a** b*"), "<p><em><strong>a</strong> b</em></p>");
    assert.equal(md("***a* b**"), "<p><strong><em>a</em> b</strong></p>");
    assert.equal(md("*a**b*"), "<p><em>a**b</em></p>");
    assert.equal(md("**a*"), "<p>*<em>a</em></p>");
    assert.equal(md("*a**"), "<p><em>a</em>*</p>");
    assert.equal(md("_a *b_ c*"), "<p><em>a *b</em> c*</p>");
    assert.equal(md("**a _b_ c**"), "<p><strong>a <em>b</em> c</strong></p>");
  });

  test("~~ strikes through; one or three tildes are text", () => {
    assert.equal(md("~~a **b**~~ ~c~ ~~~d~~~"), "<p><del>a <strong>b</strong></del> ~c~ ~~~d~~~</p>");
  });

  test("emphasis does not reach into code, links' URLs or raw HTML", () => {
    assert.equal(md("*a `*` b* [*x*](https://a.b/*c*)"),
      '<p><em>a <code>*</code> b</em> <a href="https://a.b/*c*"><em>x</em></a></p>');
    assert.equal(md('<span title="*a*">*b*</span>'), '<p><span title="*a*"><em>b</em></span></p>');
  });

  test("code spans close on a run of the same length only", () => {
    assert.equal(md("``a`b`` `c`` d` ```e"), "<p><code>a`b</code> <code>c`` d</code> ```e</p>");
    assert.equal(md("\\\\`a` \\`b`"), "<p>\\<code>a</code> `b`</p>");
  });
});

const math = [
  { left: "$$", right: "$$", display: true },
  { left: "$", right: "$", display: false },
  { left: "\\(", right: "\\)", display: false },
];

describe("math between latex_delimiters", () => {
  const tex = (text) => md(text, { math });

  test("is kept as typed: no escapes, emphasis, links or tags inside", () => {
    assert.equal(tex("$\\{a_1 * b *c*\\}\\,\\\\ [x](y) <b>$"), "<p>$\\{a_1 * b *c*\\}\\,\\\\ [x](y) &lt;b&gt;$</p>");
    assert.equal(tex("*a* $$*b*$$ \\(*c*\\)"), "<p><em>a</em> $$*b*$$ \\(*c*\\)</p>");
    assert.equal(md("$*b*$"), "<p>$<em>b</em>$</p>"); // without delimiters, markdown as before
  });

  test("a code span is code, an escaped closer does not close, an unclosed opener is text", () => {
    assert.equal(tex("`$a$` $b$"), "<p><code>$a$</code> $b$</p>");
    assert.equal(tex("$a\\$b$ *c*"), "<p>$a\\$b$ <em>c</em></p>");
    assert.equal(tex("costs $5 *now*"), "<p>costs $5 <em>now</em></p>");
  });
});

describe("size and speed", () => {
  test("minified + gzip size stays under 4096 bytes", () => {
    const minified = esbuild.transformSync(source, { loader: "ts", format: "esm", minify: true, target: "es2020" }).code;
    const size = gzipSync(minified, { level: 9 }).length;
    console.log(`markdown.ts: ${minified.length} bytes minified, ${size} bytes gzip`);
    assert.ok(size < 4096, `${size} bytes gzip`);
  });

  // Each pattern in 10 KB and in 80 KB: a linear parser takes about 8 times as long for the second, a
  // quadratic one 64 times. The bound is generous (32 times, plus 10 ms for timers and garbage collection), the best of three
  // runs is taken, and 80 KB must also render in well under a second: before the delimiter stack, 80 KB of
  // "~~a " took 2 s and a heading with a long run of spaces 20 s.
  const fill = (size, piece) => piece.repeat(Math.ceil(size / piece.length)).slice(0, size);
  const PATHOLOGICAL = {
    "~~a ": (n) => fill(n, "~~a "),
    "**a ": (n) => fill(n, "**a "),
    "*a ": (n) => fill(n, "*a "),
    "_a ": (n) => fill(n, "_a "),
    "__a ": (n) => fill(n, "__a "),
    "a* (closers)": (n) => fill(n, "a* "),
    "*a then a*": (n) => fill(n / 2, "*a ") + fill(n / 2, "a* "),
    "*_ mixed": (n) => fill(n, "*a_ _b* **c __d "),
    "runs of *": (n) => fill(n, "*a **b ***c ****d "),
    "runs of _": (n) => fill(n, "_a __b ___c ____d "),
    "* alone": (n) => fill(n, "*"),
    "backticks of growing length": (n) => Array.from({ length: 400 }, (_, k) => "`".repeat(k + 1)).join("a").slice(0, n),
    "backticks, longest first": (n) => Array.from({ length: 400 }, (_, k) => "`".repeat(400 - k)).join("a").slice(-n),
    "`a": (n) => fill(n, "`a"),
    "nested [": (n) => fill(n / 2, "[") + fill(n / 2, "]("),
    "[a](": (n) => fill(n, "[a]("),
    "[a](b \"": (n) => fill(n, '[a](b "'),
    "[a](b (": (n) => fill(n, "[a](b ("),
    "![": (n) => fill(n, "!["),
    "<": (n) => fill(n, "<"),
    "<a b ": (n) => fill(n, "<a b "),
    "<a b='": (n) => fill(n, "<a b='"),
    "<!--": (n) => fill(n, "a <!--"),
    "<a:b ": (n) => fill(n, "<a:b "),
    "\\": (n) => fill(n, "\\"),
    "&#": (n) => fill(n, "&#x"),
    "spaces in a paragraph": (n) => `a${" ".repeat(n)}b\nc`,
    "spaces in a heading": (n) => `# a${" ".repeat(n)}b`,
    "backticks in a fence's info": (n) => `\`\`\`${"a".repeat(n)}\``,
    "a URL's trailing )": (n) => `http://a${")".repeat(n)}`,
    "a URL's trailing .": (n) => `http://a${".".repeat(n)}b`,
    "nested lists": (n) => fill(n, "- ").concat("x"),
    "nested quotes": (n) => fill(n, "> ").concat("x"),
    "list items": (n) => fill(n, "- a\n"),
    "indented list items": (n) => Array.from({ length: n / 4 }, (_, k) => `${"  ".repeat(k % 40)}- a\n`).join("").slice(0, n),
    "table": (n) => `${fill(n / 2, "| a ")}\n${fill(n / 2, "|-")}`,
    "spaces in a link's parentheses": (n) => `[a](${" ".repeat(n)}x`,
    "a code span padded on one side": (n) => `\` ${"a".repeat(n)}\``,
  };
  // CPU time, not wall time: on a machine busy with other work a long parse is preempted more often
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const best = (input, options) => {
    let fastest = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 3; k++) {
      const start = cpuMs();
      md(input, options);
      fastest = Math.min(fastest, cpuMs() - start);
    }
    return fastest;
  };

  // With latex_delimiters: openers never closed, closers escaped, math between emphasis.
  const PATHOLOGICAL_MATH = Object.fromEntries(
    ["$a ", "$$a ", "\\(a ", "$a$ *b ", "\\$a ", "a\\$ $"].map((piece) => [`math: ${piece}`, (n) => fill(n, piece)]),
  );

  // A garbage collection can still land in one measurement: a pattern is measured again (up to
  // four times) before it counts as slow. A quadratic parser is slow every time.
  test("pathological input renders in linear time", () => {
    for (const [name, make] of Object.entries({ ...PATHOLOGICAL, ...PATHOLOGICAL_MATH })) {
      const options = name.startsWith("math: ") ? { math } : {};
      let report = "";
      for (let attempt = 0; attempt < 4; attempt++) {
        const small = best(make(10_000), options);
        const large = best(make(80_000), options);
        report = `${name}: ${small.toFixed(1)} ms for 10 KB, ${large.toFixed(1)} ms for 80 KB`;
        if (large < 500 && large < 32 * small + 10) break;
        report += " (slow four times)";
      }
      assert.ok(!report.endsWith("(slow four times)"), report);
    }
  });
});
