"""A component whose value is a function with ``every=1``, in a real JupyterLab: the kernel
recomputes it each second and the new values reach the widget over its comm (no server)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from .conftest import JupyterServer, NotebookUI
from .test_jupyter_ui import rendered_app

WAIT_MS = 30_000  # a busy machine: a repeat a second apart may come late

APP = """
import itertools
import nbblocks as gr
ticks = itertools.count(1)
with gr.Blocks() as demo:
    gr.Textbox(value=lambda: f"tick {next(ticks)}", every=1, label="Clock")
demo.launch()
"""


def test_a_value_function_with_every_updates_in_jupyterlab(
    jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path
) -> None:
    requested = notebook_ui.run_in_lab(jupyter, "every", APP)
    clock = rendered_app(notebook_ui, 0).get_by_label("Clock")
    expect(clock).to_have_value(re.compile(r"tick \d+"), timeout=WAIT_MS)
    seen = int(clock.input_value().split()[1])
    expect(clock).to_have_value(re.compile(rf"tick (?!{seen}$)\d+"), timeout=WAIT_MS)
    later = int(clock.input_value().split()[1])
    assert later > seen
    expect(clock).to_have_value(re.compile(rf"tick (?!{later}$)\d+"), timeout=WAIT_MS)
    clock.screenshot(path=screenshots / "jupyterlab-every.png")
    elsewhere = [url for url in requested if url.startswith("http") and not url.startswith(jupyter.base_url)]
    assert elsewhere == []  # no server started by the kernel: the values came over the comm
