"""gr.Interface and gr.TabbedInterface through the official `gradio_client`: the endpoints Gradio
names (``/predict``, then ``/predict_1``...), their parameters, and what they return."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # Interfaces flag into ./flagged by default


def test_interface_with_shortcuts(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    def describe(name: str, count: float, loud: bool, colour: str) -> tuple[str, dict[str, float]]:
        text = f"{name} x{int(count)} {colour}"
        return (text.upper() if loud else text), {colour: 0.75, "other": 0.25}

    demo = gr.Interface(describe, ["text", "number", "checkbox", gr.Radio(["red", "blue"])], ["textbox", "label"])
    client = connect(launch(demo))
    text, label = client.predict("ada", 2, True, "blue", api_name="/predict")
    assert text == "ADA X2 BLUE"
    assert label["label"] == "blue" and label["confidences"][0] == {"label": "blue", "confidence": 0.75}
    described = client.view_api(return_format="dict")
    assert list(described["named_endpoints"]) == ["/predict"]
    parameters = described["named_endpoints"]["/predict"]["parameters"]
    assert [p["parameter_name"] for p in parameters] == ["name", "count", "loud", "colour"]
    assert [p["label"] for p in parameters] == ["name", "count", "loud", "colour"]


def test_batch_interface(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    batches: list[list[str]] = []

    def shout(names: list[str]) -> tuple[list[str]]:
        batches.append(names)
        return ([name.upper() + "!" for name in names],)  # Gradio's form: a tuple of lists

    demo = gr.Interface(shout, "text", "text", batch=True, max_batch_size=4)
    url = launch(demo)
    jobs = [connect(url).submit(name, api_name="/predict") for name in ("ada", "bob", "cy")]
    assert [job.result(timeout=30) for job in jobs] == ["ADA!", "BOB!", "CY!"]
    assert sorted(name for batch in batches for name in batch) == ["ada", "bob", "cy"]
    assert all(1 <= len(batch) <= 4 for batch in batches)


def test_tabbed_interface_endpoints(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    hello = gr.Interface(lambda name: f"Hello {name}", "text", "text")
    square = gr.Interface(lambda x: x * x, "number", "number")
    demo = gr.TabbedInterface([hello, square], ["Hello", "Square"])
    client = connect(launch(demo))
    assert list(client.view_api(return_format="dict")["named_endpoints"]) == ["/predict", "/predict_1"]
    assert client.predict("Ada", api_name="/predict") == "Hello Ada"
    assert client.predict(7, api_name="/predict_1") == 49
