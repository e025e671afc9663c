"""Gradio 4's templates: components that are another component with a few options preset
(``gr.Files`` is a `File` taking several files). As in Gradio, each is drawn, and named in the
API, as the component it presets; the string shortcut of its name makes it (``"microphone"``).
"""

from __future__ import annotations

from typing import Any, Literal

from .dataframe import Dataframe
from .editor import ImageEditor, Source
from .files import File
from .media import Audio, Video
from .text import Textbox


class _Preset:
    """What makes a class a template: its ``type_name`` is the preset component's."""

    @property
    def type_name(self) -> str:
        preset = next(cls for cls in type(self).__mro__[1:] if cls is not _Preset and cls.__module__ != __name__)
        return preset.__name__.lower()


class TextArea(_Preset, Textbox):
    """A `Textbox` seven lines high (``lines=7``)."""

    def __init__(self, value: Any = None, *, lines: int = 7, max_lines: int = 20, **kwargs: Any) -> None:
        super().__init__(value, lines=lines, max_lines=max_lines, **kwargs)


class Files(_Preset, File):
    """A `File` that takes several files (``file_count="multiple"``)."""

    def __init__(self, value: Any = None, *, file_count: Literal["multiple"] = "multiple", **kwargs: Any) -> None:
        super().__init__(value, file_count=file_count, **kwargs)


class Microphone(_Preset, Audio):
    """An `Audio` recorded from the microphone only (Gradio ignores any other ``sources``)."""

    def __init__(self, value: Any = None, *, sources: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(value, sources=["microphone"], **kwargs)


class PlayableVideo(_Preset, Video):
    """A `Video` converted to mp4 (``format="mp4"``), which every browser plays."""

    def __init__(self, value: Any = None, *, format: Literal["mp4"] = "mp4", **kwargs: Any) -> None:
        super().__init__(value, format=format, **kwargs)


class Paint(_Preset, ImageEditor):
    """An `ImageEditor` on a blank canvas: no sources to load an image from."""

    def __init__(
        self, value: Any = None, *, sources: list[Source] | tuple[Source, ...] | Source | None = (), **kwargs: Any
    ) -> None:
        super().__init__(value, sources=sources, **kwargs)


class Numpy(_Preset, Dataframe):
    """A `Dataframe` whose function gets and returns a numpy array (``type="numpy"``)."""

    def __init__(self, value: Any = None, *, type: Literal["numpy"] = "numpy", **kwargs: Any) -> None:
        super().__init__(value, type=type, **kwargs)


class Matrix(_Preset, Dataframe):
    """A `Dataframe` whose function gets and returns a list of rows (``type="array"``)."""

    def __init__(self, value: Any = None, *, type: Literal["array"] = "array", **kwargs: Any) -> None:
        super().__init__(value, type=type, **kwargs)


class List(_Preset, Dataframe):
    """A one-column `Dataframe` of a list of rows (``type="array"``, ``col_count=1``)."""

    def __init__(self, value: Any = None, *, type: Literal["array"] = "array", col_count: Literal[1] = 1, **kwargs: Any) -> None:
        super().__init__(value, type=type, col_count=col_count, **kwargs)


#: Gradio's other name for Microphone
Mic = Microphone
