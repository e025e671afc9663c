"""Walkthrough on a served page in Chromium: its steps drawn numbered, one shown at a time, a
function's ``gr.Walkthrough(selected=)`` moving to the next step and a click on a step going back."""

from __future__ import annotations

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)


def test_a_function_moves_the_walkthrough_to_the_next_step(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        with gr.Walkthrough(selected=0) as walkthrough:
            with gr.Step("Image", id=0):
                gr.Textbox("first", label="One")
                go = gr.Button("go to prompt")
                go.click(lambda: gr.Walkthrough(selected=1), outputs=walkthrough)
            with gr.Step("Prompt", id=1):
                gr.Textbox("second", label="Two")
    served_page.goto(launch(demo))
    steps = served_page.get_by_role("tab")
    expect(steps).to_have_text(["Image", "Prompt"], timeout=30_000)
    numbers = steps.evaluate_all("nodes => nodes.map((n) => getComputedStyle(n, '::before').content)")
    assert numbers == ["counter(nbb-step)"] * 2  # drawn as numbered steps (a Tab's button has none)
    expect(served_page.get_by_label("One")).to_be_visible()
    expect(served_page.get_by_label("Two")).to_be_hidden()
    served_page.get_by_role("button", name="go to prompt").click()
    expect(served_page.get_by_label("Two")).to_be_visible(timeout=30_000)
    expect(served_page.get_by_role("tab", name="Prompt")).to_have_attribute("aria-selected", "true")
    served_page.get_by_role("tab", name="Image").click()
    expect(served_page.get_by_label("One")).to_be_visible()
