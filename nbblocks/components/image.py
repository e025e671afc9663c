"""Image: one picture, uploaded, pasted or taken with the webcam; its value is a `FileData`.

The function receives it as Gradio 4.34 gives it (``type``): a numpy array, a PIL image or a
path, converted to ``image_mode`` first; what it returns (an array, a PIL image, a path or a
URL) is saved into the app's cache in ``format``. The helpers here (`save_image`, `load_image`,
`open_image`, `as_type`) are what Gallery, AnnotatedImage and ImageSlider convert with too. numpy and PIL
load inside them, never when this module is imported. The front end is the "image" chunk.
"""

from __future__ import annotations

import dataclasses
import io
import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Bool, Enum, List, Unicode

from ..accepted import warn_unused
from ..events import EventListener
from ..filedata import cache_of, file_data, is_file_data, to_file_data, to_local_path
from ..protocol import FileData
from .base import Component, size_trait
from .buttons import button_flags
from .files import FILE_DATA_SCHEMA

if TYPE_CHECKING:
    import numpy as np
    from PIL.Image import Image as PILImage
    from typing_extensions import Unpack

    from ..cache import FileCache
    from .base import ComponentOptions

ImageType = Literal["numpy", "pil", "filepath"]
IMAGE_TYPES = ("numpy", "pil", "filepath")
SOURCES = ("upload", "webcam", "clipboard")
_EXAMPLE_URL = "https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"
#: EXIF's orientation tag; 1 means the pixels are already upright
_ORIENTATION = 274


@dataclasses.dataclass
class WebcamOptions:
    """Gradio 5's options of the webcam (Image, ImageEditor, Video): ``mirror`` is drawn (as
    ``mirror_webcam``); ``constraints`` (getUserMedia's) are accepted and not used."""

    mirror: bool = True
    constraints: dict[str, Any] | None = None


@dataclasses.dataclass
class WatermarkOptions:
    """Gradio 5's watermark for an Image or Video output (an image and where it goes): accepted,
    not drawn here (the component warns once)."""

    watermark: Any = None
    position: tuple[int, int] | Literal["top-left", "top-right", "bottom-left", "bottom-right"] = "bottom-right"


def webcam_mirror(owner: str, options: WebcamOptions | None, mirror_webcam: bool) -> bool:
    """``mirror_webcam``, or the ``mirror`` of Gradio 5's ``webcam_options`` when given."""
    if options is None:
        return mirror_webcam
    warn_unused(owner, constraints=options.constraints)
    return options.mirror


def check_type(value: str) -> str:
    if value not in IMAGE_TYPES:
        raise ValueError(f"Invalid value for parameter `type`: {value}. Please choose from one of: {list(IMAGE_TYPES)}")
    return value


#: per format, how PIL saves it: WebP (the default output format) with libwebp's quickest method,
#: three times faster than its default (4) at the same quality setting and within a few percent
#: of its size
_SAVE_OPTIONS: dict[str, dict[str, Any]] = {"webp": {"method": 0}}


def encode(image: PILImage, fmt: str) -> bytes:
    """``image`` as the bytes of a ``fmt`` file ("webp", "png", "jpeg"...)."""
    fmt = "jpeg" if fmt.lower() == "jpg" else fmt.lower()
    if fmt == "jpeg" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")  # JPEG has no alpha channel
    out = io.BytesIO()
    image.save(out, format=fmt, **_SAVE_OPTIONS.get(fmt, {}))
    return out.getvalue()


def array_to_pil(array: np.ndarray) -> PILImage:
    """A numpy image as 8-bit pixels: floats are taken as 0..1 (Gradio's rule), booleans as
    black and white, wider integers are scaled down from their range; then as a PIL image."""
    import numpy as np
    from PIL import Image as PILModule

    if array.dtype == np.bool_:
        array = array.astype(np.uint8) * 255
    elif np.issubdtype(array.dtype, np.floating):
        array = (np.clip(array, 0, 1) * 255).round().astype(np.uint8)
    elif array.dtype != np.uint8:
        info = np.iinfo(array.dtype)
        array = array.astype(np.int64)
        array = array * 255 // info.max if info.max > 255 else np.clip(array, 0, 255)
        array = array.clip(0, 255).astype(np.uint8)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    return PILModule.fromarray(array)


def save_image(value: Any, cache: FileCache, fmt: str, name: str = "image") -> FileData:
    """What a function returned for an image (numpy array, PIL image, path, URL, FileData) →
    its `FileData` in ``cache``; arrays and PIL images are encoded in ``fmt``."""
    if isinstance(value, (str, os.PathLike)) or is_file_data(value):
        return to_file_data(value, cache)
    from PIL.Image import Image as PILImage

    if isinstance(value, PILImage):
        image = value
    elif type(value).__module__ == "numpy" and hasattr(value, "dtype"):
        image = array_to_pil(value)
    else:
        raise ValueError(f"Cannot process this value as an Image, it is of type: {type(value)}")
    return file_data(cache.store_bytes(encode(image, fmt), f"{name}.{fmt}"))


