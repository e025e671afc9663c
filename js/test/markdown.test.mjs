// Tests for js/src/markdown.ts. The module is compiled on the fly with the esbuild from js/node_modules
// (or NODE_PATH), so `node --test js/test/` needs no build step.
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
writeFileSync(outFile, esbuild.transformSync(source, { loader: "ts", format: "esm" }).code);
const { renderMarkdown, sanitizeHtml } = await import(pathToFileURL(outFile).href);
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
      '<ul>\n<li><input type="checkbox" disabled=""> todo</li>\n<li><input type="checkbox" disabled="" checked=""> done</li>\n</ul>',
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
    assert.match(md("Intro\n| a |\n| - |\n| 1 |\n\nafter"), /^<p>Intro<\/p>\n<table>[^]*<td>1<\/td>[^]*<\/table>\n<p>after<\/p>$/);
    // Header and delimiter must agree in width, or it is just text.
    assert.equal(md("a | b\n---|---|---"), "<p>a | b\n---|---|---</p>");
  });

  test("raw HTML blocks pass through; markdown resumes after a blank line", () => {
    assert.equal(
      md(lines("<details>", "<summary>More</summary>", "", "Hidden **md**", "", "</details>")),
      "<details>\n<summary>More</summary>\n<p>Hidden <strong>md</strong></p>\n</details>",
    );
    assert.equal(md('<div align="center">\n<img src="x.png" width=100>\n</div>'),
      '<div align="center">\n<img src="x.png" width="100">\n</div>');
    assert.equal(md("<!-- hidden\ncomment -->\ntext"), "\n<p>text</p>");
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
    assert.equal(md('[link](https://x.com/a_b "Title")'),
      '<p><a href="https://x.com/a_b" title="Title" target="_blank" rel="noopener noreferrer">link</a></p>');
    assert.equal(md('![alt text](pic.png "T")'), '<p><img src="pic.png" alt="alt text" title="T"></p>');
    assert.equal(md("[![badge](https://img.shields.io/x.svg)](https://github.com)"),
      '<p><a href="https://github.com" target="_blank" rel="noopener noreferrer"><img src="https://img.shields.io/x.svg" alt="badge"></a></p>');
    assert.equal(md("[**bold** link](https://w.org/wiki/Foo_(bar))"),
      '<p><a href="https://w.org/wiki/Foo_(bar)" target="_blank" rel="noopener noreferrer"><strong>bold</strong> link</a></p>');
    assert.equal(md("[in page](#section)"), '<p><a href="#section">in page</a></p>');
  });

  test("autolinks and bare URLs, trailing punctuation left outside", () => {
    const a = (href, text = href) => `<a href="${href}" target="_blank" rel="noopener noreferrer">${text}</a>`;
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

  test("inline raw HTML passes through, unknown tags are dropped", () => {
    assert.equal(md('Press <kbd>Ctrl</kbd>+C, <span style="color:red">red</span><br>x'),
      '<p>Press <kbd>Ctrl</kbd>+C, <span style="color:red">red</span><br>x</p>');
    assert.equal(md("x<y and List<int> here"), "<p>x&lt;y and List here</p>");
  });

  test("CRLF input and tabs as indentation", () => {
    assert.equal(md("# T\r\n\r\n-\ta\r\n\t- b"), "<h1>T</h1>\n<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul></li>\n</ul>");
  });

  test("sanitize: false keeps raw HTML as written", () => {
    assert.equal(md("<b onclick=x()>b</b> [x](javascript:y)", { sanitize: false }),
      '<p><b onclick=x()>b</b> <a href="javascript:y">x</a></p>');
  });
});

// ---- XSS ----

const BAD_TAGS = /^(script|style|iframe|object|embed|svg|math|form|button|base|meta|link|frame|frameset|noscript|template)$/i;

/** Fail unless every tag in `html` is harmless: no dangerous element, handler, or script URL. */
function assertHarmless(html, payload) {
  const msg = `${payload}\n=> ${html}`;
  // The sanitiser writes every value quoted with < > escaped, so tags are exactly the <...> runs.
  for (const [tag, name, attrs] of html.matchAll(/<\/?([a-z][\w-]*)([^>]*)>/gi)) {
    assert.doesNotMatch(name, BAD_TAGS, msg);
    for (const [, key, value] of attrs.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)) {
      assert.doesNotMatch(key, /^(on|srcdoc$|formaction$|xlink|action$)/i, `${msg}\n(${tag})`);
      if (/^(href|src|poster|action|data)$/i.test(key)) {
        const url = value.replace(/&(?:amp|quot|lt|gt);/g, (e) => ({ "&amp;": "&", "&quot;": '"', "&lt;": "<", "&gt;": ">" })[e]);
        const protocol = new URL(url, "https://notebook.test/").protocol;
        assert.ok(/^(https?|mailto|tel):$/.test(protocol) || /^data:image\//.test(url), `${msg}\n(${protocol})`);
      }
    }
  }
}

