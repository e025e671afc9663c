"""HighlightedText: text whose spans are marked with a category or a confidence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from traitlets import Bool, Dict, Unicode

from ..accepted import warn_unused
from ..block import undrawn
from ..events import EventListener
from .base import Component, as_number, expect

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions

#: one span: its text and its category (a string), its confidence (a number) or None
Span = tuple[str, str | float | None]


class HighlightedText(Component):
    """Text in spans, each coloured by its category (``color_map``, else a colour of its own) or by
    a confidence from -1 to 1; ``show_legend`` lists the categories beside it.

    The value is ``(text, category)`` pairs, or a named-entity result ``{"text", "entities"}``
    (each entity's ``start``, ``end`` and ``entity`` or ``entity_group``). On the wire, and to a
    function receiving it, it is Gradio's ``[{"token", "class_or_confidence"}]`` (Gradio's docs say
    tuples, but its code passes these dicts: code written for it expects them)."""

    change = EventListener()
    select = EventListener()
    color_map = Dict(default_value=None, allow_none=True).tag(prop=True)
    show_legend = Bool(False).tag(prop=True)
    combine_adjacent = Bool(False).tag(prop=True, not_drawn="postprocess merges the spans")
    adjacent_separator = Unicode("").tag(prop=True, not_drawn="postprocess joins merged spans with it")
    #: Gradio 5: the spans right to left
    rtl = Bool(False).tag(prop=True)
    interactive = undrawn(Component.interactive, "display only: a click on a span fires select")

    def __init__(
        self,
        value: list[Span] | dict[str, Any] | Any = None,
        *,
        color_map: dict[str, str] | None = None,
        show_legend: bool = False,
        combine_adjacent: bool = False,
        adjacent_separator: str = "",
        show_inline_category: bool = True,
        show_whitespaces: bool = True,
        rtl: bool = False,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        self.combine_adjacent = combine_adjacent  # postprocess (run by the constructor) reads both
        self.adjacent_separator = adjacent_separator
        # Gradio 5's category names inside the spans and marked whitespace: the spans here show colour only
        warn_unused(
            "HighlightedText", show_inline_category=None if show_inline_category else False,
            show_whitespaces=None if show_whitespaces else False,
        )  # fmt: skip
        super().__init__(
            value, color_map=color_map, show_legend=show_legend, combine_adjacent=combine_adjacent,
            adjacent_separator=adjacent_separator, rtl=rtl, **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        category = {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]}
        token = {
            "type": "object",
            "properties": {"token": {"type": "string"}, "class_or_confidence": category},
            "required": ["token"],
        }
        return {"type": "array", "items": token}

    def example_value(self) -> Any:
        return [{"token": "Hello", "class_or_confidence": "greeting"}, {"token": " world", "class_or_confidence": None}]

    def preprocess(self, payload: Any) -> list[dict[str, Any]] | None:
        if payload is None:
            return None
        expect(isinstance(payload, list), self, f"expected a list of tokens, got {payload!r}")
        return [{"token": token, "class_or_confidence": category} for token, category in self._pairs(payload)]

    def postprocess(self, value: Any) -> list[dict[str, Any]] | None:
        if value is None:
            return None
        if isinstance(value, dict):
            value = self._from_entities(value)
        expect(isinstance(value, list | tuple), self, f"expected (text, category) pairs or {{'text', 'entities'}}, got {value!r}")
        spans = list(self._pairs(value))
        if self.combine_adjacent:
            spans = _combined(spans, self.adjacent_separator)
        return [{"token": token, "class_or_confidence": category} for token, category in spans]

    def _pairs(self, items: Iterable[Any]) -> Iterable[Span]:
        """Each span as ``(text, category)``, from a pair or from the wire's token dict (so that
        postprocess gives back its own output)."""
        for item in items:
            if isinstance(item, dict) and "token" in item:
                item = (item["token"], item.get("class_or_confidence"))
            expect(isinstance(item, list | tuple) and len(item) == 2, self, f"expected a (text, category) pair, got {item!r}")
            token, category = item
            expect(isinstance(token, str), self, f"a span's text must be a string, got {token!r}")
            number = as_number(category)
            expect(category is None or isinstance(category, str) or number is not None, self,
                   f"a span's category must be a string, a number or None, got {category!r}")  # fmt: skip
            yield token, number if number is not None else category

    def _from_entities(self, value: dict[str, Any]) -> list[Span]:
        """``{"text", "entities"}`` (a NER pipeline's output) as pairs, unmarked text between."""
        expect(value.keys() >= {"text", "entities"}, self, f"expected a dict with keys 'text' and 'entities', got {value!r}")
        text, end = value["text"], 0
        spans: list[Span] = []
        for entity in sorted(value["entities"], key=lambda entity: entity["start"]):
            spans.append((text[end : entity["start"]], None))
            spans.append((text[entity["start"] : entity["end"]], entity.get("entity") or entity.get("entity_group")))
            end = entity["end"]
        spans.append((text[end:], None))
        return spans


def _combined(spans: list[Span], separator: str) -> list[Span]:
    """Neighbouring spans of one category as one (joined by ``separator``); empty spans between
    them (left by `_from_entities`) don't keep them apart, as in Gradio."""
    merged: list[Span] = []
    for token, category in spans:
        if merged and merged[-1][1] == category:
            merged[-1] = (merged[-1][0] + separator + token, category)
        elif merged and not token:
            continue
        else:
            merged.append((token, category))
    return merged


#: Gradio's other names for HighlightedText
Highlight = Highlightedtext = HighlightedText
