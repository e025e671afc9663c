"""Model3D: a 3D model file (.obj, .glb, .gltf, .stl) shown in a viewer the user can turn.

The viewer (three.js) is the front end's Model3D chunk, loaded only by pages whose app holds a
Model3D (``js/src/chunks.ts``); the value is a file, as in Gradio: a `FileData` in the app's
cache, converted by `SingleFileComponent`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Float, List

from ..accepted import warn_unused
from ..events import EventListener
from .base import number_trait, size_trait
from .files import SingleFileComponent

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions


class Model3D(SingleFileComponent):
    """A 3D model from a file path. ``clear_color``: the background as RGBA floats in 0..1;
    ``camera_position``: ``(alpha, beta, radius)``, the angles in degrees around the vertical axis
    and down from the top, each None for the default view; ``zoom_speed``/``pan_speed`` scale the
    wheel and the right-button drag."""

    example_url = "https://raw.githubusercontent.com/gradio-app/gradio/main/demo/model3D/files/Fox.gltf"
    change = EventListener()
    upload = EventListener()
    edit = EventListener(not_fired="Gradio declares it; its viewer never fires it either")
    clear = EventListener()
    clear_color = List[float](Float(), default_value=[0, 0, 0, 0], minlen=4, maxlen=4).tag(prop=True)
    camera_position = List[Any](number_trait(), default_value=[None, None, None], minlen=3, maxlen=3).tag(prop=True)
    zoom_speed = number_trait(1, allow_none=False).tag(prop=True)
    pan_speed = number_trait(1, allow_none=False).tag(prop=True)
    height = size_trait().tag(prop=True)

    def __init__(
        self,
        value: str | Path | Any = None,
        *,
        clear_color: tuple[float, float, float, float] | None = None,
        camera_position: tuple[float | None, float | None, float | None] = (None, None, None),
        zoom_speed: float = 1,
        pan_speed: float = 1,
        height: int | str | None = None,
        display_mode: Literal["solid", "point_cloud", "wireframe"] | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        warn_unused("Model3D", display_mode=None if display_mode in (None, "solid") else display_mode)  # drawn solid
        super().__init__(
            value, clear_color=list(clear_color or (0, 0, 0, 0)), camera_position=list(camera_position),
            zoom_speed=zoom_speed, pan_speed=pan_speed, height=height, **kwargs,
        )  # fmt: skip