def open_image(path: str | Path, mode: str | None = None) -> PILImage:
    """The picture at ``path``, turned upright as its EXIF says, in ``mode`` ("RGB", "L"...)
    when given; loaded now, so the file is closed when this returns."""
    from PIL import Image as PILModule
    from PIL import ImageOps

    with PILModule.open(path) as opened:
        image: PILImage = opened
        if opened.getexif().get(_ORIENTATION, 1) != 1:
            image = ImageOps.exif_transpose(opened)
        with warnings.catch_warnings():  # "palette images with transparency..." as in Gradio
            warnings.simplefilter("ignore")
            image = image.convert(mode) if mode else image.copy()
    return image


def as_type(image: PILImage, kind: str, cache: FileCache, name: str, fmt: str) -> Any:
    """``image`` as the function's ``type`` wants it: a PIL image, a numpy array, or the path
    of a ``fmt`` file in ``cache``."""
    if kind == "pil":
        return image
    if kind == "numpy":
        import numpy as np

        return np.array(image)
    return str(cache.store_bytes(encode(image, fmt), f"{name}.{fmt}"))


def load_image(payload: Any, cache: FileCache, mode: str | None, kind: str) -> Any:
    """A FileData from the page → the picture in ``mode``, as ``kind`` (a function's ``type``)
    says; an SVG stays a path."""
    path = to_local_path(payload, cache)
    orig_name = payload.get("orig_name") if isinstance(payload, dict) else None
    stem, suffix = os.path.splitext(orig_name or path.name)
    suffix = suffix.lstrip(".").lower() or "webp"
    if suffix == "svg":
        return str(path)
    fmt = "jpeg" if suffix == "jpg" else suffix
    return as_type(open_image(path, mode), kind, cache, stem or "image", fmt)


class Image(Component):
    """One image. ``sources``: where a user takes it from ("upload", "webcam", "clipboard");
    ``streaming=True`` sends webcam frames continuously, each firing ``stream``;
    ``format``: the file format the function's images are saved in."""

    clear = EventListener()
    change = EventListener()
    stream = EventListener()
    select = EventListener()
    upload = EventListener()
    input = EventListener()
    height = size_trait().tag(prop=True)
    width = size_trait().tag(prop=True)
    image_mode = Unicode("RGB", allow_none=True).tag(prop=True, not_drawn="the mode preprocess converts to")
    sources = List(Enum(SOURCES), default_value=list(SOURCES)).tag(prop=True)
    type = Enum(IMAGE_TYPES, "numpy").tag(prop=True, not_drawn="what preprocess gives the function")
    format = Unicode("webp").tag(prop=True, not_drawn="the format outputs are saved in, in Python")
    show_download_button = Bool(True).tag(prop=True)
    show_share_button = Bool(None, allow_none=True).tag(prop=True, not_drawn="no Hugging Face Space to share to")
    streaming = Bool(False).tag(prop=True)
    mirror_webcam = Bool(True).tag(prop=True)
    placeholder = Unicode(None, allow_none=True).tag(prop=True)
    alt_text = Unicode(None, allow_none=True).tag(prop=True)  # Gradio 5's: the picture's alt, for screen readers

    def __init__(
        self,
        value: str | Path | Any = None,
        *,
        height: int | str | None = None,
        width: int | str | None = None,
        image_mode: str | None = "RGB",
        sources: list[Literal["upload", "webcam", "clipboard"]] | str | None = None,
        type: ImageType = "numpy",
        show_download_button: bool = True,
        streaming: bool = False,
        mirror_webcam: bool = True,
        show_share_button: bool | None = None,
        placeholder: str | None = None,
        format: str = "webp",
        buttons: list[Any] | None = None,
        webcam_options: WebcamOptions | None = None,
        watermark: Any = None,
        alt_text: str | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        warn_unused("Image", watermark=watermark)
        shown = button_flags("Image", buttons, show_download_button=show_download_button, show_share_button=show_share_button)
        show_download_button, show_share_button = bool(shown["show_download_button"]), shown["show_share_button"]
        mirror_webcam = webcam_mirror("Image", webcam_options, mirror_webcam)
        chosen = list(SOURCES) if sources is None else [sources] if isinstance(sources, str) else list(sources)
        if any(source not in SOURCES for source in chosen):
            raise ValueError(f"`sources` must be a list consisting of elements in {list(SOURCES)}")
        if streaming and "webcam" not in chosen:
            raise ValueError("Image streaming only available if sources includes 'webcam'.")
        super().__init__(
            value, height=height, width=width, image_mode=image_mode, sources=chosen, type=check_type(type),
            show_download_button=show_download_button, streaming=streaming, mirror_webcam=mirror_webcam,
            show_share_button=show_share_button, placeholder=placeholder, format=format.lower().lstrip("."),
            alt_text=alt_text, **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return FILE_DATA_SCHEMA

    def example_value(self) -> Any:
        return {"path": _EXAMPLE_URL, "meta": {"_type": "gradio.FileData"}}

    def preprocess(self, payload: Any) -> Any:
        """FileData → the picture in ``image_mode``, as ``type`` says (an SVG stays a path)."""
        return None if payload is None else load_image(payload, cache_of(self), self.image_mode, self.type)

    def postprocess(self, value: Any) -> FileData | None:
        """A numpy array, PIL image, path or URL → FileData in the app's cache (arrays and PIL
        images saved in ``format``; files and URLs as they are)."""
        return None if value is None else save_image(value, cache_of(self), self.format)
