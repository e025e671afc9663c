"""Textbox, Markdown, HTML: Gradio 4 signatures, conversions, errors and updates."""

from __future__ import annotations

import inspect

import pytest

import nbblocks as gr
from nbblocks import engine


def test_textbox_signature_and_defaults() -> None:
    params = inspect.signature(gr.Textbox).parameters
    assert list(params)[0] == "value"
    assert params["value"].default is None
    assert all(p.kind is p.KEYWORD_ONLY for name, p in params.items() if name not in ("value", "kwargs"))
    box = gr.Textbox()
    assert box.value is None
    assert (box.lines, box.max_lines, box.type, box.show_label, box.min_width, box.interactive) == (
        1, 20, "text", True, 160, None,
    )  # fmt: skip
    assert gr.Textbox.EVENTS == ("change", "input", "select", "submit", "focus", "blur", "copy")


def test_textbox_shared_arguments() -> None:
    box = gr.Textbox(
        "hi", label="Name", info="your name", show_label=False, visible=False, interactive=True,
        elem_id="name", elem_classes="big", scale=2, min_width=100,
    )  # fmt: skip
    props = box.props()
    assert props["value"] == "hi"
    assert (props["label"], props["info"], props["show_label"], props["visible"]) == ("Name", "your name", False, False)
    assert (props["interactive"], props["elem_id"], props["elem_classes"]) == (True, "name", ["big"])
    assert (props["scale"], props["min_width"]) == (2, 100)


def test_textbox_max_lines_follows_gradio() -> None:
    assert gr.Textbox(lines=30).max_lines == 30
    assert gr.Textbox(type="password", lines=3).max_lines == 1


def test_textbox_refuses_unknown_arguments_and_type() -> None:
    with pytest.raises(TypeError, match="colour"):
        gr.Textbox(colour="red")
    with pytest.raises(ValueError, match="must be one of"):
        gr.Textbox(type="number")


def test_textbox_conversions() -> None:
    box = gr.Textbox()
    assert box.preprocess("abc") == "abc"
    assert box.preprocess(None) is None
    assert box.postprocess(12) == "12"
    assert box.postprocess(None) is None
    with pytest.raises(gr.Error, match="Textbox: expected text"):
        box.preprocess({"a": 1})


def test_callable_value_runs_per_session() -> None:
    calls = iter(["first", "second"])
    box = gr.Textbox(lambda: next(calls))
    assert box.value == "first"
    assert box.session_value() == "second"


def test_container_false_hides_label() -> None:
    assert gr.Textbox(container=False).show_label is False
    with pytest.warns(UserWarning, match="show_label has no effect"):
        gr.Textbox(container=False, show_label=True)


def test_fractional_scale_warns() -> None:
    with pytest.warns(UserWarning, match="should be an integer"):
        gr.Textbox(scale=1.5)


def test_component_as_update_gives_only_given_props() -> None:
    box = gr.Textbox("x")
    assert engine.to_props(box, gr.Textbox(visible=False)) == {"visible": False}
    assert engine.to_props(box, gr.Textbox("new", label="L")) == {"value": "new", "label": "L"}
    assert engine.to_props(box, gr.update(value=5, lines=3)) == {"value": "5", "lines": 3}


def test_trait_change_shows_in_props() -> None:
    box = gr.Textbox()
    box.label = "Result"
    box.elem_classes = "one"
    box.value = 7
    assert (box.props()["label"], box.props()["elem_classes"], box.props()["value"]) == ("Result", ["one"], "7")


def test_markdown_dedents_like_gradio() -> None:
    md = gr.Markdown(
        """
        # Title
            code
        """
    )
    assert md.value == "# Title\n    code"
    assert md.postprocess(None) is None
    assert gr.Markdown().value is None
    assert md.latex_delimiters == [{"left": "$$", "right": "$$", "display": True}]
    assert engine.to_props(md, "  a\n  b") == {"value": "a\nb"}
    assert gr.Markdown.EVENTS == ("change", "copy")


def test_html_defaults() -> None:
    html = gr.HTML("<b>x</b>")
    assert html.value == "<b>x</b>"
    assert html.show_label is False
    assert gr.HTML().value is None
    assert gr.HTML.EVENTS == ("change", "input", "click", "double_click", "submit", "select", "keypress", "upload")
    with pytest.raises(gr.Error, match="HTML"):
        html.preprocess(3)
