"""JSON and Label: value forms, confidences, num_top_classes, errors."""

from __future__ import annotations

import datetime
import inspect
import json

import pytest

import nbblocks as gr
from nbblocks import engine
from tests.components.numpy_like import Float32, Int64
from tests.helpers import RecordedSession


def test_json() -> None:
    view = gr.JSON('{"a": [1, 2]}')
    assert view.value == {"a": [1, 2]}
    assert (view.open, view.show_indices, view.height) == (False, False, None)
    assert gr.JSON().value is None
    assert view.postprocess((1, 2)) == [1, 2]
    assert view.postprocess({1: datetime.date(2024, 1, 2)}) == {"1": "2024-01-02"}
    assert view.preprocess({"x": 1}) == {"x": 1}
    assert gr.JSON.EVENTS == ("change",)


def test_json_arrays_become_lists() -> None:
    class ArrayLike:
        def tolist(self) -> list[int]:
            return [1, 2]

    assert gr.JSON().postprocess({"a": ArrayLike()}) == {"a": [1, 2]}


def test_json_bad_string() -> None:
    with pytest.raises(gr.Error, match="JSON: a string value must hold JSON"):
        gr.JSON().postprocess("{not json")


def test_json_sessions_do_not_share_the_value() -> None:
    view = gr.JSON({"a": []})
    view.session_value()["a"].append(1)
    assert view.session_value() == {"a": []}


def test_label_signature() -> None:
    params = inspect.signature(gr.Label).parameters
    assert list(params)[0] == "value" and params["num_top_classes"].default is None
    assert gr.Label.EVENTS == ("change", "select")


def test_label_confidences_sorted_and_cut() -> None:
    label = gr.Label(num_top_classes=2)
    assert label.postprocess({"cat": 0.2, "dog": 0.7, "cow": 0.1}) == {
        "label": "dog",
        "confidences": [{"label": "dog", "confidence": 0.7}, {"label": "cat", "confidence": 0.2}],
    }


def test_label_plain_values() -> None:
    label = gr.Label()
    assert label.postprocess("cat") == {"label": "cat", "confidences": None}
    assert label.postprocess(3) == {"label": "3", "confidences": None}
    assert label.postprocess(None) == {}
    assert label.postprocess({}) == {}


def test_label_postprocess_is_idempotent() -> None:
    label = gr.Label({"cat": 0.9, "dog": 0.1})
    assert label.postprocess(label.value) == label.value
    assert label.postprocess({"label": 0.5}) == {"label": "label", "confidences": [{"label": "label", "confidence": 0.5}]}


def test_label_errors() -> None:
    with pytest.raises(gr.Error, match="Label: expected a label"):
        gr.Label().postprocess([1, 2])
    with pytest.raises(gr.Error, match="confidence of 'cat' must be a number"):
        gr.Label().postprocess({"cat": "high"})
    with pytest.raises(gr.Error, match="Label: expected a label object"):
        gr.Label().preprocess("cat")


def test_label_preprocess() -> None:
    label = gr.Label()
    assert label.preprocess(None) is None
    assert label.preprocess({"label": "cat"}) == "cat"
    assert label.preprocess({"label": "cat", "confidences": [{"label": "cat", "confidence": 0.9}]}) == {"cat": 0.9}


def test_updates() -> None:
    label = gr.Label()
    assert engine.to_props(label, gr.Label(num_top_classes=1)) == {"num_top_classes": 1}
    assert engine.to_props(label, {"a": 1.0}) == {"value": {"label": "a", "confidences": [{"label": "a", "confidence": 1.0}]}}
    label.color = "red"
    assert label.props()["color"] == "red"


def test_json_nan_and_infinity_reach_the_page_as_null() -> None:
    with gr.Blocks() as demo:
        view = gr.JSON()
        gr.Button().click(lambda: {"mean": float("nan"), "max": float("inf"), "rows": [1, float("-inf")]}, None, view)
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": demo.children[-1]._id, "event": "click"})
    (sent,) = session.values_sent(view._id)
    assert sent == {"mean": None, "max": None, "rows": [1, None]}
    json.dumps(sent, allow_nan=False)  # what the browser's JSON.parse can read
    assert gr.JSON('{"a": NaN}').value == {"a": None}


def test_label_takes_numpy_confidences() -> None:
    with gr.Blocks() as demo:
        label = gr.Label(num_top_classes=2)
        gr.Button().click(lambda: {"cat": Float32(0.25), "dog": Float32(0.75), "cow": Int64(0)}, None, label)
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": demo.children[-1]._id, "event": "click"})
    (sent,) = json.loads(json.dumps(session.values_sent(label._id), allow_nan=False))
    assert sent == {"label": "dog", "confidences": [{"label": "dog", "confidence": 0.75}, {"label": "cat", "confidence": 0.25}]}
    assert gr.Label().postprocess(Float32(0.5)) == {"label": "0.5", "confidences": None}  # a regression output


def test_label_bool_and_malformed_confidences() -> None:
    assert gr.Label().postprocess(True) == {"label": "True", "confidences": None}  # bool is an int, as in Gradio
    with pytest.raises(gr.Error, match="Label: expected confidences as a list"):
        gr.Label().preprocess({"label": "cat", "confidences": [0.9]})
