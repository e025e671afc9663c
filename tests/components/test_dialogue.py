"""Dialogue: Gradio 6.31's signature; speaker-tagged lines given to the function as one text or
as the list, and what a function returns read back into lines."""

from __future__ import annotations

import inspect

import pytest

import nbblocks as gr

#: `inspect.signature(gradio.Dialogue)` of Gradio 6.31, its parameters in order
GRADIO_PARAMETERS = [
    "value", "type", "speakers", "formatter", "unformatter", "tags", "separator", "color_map", "label", "info",
    "placeholder", "show_label", "container", "scale", "min_width", "interactive", "visible", "elem_id", "autofocus",
    "autoscroll", "elem_classes", "render", "key", "max_lines", "buttons", "submit_btn", "ui_mode",
]  # fmt: skip
LINES = [{"speaker": "Ann", "text": "Hi"}, {"speaker": "Bob", "text": "Hello (laughs)"}]


def test_signature_and_defaults_are_gradios() -> None:
    assert list(inspect.signature(gr.Dialogue).parameters) == GRADIO_PARAMETERS
    dialogue = gr.Dialogue()
    assert (dialogue.type, dialogue.label, dialogue.separator, dialogue.ui_mode) == ("text", "Dialogue", "\n", "both")
    assert dialogue.info is None  # Gradio drops the tags hint unless interactive
    assert gr.Dialogue(interactive=True).info == "Type colon (:) in the dialogue line to see the available tags"
    assert gr.Dialogue.EVENTS == ("change", "input", "submit")
    with pytest.raises(ValueError, match="Separator"):
        gr.Dialogue(separator=" ")


def test_the_function_receives_the_lines_formatted_or_as_the_list() -> None:
    assert gr.Dialogue(speakers=["Ann", "Bob"]).preprocess(LINES) == "[Ann] Hi\n[Bob] Hello (laughs)"
    own = gr.Dialogue(speakers=["Ann", "Bob"], formatter=lambda who, said: f"{who}: {said}", separator=" | ")
    assert own.preprocess(LINES) == "Ann: Hi | Bob: Hello (laughs)"
    assert gr.Dialogue(type="list").preprocess(LINES) == LINES
    assert gr.Dialogue().preprocess([{"speaker": "Ann", "text": ""}]) == ""  # a new, empty dialogue
    assert gr.Dialogue().preprocess("plain words") == "plain words"  # no speakers: one text field


def test_a_returned_text_is_read_back_into_lines_when_there_are_speakers() -> None:
    dialogue = gr.Dialogue(speakers=["Ann", "Bob"])
    assert dialogue.postprocess("[Bob] Hi\nno tag here\n\n") == [
        {"speaker": "Bob", "text": "Hi"},
        {"speaker": "Ann", "text": "no tag here"},  # the first speaker's, as Gradio's unformatter
    ]
    assert gr.Dialogue().postprocess("as typed") == "as typed"
    assert dialogue.postprocess(LINES) == LINES and dialogue.postprocess(None) is None
