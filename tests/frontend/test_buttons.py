"""Gradio's special buttons on a served page: DeepLinkButton copies the page's link."""

from __future__ import annotations

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)

WAIT = 30_000  # ms: the machine is shared


def test_deep_link_button_copies_the_page_url_says_so_then_runs_its_listeners(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        share = gr.DeepLinkButton("Share", copied_value="Link is yours")
        out = gr.Textbox()
        share.click(lambda: "clicked", None, out)
    served_page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    served_page.goto(launch(demo))
    button = served_page.get_by_role("button", name="Share")
    button.click(timeout=WAIT)
    expect(served_page.get_by_role("button", name="Link is yours")).to_be_visible(timeout=WAIT)
    assert served_page.evaluate("navigator.clipboard.readText()") == served_page.url
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("clicked", timeout=WAIT)
    expect(button).to_be_visible(timeout=WAIT)  # its own text back after a moment
