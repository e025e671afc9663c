"""gr.FileExplorer in the engine: the tree the page is sent (what ``glob`` and ``ignore_glob``
select, never a file outside ``root_dir``) and what the function receives for a pick, a path
escaping ``root_dir`` refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import nbblocks as gr
from nbblocks.exceptions import Error


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "components").mkdir(parents=True)
    (root / "components" / "box.py").write_text("box")
    (root / "components" / "__init__.py").write_text("")
    (root / "notes.txt").write_text("notes")
    (tmp_path / "secret.txt").write_text("secret")
    os.symlink(tmp_path / "secret.txt", root / "link.txt")  # leads out of root_dir
    return root


def test_the_tree_holds_the_files_glob_selects_inside_root_dir(folder: Path) -> None:
    everything = gr.FileExplorer(root_dir=folder)
    assert everything.files == [["components", "__init__.py"], ["components", "box.py"], ["notes.txt"]]
    python = gr.FileExplorer("**/components/*.py", root_dir=folder, ignore_glob="**/__init__.py")
    assert python.files == [["components", "box.py"]]


def test_a_pick_reaches_the_function_as_paths_under_root_dir(folder: Path) -> None:
    many = gr.FileExplorer(root_dir=folder)
    assert many.preprocess([["components", "box.py"], ["notes.txt"]]) == [
        str(folder / "components" / "box.py"), str(folder / "notes.txt"),
    ]  # fmt: skip
    single = gr.FileExplorer(root_dir=folder, file_count="single")
    assert single.preprocess([["notes.txt"]]) == str(folder / "notes.txt") and single.preprocess([]) is None
    with pytest.raises(Error, match="expected one file"):
        single.preprocess([["notes.txt"], ["components", "box.py"]])


@pytest.mark.parametrize("parts", [["..", "secret.txt"], ["link.txt"], [str(Path("/etc/passwd"))], [], ["components"]])
def test_a_path_out_of_root_dir_or_not_a_file_is_refused(folder: Path, parts: list[str]) -> None:
    with pytest.raises(Error, match="no such file under root_dir"):
        gr.FileExplorer(root_dir=folder).preprocess([parts])


def test_a_value_is_shown_as_its_parts_under_root_dir(folder: Path) -> None:
    explorer = gr.FileExplorer(root_dir=folder, value=["components/box.py"])
    assert explorer.value == [["components", "box.py"]]
    assert explorer.postprocess(str(folder / "notes.txt")) == [["notes.txt"]] and explorer.postprocess(None) is None


def test_buttons_are_accepted_and_warned(folder: Path) -> None:
    with pytest.warns(UserWarning, match="buttons=.*no effect"):
        gr.FileExplorer(root_dir=folder, buttons=[])
