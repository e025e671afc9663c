"""Dialogue on a served page in Chromium: lines edited (speaker menu, text, added, removed) reach
the function on Enter as Gradio's formatted text, and a read-only dialogue shows each speaker's tag
in its colour."""

from __future__ import annotations

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)
from .test_image import text_output


def test_edited_lines_reach_the_function_on_enter(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        script = gr.Dialogue([{"speaker": "Ann", "text": "Hi"}], speakers=["Ann", "Bob"], interactive=True)
        said = gr.Textbox(label="Said")
        script.submit(lambda text: text, script, said)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Add line").click()
    expect(served_page.get_by_label("Speaker of line 2")).to_have_value("Bob")  # the next speaker's turn
    served_page.get_by_label("Line 2", exact=True).fill("Hello")
    served_page.get_by_role("button", name="Add line").click()
    served_page.get_by_role("button", name="Remove line 3").click()
    served_page.get_by_label("Speaker of line 1").select_option("Bob")
    served_page.get_by_label("Line 2", exact=True).press("Enter")
    expect(text_output(served_page)).to_have_value("[Bob] Hi\n[Bob] Hello")


def test_a_read_only_dialogue_shows_each_speaker_in_its_colour(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        gr.Dialogue("[Ann] Hi\n[Bob] Hello", speakers=["Ann", "Bob"], color_map={"Bob": "rgb(255, 0, 0)"}, interactive=False)
    served_page.goto(launch(demo))
    tags = served_page.locator(".nbb-dialogue-tag")
    expect(tags).to_have_text(["Ann", "Bob"])
    expect(tags.nth(1)).to_have_css("background-color", "rgb(255, 0, 0)")
    expect(served_page.locator(".nbb-dialogue-line").nth(1)).to_contain_text("Hello")
