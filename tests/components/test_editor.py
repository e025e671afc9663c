"""gr.ImageEditor, gr.Sketchpad, gr.ImageMask on the Python side: Gradio 4.34's value
``{background, layers, composite}`` for each ``type``, its FileData form, the presets and tools."""

from __future__ import annotations

import inspect
import io
from pathlib import Path
from typing import Any

import numpy as np
import PIL.Image
import pytest

import nbblocks as gr
from nbblocks.filedata import cache_of


def png(color: tuple[int, ...], size: tuple[int, int] = (40, 30), mode: str = "RGBA") -> bytes:
    out = io.BytesIO()
    PIL.Image.new(mode, size, color).save(out, format="png")
    return out.getvalue()


def uploaded(editor: gr.ImageEditor) -> dict[str, Any]:
    """What the page sends after an edit: three PNGs uploaded into the app's cache."""
    cache = cache_of(editor)

    def file(data: bytes, name: str) -> dict[str, Any]:
        return {"path": str(cache.store_bytes(data, name)), "orig_name": name, "meta": {"_type": "gradio.FileData"}}

    return {
        "background": file(png((255, 255, 255, 255)), "background.png"),
        "layers": [file(png((0, 0, 0, 0)), "layer-1.png"), file(png((204, 50, 50, 255)), "layer-2.png")],
        "composite": file(png((204, 50, 50, 255)), "composite.png"),
    }


def test_signature_defaults_and_public_names_are_gradios() -> None:
    parameters = inspect.signature(gr.ImageEditor).parameters
    for name in ("image_mode", "sources", "type", "crop_size", "transforms", "eraser", "brush", "format", "layers"):
        assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY, name
    editor = gr.ImageEditor()
    assert (editor.type, editor.image_mode, editor.format, editor.layers) == ("numpy", "RGBA", "webp", True)
    assert editor.sources == ["upload", "webcam", "clipboard"] and editor.transforms == ["crop"]
    assert editor.brush == {
        "default_size": "auto", "color_mode": "defaults", "default_color": "rgb(204, 50, 50)",
        "colors": ["rgb(204, 50, 50)", "rgb(173, 204, 50)", "rgb(50, 204, 112)", "rgb(50, 112, 204)", "rgb(173, 50, 204)"],
    }  # fmt: skip
    assert editor.eraser == {"default_size": "auto"}
    for event in ("change", "input", "upload", "apply", "clear", "select"):
        assert callable(getattr(editor, event)), event
    assert "Brush" in gr.__all__ and "Eraser" in gr.__all__


def test_brush_and_eraser_options_reach_the_front_end() -> None:
    editor = gr.ImageEditor(brush=gr.Brush(default_size=7, colors=["#ff0000", ("#00ff00", 0.5)]), eraser=gr.Eraser(3))
    assert editor.brush == {
        "default_size": 7,
        "colors": ["#ff0000", ("#00ff00", 0.5)],
        "default_color": "#ff0000",
        "color_mode": "defaults",
    }
    assert editor.eraser == {"default_size": 3}
    hidden = gr.ImageEditor(brush=False)
    assert hidden.brush is None and hidden.eraser is None  # no brush: nothing to erase either, as in Gradio
    assert gr.ImageEditor(eraser=False).eraser is None


def test_sketchpad_and_imagemask_are_presets() -> None:
    sketch = gr.Sketchpad()
    assert isinstance(sketch, gr.ImageEditor)
    assert sketch.sources == [] and sketch.canvas_size == [800, 600]
    assert sketch.brush is not None and sketch.brush["colors"] == ["#000000"] and sketch.brush["color_mode"] == "fixed"
    mask = gr.ImageMask()
    assert mask.sources == ["upload", "webcam", "clipboard"]
    assert mask.brush is not None and mask.brush["default_color"] == "#000000"
    assert gr.Sketchpad(brush=gr.Brush(colors=["red"])).brush["colors"] == ["red"]


