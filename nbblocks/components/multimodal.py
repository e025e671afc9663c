"""MultimodalTextbox: a chat input of text plus files, drawn by the "chat" chunk.

Its value is Gradio's ``{"text": str, "files": [...]}``: on the wire the files are `FileData`
in the app's cache (uploaded by the page through js/src/upload.ts, or by an API client with
``handle_file``); the function receives their paths, and may return paths, URLs or FileData.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from traitlets import Bool, Enum, List, Unicode

from ..accepted import warn_unused
from ..events import EventListener
from ..exceptions import Error
from ..filedata import cache_of, check_file_type, to_file_data, to_local_path
from .files import FILE_DATA_SCHEMA
from .text import TextInput

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions


class MultimodalTextbox(TextInput):
    """A textbox with a button to attach files; Enter (or the submit button) fires ``submit``
    with ``{"text", "files"}``, files of ``file_types`` only."""

    upload = EventListener()
    stop = EventListener(not_fired="Gradio 5's stop button (stop_btn) is not drawn")
    file_types = List(Unicode(), default_value=None, allow_none=True).tag(prop=True)
    #: Gradio 4.34 attached any number of files: "multiple" stays the default here
    file_count = Enum(("single", "multiple", "directory"), "multiple").tag(prop=True)
    submit_btn = Bool(True).tag(prop=True)

    def __init__(
        self,
        value: dict[str, Any] | None = None,
        *,
        file_types: list[str] | None = None,
        lines: int = 1,
        max_lines: int = 20,
        placeholder: str | None = None,
        autofocus: bool = False,
        autoscroll: bool = True,
        text_align: Literal["left", "right"] | None = None,
        rtl: bool = False,
        submit_btn: bool = True,
        file_count: Literal["single", "multiple", "directory"] = "multiple",
        sources: list[Literal["upload", "microphone"]] | None = None,
        stop_btn: str | bool = False,
        max_plain_text_length: int = 1000,
        html_attributes: Any = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        warn_unused(
            "MultimodalTextbox", sources=None if sources in (None, ["upload"]) else sources, stop_btn=stop_btn or None,
            max_plain_text_length=None if max_plain_text_length == 1000 else max_plain_text_length,
            html_attributes=html_attributes,
        )  # fmt: skip
        super().__init__(
            value, file_types=file_types, file_count=file_count, lines=lines, max_lines=max_lines, placeholder=placeholder,
            autofocus=autofocus, autoscroll=autoscroll, text_align=text_align, rtl=rtl, submit_btn=submit_btn,
            **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {"text": {"type": "string"}, "files": {"type": "array", "items": FILE_DATA_SCHEMA}},
            "required": ["text", "files"],
        }

    def example_value(self) -> Any:
        return {"text": "Hello!!", "files": []}

    def preprocess(self, payload: Any) -> dict[str, Any] | None:
        """``{"text", "files": [FileData]}`` → ``{"text", "files": [path]}``; `gr.Error` for a
        file not of ``file_types`` (an API client sends what it likes)."""
        if payload is None:
            return None
        text, files = self._parts(payload)
        paths = [str(to_local_path(file, cache_of(self))) for file in files]
        for path in paths:
            check_file_type(path, self.file_types)
        return {"text": text, "files": paths}

    def postprocess(self, value: Any) -> dict[str, Any]:
        """``{"text", "files"}`` (files as paths, URLs or FileData; either key may be missing) or
        a string → the JSON form with the files in the app's cache."""
        if value is None:
            return {"text": "", "files": []}
        if isinstance(value, str):
            return {"text": value, "files": []}
        text, files = self._parts(value)
        return {"text": text, "files": [to_file_data(file, cache_of(self)) for file in files]}

    def _parts(self, value: Any) -> tuple[str, list[Any]]:
        if not isinstance(value, dict):
            raise Error(f"MultimodalTextbox: expected {{'text', 'files'}}, got {value!r:.80}")
        text, files = value.get("text") or "", value.get("files") or []
        if not isinstance(text, str) or not isinstance(files, list):
            raise Error(f"MultimodalTextbox: 'text' must be a string and 'files' a list, got {value!r:.80}")
        return text, files
