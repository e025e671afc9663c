"""gr.BrowserState in Chromium: a value a function sets outlives the session, kept in the browser's
localStorage and handed to the load listener that reads it on the next visit."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

import nbblocks as gr

from .conftest import UI_TIMEOUT_MS


def remembered_name_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        saved = gr.BrowserState("nobody", storage_key="remembered-name")
        name = gr.Textbox(label="Name")
        gr.Button("Remember").click(lambda typed: typed, name, saved)
        demo.load(lambda kept: kept, saved, gr.Textbox(label="Remembered"))
    return demo


def test_a_value_set_by_a_function_is_there_on_the_next_visit(launch, served_page: Any) -> None:
    url = launch(remembered_name_app())
    served_page.goto(url)
    expect(served_page.get_by_label("Remembered")).to_have_value("nobody")  # the default: nothing kept
    served_page.get_by_label("Name").fill("Ada")
    served_page.get_by_role("button", name="Remember").click()
    served_page.wait_for_function("localStorage.getItem('remembered-name') === '\"Ada\"'")
    visit = served_page.context.new_page()  # a new tab: a new session, the same browser's storage
    visit.set_default_timeout(UI_TIMEOUT_MS)
    visit.goto(url)
    expect(visit.get_by_label("Remembered")).to_have_value("Ada")
