"""ParamViewer: Gradio's signature, parameters sent as text (a default None stays None)."""

from __future__ import annotations

import pytest

import nbblocks as gr


def test_signature_defaults_and_value_sent_as_text() -> None:
    viewer = gr.ParamViewer({"ndigits": {"type": "int", "description": "digits", "default": 0}, "n": {"type": "float"}})
    assert (viewer.language, viewer.linkify, viewer.header, viewer.anchor_links, viewer.max_height) == (
        "python", None, "Parameters", False, None,
    )  # fmt: skip
    assert viewer.value == {
        "ndigits": {"type": "int", "description": "digits", "default": "0"},
        "n": {"type": "float", "description": "", "default": None},
    }
    assert gr.ParamViewer().value is None and gr.ParamViewer.EVENTS == ("change", "upload")


def test_a_value_not_a_dict_of_parameters_is_refused_with_a_readable_error() -> None:
    viewer = gr.ParamViewer()
    with pytest.raises(gr.Error, match="ParamViewer: expected a dict of parameters"):
        viewer.postprocess(["x"])
    with pytest.raises(gr.Error, match="parameter 'x': expected a dict"):
        viewer.postprocess({"x": "int"})
