"""Dialogue: a transcript of speaker-tagged lines, edited line by line or shown read-only.

Gradio 5's component. On the wire the value is a list of ``{"speaker", "text"}`` lines, or a plain
string when ``speakers`` is empty (then the page shows one text field). The function receives
the lines joined as one text (``type="text"``: each line through ``formatter``, "[speaker] text"
by default, joined by ``separator``) or the list itself (``type="list"``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Bool, Dict, Enum, Int, List, Unicode, Union

from ..accepted import warn_unused
from ..events import EventListener
from .base import Component

if TYPE_CHECKING:
    from .button import Button

DialogueValue = list[dict[str, str]] | str

_EXAMPLE = [
    {"speaker": "Speaker 1", "text": "Hello, how are you?"},
    {"speaker": "Speaker 2", "text": "I'm fine, thank you!"},
]


class Dialogue(Component):
    """Lines of a conversation, each with its speaker (one of ``speakers``), as in Gradio 5: an
    input for a multi-speaker script, or an output for diarized speech (coloured by
    ``color_map``). Enter in a line fires ``submit``."""

    change = EventListener()
    input = EventListener()
    submit = EventListener()
    speakers = List(Unicode(), default_value=None, allow_none=True).tag(prop=True)
    color_map = Dict(default_value=None, allow_none=True).tag(prop=True)
    placeholder = Unicode(None, allow_none=True).tag(prop=True)
    autofocus = Bool(False).tag(prop=True)
    type = Enum(("list", "text"), "text").tag(prop=True, not_drawn="what preprocess gives the function")
    separator = Unicode("\n").tag(prop=True, not_drawn="how preprocess joins the lines")
    tags = List(Unicode(), default_value=[]).tag(prop=True, not_drawn="no autocomplete menu for tags yet: type them")
    max_lines = Int(None, allow_none=True).tag(prop=True, not_drawn="lines are added one by one, without a cap")
    autoscroll = Bool(True).tag(prop=True, not_drawn="the transcript grows with its lines; nothing scrolls")
    submit_btn = Union([Bool(), Unicode()], default_value=False).tag(prop=True, not_drawn="Enter in a line submits")
    ui_mode = Enum(("dialogue", "text", "both"), "both").tag(prop=True, not_drawn="the lines are always drawn")

    def __init__(
        self,
        value: list[dict[str, str]] | Callable[..., Any] | None = None,
        *,
        type: Literal["list", "text"] = "text",
        speakers: list[str] | None = None,
        formatter: Callable[[str, str], str] | None = None,
        unformatter: Callable[[str, str], dict[str, str]] | None = None,
        tags: list[str] | None = None,
        separator: str = "\n",
        color_map: dict[str, str] | None = None,
        label: str | None = "Dialogue",
        info: str | None = "Type colon (:) in the dialogue line to see the available tags",
        placeholder: str | None = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool = True,
        elem_id: str | None = None,
        autofocus: bool = False,
        autoscroll: bool = True,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
        max_lines: int | None = None,
        buttons: list[Literal["copy"] | Button] | None = None,
        submit_btn: str | bool | None = False,
        ui_mode: Literal["dialogue", "text", "both"] = "both",
    ) -> None:
        if separator == " ":
            raise ValueError("Separator cannot be an empty string.")
        warn_unused("Dialogue", buttons=buttons)
        self.formatter = formatter or self.default_formatter
        self.unformatter = unformatter or self.default_unformatter
        super().__init__(
            value, type=type, speakers=speakers, tags=tags or [], separator=separator, color_map=color_map,
            label=label, info=info if interactive else None, placeholder=placeholder, show_label=show_label,
            container=container, scale=scale, min_width=min_width, interactive=interactive, visible=visible,
            elem_id=elem_id, autofocus=autofocus, autoscroll=autoscroll, elem_classes=elem_classes, render=render,
            key=key, max_lines=max_lines, submit_btn=submit_btn or False, ui_mode=ui_mode,
        )  # fmt: skip

    @staticmethod
    def default_formatter(speaker: str, text: str) -> str:
        """One line as the function receives it by default: "[speaker] text"."""
        return f"[{speaker}] {text}"

    @staticmethod
    def default_unformatter(line: str, default_speaker: str) -> dict[str, str]:
        """`default_formatter`'s line read back; a line without "[speaker]" is ``default_speaker``'s."""
        line = line.strip()
        if line.startswith("[") and "]" in line:
            end = line.find("]")
            return {"speaker": line[1:end], "text": line[end + 1 :].strip()}
        return {"speaker": default_speaker if line else "", "text": line}

    def api_info(self) -> dict[str, Any]:
        line = {"type": "object", "properties": {"speaker": {"type": "string"}, "text": {"type": "string"}}}
        return {"anyOf": [{"type": "array", "items": line}, {"type": "string"}]}

    def example_value(self) -> Any:
        return _EXAMPLE

    def preprocess(self, payload: Any) -> DialogueValue | None:
        """The page's lines → one text (``type="text"``) or the list of lines (``type="list"``)."""
        if payload is None:
            return None
        if self.type == "list" or isinstance(payload, str):
            return payload
        if len(payload) == 1 and payload[0]["text"] == "":
            return ""  # the one empty line a new dialogue starts with
        return self.separator.join(self.formatter(line["speaker"], line["text"]) for line in payload)

    def postprocess(self, value: Any) -> DialogueValue | None:
        """A list of ``{"speaker", "text"}`` lines or a text → the page's value. A text with
        ``speakers`` is read back line by line through ``unformatter``."""
        if value is None:
            return None
        if isinstance(value, str):
            return self._unformat(value) if self.speakers else value
        return [{"speaker": str(line["speaker"]), "text": str(line["text"])} for line in value]

    def _unformat(self, text: str) -> list[dict[str, str]]:
        speaker = self.speakers[0] if self.speakers else "Unknown"
        lines = (self.unformatter(line, speaker) for line in text.split(self.separator) if line.strip())
        return [line for line in lines if line["speaker"] or line["text"]]
