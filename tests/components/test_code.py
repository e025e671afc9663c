"""Code: Gradio's signature and language list, text in and out, a file's contents from ``(path,)``."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import nbblocks as gr
from nbblocks.exceptions import Error


def test_signature_events_and_languages() -> None:
    params = inspect.signature(gr.Code).parameters
    assert list(params)[:2] == ["value", "language"]
    assert (params["language"].default, params["lines"].default) == (None, 5)
    assert gr.Code.EVENTS == ("change", "input", "focus", "blur")
    assert {"python", "typescript", "sql-pgSQL", "shell", None} <= set(gr.Code.languages)
    with pytest.raises(ValueError, match="Language cobol not supported."):
        gr.Code(language="cobol")


def test_text_in_and_out(tmp_path: Path) -> None:
    code = gr.Code(language="python")
    assert code.postprocess("\n  def f():\n      return 1\n\n") == "def f():\n      return 1"  # stripped, as Gradio
    assert code.postprocess(None) is None
    script = tmp_path / "script.py"
    script.write_text("print('from a file')\n", encoding="utf-8")
    assert code.postprocess((str(script),)) == "print('from a file')\n"
    assert code.preprocess("x = 1\n") == "x = 1\n"
    assert code.preprocess(None) is None
    with pytest.raises(Error, match="Code: expected the code as text"):
        code.preprocess(["x"])