const PAYLOADS = [
  "<img src=x onerror=alert(1)>",
  "<IMG SRC=x OnError=alert(1)>",
  "<img src=x onerror=alert(1)",
  "<img/src=x/onerror=alert(1)>",
  "[x](javascript:alert(1))",
  "[x](JAVASCRIPT:alert(1))",
  "[x](javascript&#58;alert(1))",
  "[x](javascript&#x3A;alert(1))",
  "[x](&#106;avascript:alert(1))",
  "[x](javascript&colon;alert(1))",
  "[x](&#0;javascript:alert(1))",
  "![x](javascript:alert(1))",
  '[x](javascript:alert(1) "t")',
  "<javascript:alert(1)>",
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil/x.js></SCRIPT>",
  "<script>alert(1)",
  "x <script>alert(1)</script> y",
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x0A;ascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#x20;javascript:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  "<a href='vbscript:msgbox(1)'>x</a>",
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<img src="data:text/html,<script>alert(1)</script>">',
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<iframe src="https://evil.test"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  "<object data=x.swf></object><embed src=x.swf>",
  "<style>body{display:none}</style>",
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
  '<input autofocus onfocus="alert(1)">',
  '<details open ontoggle="alert(1)">x</details>',
  '<video poster="javascript:alert(1)" src="x" onerror="alert(1)"></video>',
  '<p title="</p><img src=x onerror=alert(1)>">t</p>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  "<!--><img src=x onerror=alert(1)>-->",
  "<!-- --!><img src=x onerror=alert(1)>-->",
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<div style="background:url(javascript:alert(1))">s</div>',
  "**<img src=x onerror=alert(1)>**",
  "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
  "- <a href=javascript:alert(1)>x</a>",
  "> <svg onload=alert(1)>",
  "[<img src=x onerror=alert(1)>](https://ok.test)",
  '<a href="https://ok.test" onclick="alert(1)">x</a>',
];

describe("sanitising", () => {
  for (const payload of PAYLOADS) {
    test(`harmless: ${payload.replace(/\n/g, "\\n")}`, () => {
      assertHarmless(md(payload), payload);
      assertHarmless(md(payload, { lineBreaks: true }), payload);
    });
  }

  test("the checker itself catches an unsafe output", () => {
    assert.throws(() => assertHarmless(md("<img src=x onerror=alert(1)>", { sanitize: false }), ""));
    assert.throws(() => assertHarmless(md("[x](javascript:alert(1))", { sanitize: false }), ""));
  });

  test("allowed markup keeps its safe attributes", () => {
    assert.equal(sanitizeHtml('<img src=x onerror=alert(1)>'), '<img src="x">');
    assert.equal(sanitizeHtml('<A HREF="https://ok.test" target=_self onclick=x>x</A>'),
      '<a href="https://ok.test" target="_blank" rel="noopener noreferrer">x</a>');
    assert.equal(sanitizeHtml('<img src="data:image/png;base64,AAAA" alt=\'a "b"\'>'),
      '<img src="data:image/png;base64,AAAA" alt="a &quot;b&quot;">');
    assert.equal(sanitizeHtml('<script>alert(1)</script>ok<iframe src=x></iframe>'), "ok");
    assert.equal(sanitizeHtml("<style>p{}</style><p>x</p>"), "<p>x</p>");
    assert.equal(sanitizeHtml("a < b <3 <<x>"), "a &lt; b &lt;3 &lt;");
    assert.equal(sanitizeHtml('<a href="/rel?a=1&amp;b=2">r</a>'),
      '<a href="/rel?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">r</a>');
    // A named reference that is not decoded is escaped, so the browser reads it literally.
    assert.equal(sanitizeHtml('<a href="javascript&colon;x">r</a>'),
      '<a href="javascript&amp;colon;x" target="_blank" rel="noopener noreferrer">r</a>');
  });
});

describe("size and speed", () => {
  test("minified + gzip size stays under 4096 bytes", () => {
    const minified = esbuild.transformSync(source, { loader: "ts", format: "esm", minify: true, target: "es2020" }).code;
    const size = gzipSync(minified, { level: 9 }).length;
    console.log(`markdown.ts: ${minified.length} bytes minified, ${size} bytes gzip`);
    assert.ok(size < 4096, `${size} bytes gzip`);
  });

  test("pathological input renders quickly", () => {
    const inputs = ["<a b ".repeat(3000), "*a ".repeat(5000), "`".repeat(5000) + "x", "[".repeat(3000) + "x" + "](".repeat(3000), "- ".repeat(2000) + "x", "> ".repeat(500) + "x", "<!--".repeat(3000), "_a ".repeat(5000), "| a ".repeat(2000) + "\n" + "|-".repeat(2000)];
    for (const input of inputs) {
      const start = performance.now();
      md(input);
      assert.ok(performance.now() - start < 1000, `${input.slice(0, 20)}... took ${performance.now() - start} ms`);
    }
  });
});
