"""ParamViewer: a function's parameters (name, type, default, description) as a list whose
entries open to show their details, as Gradio's documentation pages draw them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypedDict

from traitlets import Bool, Enum, List, Unicode, Union

from ..block import undrawn
from ..events import EventListener
from .base import Component, expect, number_trait


class Parameter(TypedDict):
    """One parameter: its type and description as text, its default as code (None: none)."""

    type: str
    description: str
    default: str | None


class ParamViewer(Component):
    """Parameters by name, each with a ``type``, a ``description`` (markdown) and a ``default``;
    the header's button opens or closes them all."""

    change = EventListener()
    upload = EventListener(not_fired="nothing is uploaded to a table of parameters")
    _BARE = "a table of parameters has no label or input: Gradio's ParamViewer takes none"
    label = undrawn(Component.label, _BARE)
    show_label = undrawn(Component.show_label, _BARE)
    info = undrawn(Component.info, _BARE)
    interactive = undrawn(Component.interactive, _BARE)
    language = Enum(("python", "typescript"), "python").tag(
        prop=True, not_drawn="types are shown as plain code, not highlighted"
    )
    linkify = List(Unicode(), None, allow_none=True).tag(
        prop=True, not_drawn="Gradio links these names to its own documentation pages, which are not here"
    )
    header = Unicode("Parameters", allow_none=True).tag(prop=True)
    anchor_links = Union([Bool(), Unicode()], default_value=False).tag(prop=True)
    max_height = Union([number_trait(), Unicode()], default_value=None, allow_none=True).tag(prop=True)

    def __init__(
        self,
        value: Mapping[str, Parameter] | None = None,
        language: Literal["python", "typescript"] = "python",
        linkify: list[str] | None = None,
        *,
        header: str | None = "Parameters",
        anchor_links: bool | str = False,
        max_height: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            value, language=language, linkify=linkify, header=header, anchor_links=anchor_links,
            max_height=max_height, **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return {"type": {}, "description": "any valid json"}

    def example_value(self) -> Any:
        return {"array": {"type": "numpy", "description": "any valid json", "default": "None"}}

    def preprocess(self, payload: Any) -> dict[str, Parameter] | None:
        return payload

    def postprocess(self, value: Any) -> dict[str, dict[str, str | None]] | None:
        if value is None:
            return None
        expect(isinstance(value, Mapping), self, f"expected a dict of parameters by name, got {value!r}")
        table: dict[str, dict[str, str | None]] = {}
        for name, param in value.items():
            expect(isinstance(param, Mapping), self, f"parameter {name!r}: expected a dict, got {param!r}")
            default = param.get("default")
            table[str(name)] = {
                "type": str(param.get("type") or ""),
                "description": str(param.get("description") or ""),
                "default": None if default is None else str(default),
            }
        return table
