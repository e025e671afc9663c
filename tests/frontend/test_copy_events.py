"""Gradio 5's ``copy`` event of Markdown and Textbox in Chromium (demo copy_events): a click on
the copy button that ``buttons=["copy"]`` draws fires it, with the copied text as `CopyData`."""

from __future__ import annotations

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)

WAIT = 30_000  # ms: the machine is shared


def test_markdown_and_textbox_copy_buttons_fire_copy_with_their_text(launch, served_page, bundle) -> None:
    def copied(data: gr.CopyData) -> str:
        return data.value

    with gr.Blocks() as demo:
        out = gr.Textbox(label="Copied text")
        markdown = gr.Markdown("This is **bold** text.", buttons=["copy"], elem_id="md")
        box = gr.Textbox("Write something here", interactive=True, buttons=["copy"], elem_id="box")
        gr.on([markdown.copy, box.copy], copied, outputs=out)
    served_page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    served_page.goto(launch(demo))
    served_page.locator("#md").get_by_role("button", name="Copy").click(timeout=WAIT)
    expect(served_page.get_by_label("Copied text")).to_have_value("This is **bold** text.", timeout=WAIT)
    served_page.locator("#box").get_by_label("Copy").click(timeout=WAIT)
    expect(served_page.get_by_label("Copied text")).to_have_value("Write something here", timeout=WAIT)
