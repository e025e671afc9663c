"""ColorPicker and DateTime: Gradio's signatures, what a function receives per ``type``, what a
returned value shows as, the relative "now" times and the errors for text Python can't read."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import nbblocks as gr
from nbblocks.exceptions import Error


def test_colorpicker_signature_events_and_value() -> None:
    assert next(iter(inspect.signature(gr.ColorPicker).parameters)) == "value"
    assert gr.ColorPicker.EVENTS == ("change", "input", "submit", "focus", "blur")
    picker = gr.ColorPicker("#ff8800")
    assert picker.value == "#ff8800"
    assert picker.preprocess("#00ff00") == "#00ff00"
    assert picker.preprocess(None) is None
    assert picker.api_info() == {"type": "string"}


def test_datetime_signature_and_events() -> None:
    params = inspect.signature(gr.DateTime).parameters
    assert [params[name].default for name in ("value", "include_time", "type", "timezone")] == [None, True, "timestamp", None]
    assert gr.DateTime.EVENTS == ("change", "submit")
    with pytest.raises(ValueError, match="type must be one of"):
        gr.DateTime(type="date")  # type: ignore[arg-type]


def test_datetime_preprocess_per_type() -> None:
    text = "2024-05-06 07:08:09"
    utc = gr.DateTime(type="timestamp", timezone="UTC")
    assert utc.preprocess(text) == datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC).timestamp()
    paris = gr.DateTime(type="datetime", timezone="Europe/Paris").preprocess(text)
    assert paris == datetime(2024, 5, 6, 7, 8, 9, tzinfo=ZoneInfo("Europe/Paris"))
    assert gr.DateTime(type="datetime").preprocess(text) == datetime(2024, 5, 6, 7, 8, 9)  # the kernel's local time
    assert gr.DateTime(type="string").preprocess(text) == text
    assert gr.DateTime(type="string", include_time=False).preprocess("2024-05-06") == "2024-05-06"
    assert gr.DateTime().preprocess("") is None and gr.DateTime().preprocess(None) is None


def test_datetime_postprocess_shows_each_kind_as_text() -> None:
    moment = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    utc = gr.DateTime(timezone="UTC")
    assert utc.postprocess(moment.timestamp()) == "2024-05-06 07:08:09"
    assert gr.DateTime(timezone="Asia/Tokyo").postprocess(moment.timestamp()) == "2024-05-06 16:08:09"
    assert utc.postprocess(moment) == "2024-05-06 07:08:09"
    assert gr.DateTime(include_time=False).postprocess(moment) == "2024-05-06"
    assert utc.postprocess("now - 1h") == "now - 1h"  # text is shown as given, read when it comes back
    assert gr.DateTime(moment, timezone="UTC").value == "2024-05-06 07:08:09"


def test_datetime_now_is_read_at_run_time() -> None:
    component = gr.DateTime(type="datetime", timezone="UTC")
    before = datetime.now(UTC)
    two_hours_ago = component.preprocess("now - 2h")
    assert isinstance(two_hours_ago, datetime)
    assert before - timedelta(hours=2, seconds=5) < two_hours_ago < datetime.now(UTC) - timedelta(hours=2) + timedelta(seconds=1)
    day_ago = gr.DateTime(type="string", timezone="UTC", include_time=False).preprocess(" now - 1 d ")
    assert day_ago == (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%d")


@pytest.mark.parametrize("text", ["2024-13-40 00:00:00", "2024-05-06", "yesterday", "now + 1h", "now - 2w"])
def test_datetime_refuses_text_it_cannot_read(text: str) -> None:
    with pytest.raises(Error, match="DateTime: expected"):
        gr.DateTime().preprocess(text)


def test_datetime_refuses_a_value_of_the_wrong_kind() -> None:
    with pytest.raises(Error, match="DateTime: expected a timestamp"):
        gr.DateTime().postprocess([2024])


def test_gradios_aliases_are_the_same_classes() -> None:
    assert gr.Text is gr.Textbox
    area = gr.TextArea("hi")  # Gradio 4's template: a Textbox seven lines high, drawn as one
    assert isinstance(area, gr.Textbox) and (area.lines, area.max_lines, area.type_name) == (7, 20, "textbox")
    assert gr.Checkboxgroup is gr.CheckboxGroup
    assert gr.Json is gr.JSON