def test_numpy_gives_arrays_in_image_mode() -> None:
    editor = gr.ImageEditor()
    value = editor.preprocess(uploaded(editor))
    assert value is not None and set(value) == {"background", "layers", "composite"}
    assert value["background"].shape == (30, 40, 4) and value["background"].dtype == np.uint8
    assert [layer.shape for layer in value["layers"]] == [(30, 40, 4), (30, 40, 4)]
    assert value["composite"][0, 0].tolist() == [204, 50, 50, 255]
    gray = gr.ImageEditor(image_mode="L")
    assert gray.preprocess(uploaded(gray))["composite"].shape == (30, 40)  # type: ignore[index]


def test_pil_gives_images_and_filepath_gives_files() -> None:
    editor = gr.ImageEditor(type="pil", image_mode="RGB")
    value = editor.preprocess(uploaded(editor))
    assert value is not None
    assert isinstance(value["composite"], PIL.Image.Image) and value["composite"].mode == "RGB"
    assert value["composite"].getpixel((0, 0)) == (204, 50, 50)
    assert len(value["layers"]) == 2
    paths = gr.ImageEditor(type="filepath")
    files = paths.preprocess(uploaded(paths))
    assert files is not None
    for path in [files["background"], files["composite"], *files["layers"]]:
        assert isinstance(path, str) and cache_of(paths).contains(path)
        with PIL.Image.open(path) as image:
            assert image.size == (40, 30)


def test_crop_size_crops_and_scales_each_image() -> None:
    editor = gr.ImageEditor(crop_size=(20, 20))
    assert editor.crop_size == [20, 20]
    value = editor.preprocess(uploaded(editor))
    assert value is not None and value["composite"].shape == (20, 20, 4)
    assert gr.ImageEditor(crop_size="16:9").crop_size == "16:9"  # a ratio: only the crop box follows it


def test_missing_parts_stay_missing() -> None:
    editor = gr.ImageEditor()
    sent = uploaded(editor)
    value = editor.preprocess({"background": None, "layers": [], "composite": sent["composite"]})
    assert value is not None and value["background"] is None and value["layers"] == []
    assert editor.preprocess(None) is None
    with pytest.raises(gr.Error, match="ImageEditor"):
        editor.preprocess("not a value")


def test_postprocess_saves_each_image_as_file_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "bg.png"
    path.write_bytes(png((1, 2, 3, 255)))
    with gr.Blocks():
        editor = gr.ImageEditor(format="png")
    layer = np.zeros((30, 40, 4), dtype=np.uint8)
    layer[5, 5] = [9, 8, 7, 255]
    data = editor.postprocess({"background": str(path), "layers": [layer], "composite": PIL.Image.new("RGB", (40, 30), "blue")})
    assert data is not None
    for file in [data["background"], data["composite"], *data["layers"]]:
        assert file is not None and file["meta"] == {"_type": "gradio.FileData"}
        assert cache_of(editor).contains(file["path"])
    assert data["background"] is not None and Path(data["background"]["path"]).read_bytes() == path.read_bytes()
    with PIL.Image.open(data["layers"][0]["path"]) as saved:
        assert saved.format == "PNG" and saved.getpixel((5, 5)) == (9, 8, 7, 255)
    assert editor.postprocess(data) == data  # its own output back: unchanged


def test_one_image_is_the_background_and_the_composite() -> None:
    editor = gr.ImageEditor()
    data = editor.postprocess(np.full((10, 10, 3), 255, dtype=np.uint8))
    assert data is not None and data["layers"] == []
    assert data["background"] == data["composite"] and data["composite"] is not None
    assert data["composite"]["path"].endswith(".webp")  # format: Gradio's default
    assert editor.postprocess(None) is None


def test_api_info_describes_editor_data_for_gradio_client() -> None:
    info = gr.ImageEditor().api_info()
    assert info["title"] == "EditorData"
    assert set(info["properties"]) == {"background", "layers", "composite"}
    assert info["properties"]["layers"]["items"]["title"] == "FileData"
    example = gr.ImageEditor().example_value()
    assert example["background"]["meta"] == {"_type": "gradio.FileData"} and example["layers"] == []
