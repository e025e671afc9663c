"""Dataframe in a real JupyterLab: a 100,000-row frame drawn from its first rows, the rest asked
for over the widget's comm as the user scrolls, and a cell edited with the keyboard read by the
kernel's function with the whole table; a header click sorts the whole frame."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from .conftest import UI_TIMEOUT, JupyterServer, NotebookUI
from .test_jupyter_ui import rendered_app

APP = """\
import nbblocks as gr
with gr.Blocks() as demo:
    table = gr.Dataframe([[i, f"name {i}"] for i in range(100_000)], headers=["i", "name"], type="array",
                         interactive=True)
    seen = gr.Textbox(label="Seen")
    table.input(lambda rows: f"{len(rows)} rows, the last {rows[-1]}", table, seen)
demo.launch()
"""


def test_a_long_frame_scrolls_and_an_edit_reaches_the_kernel_in_jupyterlab(
    jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path
) -> None:
    notebook_ui.run_in_lab(jupyter, "dataframe", APP)
    app = rendered_app(notebook_ui, 0)
    names = app.locator("[role=grid] td[aria-colindex='2']")
    expect(names.first).to_have_text("name 0", timeout=UI_TIMEOUT)
    app.locator(".nbb-dataframe-scroll").evaluate("el => { el.scrollTop = el.scrollHeight; }")
    expect(names.last).to_have_text("name 99999", timeout=UI_TIMEOUT)  # asked for over the comm
    assert app.locator("[role=grid] tbody tr[role=row]").count() <= 60
    names.last.click()
    notebook_ui.page.keyboard.type("last")
    notebook_ui.page.keyboard.press("Enter")
    expect(app.get_by_label("Seen")).to_have_value("100000 rows, the last [99999, 'last']", timeout=UI_TIMEOUT)
    header = app.get_by_role("columnheader", name="i")
    header.click()
    header.click()  # descending: Python sorts the whole frame, the page asks for the rows in sight
    app.locator(".nbb-dataframe-scroll").evaluate("el => { el.scrollTop = 0; }")
    expect(names.first).to_have_text("last", timeout=UI_TIMEOUT)
    expect(names.nth(1)).to_have_text("name 99998", timeout=UI_TIMEOUT)
    app.screenshot(path=screenshots / "jupyterlab-dataframe.png")
