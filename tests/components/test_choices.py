"""Checkbox, CheckboxGroup, Radio, Dropdown: choices forms, type="index", multiselect, errors."""

from __future__ import annotations

import inspect
import json

import pytest

import nbblocks as gr
from nbblocks import engine
from tests.components.numpy_like import Int64
from tests.helpers import RecordedSession

CHOICES = ["a", ("Bee", "b"), 3]
WIRE = [["a", "a"], ["Bee", "b"], ["3", 3]]


def test_checkbox() -> None:
    box = gr.Checkbox()
    assert box.value is False
    assert gr.Checkbox(None).value is False
    assert box.preprocess(True) is True
    assert box.postprocess(1) is True
    assert gr.Checkbox.EVENTS == ("change", "input", "select")
    with pytest.raises(gr.Error, match="Checkbox: expected true or false"):
        box.preprocess("yes")


@pytest.mark.parametrize("cls", [gr.CheckboxGroup, gr.Radio, gr.Dropdown])
def test_choice_signatures(cls: type) -> None:
    params = inspect.signature(cls).parameters
    assert list(params)[0] == "choices"
    assert params["value"].kind is inspect.Parameter.KEYWORD_ONLY and params["value"].default is None
    assert params["type"].default == "value"


@pytest.mark.parametrize("cls", [gr.CheckboxGroup, gr.Radio, gr.Dropdown])
def test_choices_given_as_values_or_pairs(cls: type) -> None:
    assert cls(CHOICES).props()["choices"] == WIRE
    assert cls().choices == []


@pytest.mark.parametrize("cls", [gr.CheckboxGroup, gr.Radio, gr.Dropdown])
def test_bad_type_and_choices(cls: type) -> None:
    with pytest.raises(ValueError, match="Invalid value for parameter `type`"):
        cls(CHOICES, type="position")
    with pytest.raises(gr.Error, match="name, value"):
        cls([("a", "b", "c")])


def test_events() -> None:
    assert gr.CheckboxGroup.EVENTS == ("change", "input", "select")
    assert gr.Radio.EVENTS == ("select", "change", "input")
    assert gr.Dropdown.EVENTS == ("change", "input", "select", "focus", "blur", "key_up")


def test_checkbox_group() -> None:
    group = gr.CheckboxGroup(CHOICES, value="a")
    assert group.value == ["a"]
    assert gr.CheckboxGroup(CHOICES).value == []
    assert group.preprocess(["b", 3]) == ["b", 3]
    assert group.preprocess(None) == []
    assert group.postprocess(("a", "b")) == ["a", "b"]
    with pytest.raises(gr.Error, match="CheckboxGroup: expected a list of choices"):
        group.preprocess("a")


def test_checkbox_group_index() -> None:
    group = gr.CheckboxGroup(CHOICES, type="index")
    assert group.preprocess(["b", 3, "zzz"]) == [1, 2, None]


def test_radio() -> None:
    radio = gr.Radio(CHOICES, value="b")
    assert radio.value == "b"
    assert radio.preprocess("a") == "a"
    assert radio.preprocess(None) is None
    assert gr.Radio(CHOICES, type="index").preprocess("b") == 1
    assert gr.Radio(CHOICES, type="index").preprocess("zzz") is None
    with pytest.raises(gr.Error, match="Radio: expected a choice"):
        radio.preprocess(["a"])


def test_dropdown_defaults_select_nothing() -> None:
    dropdown = gr.Dropdown(CHOICES)
    assert dropdown.value is None
    assert (dropdown.multiselect, dropdown.allow_custom_value, dropdown.max_choices, dropdown.filterable) == (
        None, False, None, True,
    )  # fmt: skip


def test_dropdown_single() -> None:
    dropdown = gr.Dropdown(CHOICES, value="a")
    assert dropdown.preprocess("b") == "b"
    assert dropdown.preprocess(None) is None
    assert gr.Dropdown(CHOICES, type="index").preprocess(3) == 2
    with pytest.raises(gr.Error, match="Dropdown: expected a choice"):
        dropdown.preprocess({"x": 1})


def test_dropdown_multiselect() -> None:
    dropdown = gr.Dropdown(CHOICES, value="a", multiselect=True, max_choices=2)
    assert dropdown.value == ["a"]
    assert dropdown.preprocess(["a", "b"]) == ["a", "b"]
    assert dropdown.preprocess(None) == []
    assert dropdown.postprocess("b") == ["b"]
    assert gr.Dropdown(CHOICES, multiselect=True, type="index").preprocess(["b", "a"]) == [1, 0]
    with pytest.raises(gr.Error, match="at most 2 choices"):
        dropdown.preprocess(["a", "b", 3])
    with pytest.raises(gr.Error, match="expected a list of choices"):
        dropdown.preprocess("a")


