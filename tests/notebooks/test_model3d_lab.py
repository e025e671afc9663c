"""Model3D in a real JupyterLab: the viewer's chunk and the model's bytes both come over the
widget's comm (no server is started by the kernel, no URL of a server is requested)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from ..model3d_files import wait_for_paint, write_model
from .conftest import UI_TIMEOUT, JupyterServer, NotebookUI
from .test_jupyter_ui import rendered_app

APP = """\
import nbblocks as gr
with gr.Blocks() as demo:
    gr.Model3D("triangle.glb", label="Triangle", clear_color=(0, 0, 0, 1), interactive=False)
demo.launch()
"""
BLACK = (0, 0, 0)


def test_a_model3d_renders_in_jupyterlab_with_its_chunk_over_the_comm(
    jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path
) -> None:
    write_model(jupyter.root, "glb")  # beside the notebook: the kernel's working directory
    requested = notebook_ui.run_in_lab(jupyter, "model3d", APP, 'print("server:", demo.server)')
    app = rendered_app(notebook_ui, 0)
    canvas = app.locator(".nbb-model3d-stage canvas")
    expect(canvas).to_be_visible(timeout=UI_TIMEOUT)
    wait_for_paint(canvas, BLACK)
    expect(app.locator(".nbb-model3d-note")).to_be_hidden()
    app.screenshot(path=screenshots / "jupyterlab-model3d.png")

    expect(notebook_ui.output(1)).to_contain_text("server: None", timeout=UI_TIMEOUT)
    assert not [url for url in requested if "/static/chunks/" in url or "file=" in url], requested
