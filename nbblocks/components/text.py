"""Text components: Textbox (typed input), Markdown and HTML (display)."""

from __future__ import annotations

import inspect
from typing import Any, Literal

from traitlets import Any as AnyTrait
from traitlets import Bool, Enum, Int, Unicode

from .base import Component, expect


class Textbox(Component):
    """A single- or multi-line text field; Enter (Shift+Enter when multi-line) fires ``submit``."""

    EVENTS = ("change", "input", "select", "submit", "focus", "blur")
    value = Unicode("", allow_none=True).tag(prop=True)
    lines = Int(1).tag(prop=True)
    max_lines = Int(20).tag(prop=True)
    placeholder = Unicode(None, allow_none=True).tag(prop=True)
    type = Enum(("text", "password", "email"), "text").tag(prop=True)
    autofocus = Bool(False).tag(prop=True)
    autoscroll = Bool(True).tag(prop=True)
    text_align = Enum(("left", "right"), None, allow_none=True).tag(prop=True)
    rtl = Bool(False).tag(prop=True)
    show_copy_button = Bool(False).tag(prop=True)
    max_length = Int(None, allow_none=True).tag(prop=True)

    def __init__(
        self,
        value: str | Any = "",
        *,
        lines: int = 1,
        max_lines: int = 20,
        placeholder: str | None = None,
        type: Literal["text", "password", "email"] = "text",
        autofocus: bool = False,
        autoscroll: bool = True,
        text_align: Literal["left", "right"] | None = None,
        rtl: bool = False,
        show_copy_button: bool = False,
        max_length: int | None = None,
        **kwargs: Any,
    ) -> None:
        if type not in ("text", "password", "email"):
            raise ValueError('`type` must be one of "text", "password", or "email".')
        super().__init__(
            value, lines=lines, max_lines=max_lines, placeholder=placeholder, type=type,
            autofocus=autofocus, autoscroll=autoscroll, text_align=text_align, rtl=rtl,
            show_copy_button=show_copy_button, max_length=max_length, **kwargs,
        )  # fmt: skip

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        expect(isinstance(payload, str), self, f"expected text, got {payload!r}")
        return payload

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)


class Markdown(Component):
    """Markdown shown as formatted text; a triple-quoted value is dedented, as in Gradio."""

    EVENTS = ("change",)
    value = Unicode("", allow_none=True).tag(prop=True)
    rtl = Bool(False).tag(prop=True)
    sanitize_html = Bool(True).tag(prop=True)
    line_breaks = Bool(False).tag(prop=True)
    header_links = Bool(False).tag(prop=True)
    height = AnyTrait(None).tag(prop=True)

    def __init__(
        self,
        value: str | Any = "",
        *,
        rtl: bool = False,
        latex_delimiters: list[dict[str, Any]] | None = None,
        sanitize_html: bool = True,
        line_breaks: bool = False,
        header_links: bool = False,
        height: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.latex_delimiters = latex_delimiters
        super().__init__(
            value, rtl=rtl, sanitize_html=sanitize_html, line_breaks=line_breaks,
            header_links=header_links, height=height, **kwargs,
        )  # fmt: skip

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else inspect.cleandoc(str(value))


class HTML(Component):
    """Raw HTML, shown as given."""

    EVENTS = ("change",)
    value = Unicode("", allow_none=True).tag(prop=True)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)
