"""LaTeX in Markdown through ``latex_delimiters``, in Chromium: math is typeset by KaTeX with its own
fonts, served and in a notebook (the katex chunk and its fonts over the comm, no server); the
chunk is asked for only when a text holds a delimiter; LaTeX cannot smuggle a link or a class
into the page."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)

MATH = "Set: $\\{x^2 * y * z\\}$, and\n\n$$\\int_0^1 f(t)\\,dt$$"
DOLLARS = [{"left": "$$", "right": "$$", "display": True}, {"left": "$", "right": "$", "display": False}]
# A KaTeX font loaded from the chunk's CSS (a family nothing else on the page provides).
FONTS_LOADED = """() => document.fonts.check("16px KaTeX_Main") && document.fonts.check("16px KaTeX_Math")
  && [...document.fonts].some((face) => face.family === "KaTeX_Main" && face.status === "loaded")"""


def chunk_requests(page: Any) -> list[str]:
    """The URLs of the lazy chunks `page` asks for from now on."""
    asked: list[str] = []
    page.on("request", lambda request: "/static/chunks/" in request.url and asked.append(request.url))
    return asked


def assert_typeset(prose: Any) -> None:
    """`prose` (showing `MATH`) has the inline set and the displayed integral drawn by KaTeX in its
    fonts, their source reaching KaTeX as typed (no markdown escape or emphasis taken inside)."""
    expect(prose.locator(".katex")).to_have_count(2)
    expect(prose.locator(".katex-display .katex-html")).to_contain_text("∫")
    sources = prose.locator(".katex-mathml annotation")
    expect(sources).to_have_text([r"\{x^2 * y * z\}", r"\int_0^1 f(t)\,dt"])
    for paragraph in (0, 1):
        expect(prose.locator("p").nth(paragraph)).not_to_contain_text("$")
    prose.page.wait_for_function(FONTS_LOADED)


def test_math_between_the_delimiters_is_typeset_by_katex_in_its_own_fonts(launch, served_page) -> None:
    with gr.Blocks() as demo:
        gr.Markdown(MATH + "\n\n`$kept$` in code", latex_delimiters=DOLLARS)
    asked = chunk_requests(served_page)
    served_page.goto(launch(demo))
    prose = served_page.locator(".nbb-prose")
    assert_typeset(prose)
    expect(prose.locator("code")).to_have_text("$kept$")  # code is never math
    assert [url.rsplit("/", 1)[1] for url in asked] == ["katex.js"]


def test_an_app_without_math_asks_for_no_katex_chunk_until_math_arrives(launch, served_page) -> None:
    with gr.Blocks() as demo:
        md = gr.Markdown("Costs 5 dollars, no math here")
        gr.Button("Explain").click(lambda: "Energy: $$E = mc^2$$", None, md)
    asked = chunk_requests(served_page)
    served_page.goto(launch(demo))
    expect(served_page.locator(".nbb-prose")).to_have_text("Costs 5 dollars, no math here")
    served_page.wait_for_load_state("networkidle")
    assert asked == []
    served_page.get_by_role("button", name="Explain").click()
    expect(served_page.locator(".nbb-prose .katex-display")).to_have_count(1)
    assert [url.rsplit("/", 1)[1] for url in asked] == ["katex.js"]


def test_latex_cannot_put_a_link_a_class_or_an_image_in_the_page(launch, served_page) -> None:
    attacks = [
        r"\href{javascript:alert(1)}{click}",
        r"\url{javascript:alert(1)}",
        r"\htmlClass{nbb-toast}{x}",
        r"\htmlId{app}{x}",
        r"\htmlStyle{position:fixed;inset:0}{x}",
        r"\htmlData{foo=bar}{x}",
        r"\includegraphics{https://example.invalid/x.png}",
    ]
    with gr.Blocks() as demo:
        gr.Markdown("\n\n".join(f"${attack}$" for attack in attacks), latex_delimiters=DOLLARS)
    served_page.goto(launch(demo))
    prose = served_page.locator(".nbb-prose")
    expect(prose.locator(".katex")).to_have_count(len(attacks))  # each one typeset (as an error), none run
    assert prose.locator("a, img, [id], [data-foo], [class*=nbb-]").count() == 0
    assert served_page.evaluate("[...document.querySelectorAll('[href^=javascript], [style*=fixed]')].length") == 0


def test_math_in_a_notebook_gets_katex_and_its_fonts_over_the_comm(notebook_page, page) -> None:
    with gr.Blocks() as demo:
        gr.Markdown(MATH, latex_delimiters=DOLLARS)
    asked = chunk_requests(page)
    notebook_page(demo)
    assert_typeset(page.locator("#notebook .nbb-prose"))
    assert asked == []  # no HTTP: the chunk, fonts inside, came over the widget's comm
    demo.close()
