"""Navbar in Chromium: a bar of links (the page shown marked current, an unsafe URL shown as text
only), hidden by a function's ``gr.Navbar(visible=False)``; a multipage app's pages, served at
their URLs and shown in place in a notebook."""

from __future__ import annotations

import pytest
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


def multipage_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.Textbox(label="Name")
    with demo.route("Up") as up:
        count = gr.Number(label="Count")
        up.load(lambda: 10, None, count)
        gr.Button("Increase").click(lambda n: n + 1, count, count)
    with demo.route("Secret", show_in_navbar=False):
        gr.Navbar(value=[("Docs", "https://www.gradio.app")], main_page_name="Back home")
        gr.Markdown("The hidden page")
    return demo


def test_a_served_multipage_app_links_its_pages(launch, served_page, bundle) -> None:
    import urllib.error
    import urllib.request

    url = launch(multipage_app())
    served_page.goto(url)
    bar = served_page.get_by_role("navigation", name="Pages")
    expect(bar.get_by_role("listitem")).to_have_text(["Home", "Up"], timeout=30_000)  # Secret stays out of the bar
    expect(bar.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")
    expect(served_page.get_by_label("Name")).to_be_visible()
    bar.get_by_role("link", name="Up").click()
    served_page.wait_for_url(url + "up")
    count = served_page.get_by_label("Count")
    expect(count).to_have_value("10", timeout=30_000)  # the page's own load listener ran
    expect(served_page.get_by_label("Name")).to_have_count(0)
    served_page.get_by_role("button", name="Increase").click()
    expect(count).to_have_value("11", timeout=30_000)
    served_page.go_back()
    expect(served_page.get_by_label("Name")).to_be_visible(timeout=30_000)
    served_page.goto(url + "secret")  # not in the bar, still at its URL, with its own bar
    expect(served_page.get_by_text("The hidden page")).to_be_visible(timeout=30_000)
    expect(bar.get_by_role("listitem")).to_have_text(["Back home", "Up", "Docs"])
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url + "nowhere", timeout=10)
    refused.value.close()
    assert refused.value.code == 404


def test_a_notebook_shows_another_page_in_place(notebook_page, page) -> None:
    notebook_page(multipage_app())
    notebook_url = page.url
    bar = page.get_by_role("navigation", name="Pages")
    expect(bar.get_by_role("listitem")).to_have_text(["Home", "Up"])
    expect(page.get_by_label("Name")).to_be_visible()
    bar.get_by_role("link", name="Up").click()
    expect(page.get_by_label("Count")).to_have_value("10")
    expect(page.get_by_label("Name")).to_have_count(0)
    expect(bar.get_by_role("link", name="Up")).to_have_attribute("aria-current", "page")
    assert page.url == notebook_url  # the notebook's page did not navigate
    bar.get_by_role("link", name="Home").click()
    expect(page.get_by_label("Name")).to_be_visible()
