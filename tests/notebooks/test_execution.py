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

# Widget views each code cell displays (by index among code cells). A notebook not listed here
# must display at least one.
EXPECTED_VIEWS = {
    "hello.ipynb": [1],  # demo.launch()
    "welcome.ipynb": [1, 1, 1, 0],  # demo.launch(); demo; gr.Textbox(value="hi"); out.label = ...
}


def execute(notebook: Any, cwd: Path) -> Any:
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    return client.execute()


def views_of(cell: Any) -> list[dict[str, Any]]:
    return [output["data"][WIDGET_VIEW] for output in cell.get("outputs", []) if WIDGET_VIEW in output.get("data", {})]


def test_notebooks_exist() -> None:
    assert {path.name for path in NOTEBOOK_PATHS} >= {"hello.ipynb", "welcome.ipynb"}


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
    notebook = execute(nbformat.read(path, as_version=4), tmp_path)

    views = [views_of(cell) for cell in notebook.cells if cell.cell_type == "code"]
    expected = EXPECTED_VIEWS.get(path.name)
    if expected is None:
        assert any(views), f"{path.name} displays no app"
    else:
        assert [len(cell_views) for cell_views in views] == expected
    # Every view refers to a widget model that was alive at the end of the run.
    state = notebook.metadata.widgets[WIDGET_STATE]["state"]
    for view in (view for cell_views in views for view in cell_views):
        assert view["model_id"] in state
