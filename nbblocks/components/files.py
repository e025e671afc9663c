"""File, UploadButton, DownloadButton: Gradio's file components; their values are `FileData`.

Each converts through `nbblocks.filedata` (``to_local_path`` in preprocess, ``to_file_data`` in
postprocess); the transports carry the bytes. `SingleFileComponent` is the base of a component
whose value is one file given to the function as its path (DownloadButton, Model3D; a media
component can start from it too); `FileValues` widens it to several files or bytes (File,
UploadButton); `FileButton` holds the look the two buttons share.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from traitlets import Bool, Enum, List, Unicode

from ..accepted import warn_unused
from ..block import undrawn
from ..events import EventListener
from ..filedata import cache_of, check_file_type, to_file_data, to_local_path
from ..protocol import FileData
from .base import Component, expect, size_trait

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions, UnlabelledOptions

    class FileButtonOptions(UnlabelledOptions, total=False):
        """A file button's keyword arguments: ``label`` comes first, ``min_width`` and
        ``interactive`` it takes itself."""

        show_label: bool | None


FileCount = Literal["single", "multiple", "directory"]

#: the JSON schema of one file value, as Gradio describes FileData (gradio_client reads the title)
FILE_DATA_SCHEMA: dict[str, Any] = {
    "title": "FileData",
    "type": "object",
    "properties": {
        "path": {"type": "string"},
        "url": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
        "size": {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": None},
        "orig_name": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
        "mime_type": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
        "is_stream": {"type": "boolean", "default": False},
        "meta": {"type": "object", "default": {"_type": "gradio.FileData"}},
    },
    "required": ["path"],
}
_EXAMPLE_URL = "https://github.com/gradio-app/gradio/raw/main/test/test_files/sample_file.pdf"


class NamedString(str):
    """A file path as ``type="filepath"`` gives it: a str that also has the ``name`` attribute
    of the temp-file objects older Gradio passed (code reading ``f.name`` keeps working)."""

    name: str

    def __new__(cls, path: str) -> NamedString:
        named = super().__new__(cls, path)
        named.name = path
        return named


def _check_file_types(file_types: list[str] | None) -> list[str] | None:
    if file_types is not None and not isinstance(file_types, list):
        raise ValueError(f"Parameter file_types must be a list. Received {type(file_types).__name__}")
    return file_types


class SingleFileComponent(Component):
    """A component whose value is one file: `FileData` to the front end and API clients, its
    path in the app's cache to the function. ``example_url`` is the file API docs show. The
    conversions return Any so that a subclass may give the function another form (bytes, a
    list, an array)."""

    example_url: ClassVar[str] = _EXAMPLE_URL

    def api_info(self) -> dict[str, Any]:
        return FILE_DATA_SCHEMA

    def example_value(self) -> Any:
        return {"path": self.example_url, "meta": {"_type": "gradio.FileData"}}

    def preprocess(self, payload: Any) -> Any:
        """FileData → the file's path in the app's cache."""
        return None if payload is None else str(to_local_path(payload, cache_of(self)))

    def postprocess(self, value: Any) -> Any:
        """A path (str or `Path`), bytes or a URL → FileData in the app's cache."""
        return None if value is None else to_file_data(value, cache_of(self))


