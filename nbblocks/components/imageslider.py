"""ImageSlider: two pictures over each other, a divider the user drags to compare them.

Gradio 5's component: its value is the pair, each converted as `Image` converts one (``type``,
``image_mode``, ``format``, with the same helpers). On the page, in the "image" chunk, the first
picture shows left of the divider and the second right of it; an upload fills the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from traitlets import Enum, Int, Unicode

from ..accepted import warn_unused
from ..events import EventListener
from ..filedata import cache_of
from .base import Component, number_trait, size_trait
from .files import FILE_DATA_SCHEMA
from .image import _EXAMPLE_URL, IMAGE_TYPES, ImageType, check_type, load_image, save_image

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ..block import Block
    from ..components.timer import Timer
    from ..protocol import FileData


class ImageSlider(Component):
    """A pair of images compared under a draggable divider, ``slider_position`` percent from the
    left (a function sets it with ``gr.ImageSlider(slider_position=...)``)."""

    clear = EventListener()
    change = EventListener()
    stream = EventListener(not_fired="no webcam source: the pair comes from uploads and functions")
    select = EventListener(not_fired="a click on the pair moves the divider")
    upload = EventListener()
    input = EventListener()
    height = size_trait().tag(prop=True)
    width = size_trait().tag(prop=True)
    image_mode = Unicode("RGB", allow_none=True).tag(prop=True, not_drawn="the mode preprocess converts to")
    type = Enum(IMAGE_TYPES, "numpy").tag(prop=True, not_drawn="what preprocess gives the function")
    format = Unicode("webp").tag(prop=True, not_drawn="the format outputs are saved in, in Python")
    slider_position = number_trait(50, allow_none=False).tag(prop=True)
    max_height = Int(500).tag(prop=True)

    def __init__(
        self,
        value: tuple[Any, Any] | Callable[..., Any] | None = None,
        *,
        format: str = "webp",
        height: int | str | None = None,
        width: int | str | None = None,
        image_mode: Literal["1", "L", "P", "RGB", "RGBA", "CMYK", "YCbCr", "LAB", "HSV", "I", "F"] | None = "RGB",
        type: ImageType = "numpy",
        label: str | None = None,
        every: Timer | float | None = None,
        inputs: Block | Sequence[Block] | set[Block] | None = None,
        show_label: bool | None = None,
        buttons: list[Any] | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
        preserved_by_key: list[str] | str | None = "value",
        slider_position: float = 50,
        max_height: int = 500,
    ) -> None:
        # a keyed re-render keeps the value only (nbblocks.renderable): any other choice warns
        kept = None if preserved_by_key in ("value", ["value"]) else preserved_by_key
        warn_unused("ImageSlider", buttons=buttons, preserved_by_key=kept)
        self.format = format.lower().lstrip(".")  # postprocess needs it before the value is set
        super().__init__(
            value, format=self.format, height=height, width=width, image_mode=image_mode, type=check_type(type),
            label=label, every=every, inputs=inputs, show_label=show_label, container=container, scale=scale,
            min_width=min_width, interactive=interactive, visible=visible, elem_id=elem_id,
            elem_classes=elem_classes, render=render, key=key, slider_position=slider_position,
            max_height=max_height,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return {"type": "array", "minItems": 2, "maxItems": 2, "items": FILE_DATA_SCHEMA}

    def example_value(self) -> Any:
        image = {"path": _EXAMPLE_URL, "meta": {"_type": "gradio.FileData"}}
        return [image, image]

    def preprocess(self, payload: Any) -> tuple[Any, Any] | None:
        """The page's pair of FileData (either may be null) → the two pictures, as ``type`` says."""
        if payload is None:
            return None
        cache = cache_of(self)
        first, second = (None if item is None else load_image(item, cache, self.image_mode, self.type) for item in payload)
        return first, second

    def postprocess(self, value: Any) -> list[FileData | None] | None:
        """A pair of images (arrays, PIL images, paths or URLs; either may be None) → two FileData
        in the app's cache."""
        if value is None:
            return None
        cache = cache_of(self)
        return [None if item is None else save_image(item, cache, self.format) for item in value]
