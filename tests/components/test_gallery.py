"""gr.Gallery and gr.AnnotatedImage on the Python side: Gradio 4.34's signatures and value
shapes (a gallery's ``[{"image": FileData, "caption"}]``, preprocess giving ``(image, caption)``
pairs for each ``type``; an annotated image's coloured mask per box or mask)."""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PILImage

import nbblocks as gr
from nbblocks.filedata import cache_of


def pixels(file: dict[str, object]) -> np.ndarray:
    with PILImage.open(str(file["path"])) as opened:
        return np.array(opened)


def test_gallery_signature_and_defaults_are_gradios() -> None:
    parameters = inspect.signature(gr.Gallery).parameters
    for name in ("format", "columns", "rows", "height", "allow_preview", "preview", "selected_index", "object_fit",
                 "show_download_button", "type"):  # fmt: skip
        assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY, name
    gallery = gr.Gallery()
    assert gallery.value == []  # None becomes the empty gallery, as in Gradio
    assert (gallery.columns, gallery.rows, gallery.type, gallery.allow_preview, gallery.format) == (
        2,
        None,
        "filepath",
        True,
        "webp",
    )
    assert gr.Gallery.EVENTS == ("select", "upload", "change", "delete", "preview_open", "preview_close")  # Gradio 5 added the last three
    assert gr.Gallery(columns=(1, 2, 4), object_fit="cover").columns == [1, 2, 4]  # per screen width


def test_gallery_postprocess_takes_every_image_kind_with_captions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "cat.png"
    PILImage.new("RGB", (3, 3), "white").save(path)
    value = gr.Gallery(format="png").postprocess([
        np.zeros((2, 4, 3), dtype=np.uint8),
        (PILImage.new("RGB", (5, 1), "red"), "a red line"),
        (str(path), "a path"),
        Path(path),
        ("https://example.com/dog.jpg", "a URL"),
    ])  # fmt: skip
    assert [item["caption"] for item in value] == [None, "a red line", "a path", None, "a URL"]
    assert pixels(value[0]["image"]).shape == (2, 4, 3)
    assert tuple(pixels(value[1]["image"])[0, 0]) == (255, 0, 0)
    assert value[2]["image"]["orig_name"] == "cat.png" and cache_of(None).contains(value[2]["image"]["path"])
    assert value[4]["image"]["url"] == "https://example.com/dog.jpg"
    assert gr.Gallery(value).value == value  # the JSON form comes back unchanged
    with pytest.raises(ValueError, match="Cannot process this value as an Image"):
        gr.Gallery().postprocess([3])


@pytest.mark.parametrize("kind", ["filepath", "pil", "numpy"])
def test_gallery_preprocess_gives_image_caption_pairs(kind: str) -> None:
    payload = gr.Gallery(format="png").postprocess([(np.full((2, 3, 3), 7, dtype=np.uint8), "seven"), np.zeros((1, 1, 3))])
    received = gr.Gallery(type=kind).preprocess(payload)  # type: ignore[arg-type]
    assert received is not None and [caption for _, caption in received] == ["seven", None]
    first = received[0][0]
    if kind == "filepath":
        assert first == payload[0]["image"]["path"]
    elif kind == "pil":
        assert isinstance(first, PILImage.Image) and first.size == (3, 2)
    else:
        assert isinstance(first, np.ndarray) and first.shape == (2, 3, 3) and first[0, 0, 0] == 7
    assert gr.Gallery().preprocess([]) is None
    with pytest.raises(gr.Error):
        gr.Gallery().preprocess([{"image": {"path": "/etc/passwd"}, "caption": None}])


def test_annotated_image_colours_boxes_and_masks() -> None:
    base = np.zeros((20, 30, 3), dtype=np.uint8)
    mask = np.zeros((20, 30))
    mask[15:, 25:] = 1
    annotated = gr.AnnotatedImage((base, [((2, 3, 12, 10), "box"), (mask, "corner")]), color_map={"box": "#00ff00"}, format="png")
    value = annotated.value
    assert value is not None and pixels(value["image"]).shape == (20, 30, 3)
    assert [a["label"] for a in value["annotations"]] == ["box", "corner"]
    box = pixels(value["annotations"][0]["image"])
    assert box.shape == (20, 30, 4)
    assert tuple(box[3, 2]) == (0, 255, 0, 255)  # the box's outline, in its colour from color_map
    assert tuple(box[6, 7]) == (0, 255, 0, 127)  # its inside, half transparent
    assert box[0, 0, 3] == 0  # outside the box: nothing
    corner = pixels(value["annotations"][1]["image"])
    assert tuple(corner[19, 29]) == (255, 0, 0, 255) and corner[0, 0, 3] == 0  # red without a colour given
    base_path, annotations = annotated.preprocess(value)  # type: ignore[misc]
    assert base_path == value["image"]["path"] and [label for _, label in annotations] == ["box", "corner"]


def test_annotated_image_signature_and_base_image_kinds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parameters = inspect.signature(gr.AnnotatedImage).parameters
    for name in ("format", "show_legend", "height", "width", "color_map"):
        assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY, name
    assert "interactive" not in parameters and gr.AnnotatedImage.EVENTS == ("select",)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "base.png"
    PILImage.new("RGB", (8, 6)).save(path)
    for base in (str(path), PILImage.new("RGB", (8, 6))):
        value = gr.AnnotatedImage().postprocess((base, [((0, 0, 4, 4), "x")]))
        assert value is not None and pixels(value["annotations"][0]["image"]).shape == (6, 8, 4)
    assert gr.AnnotatedImage().postprocess(None) is None