class FileValues(SingleFileComponent):
    """What File and UploadButton share: one file or a list of them, as paths or bytes, of the
    ``file_types`` only (checked here too: an API client can send any file)."""

    file_count = Enum(("single", "multiple", "directory"), "single").tag(prop=True)
    file_types = List(Unicode(), default_value=None, allow_none=True).tag(prop=True)
    type = Enum(("filepath", "binary"), "filepath").tag(prop=True, not_drawn="what preprocess gives the function")

    @property
    def many(self) -> bool:
        return self.file_count != "single"

    def api_info(self) -> dict[str, Any]:
        one = super().api_info()
        return {"type": "array", "items": one} if self.many else one

    def example_value(self) -> Any:
        one = super().example_value()
        return [one] if self.many else one

    def preprocess(self, payload: Any) -> Any:
        """FileData (a list of them unless ``file_count="single"``) → a path (`NamedString`) or
        the bytes (``type="binary"``), or a list of them; `gr.Error` for a file not of
        ``file_types``."""
        if payload is None:
            return None
        if self.many:
            expect(isinstance(payload, list), self, f"expected a list of files, got {type(payload).__name__}")
            return [self._one(item) for item in payload]
        return self._one(payload)

    def _one(self, payload: Any) -> NamedString | bytes:
        path = to_local_path(payload, cache_of(self))
        check_file_type(path, self.file_types)
        return path.read_bytes() if self.type == "binary" else NamedString(str(path))

    def postprocess(self, value: Any) -> FileData | list[FileData] | None:
        """A path, bytes or URL (a list of them for many files) → FileData in the app's cache."""
        if isinstance(value, (list, tuple)):
            cache = cache_of(self)
            return [to_file_data(item, cache) for item in value]
        return super().postprocess(value)


class FileButton(Component):
    """The look UploadButton and DownloadButton share with gr.Button: its label is its text."""

    variant = Enum(("primary", "secondary", "stop"), "secondary").tag(prop=True)
    size = Enum(("sm", "lg"), None, allow_none=True).tag(prop=True)
    icon = Unicode(None, allow_none=True).tag(prop=True)
    interactive = Bool(True, allow_none=True).tag(prop=True)
    show_label = undrawn(Component.show_label, "a button shows its label as its text, as Gradio's does")
    info = undrawn(Component.info, "a button shows its label as its text, as Gradio's does")


class File(FileValues):
    """Upload one file, several, or a directory, and show files to download. ``file_types``:
    extensions (".pdf") or categories ("image", "audio", "video", "text", "file")."""

    change = EventListener()
    select = EventListener()
    clear = EventListener()
    upload = EventListener()
    delete = EventListener()
    height = size_trait().tag(prop=True)

    def __init__(
        self,
        value: str | list[str] | Any = None,
        *,
        file_count: FileCount = "single",
        file_types: list[str] | None = None,
        type: Literal["filepath", "binary"] = "filepath",
        height: int | float | None = None,
        allow_reordering: bool = False,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        warn_unused(self.__class__.__name__, allow_reordering=allow_reordering or None)  # Gradio 5: files dragged into order
        super().__init__(
            value, file_count=file_count, file_types=_check_file_types(file_types), type=type, height=height, **kwargs
        )


class UploadButton(FileValues, FileButton):
    """A button that opens the file chooser; its value is the uploaded file(s)."""

    click = EventListener()
    upload = EventListener()

    def __init__(
        self,
        label: str = "Upload a File",
        value: str | list[str] | Any = None,
        *,
        variant: Literal["primary", "secondary", "stop"] = "secondary",
        size: Literal["sm", "lg"] | None = None,
        icon: str | None = None,
        min_width: int | None = None,
        interactive: bool = True,
        type: Literal["filepath", "binary"] = "filepath",
        file_count: FileCount = "single",
        file_types: list[str] | None = None,
        **kwargs: Unpack[FileButtonOptions],
    ) -> None:
        super().__init__(
            value, label=label, variant=variant, size=size, icon=icon, min_width=min_width, interactive=interactive,
            type=type, file_count=file_count, file_types=_check_file_types(file_types), **kwargs,
        )  # fmt: skip


class DownloadButton(SingleFileComponent, FileButton):
    """A button that downloads its value, a file; ``click`` fires as the download starts."""

    click = EventListener()

    def __init__(
        self,
        label: str = "Download",
        value: str | Path | Any = None,
        *,
        variant: Literal["primary", "secondary", "stop"] = "secondary",
        size: Literal["sm", "lg"] | None = None,
        icon: str | None = None,
        min_width: int | None = None,
        interactive: bool = True,
        **kwargs: Unpack[FileButtonOptions],
    ) -> None:
        super().__init__(
            value, label=label, variant=variant, size=size, icon=icon, min_width=min_width,
            interactive=interactive, **kwargs,
        )  # fmt: skip
