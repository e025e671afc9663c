"""gr.Image on the Python side: Gradio 4.34's signature and defaults, what a function receives
for each ``type`` (converted to ``image_mode``, turned upright by EXIF), and what it may return
(an array, a PIL image, a path, a URL), saved in ``format`` in the app's cache."""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PILImage

import nbblocks as gr
from nbblocks.filedata import cache_of


def uploaded(image: PILImage.Image, name: str, **save: object) -> dict[str, object]:
    """The FileData a page sends once ``image`` was uploaded as ``name`` into the cache."""
    folder = cache_of(None).root / f"upload-{name}"
    folder.mkdir(exist_ok=True)
    path = folder / name
    image.save(path, **save)  # type: ignore[arg-type]
    return {"path": str(path), "orig_name": name, "meta": {"_type": "gradio.FileData"}}


def test_signature_and_defaults_are_gradios() -> None:
    parameters = inspect.signature(gr.Image).parameters
    for name in ("height", "width", "image_mode", "sources", "type", "show_download_button", "streaming",
                 "mirror_webcam", "format", "placeholder"):  # fmt: skip
        assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY, name
    image = gr.Image()
    assert (image.value, image.type, image.image_mode, image.format) == (None, "numpy", "RGB", "webp")
    assert image.sources == ["upload", "webcam", "clipboard"]
    assert (image.show_download_button, image.streaming, image.mirror_webcam) == (True, False, True)
    assert gr.Image.EVENTS == ("clear", "change", "stream", "select", "upload", "input")
    assert gr.Image(sources="webcam").sources == ["webcam"]


def test_wrong_options_are_refused_as_gradio_refuses_them() -> None:
    with pytest.raises(ValueError, match="Invalid value for parameter `type`"):
        gr.Image(type="bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="`sources` must be a list"):
        gr.Image(sources=["microphone"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="streaming only available if sources includes 'webcam'"):
        gr.Image(sources=["upload"], streaming=True)


@pytest.mark.parametrize("kind", ["numpy", "pil", "filepath"])
def test_preprocess_gives_each_type_in_image_mode(kind: str) -> None:
    rgba = PILImage.new("RGBA", (6, 4), (200, 100, 50, 128))
    payload = uploaded(rgba, "photo.png")
    received = gr.Image(type=kind, image_mode="L").preprocess(payload)  # type: ignore[arg-type]
    if kind == "numpy":
        assert isinstance(received, np.ndarray) and received.shape == (4, 6) and received.dtype == np.uint8
    elif kind == "pil":
        assert isinstance(received, PILImage.Image) and (received.mode, received.size) == ("L", (6, 4))
    else:
        assert isinstance(received, str) and received.endswith("photo.png")
        with PILImage.open(received) as saved:  # a converted copy, in the upload's format
            assert (saved.format, saved.mode, saved.size) == ("PNG", "L", (6, 4))
        assert cache_of(None).contains(received)
    rgb = gr.Image(type="numpy").preprocess(payload)
    assert rgb.shape == (4, 6, 3) and tuple(rgb[0, 0]) == (200, 100, 50)  # RGB by default: alpha dropped


def test_preprocess_turns_the_picture_upright_from_its_exif() -> None:
    tall = PILImage.new("RGB", (2, 3), "red")
    exif = tall.getexif()
    exif[274] = 6  # the camera was turned: shown rotated 90°
    payload = uploaded(tall, "camera.jpg", exif=exif)
    assert gr.Image(type="pil").preprocess(payload).size == (3, 2)


def test_preprocess_keeps_an_svg_a_path_and_refuses_files_outside_the_cache(tmp_path: Path) -> None:
    folder = cache_of(None).root / "svg"
    folder.mkdir(exist_ok=True)
    svg = folder / "logo.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert gr.Image(type="pil").preprocess({"path": str(svg), "orig_name": "logo.svg"}) == str(svg)
    outside = tmp_path / "secret.png"
    PILImage.new("RGB", (1, 1)).save(outside)
    with pytest.raises(gr.Error, match="not an upload of this app"):
        gr.Image().preprocess({"path": str(outside)})
    assert gr.Image().preprocess(None) is None


def read_output(value: dict[str, object]) -> PILImage.Image:
    with PILImage.open(str(value["path"])) as opened:
        opened.load()
        return opened


def test_postprocess_saves_arrays_and_pil_images_in_format() -> None:
    array = np.zeros((3, 5, 3), dtype=np.uint8)
    array[:, :, 1] = 255
    default = gr.Image().postprocess(array)
    assert default is not None and default["orig_name"] == "image.webp" and default["mime_type"] == "image/webp"
    assert read_output(default).format == "WEBP"  # type: ignore[arg-type]
    png = gr.Image(format="png").postprocess(array)
    assert png is not None and read_output(png).getpixel((0, 0)) == (0, 255, 0)  # type: ignore[arg-type]
    assert cache_of(None).contains(png["path"])
    floats = gr.Image(format="png").postprocess(np.full((2, 2), 0.5))  # floats in 0..1, as Gradio takes them
    assert floats is not None and read_output(floats).getpixel((0, 0)) == 128  # type: ignore[arg-type]
    pil = gr.Image(format="jpeg").postprocess(PILImage.new("RGBA", (4, 4), (0, 0, 255, 255)))
    assert pil is not None and read_output(pil).format == "JPEG"  # type: ignore[arg-type]
    assert gr.Image(format="png").postprocess(array) == png  # the same picture is stored once


def test_postprocess_takes_paths_and_urls_as_they_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "drawn.png"
    PILImage.new("RGB", (2, 2), "blue").save(source)
    value = gr.Image().postprocess(str(source))
    assert value is not None and value["orig_name"] == "drawn.png" and Path(value["path"]).read_bytes() == source.read_bytes()
    url = "https://example.com/cat.png"
    assert gr.Image().postprocess(url)["url"] == url  # type: ignore[index]
    assert gr.Image(value).value == value  # its own output comes back unchanged
    with pytest.raises(ValueError, match="Cannot process this value as an Image"):
        gr.Image().postprocess(42)


def test_an_image_value_given_to_the_constructor_is_in_the_apps_cache() -> None:
    with gr.Blocks() as demo:
        image = gr.Image(np.zeros((2, 2, 3), dtype=np.uint8), format="png")
    assert image.value is not None and demo.file_cache.contains(image.value["path"])
    assert image.api_info()["title"] == "FileData"  # what gradio_client's handle_file needs


def test_an_initial_value_naming_a_missing_file_starts_empty_as_in_gradio(tmp_path) -> None:
    """Gradio builds and serves such an app (its page shows no picture); a function returning a
    missing file is still an error."""
    with pytest.warns(UserWarning, match="'images/cheetah.jpg' is not a file that exists; it starts empty"):
        image = gr.Image("images/cheetah.jpg")
    assert image.value is None
    with pytest.raises(gr.Error, match="not a file that exists"):
        image.value = str(tmp_path / "gone.png")
