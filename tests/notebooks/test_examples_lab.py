"""`gr.Examples` in a real JupyterLab: a click on an example row fills the inputs (through the
kernel, over the widget's comm), and an image example's thumbnail comes over the comm too."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from .conftest import UI_TIMEOUT, JupyterServer, NotebookUI
from .test_jupyter_ui import rendered_app

APP = """
from PIL import Image
import nbblocks as gr
Image.new("RGB", (12, 8), "orange").save("orange.png")
with gr.Blocks() as demo:
    word, times = gr.Textbox(label="Word"), gr.Number(label="Times")
    gr.Examples([["hi", 2], ["yo", 3]] + [[f"w{i}", i] for i in range(10)], [word, times])  # two pages
    picture = gr.Image(label="Picture")
    gr.Examples(["orange.png"], picture, label="Pictures")
demo.launch()
"""


def test_a_click_on_an_example_row_fills_the_inputs_in_jupyterlab(
    jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path
) -> None:
    notebook_ui.run_in_lab(jupyter, "examples", APP)
    app = rendered_app(notebook_ui, 0)
    rows = app.locator(".nbb-dataset tr.nbb-dataset-sample")
    expect(rows).to_have_count(10, timeout=UI_TIMEOUT)
    rows.nth(1).click()
    expect(app.get_by_label("Word")).to_have_value("yo", timeout=UI_TIMEOUT)
    expect(app.get_by_label("Times")).to_have_value("3", timeout=UI_TIMEOUT)
    app.get_by_role("navigation", name="Pages").get_by_role("button", name="2").click()
    expect(rows).to_have_count(2, timeout=UI_TIMEOUT)
    rows.nth(1).click()
    expect(app.get_by_label("Word")).to_have_value("w9", timeout=UI_TIMEOUT)
    app.locator(".nbb-dataset img.nbb-dataset-thumb").scroll_into_view_if_needed(timeout=UI_TIMEOUT)  # loading="lazy"
    loaded = "s => { const img = document.querySelector(s); return img && img.complete && img.naturalWidth === 12; }"
    notebook_ui.page.wait_for_function(loaded, arg=".nbb-dataset img.nbb-dataset-thumb", timeout=UI_TIMEOUT)
    app.screenshot(path=screenshots / "jupyterlab-examples.png")
