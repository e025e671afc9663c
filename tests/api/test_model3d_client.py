"""Model3D through the official `gradio_client`: a model file in with `handle_file` (uploaded, then
given to the function as a path in the app's cache) and a model file out, downloaded byte for byte."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr

from ..model3d_files import FORMATS, write_model


@pytest.mark.parametrize("kind", FORMATS)
def test_a_model_in_and_out_through_the_client(
    launch: Callable[..., str], connect: Callable[..., Any], tmp_path: Path, kind: str
) -> None:
    received: list[tuple[str, bool]] = []

    def echo(path: str) -> str:
        received.append((Path(path).suffix, Path(path).is_file()))
        return path

    with gr.Blocks() as demo:
        inp, out = gr.Model3D(), gr.Model3D()
        gr.Button().click(echo, inp, out, api_name="echo")
    from gradio_client import handle_file

    source = write_model(tmp_path, kind)
    result = connect(launch(demo)).predict(handle_file(str(source)), api_name="/echo")
    assert received == [(f".{kind}", True)]
    assert Path(result).suffix == f".{kind}"
    assert Path(result).read_bytes() == source.read_bytes()
