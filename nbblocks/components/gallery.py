"""Gallery and AnnotatedImage: images with captions or labels, drawn by the "image" chunk.

Their values are Gradio 4.34's: a Gallery is a list of ``{"image": FileData, "caption"}``; an
AnnotatedImage is ``{"image": FileData, "annotations": [{"image": FileData, "label"}]}``, each
annotation a coloured mask (PNG with alpha) laid over the base image. They convert their images
with the helpers of `nbblocks.components.image`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Bool, Dict, Enum, Int, List, Unicode, Union

from ..accepted import warn_unused
from ..block import undrawn
from ..events import EventListener
from ..filedata import cache_of, to_local_path
from ..protocol import FileData
from .base import Component, expect, size_trait
from .buttons import button_flags
from .files import FILE_DATA_SCHEMA
from .image import IMAGE_TYPES, ImageType, as_type, check_type, open_image, save_image

if TYPE_CHECKING:
    import numpy as np
    from typing_extensions import Unpack

    from ..cache import FileCache
    from .base import ComponentOptions, SharedOptions

_EXAMPLE_URL = "https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"
#: a box annotation is drawn as its outline, this many pixels wide, over a half-transparent fill
_BOX_BORDER = 3
_DEFAULT_COLOR = (255, 0, 0)


def _captioned_schema(key: str, caption: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {key: FILE_DATA_SCHEMA, caption: {"anyOf": [{"type": "string"}, {"type": "null"}]}},
        "required": [key, caption],
    }


class Gallery(Component):
    """A grid of images, each with an optional caption; clicking one opens it in a preview
    (``allow_preview``) and fires ``select`` with its index and caption."""

    select = EventListener()
    upload = EventListener()
    change = EventListener()
    delete = EventListener(not_fired="Gradio 5's; this gallery's images are not deleted one by one on the page")
    preview_open = EventListener()  # Gradio 5's: an image clicked opens the preview
    preview_close = EventListener()  # its close button
    format = Unicode("webp").tag(prop=True, not_drawn="the format outputs are saved in, in Python")
    #: per screen width as in Gradio: one count, or one per breakpoint (<576, <768, <992, <1200,
    #: <1400, wider px), the last given used for the wider ones
    columns = Union([Int(), List(Int())], default_value=2, allow_none=True).tag(prop=True)
    rows = Union([Int(), List(Int())], default_value=None, allow_none=True).tag(prop=True)
    height = size_trait().tag(prop=True)
    allow_preview = Bool(True).tag(prop=True)
    preview = Bool(None, allow_none=True).tag(prop=True)
    selected_index = Int(None, allow_none=True).tag(prop=True)
    object_fit = Enum(("contain", "cover", "fill", "none", "scale-down"), None, allow_none=True).tag(prop=True)
    show_share_button = Bool(None, allow_none=True).tag(prop=True, not_drawn="no Hugging Face Space to share to")
    show_download_button = Bool(True).tag(prop=True)
    type = Enum(IMAGE_TYPES, "filepath").tag(prop=True, not_drawn="what preprocess gives the function")

    def __init__(
        self,
        value: list[Any] | Any = None,
        *,
        format: str = "webp",
        columns: int | tuple[int, ...] | list[int] | None = 2,
        rows: int | tuple[int, ...] | list[int] | None = None,
        height: int | str | None = None,
        allow_preview: bool = True,
        preview: bool | None = None,
        selected_index: int | None = None,
        object_fit: Literal["contain", "cover", "fill", "none", "scale-down"] | None = None,
        show_share_button: bool | None = None,
        show_download_button: bool = True,
        type: ImageType = "filepath",
        buttons: list[Any] | None = None,
        file_types: list[str] | None = None,
        sources: list[str] | None = None,
        fit_columns: bool = True,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        warn_unused(
            "Gallery", file_types=file_types, sources=None if sources in (None, ["upload"]) else sources,
            fit_columns=None if fit_columns else False,
        )  # fmt: skip
        shown = button_flags("Gallery", buttons, show_download_button=show_download_button, show_share_button=show_share_button)
        show_download_button, show_share_button = bool(shown["show_download_button"]), shown["show_share_button"]
        super().__init__(
            value, format=format.lower().lstrip("."), columns=_counts(columns), rows=_counts(rows), height=height,
            allow_preview=allow_preview, preview=preview, selected_index=selected_index, object_fit=object_fit,
            show_share_button=show_share_button, show_download_button=show_download_button, type=check_type(type),
            **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return {"type": "array", "items": _captioned_schema("image", "caption")}

    def example_value(self) -> Any:
        return [{"image": {"path": _EXAMPLE_URL, "meta": {"_type": "gradio.FileData"}}, "caption": None}]

    def preprocess(self, payload: Any) -> list[tuple[Any, str | None]] | None:
        """``[{"image": FileData, "caption"}]`` → ``[(image, caption)]``, each image as ``type``
        says (a path by default); an empty gallery → None."""
        if not payload:
            return None
        expect(isinstance(payload, list), self, f"expected a list of images, got {type(payload).__name__}")
        cache = cache_of(self)
        items = []
        for item in payload:
            expect(isinstance(item, dict) and "image" in item, self, "each item must be {'image': FileData, 'caption'}")
            path = to_local_path(item["image"], cache)
            image = str(path) if self.type == "filepath" else as_type(open_image(path), self.type, cache, path.stem, "png")
            items.append((image, item.get("caption")))
        return items

    def postprocess(self, value: Any) -> list[dict[str, Any]]:
        """A list of images (arrays, PIL images, paths, URLs) or ``(image, caption)`` pairs →
        ``[{"image": FileData, "caption"}]``; None → an empty gallery."""
        if value is None:
            return []
        expect(isinstance(value, (list, tuple)), self, f"expected a list of images, got {type(value).__name__}")
        cache = cache_of(self)
        return [self._item(item, cache) for item in value]

    def _item(self, item: Any, cache: FileCache) -> dict[str, Any]:
        caption = None
        if isinstance(item, dict) and "image" in item:  # already in the JSON form
            item, caption = item["image"], item.get("caption")
        elif isinstance(item, (tuple, list)):
            expect(len(item) == 2, self, "a captioned image is an (image, caption) pair")
            item, caption = item
        return {"image": save_image(item, cache, self.format), "caption": None if caption is None else str(caption)}


def _counts(value: int | tuple[int, ...] | list[int] | None) -> int | list[int] | None:
    return list(value) if isinstance(value, (tuple, list)) else value


def _hex_to_rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    if len(color) == 3:
        color = "".join(c * 2 for c in color)
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def box_mask(shape: tuple[int, int], box: Any) -> np.ndarray:
    """The mask of a box ``(x1, y1, x2, y2)`` in pixels: its outline 1, its inside 0.5."""
    import numpy as np

    x1, y1, x2, y2 = (int(v) for v in box)
    mask = np.zeros(shape)
    mask[y1:y2, x1:x2] = 0.5
    mask[y1 : y1 + _BOX_BORDER, x1:x2] = 1
    mask[max(y2 - _BOX_BORDER, 0) : y2, x1:x2] = 1
    mask[y1:y2, x1 : x1 + _BOX_BORDER] = 1
    mask[y1:y2, max(x2 - _BOX_BORDER, 0) : x2] = 1
    return mask


def colored_mask(mask: np.ndarray, rgb: tuple[int, int, int]) -> np.ndarray:
    """An RGBA layer: ``rgb`` wherever ``mask`` is above 0, ``mask`` (0..1) as its opacity."""
    import numpy as np

    layer = np.zeros((*mask.shape[:2], 4), dtype=np.uint8)
    layer[mask > 0, :3] = rgb
    layer[:, :, 3] = (np.clip(mask, 0, 1) * 255).astype(np.uint8)
    return layer


class AnnotatedImage(Component):
    """A base image with labelled annotations: masks (arrays of 0..1 the image's size) or boxes
    ``(x1, y1, x2, y2)``, each coloured from ``color_map`` (label → hex colour; red otherwise).
    Clicking an annotation or its legend entry fires ``select`` with its index and label."""

    select = EventListener()
    format = Unicode("webp").tag(prop=True, not_drawn="the format the base image is saved in, in Python")
    show_legend = Bool(True).tag(prop=True)
    height = size_trait().tag(prop=True)
    width = size_trait().tag(prop=True)
    color_map = Dict(Unicode(), default_value=None, allow_none=True).tag(prop=True)
    interactive = undrawn(Component.interactive, "display only, as in Gradio (its constructor takes no interactive)")

    def __init__(
        self,
        value: tuple[Any, list[tuple[Any, str]]] | None = None,
        *,
        format: str = "webp",
        show_legend: bool = True,
        height: int | str | None = None,
        width: int | str | None = None,
        color_map: dict[str, str] | None = None,
        show_label: bool | None = None,
        min_width: int | None = 160,
        **kwargs: Unpack[SharedOptions],
    ) -> None:
        super().__init__(
            value, format=format.lower().lstrip("."), show_legend=show_legend, height=height, width=width,
            color_map=color_map, show_label=show_label, min_width=min_width, **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        annotation = _captioned_schema("image", "label")
        annotation["properties"]["label"] = {"type": "string"}
        return {
            "type": "object",
            "properties": {"image": FILE_DATA_SCHEMA, "annotations": {"type": "array", "items": annotation}},
            "required": ["image", "annotations"],
        }

    def example_value(self) -> Any:
        return {"image": {"path": _EXAMPLE_URL, "meta": {"_type": "gradio.FileData"}}, "annotations": []}

    def preprocess(self, payload: Any) -> tuple[str, list[tuple[str, str]]] | None:
        """The JSON form → ``(base image path, [(mask image path, label)])``, as in Gradio."""
        if payload is None:
            return None
        expect(isinstance(payload, dict) and "image" in payload, self, "expected {'image': FileData, 'annotations'}")
        cache = cache_of(self)
        annotations = [(str(to_local_path(a["image"], cache)), a["label"]) for a in payload.get("annotations") or []]
        return str(to_local_path(payload["image"], cache)), annotations

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """``(base image, [(mask or box, label)])`` → the base image and one coloured mask
        image (PNG) per annotation, in the app's cache."""
        if value is None:
            return None
        if isinstance(value, dict) and "image" in value:  # already in the JSON form
            return value
        expect(isinstance(value, (tuple, list)) and len(value) == 2, self, "expected (base image, [(mask, label)])")
        base, annotations = value
        cache = cache_of(self)
        image: FileData = save_image(base, cache, self.format)
        shape = _image_shape(base, Path(image["path"]))
        colors = self.color_map or {}
        sections = []
        import numpy as np

        for mask, label in annotations:
            array = np.asarray(mask, dtype=float) if hasattr(mask, "shape") else box_mask(shape, mask)
            rgb = _hex_to_rgb(colors[label]) if label in colors else _DEFAULT_COLOR
            layer = save_image(colored_mask(array, rgb), cache, "png", name="mask")
            sections.append({"image": layer, "label": str(label)})
        return {"image": image, "annotations": sections}


def _image_shape(base: Any, saved: Path) -> tuple[int, int]:
    """(height, width) of the base image, read without decoding its pixels when it is a file."""
    if hasattr(base, "shape"):
        return int(base.shape[0]), int(base.shape[1])
    if hasattr(base, "size") and not isinstance(base, (str, Path)):
        width, height = base.size
        return height, width
    from PIL import Image as PILModule

    with PILModule.open(saved) as opened:
        return opened.height, opened.width


#: Gradio's other name for AnnotatedImage
Annotatedimage = AnnotatedImage
