"""Audio in a real JupyterLab: an Audio output made in the kernel from numpy samples plays in the
notebook with its waveform, the "av" chunk and the WAV's bytes both over the widget's comm (no
server is started by the kernel, no chunk or file URL is requested)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from .conftest import UI_TIMEOUT, JupyterServer, NotebookUI
from .test_jupyter_ui import rendered_app

APP = """\
import numpy as np
import nbblocks as gr
rate = 8000
samples = (np.sin(2 * np.pi * 440 * np.arange(2 * rate) / rate) * 12000).astype(np.int16)
with gr.Blocks() as demo:
    gr.Audio((rate, samples), label="Tone", interactive=False)
demo.launch()
"""


def test_an_audio_output_plays_in_jupyterlab_with_its_bytes_over_the_comm(
    jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path
) -> None:
    requested = notebook_ui.run_in_lab(jupyter, "audio", APP, 'print("server:", demo.server)')
    app = rendered_app(notebook_ui, 0)
    player = app.locator(".nbb-audio audio")
    expect(player).to_have_attribute("src", re.compile("^blob:"), timeout=UI_TIMEOUT)
    notebook_ui.page.wait_for_function("el => el.readyState >= 1 && el.duration > 0", arg=player.element_handle())
    assert abs(player.evaluate("el => el.duration") - 2.0) < 0.01
    notebook_ui.page.wait_for_function(
        "c => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v) => v > 0)",
        arg=app.locator(".nbb-av-wave").element_handle(),
    )  # the waveform, decoded from the bytes that came over the comm
    app.screenshot(path=screenshots / "jupyterlab-audio.png")

    expect(notebook_ui.output(1)).to_contain_text("server: None", timeout=UI_TIMEOUT)
    assert not [url for url in requested if "/static/chunks/" in url or "file=" in url], requested
