"""ImageEditor, Sketchpad, ImageMask: draw on an image, in layers, and get Gradio's `EditorValue`.

The value is three kinds of image, as in Gradio 4.34: ``{"background": image, "layers": [image,
...], "composite": image}``, each a `FileData` on the wire and, for the function, a numpy array,
a PIL image or a path (``type``). The page computes the composite (the background with the
visible layers drawn over it) and uploads the three as PNGs through the file pipeline
(`nbblocks.filedata`), so Python never redraws strokes. The editor (a <canvas> per layer, brush,
eraser, crop, undo) is the front end's "editor" chunk (js/src/components/editor*.ts), loaded only
by pages whose app holds one. numpy and PIL load only when a value is converted.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from traitlets import Bool, Dict, Enum, Int, List, Unicode, Union

from ..accepted import warn_unused
from ..events import EventListener
from ..filedata import cache_of, to_local_path
from ..protocol import FileData
from .base import Component, ComponentOptions, expect, size_trait
from .buttons import button_flags
from .files import FILE_DATA_SCHEMA
from .image import WebcamOptions, as_type, open_image, save_image, webcam_mirror

if TYPE_CHECKING:
    from typing_extensions import Unpack

ImageType = Literal["numpy", "pil", "filepath"]
Source = Literal["upload", "webcam", "clipboard"]
Color = str | tuple[str, float]


class EditorValue(TypedDict):
    """What the function receives (and may return): each image as ``type`` says."""

    background: Any
    layers: list[Any]
    composite: Any


class EditorData(TypedDict):
    """The value on the wire: each image a `FileData`."""

    background: FileData | None
    layers: list[FileData]
    composite: FileData | None


@dataclasses.dataclass
class LayerOptions:
    """Gradio 5's layer tool settings (``ImageEditor(layers=LayerOptions(...))``): ``disabled``
    hides the tool as ``layers=False`` does; named layers and ``allow_additional_layers=False``
    are accepted, not drawn (the editor's layers are numbered, and more can always be added)."""

    allow_additional_layers: bool = True
    layers: list[str] | None = None
    disabled: bool = False


@dataclasses.dataclass
class Eraser:
    """The eraser's options: ``default_size`` is its radius in pixels, or "auto" (1/50 of the
    image's smaller side, as in Gradio)."""

    default_size: int | Literal["auto"] = "auto"


@dataclasses.dataclass
class Brush(Eraser):
    """The brush's options: ``colors`` (CSS colours, or ``(colour, opacity)`` pairs) offered as a
    palette; ``default_color`` (the first colour unless given); ``color_mode`` "fixed" offers the
    palette only, "defaults" adds a colour picker."""

    colors: list[Color] | Color | None = None
    default_color: Color | Literal["auto"] | None = None
    color_mode: Literal["fixed", "defaults"] = "defaults"

    def __post_init__(self) -> None:
        if self.colors is None:
            self.colors = ["rgb(204, 50, 50)", "rgb(173, 204, 50)", "rgb(50, 204, 112)", "rgb(50, 112, 204)", "rgb(173, 50, 204)"]
        if self.default_color in (None, "auto"):
            self.default_color = self.colors[0] if isinstance(self.colors, list) else self.colors


def _tool(options: Eraser | None | Literal[False], default: Eraser) -> dict[str, Any] | None:
    """A tool's options as the front end reads them; None hides the tool (``False`` given)."""
    if options is False:
        return None
    return dataclasses.asdict(options or default)


EDITOR_DATA_SCHEMA: dict[str, Any] = {
    "title": "EditorData",
    "type": "object",
    "properties": {
        "background": {"anyOf": [FILE_DATA_SCHEMA, {"type": "null"}], "default": None},
        "layers": {"type": "array", "items": FILE_DATA_SCHEMA, "default": []},
        "composite": {"anyOf": [FILE_DATA_SCHEMA, {"type": "null"}], "default": None},
    },
}
_EXAMPLE_URL = "https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"


class ImageEditor(Component):
    """Upload an image and draw on it with a brush and an eraser, in layers; crop it. ``type``:
    what the function gets for each image; ``image_mode``: the PIL mode images are converted to;
    ``crop_size``: ``(width, height)`` images are cropped and scaled to, or a "w:h" ratio for the
    crop box; ``canvas_size``: the blank canvas's ``(width, height)`` when there is no background
    (800 x 600 if None); ``format``: the file format of images a function returns."""

    clear = EventListener()
    change = EventListener()
    input = EventListener()
    select = EventListener(not_fired="Gradio fires it only for its private _selectable option")
    upload = EventListener()
    apply = EventListener()
    height = size_trait().tag(prop=True)
    width = size_trait().tag(prop=True)
    image_mode = Unicode("RGBA").tag(prop=True, not_drawn="the mode preprocess converts images to")
    sources = List(Enum(("upload", "webcam", "clipboard")), default_value=["upload", "webcam", "clipboard"]).tag(prop=True)
    type = Enum(("numpy", "pil", "filepath"), "numpy").tag(prop=True, not_drawn="what preprocess gives the function")
    show_download_button = Bool(True).tag(prop=True)
    mirror_webcam = Bool(True).tag(prop=True)
    show_share_button = Bool(None, allow_none=True).tag(prop=True, not_drawn="nbblocks does not share to Hugging Face")
    crop_size = Union([List(Int(), minlen=2, maxlen=2), Unicode()], default_value=None, allow_none=True).tag(prop=True)
    transforms = List(Enum(("crop",)), default_value=["crop"]).tag(prop=True)
    eraser = Dict(default_value=None, allow_none=True).tag(prop=True)
    brush = Dict(default_value=None, allow_none=True).tag(prop=True)
    format = Unicode("webp").tag(prop=True, not_drawn="the file format postprocess saves images in")
    layers = Bool(True).tag(prop=True)
    canvas_size = List(Int(), default_value=None, allow_none=True, minlen=2, maxlen=2).tag(prop=True)

    def __init__(
        self,
        value: EditorValue | Any = None,
        *,
        height: int | str | None = None,
        width: int | str | None = None,
        image_mode: str = "RGBA",
        sources: list[Source] | tuple[Source, ...] | Source | None = ("upload", "webcam", "clipboard"),
        type: ImageType = "numpy",
        show_download_button: bool = True,
        mirror_webcam: bool = True,
        show_share_button: bool | None = None,
        crop_size: tuple[int | float, int | float] | str | None = None,
        transforms: list[Literal["crop", "resize"]] | tuple[Literal["crop", "resize"], ...] = ("crop",),
        eraser: Eraser | None | Literal[False] = None,
        brush: Brush | None | Literal[False] = None,
        format: str = "webp",
        layers: bool | LayerOptions = True,
        canvas_size: tuple[int, int] | None = None,
        buttons: list[Any] | None = None,
        webcam_options: WebcamOptions | None = None,
        fixed_canvas: bool = False,
        placeholder: str | None = None,
        _selectable: bool = False,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        if isinstance(layers, LayerOptions):
            warn_unused(
                "LayerOptions", layers=layers.layers, allow_additional_layers=None if layers.allow_additional_layers else False
            )
            layers = not layers.disabled
        other_transforms = [transform for transform in transforms or [] if transform != "crop"]
        warn_unused(
            "ImageEditor", fixed_canvas=fixed_canvas or None, placeholder=placeholder, _selectable=_selectable or None,
            transforms=other_transforms or None,
        )  # fmt: skip
        transforms = [transform for transform in transforms or [] if transform == "crop"]
        shown = button_flags("ImageEditor", buttons, show_download_button=show_download_button, show_share_button=show_share_button)
        show_download_button, show_share_button = bool(shown["show_download_button"]), shown["show_share_button"]
        mirror_webcam = webcam_mirror("ImageEditor", webcam_options, mirror_webcam)
        sources = [sources] if isinstance(sources, str) else list(sources or [])
        crop = crop_size if crop_size is None or isinstance(crop_size, str) else [int(side) for side in crop_size]
        # no brush hides the eraser too, as in Gradio: nothing would be left to erase
        super().__init__(
            value, height=height, width=width, image_mode=image_mode, sources=sources, type=type,
            show_download_button=show_download_button, mirror_webcam=mirror_webcam, show_share_button=show_share_button,
            crop_size=crop, transforms=list(transforms or []),
            eraser=_tool(eraser if brush is not False else False, Eraser()), brush=_tool(brush, Brush()),
            format=format, layers=layers, canvas_size=list(canvas_size) if canvas_size else None, **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return EDITOR_DATA_SCHEMA

    def example_value(self) -> Any:
        return {"background": {"path": _EXAMPLE_URL, "meta": {"_type": "gradio.FileData"}}, "layers": [], "composite": None}

    def preprocess(self, payload: Any) -> EditorValue | None:
        """`EditorData` (each image a FileData) → `EditorValue`, each image in ``image_mode`` and
        ``crop_size``, as a numpy array, a PIL image or a path (``type``)."""
        if payload is None:
            return None
        expect(isinstance(payload, dict), self, f"expected a dict of background, layers and composite, got {payload!r:.80}")
        layers = payload.get("layers") or []
        expect(isinstance(layers, list), self, "layers must be a list of images")
        return {
            "background": self._convert(payload.get("background")),
            "layers": [self._convert(layer) for layer in layers if layer is not None],
            "composite": self._convert(payload.get("composite")),
        }

    def _convert(self, file: Any) -> Any:
        if file is None:
            return None
        path = to_local_path(file, cache_of(self))
        if path.suffix.lower() == ".svg":
            return str(path)
        image = open_image(path, self.image_mode)
        if isinstance(self.crop_size, list):
            from PIL import ImageOps

            image = ImageOps.fit(image, (self.crop_size[0], self.crop_size[1]))
        return as_type(image, self.type, cache_of(self), path.stem, path.suffix.lstrip(".") or "png")

    def postprocess(self, value: Any) -> EditorData | None:
        """An `EditorValue` (each image a numpy array, a PIL image, a path or a URL), or one image
        (then the background and the composite) → `EditorData` in the app's cache."""
        if value is None:
            return None
        if not isinstance(value, dict):
            value = {"background": value, "layers": [], "composite": value}
        layers = value.get("layers") or []
        expect(isinstance(layers, (list, tuple)), self, "layers must be a list of images")
        return {
            "background": self._save(value.get("background")),
            "layers": [saved for layer in layers if (saved := self._save(layer)) is not None],
            "composite": self._save(value.get("composite")),
        }

    def _save(self, image: Any) -> FileData | None:
        return None if image is None else save_image(image, cache_of(self), self.format)


class PresetOptions(ComponentOptions, total=False):
    """The keyword arguments Sketchpad and ImageMask pass on to `ImageEditor` as they are."""

    height: int | str | None
    width: int | str | None
    image_mode: str
    type: ImageType
    show_download_button: bool
    mirror_webcam: bool
    show_share_button: bool | None
    crop_size: tuple[int | float, int | float] | str | None
    transforms: list[Literal["crop", "resize"]] | tuple[Literal["crop", "resize"], ...]
    eraser: Eraser | None | Literal[False]
    format: str
    layers: bool
    buttons: list[Any] | None
    webcam_options: WebcamOptions | None
    fixed_canvas: bool
    placeholder: str | None


def _black_brush() -> Brush:
    """The presets' brush, as in Gradio: black only."""
    return Brush(colors=["#000000"], color_mode="fixed")


class Sketchpad(ImageEditor):
    """An `ImageEditor` preset for drawing: a blank white canvas (no sources) and a black brush."""

    def __init__(
        self,
        value: EditorValue | Any = None,
        *,
        sources: list[Source] | tuple[Source, ...] | Source | None = (),
        brush: Brush | None | Literal[False] = None,
        canvas_size: tuple[int, int] | None = (800, 600),
        **kwargs: Unpack[PresetOptions],
    ) -> None:
        brush = _black_brush() if brush is None else brush
        super().__init__(value, sources=sources, brush=brush, canvas_size=canvas_size, **kwargs)


class ImageMask(ImageEditor):
    """An `ImageEditor` preset for masks: the user uploads a background and paints the mask (the
    first layer) with a black brush."""

    def __init__(
        self,
        value: EditorValue | Any = None,
        *,
        sources: list[Source] | tuple[Source, ...] | Source | None = ("upload", "webcam", "clipboard"),
        brush: Brush | None | Literal[False] = None,
        canvas_size: tuple[int, int] | None = None,
        **kwargs: Unpack[PresetOptions],
    ) -> None:
        brush = _black_brush() if brush is None else brush
        super().__init__(value, sources=sources, brush=brush, canvas_size=canvas_size, **kwargs)