def test_dropdown_warnings() -> None:
    with pytest.warns(UserWarning, match="not in the list of choices"):
        gr.Dropdown(CHOICES, value="zzz")
    gr.Dropdown(CHOICES, value="zzz", allow_custom_value=True)  # no warning
    with pytest.warns(UserWarning, match="`max_choices` parameter is ignored"):
        gr.Dropdown(CHOICES, max_choices=2)
    with pytest.warns(UserWarning, match="`filterable` parameter cannot be set to False"):
        dropdown = gr.Dropdown(CHOICES, filterable=False, allow_custom_value=True)
    assert dropdown.filterable is True


def test_dropdown_custom_value_passes_through() -> None:
    dropdown = gr.Dropdown(CHOICES, allow_custom_value=True)
    assert dropdown.preprocess("typed") == "typed"


def test_update_normalises_choices() -> None:
    dropdown = gr.Dropdown(CHOICES)
    props = engine.to_props(dropdown, gr.update(choices=["x", ("Why", "y")], value="x"))
    assert props == {"choices": [["x", "x"], ["Why", "y"]], "value": "x"}
    assert engine.to_props(dropdown, gr.Dropdown(choices=[1, 2])) == {"choices": [["1", 1], ["2", 2]]}


def test_trait_change_shows_in_props() -> None:
    radio = gr.Radio()
    radio.choices = ["p", ("Q", "q")]
    assert radio.props()["choices"] == [["p", "p"], ["Q", "q"]]
    assert radio.preprocess("q") == "q"


@pytest.mark.parametrize("cls", [gr.Radio, gr.Dropdown])
def test_bool_choice_values(cls: type) -> None:
    received = []
    with gr.Blocks() as demo:
        pick = cls([("Yes", True), ("No", False)], value=True)
        index = cls([("Yes", True), ("No", False)], type="index")
        out = gr.Textbox()
        gr.Button().click(lambda v, i: received.append((v, i)) or "ok", [pick, index], out)
    assert pick.api_info() == {"enum": [True, False], "type": "boolean"}
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": pick._id, "value": False})  # as the page sends a choice
    session.handle({"type": "value", "id": index._id, "value": False})
    session.handle({"type": "trigger", "id": demo.children[-1]._id, "event": "click"})
    assert received == [(False, 1)]
    assert session.values_sent(out._id) == ["ok"]


def test_bool_choices_in_a_checkbox_group() -> None:
    group = gr.CheckboxGroup([("On", True), ("Off", False)])
    assert group.preprocess([True]) == [True]
    assert group.api_info() == {"type": "array", "items": {"enum": [True, False], "type": "boolean"}}


def test_choices_from_a_dict_are_its_keys_as_in_gradio() -> None:
    models = {"small": "/models/s.bin", "large": "/models/l.bin"}
    assert gr.Dropdown(models, value="small").props()["choices"] == [["small", "small"], ["large", "large"]]


def test_numpy_choice_values_travel_as_numbers() -> None:
    received = []
    with gr.Blocks() as demo:
        year = gr.Dropdown([Int64(2023), Int64(2024)], value=Int64(2024))  # list(df["year"].unique())
        years = gr.CheckboxGroup([("Early", Int64(1990))], value=[Int64(1990)])
        out = gr.Radio([1, 2])
        gr.Button().click(lambda y, ys: received.append((y, ys)) or Int64(2), [year, years], out)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    (render,) = json.loads(json.dumps(session.of_type("render"), default=str))  # as the server sends it
    props = {child["id"]: child["props"] for child in render["tree"]["children"]}
    assert (props[year._id]["choices"], props[year._id]["value"]) == ([["2023", 2023], ["2024", 2024]], 2024)
    assert (props[years._id]["choices"], props[years._id]["value"]) == ([["Early", 1990]], [1990])
    session.handle({"type": "value", "id": year._id, "value": 2023})  # the page sends back the number
    session.handle({"type": "trigger", "id": demo.children[-1]._id, "event": "click"})
    assert received == [(2023, [1990])]
    assert session.values_sent(out._id) == [2] and type(session.values_sent(out._id)[0]) is int
