"""``@gr.render`` in a real JupyterLab: a slider set to N shows N textboxes, drawn from what the
kernel rebuilt and sent over the widget's comm (no server), and a value typed into a keyed box
survives the next re-render."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from .conftest import JupyterServer, NotebookUI
from .test_jupyter_ui import rendered_app

WAIT_MS = 30_000  # a busy machine

APP = """
import nbblocks as gr
with gr.Blocks() as demo:
    count = gr.Slider(0, 10, step=1, value=2, label="How many")

    @gr.render(inputs=count)
    def boxes(n):
        for i in range(int(n)):
            gr.Textbox(label=f"box {i}", key=i)

demo.launch()
"""


def test_a_slider_set_to_n_shows_n_textboxes_in_jupyterlab(
    jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path
) -> None:
    requested = notebook_ui.run_in_lab(jupyter, "render", APP)
    app = rendered_app(notebook_ui, 0)
    boxes = app.locator(".nbb-textbox")
    expect(boxes).to_have_count(2, timeout=WAIT_MS)
    app.locator(".nbb-slider-number").fill("5")
    expect(boxes).to_have_count(5, timeout=WAIT_MS)
    app.get_by_label("box 3").fill("typed in lab")
    app.locator(".nbb-slider-number").fill("6")
    expect(boxes).to_have_count(6, timeout=WAIT_MS)
    expect(app.get_by_label("box 3")).to_have_value("typed in lab")
    app.screenshot(path=screenshots / "jupyterlab-render.png")
    elsewhere = [url for url in requested if url.startswith("http") and not url.startswith(jupyter.base_url)]
    assert elsewhere == []  # no server started by the kernel: the boxes came over the comm
