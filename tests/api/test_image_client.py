"""Image, Gallery and AnnotatedImage through the official `gradio_client`: images in with
`handle_file` (uploaded, then converted for the function as ``type`` says), images out
downloaded from the app's cache, galleries of captions both ways."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image as PILImage

import nbblocks as gr

Connect = Callable[..., Any]
Launch = Callable[..., str]


def png(path: Path, size: tuple[int, int] = (512, 512), color: tuple[int, int, int] = (10, 200, 30)) -> Path:
    PILImage.new("RGB", size, color).save(path)
    return path


def test_an_image_in_as_pil_and_out_again(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    seen: list[tuple[str, tuple[int, int]]] = []

    def mirror(image: PILImage.Image) -> PILImage.Image:
        seen.append((type(image).__name__, image.size))
        return image.transpose(PILImage.Transpose.FLIP_LEFT_RIGHT)

    with gr.Blocks() as demo:
        inp, out = gr.Image(type="pil"), gr.Image(format="png")
        gr.Button().click(mirror, inp, out, api_name="mirror")
    source = tmp_path / "in.png"
    picture = PILImage.new("RGB", (512, 512), (0, 0, 0))
    picture.putpixel((0, 0), (255, 255, 255))
    picture.save(source)
    from gradio_client import handle_file

    result = connect(launch(demo)).predict(handle_file(str(source)), api_name="/mirror")
    assert seen == [("Image", (512, 512))]
    with PILImage.open(result) as returned:
        assert (returned.format, returned.size) == ("PNG", (512, 512))
        assert returned.getpixel((511, 0)) == (255, 255, 255) and returned.getpixel((0, 0)) == (0, 0, 0)


def test_each_type_and_image_mode_through_the_api(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        as_array, as_path, grey = gr.Image(type="numpy"), gr.Image(type="filepath"), gr.Image(type="pil", image_mode="L")
        described = gr.JSON()
        gr.Button().click(lambda a: [list(a.shape), str(a.dtype)], as_array, described, api_name="array")
        gr.Button().click(lambda p: [Path(p).suffix, Path(p).is_file()], as_path, described, api_name="path")
        gr.Button().click(lambda im: [im.mode], grey, described, api_name="grey")
        default_out = gr.Image()
        gr.Button().click(lambda: np.full((4, 6, 3), 255, dtype=np.uint8), None, default_out, api_name="webp")
    from gradio_client import handle_file

    client = connect(launch(demo))
    source = handle_file(str(png(tmp_path / "small.png", (6, 4))))
    assert client.predict(source, api_name="/array") == [[4, 6, 3], "uint8"]
    assert client.predict(source, api_name="/path") == [".png", True]
    assert client.predict(source, api_name="/grey") == ["L"]
    webp = client.predict(api_name="/webp")
    with PILImage.open(webp) as returned:
        assert (returned.format, returned.size) == ("WEBP", (6, 4))  # Gradio 4.34's default format


def test_a_gallery_of_captions_both_ways(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        made, received = gr.Gallery(format="png"), gr.Gallery()
        summary = gr.JSON()
        gr.Button().click(
            lambda: [(np.zeros((3, 3, 3), dtype=np.uint8), "black"), (PILImage.new("RGB", (2, 2), "red"), "red")],
            None, made, api_name="make",
        )  # fmt: skip
        gr.Button().click(lambda items: [[Path(p).suffix, c] for p, c in items], received, summary, api_name="read")
    from gradio_client import handle_file

    client = connect(launch(demo))
    gallery = client.predict(api_name="/make")
    assert [item["caption"] for item in gallery] == ["black", "red"]
    with PILImage.open(gallery[1]["image"]) as red:
        assert red.getpixel((0, 0)) == (255, 0, 0)
    sent = [{"image": handle_file(str(png(tmp_path / "one.png"))), "caption": "first"},
            {"image": handle_file(str(png(tmp_path / "two.png"))), "caption": None}]  # fmt: skip
    assert client.predict(sent, api_name="/read") == [[".png", "first"], [".png", None]]


def test_an_annotated_image_out(launch: Launch, connect: Connect) -> None:
    with gr.Blocks() as demo:
        out = gr.AnnotatedImage(color_map={"cell": "#0000ff"})
        gr.Button().click(lambda: (np.zeros((10, 10, 3), dtype=np.uint8), [((1, 1, 8, 8), "cell")]), None, out, api_name="find")
    value = connect(launch(demo)).predict(api_name="/find")
    assert [a["label"] for a in value["annotations"]] == ["cell"]
    with PILImage.open(value["annotations"][0]["image"]) as mask:
        assert mask.mode == "RGBA" and mask.getpixel((1, 1)) == (0, 0, 255, 255)
    assert Path(value["image"]).is_file()
