"""Number and Slider: precision, bounds, default step, randomize, errors."""

from __future__ import annotations

import inspect
import json

import pytest

import nbblocks as gr
from nbblocks import engine
from tests.components.numpy_like import Float32, Int64
from tests.helpers import RecordedSession


def test_number_signature_and_events() -> None:
    params = inspect.signature(gr.Number).parameters
    assert list(params)[0] == "value" and params["value"].default is None
    assert (params["precision"].default, params["minimum"].default, params["step"].default) == (None, None, 1)
    assert gr.Number.EVENTS == ("change", "input", "submit", "focus")


@pytest.mark.parametrize(
    ("precision", "given", "expected"),
    [(None, 2.5, 2.5), (None, 3, 3), (0, 2.6, 3), (2, 3.14159, 3.14)],
)
def test_number_precision(precision: int | None, given: float, expected: float) -> None:
    number = gr.Number(precision=precision)
    assert number.preprocess(given) == expected
    assert type(number.preprocess(given)) is type(expected)
    assert number.postprocess(given) == expected


def test_precision_zero_gives_int_value() -> None:
    number = gr.Number(4.0, precision=0)
    assert number.value == 4 and isinstance(number.value, int)


def test_number_bounds_raise_gradio_errors() -> None:
    number = gr.Number(minimum=0, maximum=10)
    assert number.preprocess(10) == 10
    with pytest.raises(gr.Error, match="Value -1 is less than minimum value 0."):
        number.preprocess(-1)
    with pytest.raises(gr.Error, match="Value 11 is greater than maximum value 10."):
        number.preprocess(11)


@pytest.mark.parametrize("bad", ["3", True, [1], float("nan")])
def test_number_refuses_non_numbers(bad: object) -> None:
    with pytest.raises(gr.Error, match="Number: expected a number"):
        gr.Number().preprocess(bad)
    with pytest.raises(gr.Error, match="Number: expected a number"):
        gr.Number().postprocess(bad)


def test_number_none() -> None:
    assert gr.Number().preprocess(None) is None
    assert gr.Number().postprocess(None) is None


def test_slider_signature_and_defaults() -> None:
    params = list(inspect.signature(gr.Slider).parameters)
    assert params[:3] == ["minimum", "maximum", "value"]
    slider = gr.Slider()
    assert (slider.minimum, slider.maximum, slider.step, slider.value) == (0, 100, 1, 0)
    assert gr.Slider(2, 8, 5).value == 5
    assert gr.Slider.EVENTS == ("change", "input", "release")


@pytest.mark.parametrize(("minimum", "maximum", "step"), [(0, 100, 1), (0, 1, 0.01), (0, 10, 0.1), (0, 5000, 10)])
def test_slider_default_step(minimum: float, maximum: float, step: float) -> None:
    assert gr.Slider(minimum, maximum).step == pytest.approx(step)


def test_slider_randomize_picks_a_step_per_session() -> None:
    slider = gr.Slider(0, 1, step=0.1, randomize=True)
    values = {slider.session_value() for _ in range(50)}
    assert len(values) > 1
    assert all(0 <= v <= 1 and round(v, 1) == v for v in values)


def test_slider_conversions() -> None:
    slider = gr.Slider(5, 10)
    assert slider.postprocess(None) == 5
    assert slider.preprocess(7.5) == 7.5
    with pytest.raises(gr.Error, match="Slider: expected a number"):
        slider.preprocess("7")


def test_update_and_trait_change() -> None:
    number = gr.Number(precision=1)
    assert engine.to_props(number, gr.update(value=2.345, maximum=5)) == {"value": 2.3, "maximum": 5}
    assert engine.to_props(number, gr.Number(interactive=False)) == {"interactive": False}
    number.maximum = 3
    assert number.props()["maximum"] == 3
    with pytest.raises(gr.Error, match="Value 4 is greater than maximum value 3."):
        number.preprocess(4)


def test_numpy_numbers_returned_reach_the_page_as_json_numbers() -> None:
    with gr.Blocks() as demo:
        number, rounded, slider = gr.Number(), gr.Number(precision=1), gr.Slider(0, 10)
        gr.Button().click(lambda: (Int64(3), Float32(2.25), Int64(7)), None, [number, rounded, slider])
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": demo.children[-1]._id, "event": "click"})
    (update,) = json.loads(json.dumps(session.of_type("update"), default=str))  # as the server sends it
    assert [u["props"]["value"] for u in update["updates"]] == [3, 2.2, 7]  # numbers, not "3"
    assert not session.of_type("error")


def test_numpy_number_as_initial_value() -> None:
    assert type(gr.Number(Int64(4)).value) is int
    assert type(gr.Slider(0, 1, Float32(0.5)).value) is float
