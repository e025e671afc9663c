"""The small components through the official `gradio_client`: what the function receives for the
value the client sends, and what the client gets back for what the function returns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import nbblocks as gr


def test_colorpicker_in_and_out(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    with gr.Blocks() as demo:
        inp, out = gr.ColorPicker(), gr.ColorPicker()
        gr.Button().click(lambda colour: colour.replace("ff", "00"), inp, out, api_name="darken")
    client = connect(launch(demo))
    assert client.predict("#ff8800", api_name="/darken") == "#008800"
    assert client.view_api(return_format="dict")["named_endpoints"]["/darken"]["parameters"][0]["type"] == {"type": "string"}


def test_datetime_in_and_out_per_type(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    received: list[Any] = []

    def a_day_later(moment: Any) -> Any:
        received.append(moment)
        return moment + (86400 if isinstance(moment, float) else timedelta(days=1))

    with gr.Blocks() as demo:
        for kind in ("timestamp", "datetime"):
            inp, out = gr.DateTime(type=kind, timezone="UTC"), gr.DateTime(timezone="UTC")
            gr.Button().click(a_day_later, inp, out, api_name=kind)
        day = gr.DateTime(type="string", include_time=False)
        gr.Button().click(lambda text: text, day, day, api_name="string")
    client = connect(launch(demo))
    assert client.predict("2024-02-28 23:30:00", api_name="/timestamp") == "2024-02-29 23:30:00"
    assert client.predict("2024-02-28 23:30:00", api_name="/datetime") == "2024-02-29 23:30:00"
    stamp, moment = received
    assert stamp == datetime.fromisoformat("2024-02-28T23:30:00+00:00").timestamp()
    assert moment == datetime.fromisoformat("2024-02-28T23:30:00+00:00")
    today = datetime.now().strftime("%Y-%m-%d")
    yesterday = (datetime.now() - timedelta(days=1)).strftime("%Y-%m-%d")
    assert client.predict("now - 1d", api_name="/string") in (yesterday, today)  # today if midnight passed
    described = client.view_api(return_format="dict")["named_endpoints"]["/string"]["parameters"][0]
    assert described["type"] == {"type": "string", "description": "Formatted as YYYY-MM-DD"}


def test_highlightedtext_in_and_out(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    received: list[Any] = []

    def tag_names(spans: list[dict[str, Any]]) -> dict[str, Any]:
        received.append(spans)
        text = "".join(span["token"] for span in spans)
        return {"text": text, "entities": [{"entity": "PER", "start": 0, "end": 3}]}

    with gr.Blocks() as demo:
        inp, out = gr.HighlightedText(), gr.HighlightedText()
        gr.Button().click(tag_names, inp, out, api_name="tag")
    client = connect(launch(demo))
    sent = [{"token": "Ada", "class_or_confidence": None}, {"token": " wrote", "class_or_confidence": 0.25}]
    assert client.predict(sent, api_name="/tag") == [
        {"token": "", "class_or_confidence": None},
        {"token": "Ada", "class_or_confidence": "PER"},
        {"token": " wrote", "class_or_confidence": None},
    ]
    assert received == [sent]


def test_code_in_and_out(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    with gr.Blocks() as demo:
        inp, out = gr.Code(language="python"), gr.Code(language="python")
        gr.Button().click(lambda source: source.replace("print", "return"), inp, out, api_name="edit")
    client = connect(launch(demo))
    assert client.predict("def f():\n    print(1)\n", api_name="/edit") == "def f():\n    return(1)"
    assert client.view_api(return_format="dict")["named_endpoints"]["/edit"]["parameters"][0]["type"] == {"type": "string"}
