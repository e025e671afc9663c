"""What a notebook user sees of errors, in a real kernel run by nbclient: ``launch(debug=True)``
shows each error of the app's events, with its traceback, in the output area of the launching
cell while the kernel stays free to run the next cells; without ``debug`` nothing is shown there
(Python's logging still writes errors to the kernel's stderr, shown in whichever cell runs); a
missing widget library is one line saying what to install."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest

from .test_execution import execute, text_of

APP = """
import nbblocks as gr

def fail(text):
    raise ValueError(f"the secret reason {text}")

with gr.Blocks() as demo:
    box = gr.Textbox()
    go = gr.Button("go")
    go.click(fail, box, box, api_name="fail")
"""
# what the front end sends when the user types 42 and clicks: through the widget's comm, as a
# message from JupyterLab arrives; then wait until the event has run on the queue's worker
CLICK_IN_THE_WIDGET = """
from nbblocks.notebook import widget_for

def from_front_end(content):
    widget_for(demo).comm.handle_msg({"content": {"data": {"method": "custom", "content": content}}, "buffers": []})

from_front_end({"type": "value", "id": box._id, "value": "42"})
from_front_end({"type": "trigger", "id": go._id, "event": "click", "data": None})
assert demo.event_queue().join(timeout=30)
"""
# the served app's API, as a visitor's page or gradio_client calls it
CALL_THE_API = """
from gradio_client import Client

try:
    Client(local_url, verbose=False).predict("42", api_name="/fail")
except Exception as exc:
    print(type(exc).__name__)
assert demo.event_queue().join(timeout=30)
"""


def run_cells(cwd: Path, *sources: str, raises: bool = False) -> list[Any]:
    """Run ``sources`` as the cells of a new notebook; ``raises``: the last cell may fail."""
    cells = [nbformat.v4.new_code_cell(source) for source in sources]
    if raises:
        cells[-1].metadata["tags"] = ["raises-exception"]
    notebook = nbformat.v4.new_notebook(cells=cells)
    execute(notebook, cwd)
    return notebook.cells


@pytest.mark.parametrize(
    ("launch", "trigger"),
    [
        ("demo.launch(debug=True)", CLICK_IN_THE_WIDGET),
        ("_, local_url, _ = demo.launch(inline=False, debug=True)", CALL_THE_API),  # served: no blocking either
    ],
    ids=["inline", "served"],
)
def test_debug_shows_each_error_with_its_traceback_below_the_launching_cell(
    launch: str, trigger: str, tmp_path: Path, isolated_jupyter: dict[str, str]
) -> None:
    launched, triggered, again = run_cells(tmp_path, APP + launch, trigger, trigger.replace('"42"', '"43"'))
    shown = text_of(launched)
    assert "Traceback (most recent call last)" in shown
    assert "ValueError: the secret reason 42" in shown and "ValueError: the secret reason 43" in shown
    assert "Traceback" not in text_of(triggered) + text_of(again)  # not in the cells that were running


def test_a_launch_without_debug_shows_no_errors_below_it(tmp_path: Path, isolated_jupyter: dict[str, str]) -> None:
    """Relaunched without ``debug``, the app's errors go neither below the new cell nor the old."""
    debugged, first, relaunched, second = run_cells(
        tmp_path,
        APP + "demo.launch(debug=True)",
        CLICK_IN_THE_WIDGET,
        "demo.launch()",
        CLICK_IN_THE_WIDGET.replace('"42"', '"43"'),
    )
    assert "ValueError: the secret reason 42" in text_of(debugged)
    assert "the secret reason 43" not in text_of(debugged) + text_of(relaunched)


def test_a_missing_widget_library_is_one_line_saying_what_to_install(tmp_path: Path, isolated_jupyter: dict[str, str]) -> None:
    (launched,) = run_cells(
        tmp_path, 'import sys\nsys.modules["anywidget"] = None  # as if not installed\n' + APP + "demo.launch()", raises=True
    )
    (error,) = [output for output in launched.outputs if output["output_type"] == "error"]
    assert error["traceback"] == [
        "MissingDependency: Displaying an app in a notebook needs anywidget, which is not installed: "
        "pip install anywidget ipywidgets"
    ]
