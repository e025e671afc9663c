"""Navbar: Gradio 5's bar of links at the top of a multipage app (`nbblocks.pages`).

The bar holds the app's pages (those with ``show_in_navbar``; the main page named
``main_page_name``, or left out when it is False), then the links of ``value``: external URLs,
or paths the page links to as given. A multipage app's page without a Navbar gets one with
Gradio's defaults; a Navbar placed on a page is that page's bar.
"""

from __future__ import annotations

from typing import Any, Literal

from traitlets import Bool, Unicode, Union

from ..block import undrawn
from ..events import EventListener
from .base import Component, expect


class Navbar(Component):
    """A bar of links: the app's pages (the main one unless ``main_page_name=False``), then each
    ``(name, path)`` of ``value``; a function returning ``gr.Navbar(visible=False)`` hides it."""

    change = EventListener()
    _BARE = "a bar of links has no label or input: Gradio's Navbar takes none"
    label = undrawn(Component.label, _BARE)
    show_label = undrawn(Component.show_label, _BARE)
    info = undrawn(Component.info, _BARE)
    interactive = undrawn(Component.interactive, _BARE)
    main_page_name = Union([Unicode(), Bool()], default_value="Home").tag(prop=True)

    def __init__(
        self,
        value: list[tuple[str, str]] | None = None,
        *,
        visible: bool = True,
        main_page_name: str | Literal[False] = "Home",
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
    ) -> None:
        super().__init__(
            value, visible=visible, main_page_name=main_page_name, elem_id=elem_id, elem_classes=elem_classes,
            render=render, key=key,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}

    def example_value(self) -> Any:
        return None

    def preprocess(self, payload: Any) -> list[tuple[str, str]] | None:
        return None if payload is None else [(name, path) for name, path in payload]

    def postprocess(self, value: Any) -> list[list[str]] | None:
        if value is None:
            return None
        expect(isinstance(value, (list, tuple)), self, f"expected a list of (name, path) pairs, got {value!r}")
        for link in value:
            expect(
                isinstance(link, (list, tuple)) and len(link) == 2 and all(isinstance(part, str) for part in link),
                self, f"expected a (name, path) pair, got {link!r}",
            )  # fmt: skip
        return [list(link) for link in value]
