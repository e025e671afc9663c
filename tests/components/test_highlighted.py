"""HighlightedText: pairs and NER entities in, Gradio's token list out, combine_adjacent, what a
function receives, and clear errors for values of the wrong shape."""

from __future__ import annotations

import inspect

import pytest

import nbblocks as gr
from nbblocks.exceptions import Error
from tests.components.numpy_like import Float32


def test_signature_events_and_aliases() -> None:
    params = inspect.signature(gr.HighlightedText).parameters
    defaults = [params[name].default for name in ("value", "color_map", "show_legend", "combine_adjacent", "adjacent_separator")]
    assert defaults == [None, None, False, False, ""]
    assert gr.HighlightedText.EVENTS == ("change", "select")
    assert gr.Highlight is gr.HighlightedText and gr.Highlightedtext is gr.HighlightedText


def test_pairs_become_tokens_which_a_function_receives_as_in_gradio() -> None:
    component = gr.HighlightedText()
    tokens = component.postprocess([("Wolfgang", "PER"), (" lives in ", None), ("Berlin", "LOC"), (" ", Float32(0.5))])
    assert tokens == [
        {"token": "Wolfgang", "class_or_confidence": "PER"},
        {"token": " lives in ", "class_or_confidence": None},
        {"token": "Berlin", "class_or_confidence": "LOC"},
        {"token": " ", "class_or_confidence": 0.5},
    ]
    assert component.postprocess(tokens) == tokens  # its own output, as `component.value` needs
    assert component.preprocess(tokens) == tokens  # Gradio's model_dump(), not the tuples its docs name
    assert component.postprocess(None) is None and component.preprocess(None) is None


def test_entities_are_split_into_spans() -> None:
    value = {
        "text": "Ada met Alan in London",
        "entities": [{"entity": "LOC", "start": 16, "end": 22}, {"entity_group": "PER", "start": 0, "end": 3}],
    }
    tokens = gr.HighlightedText().postprocess(value)
    assert [(t["token"], t["class_or_confidence"]) for t in tokens] == [
        ("", None), ("Ada", "PER"), (" met Alan in ", None), ("London", "LOC"), ("", None),
    ]  # fmt: skip
    assert gr.HighlightedText().postprocess({"text": "plain", "entities": []}) == [
        {"token": "plain", "class_or_confidence": None}
    ]


def test_combine_adjacent_merges_neighbours_of_one_category() -> None:
    component = gr.HighlightedText(combine_adjacent=True, adjacent_separator=" ")
    tokens = component.postprocess([("New", "LOC"), ("York", "LOC"), ("is", None), ("big", None), ("", None), ("!", "X")])
    assert [(t["token"], t["class_or_confidence"]) for t in tokens] == [("New York", "LOC"), ("is big ", None), ("!", "X")]
    # back-to-back entities leave empty unmarked spans between them, which don't keep them apart
    entities = {"text": "NewYork", "entities": [{"entity": "LOC", "start": 0, "end": 3}, {"entity": "LOC", "start": 3, "end": 7}]}
    merged = gr.HighlightedText(combine_adjacent=True).postprocess(entities)
    assert [(t["token"], t["class_or_confidence"]) for t in merged] == [("", None), ("NewYork", "LOC")]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("just text", "expected \\(text, category\\) pairs"),
        ([("a", "b", "c")], "expected a \\(text, category\\) pair"),
        ([(3, "X")], "a span's text must be a string"),
        ([("a", ["X"])], "a span's category must be"),
        ({"text": "t"}, "expected a dict with keys 'text' and 'entities'"),
    ],
)
def test_values_of_the_wrong_shape_are_refused(value: object, message: str) -> None:
    with pytest.raises(Error, match=f"HighlightedText: {message}"):
        gr.HighlightedText().postprocess(value)
