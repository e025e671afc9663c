"""Every notebook in notebooks/ runs top to bottom in a fresh `python3` kernel (nbclient, no browser)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import NOTEBOOKS

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))

# Widget views each code cell displays (by index among code cells), for every notebook.
EXPECTED_VIEWS = {
    "hello.ipynb": [1],  # demo.launch()
    "welcome.ipynb": [1, 1, 1, 0],  # demo.launch(); demo; gr.Textbox(value="hi"); out.label = ...
    "layouts.ipynb": [1, 1],  # demo.launch(); tabs.launch()
    "inputs.ipynb": [1, 1, 0],  # demo.launch(); slider; slider.label = ...
    "events.ipynb": [1, 1],  # demo.launch(); toggles.launch()
    "queue.ipynb": [1],  # demo.queue(...).launch()
    "served_api.ipynb": [0, 0, 0],  # launch(inline=False) serves instead; Client(...).predict; close()
}
# What a code cell must print or return (by index among code cells), as a user reads it.
EXPECTED_TEXT = {
    "served_api.ipynb": {0: "Running on local URL: http://127.0.0.1:", 1: "42"},
}


def execute(notebook: Any, cwd: Path, kernel_name: str = "python3") -> Any:
    client = NotebookClient(notebook, timeout=120, kernel_name=kernel_name, resources={"metadata": {"path": str(cwd)}})
    return client.execute()


def views_of(cell: Any) -> list[dict[str, Any]]:
    return [output["data"][WIDGET_VIEW] for output in cell.get("outputs", []) if WIDGET_VIEW in output.get("data", {})]


def text_of(cell: Any) -> str:
    """What a cell printed and the plain text of what it returned."""
    return "".join(
        output.get("text", "") if output["output_type"] == "stream" else output.get("data", {}).get("text/plain", "")
        for output in cell.get("outputs", [])
    )


def test_notebooks_exist() -> None:
    """The gallery: one notebook per area, each listed above with what it shows."""
    assert {path.name for path in NOTEBOOK_PATHS} == set(EXPECTED_VIEWS)


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda path: path.name)
def test_notebook_is_saved_clean(path: Path) -> None:
    """Committed notebooks carry no outputs and ask for the `python3` kernel."""
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs"


def test_python3_kernel_is_this_interpreter(tmp_path: Path, isolated_jupyter: dict[str, str]) -> None:
    """The notebooks must run against the nbblocks under test, i.e. in this very environment."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.prefix)")])
    execute(notebook, tmp_path)
    assert notebook.cells[0].outputs[0]["text"].strip() == sys.prefix


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda path: path.name)
def test_notebook_runs_and_displays_its_apps(path: Path, tmp_path: Path, isolated_jupyter: dict[str, str]) -> None:
    run_and_check(path, tmp_path)


def run_and_check(path: Path, cwd: Path, kernel_name: str = "python3") -> None:
    """Run the notebook top to bottom; it shows the apps and prints the text listed above."""
    notebook = execute(nbformat.read(path, as_version=4), cwd, kernel_name)

    views = [views_of(cell) for cell in notebook.cells if cell.cell_type == "code"]
    assert [len(cell_views) for cell_views in views] == EXPECTED_VIEWS[path.name]
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for index, text in EXPECTED_TEXT.get(path.name, {}).items():
        assert text in text_of(code_cells[index]), f"{path.name}, code cell {index}"
    # Every view refers to a widget model that was alive at the end of the run.
    if any(views):
        state = notebook.metadata.widgets[WIDGET_STATE]["state"]
        for view in (view for cell_views in views for view in cell_views):
            assert view["model_id"] in state
