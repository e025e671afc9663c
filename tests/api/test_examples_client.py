"""`gr.Examples` through the official `gradio_client`: ``/load_example`` (hidden from the API page,
as in Gradio) gives an example's input values, with its cached outputs when examples are cached;
after a restart those outputs come from the cache on disk, the function not run again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr


def test_load_example_gives_the_inputs_of_an_example(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    with gr.Blocks() as demo:
        word, times = gr.Textbox(), gr.Number()
        gr.Examples([["hi", 2], ["yo", 3]], [word, times])
    client = connect(launch(demo))
    assert client.predict(1, api_name="/load_example") == ("yo", 3)
    assert "/load_example" not in client.view_api(return_format="dict")["named_endpoints"]


def test_cached_examples_are_answered_from_the_cache_after_a_restart(
    launch: Callable[..., str], connect: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRADIO_EXAMPLES_CACHE", str(tmp_path / "cache"))
    calls: list[str] = []

    def paint(color: str) -> tuple[str, str]:
        calls.append(color)
        from PIL import Image

        path = tmp_path / f"{color}.png"
        Image.new("RGB", (4, 4), color).save(path)
        return f"a {color} square", str(path)

    def app() -> gr.Blocks:
        with gr.Blocks() as demo:
            color, caption, picture = gr.Textbox(), gr.Textbox(), gr.Image()
            gr.Examples([["red"], ["blue"]], color, [caption, picture], paint, cache_examples=True)
        return demo

    first = app()
    assert calls == ["red", "blue"]
    painted = (tmp_path / "blue.png").read_bytes()
    first.close()
    first.file_cache.clear()  # as the process's end removes an app's cache
    (tmp_path / "blue.png").unlink()

    client = connect(launch(app()))  # the restarted app
    color, caption, picture = client.predict(1, api_name="/load_example")
    assert calls == ["red", "blue"]  # not run again
    assert (color, caption) == ("blue", "a blue square")
    assert Path(picture).read_bytes() == painted
