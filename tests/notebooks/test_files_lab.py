"""Files in a real JupyterLab: a File upload from the notebook's page reaches the kernel's
function, and its File output is downloaded from a blob URL, both over the widget's comm (the
kernel starts no server, the page requests no ``file=`` URL)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from .conftest import UI_TIMEOUT, JupyterServer, NotebookUI
from .test_jupyter_ui import rendered_app

APP = """\
from pathlib import Path
import nbblocks as gr

def shout(path):
    out = Path(path).with_name("shouted.txt")
    out.write_text(Path(path).read_text().upper())
    return str(out)

with gr.Blocks() as demo:
    inp, out = gr.File(label="In"), gr.File(label="Out")
    inp.upload(shout, inp, out)
demo.launch()
"""


def test_a_file_goes_up_and_comes_back_over_the_comm(jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path) -> None:
    requested = notebook_ui.run_in_lab(jupyter, "files", APP, 'print("server:", demo.server)')
    app = rendered_app(notebook_ui, 0)
    app.locator(".nbb-file input[type=file]").first.set_input_files(
        {"name": "words.txt", "mimeType": "text/plain", "buffer": b"hello from the page"}
    )
    link = app.locator(".nbb-file").nth(1).locator(".nbb-file-name")
    expect(link).to_have_text("shouted.txt", timeout=UI_TIMEOUT)
    expect(link).to_have_attribute("href", re.compile("^blob:"), timeout=UI_TIMEOUT)
    text = notebook_ui.page.evaluate("href => fetch(href).then((r) => r.text())", link.get_attribute("href"))
    assert text == "HELLO FROM THE PAGE"
    app.screenshot(path=screenshots / "jupyterlab-files.png")

    expect(notebook_ui.output(1)).to_contain_text("server: None", timeout=UI_TIMEOUT)
    assert not [url for url in requested if "file=" in url or "/upload" in url], requested
