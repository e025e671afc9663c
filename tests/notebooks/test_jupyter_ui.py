"""The example notebooks in a real JupyterLab and Notebook 7, as a user runs them.

The server (see conftest.py) serves a temporary copy of notebooks/; each test opens a notebook in
headless Chromium, runs all cells from the Run menu and uses the rendered app. Apps render inside the
notebook's own DOM (never an iframe), so Playwright reaches their inputs directly.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import UI_TIMEOUT, JupyterServer, NotebookUI

NAME_PLACEHOLDER = "What is your name?"
EVENT_TIMEOUT = 20_000  # ms for one event's round trip through the kernel, generous for 2 busy CI cores


def rendered_app(ui: NotebookUI, code_cell: int) -> Any:
    """The nbblocks app displayed by a code cell, once it is on screen."""
    output = ui.output(code_cell)
    app = output.locator(".nbb-app")
    expect(app).to_be_visible(timeout=UI_TIMEOUT)
    expect(output.locator("iframe")).to_have_count(0)
    return app


def check_hello(ui: NotebookUI, screenshot: Path) -> None:
    """hello.ipynb: type a name, click Run, read the greeting."""
    ui.run_all()
    app = rendered_app(ui, 0)
    app.get_by_placeholder(NAME_PLACEHOLDER).press_sequentially("Ada")
    app.get_by_role("button", name="Run", exact=True).click()
    expect(app.get_by_role("textbox").nth(1)).to_have_value("Welcome to Gradio, Ada!", timeout=EVENT_TIMEOUT)
    ui.page.screenshot(path=screenshot)


def test_hello_in_jupyterlab(jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path) -> None:
    notebook_ui.open(jupyter.lab_url("hello.ipynb", workspace="hello"))
    check_hello(notebook_ui, screenshots / "jupyterlab-hello.png")


@pytest.mark.skipif(importlib.util.find_spec("notebook") is None, reason="Notebook 7 is not installed")
def test_hello_in_notebook7(jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path) -> None:
    notebook_ui.open(jupyter.notebook7_url("hello.ipynb"))
    check_hello(notebook_ui, screenshots / "notebook7-hello.png")


def test_welcome_in_jupyterlab(jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path) -> None:
    ui = notebook_ui
    ui.open(jupyter.lab_url("welcome.ipynb", workspace="welcome"))
    ui.run_all()
    app = rendered_app(ui, 0)

    # The last cell, `out.label = "Result"`, relabels the output textbox of the rendered app.
    expect(app.get_by_label("Result", exact=True)).to_be_visible(timeout=UI_TIMEOUT)

    # `inp.change` answers every keystroke.
    name, greeting = app.get_by_placeholder(NAME_PLACEHOLDER), app.get_by_role("textbox").nth(1)
    for typed in ("B", "Bo", "Bob"):
        name.press_sequentially(typed[-1])
        expect(greeting).to_have_value(f"Welcome to Gradio, {typed}!", timeout=EVENT_TIMEOUT)
    ui.page.screenshot(path=screenshots / "jupyterlab-welcome.png")

    # `demo` as a cell's last expression: a second live view of the same app.
    second = rendered_app(ui, 1)
    expect(second.get_by_placeholder(NAME_PLACEHOLDER)).to_be_visible(timeout=EVENT_TIMEOUT)
    expect(second.get_by_label("Result", exact=True)).to_be_visible(timeout=EVENT_TIMEOUT)
    second.screenshot(path=screenshots / "jupyterlab-welcome-second-view.png")

    # A lone component renders too, with its value.
    lone = rendered_app(ui, 2)
    expect(lone.get_by_role("textbox")).to_have_value("hi", timeout=EVENT_TIMEOUT)
    lone.screenshot(path=screenshots / "jupyterlab-welcome-lone-textbox.png")


def test_debug_shows_the_apps_errors_below_it_in_jupyterlab(
    jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path
) -> None:
    """``launch(debug=True)``: a click whose function raises shows the error with its traceback in
    the launching cell's output area, under the app, which keeps answering."""
    import nbformat

    from .test_kernel_errors import APP

    cell = nbformat.v4.new_code_cell(APP + "demo.launch(debug=True)")
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(
        nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": kernelspec}), jupyter.root / "debug_errors.ipynb"
    )
    ui = notebook_ui
    ui.open(jupyter.lab_url("debug_errors.ipynb", workspace="debug-errors"))
    ui.run_all()
    app = rendered_app(ui, 0)
    app.get_by_role("textbox").press_sequentially("42")
    app.get_by_role("button", name="go", exact=True).click()
    output = ui.output(0)
    expect(output).to_contain_text("ValueError: the secret reason 42", timeout=EVENT_TIMEOUT)
    expect(output).to_contain_text("Traceback (most recent call last)")
    app.get_by_role("textbox").press_sequentially("3")  # the app still runs its events: another error
    app.get_by_role("button", name="go", exact=True).click()
    expect(output).to_contain_text("ValueError: the secret reason 423", timeout=EVENT_TIMEOUT)
    ui.page.screenshot(path=screenshots / "jupyterlab-debug-errors.png")
