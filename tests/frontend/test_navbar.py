"""Navbar on a served page in Chromium: a bar of links (the main page marked current, an unsafe
URL shown as text only), hidden by a function's ``gr.Navbar(visible=False)``."""

from __future__ import annotations

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)


def test_the_navbar_draws_its_links_and_a_function_hides_it(launch, served_page, bundle) -> None:
    links = [("About Me", "https://x.com/abidlabs"), ("Docs", "docs"), ("Bad", "javascript:alert(1)")]
    with gr.Blocks() as demo:
        navbar = gr.Navbar(value=links, main_page_name="Dashboard")
        gr.Button("Hide Navbar").click(lambda: gr.Navbar(visible=False), outputs=navbar)
    served_page.goto(launch(demo))
    bar = served_page.get_by_role("navigation", name="Pages")
    expect(bar.get_by_role("listitem")).to_have_text(["Dashboard", "About Me", "Docs", "Bad"], timeout=30_000)
    expect(bar.get_by_text("Dashboard")).to_have_attribute("aria-current", "page")
    expect(bar.get_by_role("link", name="About Me")).to_have_attribute("href", "https://x.com/abidlabs")
    expect(bar.get_by_role("link", name="Docs")).to_have_attribute("href", "docs")
    expect(bar.get_by_role("link", name="Bad")).to_have_count(0)  # javascript: is never a link
    served_page.get_by_role("button", name="Hide Navbar").click()
    expect(bar).to_be_hidden(timeout=30_000)
