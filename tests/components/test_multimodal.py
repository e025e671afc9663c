"""gr.MultimodalTextbox on the Python side: Gradio's {"text", "files"} value, files through the
app's cache both ways, file_types checked in Python too, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import nbblocks as gr
from nbblocks.filedata import cache_of


def test_defaults_and_events_are_gradios() -> None:
    box = gr.MultimodalTextbox()
    assert box.value == {"text": "", "files": []}
    assert (box.lines, box.max_lines, box.submit_btn, box.file_types) == (1, 20, True, None)
    for event in ("change", "input", "select", "submit", "focus", "blur", "upload"):
        assert callable(getattr(box, event)), event


def test_files_go_through_the_cache_and_reach_the_function_as_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("hello")
    box = gr.MultimodalTextbox()
    sent = box.postprocess({"text": "see", "files": ["notes.txt"]})
    [file] = sent["files"]
    assert sent["text"] == "see" and file["orig_name"] == "notes.txt"
    assert Path(file["path"]).is_relative_to(cache_of(box).root)
    received = box.preprocess(sent)
    assert received is not None and received["text"] == "see"
    assert [Path(path).read_text() for path in received["files"]] == ["hello"]


def test_a_string_is_its_text() -> None:
    assert gr.MultimodalTextbox().postprocess("hi") == {"text": "hi", "files": []}


def test_a_file_not_of_file_types_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("hello")
    box = gr.MultimodalTextbox(file_types=["image"])
    sent = box.postprocess({"text": "", "files": ["notes.txt"]})
    with pytest.raises(gr.Error, match="Invalid file type"):
        box.preprocess(sent)


@pytest.mark.parametrize("value", [["a"], {"text": 3}, {"text": "a", "files": "x.png"}])
def test_a_bad_value_is_a_clear_error(value: object) -> None:
    with pytest.raises(gr.Error, match="MultimodalTextbox"):
        gr.MultimodalTextbox().postprocess(value)


def test_a_client_cannot_name_a_file_outside_the_cache(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("no")
    with pytest.raises(gr.Error, match="not an upload of this app"):
        gr.MultimodalTextbox().preprocess({"text": "", "files": [{"path": str(secret)}]})
