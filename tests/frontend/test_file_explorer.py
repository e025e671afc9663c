"""FileExplorer on a served page in Chromium: the tree shows the files under ``root_dir`` by folder,
and a file ticked reaches the function as its path."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)


def test_a_file_ticked_in_the_tree_reaches_the_function(launch, served_page, bundle, tmp_path: Path) -> None:
    (tmp_path / "components").mkdir()
    (tmp_path / "components" / "box.py").write_text("box")
    (tmp_path / "notes.txt").write_text("notes")
    with gr.Blocks() as demo:
        files = gr.FileExplorer(root_dir=tmp_path, label="Files", value=["notes.txt"], height=150)
        out = gr.Textbox(label="Picked")
        files.change(lambda paths: ", ".join(Path(path).relative_to(tmp_path).as_posix() for path in paths), files, out)
    served_page.goto(launch(demo))
    tree = served_page.get_by_role("tree", name="Files")
    expect(tree.locator("summary")).to_have_text(["📁 components"])
    assert tree.evaluate("(tree) => getComputedStyle(tree).height") == "150px"
    expect(tree.get_by_label("notes.txt")).to_be_checked()
    tree.get_by_label("box.py").check()
    expect(served_page.get_by_label("Picked")).to_have_value("components/box.py, notes.txt", timeout=30_000)
