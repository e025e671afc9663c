"""LaTeX in a Markdown in a real JupyterLab: the katex chunk, and the fonts inside its CSS, come
over the widget's comm (no server is started by the kernel, no chunk or font URL is requested)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from ..frontend.test_latex import FONTS_LOADED
from .conftest import UI_TIMEOUT, JupyterServer, NotebookUI
from .test_jupyter_ui import rendered_app

APP = r"""
import nbblocks as gr
with gr.Blocks() as demo:
    gr.Markdown("Energy: $$E = mc^2$$")
demo.launch()
"""


def test_math_is_typeset_in_jupyterlab_with_katex_and_its_fonts_over_the_comm(
    jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path
) -> None:
    requested = notebook_ui.run_in_lab(jupyter, "latex", APP)
    app = rendered_app(notebook_ui, 0)
    expect(app.locator(".nbb-prose .katex-display .katex-mathml annotation")).to_have_text("E = mc^2", timeout=UI_TIMEOUT)
    notebook_ui.page.wait_for_function(FONTS_LOADED, timeout=UI_TIMEOUT)
    app.screenshot(path=screenshots / "jupyterlab-latex.png")
    assert not [url for url in requested if "/static/chunks/" in url or "katex" in url.lower()], requested
