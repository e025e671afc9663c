"""gr.Interface in a real JupyterLab: made from string shortcuts, it runs in the kernel on Submit,
and a Flag click writes its row to the CSV beside the notebook."""

from __future__ import annotations

import csv
from pathlib import Path

from playwright.sync_api import expect

from ..server.wire import wait_for
from .conftest import UI_TIMEOUT, JupyterServer, NotebookUI
from .test_jupyter_ui import rendered_app

APP = """\
import nbblocks as gr
demo = gr.Interface(lambda name, times: f"Hi {name}" + "!" * int(times), ["text", "number"], "text",
                    title="Greeter", flagging_dir="flagged-interface")
demo.launch()
"""


def rows(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    with open(log, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_an_interface_runs_and_flags_in_jupyterlab(jupyter: JupyterServer, notebook_ui: NotebookUI) -> None:
    notebook_ui.run_in_lab(jupyter, "interface", APP)
    app = rendered_app(notebook_ui, 0)
    expect(app.get_by_role("heading", name="Greeter")).to_be_visible(timeout=UI_TIMEOUT)
    app.get_by_label("name").fill("Ada")
    app.get_by_label("times").fill("2")
    app.get_by_role("button", name="Submit").click()
    expect(app.get_by_label("output")).to_have_value("Hi Ada!!", timeout=UI_TIMEOUT)
    app.get_by_role("button", name="Flag").click()
    log = jupyter.root / "flagged-interface" / "log.csv"  # the kernel runs beside its notebook
    wait_for(lambda: len(rows(log)) == 2, timeout=UI_TIMEOUT / 1000, what="the flag's row in the CSV")
    header, row = rows(log)
    assert header == ["name", "times", "output", "flag", "username", "timestamp"]
    assert row[:4] == ["Ada", "2", "Hi Ada!!", ""]
