"""ImageEditor through the official `gradio_client`: an `EditorValue` of `handle_file` images in
(background, layers, composite uploaded to /gradio_api/upload), one out as downloaded files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import PIL.Image
import PIL.ImageOps

import nbblocks as gr

Connect = Callable[..., Any]
Launch = Callable[..., str]


def write_png(path: Path, color: tuple[int, int, int, int], size: tuple[int, int] = (32, 24)) -> str:
    PIL.Image.new("RGBA", size, color).save(path)
    return str(path)


def test_an_editor_value_in_and_out(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    received: list[dict[str, Any]] = []

    def invert(value: dict[str, Any]) -> dict[str, Any]:
        received.append(value)
        return {
            "background": value["background"],
            "layers": [PIL.ImageOps.invert(layer.convert("RGB")) for layer in value["layers"]],
            "composite": PIL.ImageOps.invert(value["composite"].convert("RGB")),
        }

    with gr.Blocks() as demo:
        inp, out = gr.ImageEditor(type="pil"), gr.ImageEditor(format="png")
        gr.Button().click(invert, inp, out, api_name="invert")
    from gradio_client import handle_file

    sent = {
        "background": handle_file(write_png(tmp_path / "bg.png", (255, 255, 255, 255))),
        "layers": [handle_file(write_png(tmp_path / "layer.png", (10, 20, 30, 255)))],
        "composite": handle_file(write_png(tmp_path / "composite.png", (10, 20, 30, 255))),
    }
    result = connect(launch(demo)).predict(sent, api_name="/invert")

    (value,) = received
    assert value["composite"].size == (32, 24) and value["composite"].mode == "RGBA"  # image_mode's default
    assert value["layers"][0].getpixel((0, 0)) == (10, 20, 30, 255)
    assert set(result) == {"background", "layers", "composite"}
    for path in [result["background"], result["composite"], *result["layers"]]:
        assert Path(path).is_file() and not Path(path).is_relative_to(demo.file_cache.root)  # downloaded
    with PIL.Image.open(result["composite"]) as composite:
        assert composite.getpixel((0, 0))[:3] == (245, 235, 225)
    with PIL.Image.open(result["layers"][0]) as layer:
        assert layer.getpixel((5, 5))[:3] == (245, 235, 225)
    with PIL.Image.open(result["background"]) as background:
        assert background.getpixel((0, 0)) == (255, 255, 255, 255)


def test_numpy_and_filepath_editors_and_an_empty_background(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        arrays, shapes = gr.ImageEditor(image_mode="L"), gr.JSON()
        gr.Button().click(
            lambda value: {
                "background": value["background"],
                "layers": [layer.shape for layer in value["layers"]],
                "composite": value["composite"].shape,
            },
            arrays, shapes, api_name="shapes",
        )  # fmt: skip
        paths, names = gr.ImageEditor(type="filepath"), gr.JSON()
        gr.Button().click(lambda value: [Path(value["composite"]).suffix, len(value["layers"])], paths, names, api_name="paths")
    from gradio_client import handle_file

    client = connect(launch(demo))
    composite = handle_file(write_png(tmp_path / "c.png", (1, 2, 3, 255), size=(16, 8)))
    shapes_out = client.predict({"background": None, "layers": [], "composite": composite}, api_name="/shapes")
    assert shapes_out == {"background": None, "layers": [], "composite": [8, 16]}
    assert client.predict(
        {"background": composite, "layers": [composite, composite], "composite": composite}, api_name="/paths"
    ) == [".png", 2]
