"""Data displays: JSON (a collapsible tree) and Label (a class name with confidences)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from traitlets import Bool, Int, Unicode, Union

from ..exceptions import Error
from .base import Component, expect, is_number

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions


def _jsonable(value: Any) -> Any:
    """What json can't hold: arrays (anything with ``tolist``) become lists, the rest text,
    as Gradio does with orjson, without importing numpy."""
    tolist = getattr(value, "tolist", None)
    return tolist() if callable(tolist) else str(value)


class JSON(Component):
    """Any JSON-able value shown as a tree; a string value is parsed as JSON."""

    EVENTS = ("change",)
    open = Bool(False).tag(prop=True)
    show_indices = Bool(False).tag(prop=True)
    height = Union([Int(), Unicode()], default_value=None, allow_none=True).tag(prop=True)

    def __init__(
        self,
        value: str | dict[str, Any] | list[Any] | Any = None,
        *,
        open: bool = False,
        show_indices: bool = False,
        height: int | str | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        super().__init__(value, open=open, show_indices=show_indices, height=height, **kwargs)

    def api_info(self) -> dict[str, Any]:
        return {"description": "any valid json"}

    def example_value(self) -> Any:
        return {"a": 1, "b": 2}

    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError as exc:
                raise Error(f"JSON: a string value must hold JSON; {exc} in {value[:80]!r}") from None
        # one round trip makes tuples lists and keys strings, as the front end will see them
        return json.loads(json.dumps(value, default=_jsonable))


class Label(Component):
    """The top class of a classification, with a bar per class when given ``{class: confidence}``
    (the ``num_top_classes`` best, highest first)."""

    EVENTS = ("change", "select")
    num_top_classes = Int(None, allow_none=True).tag(prop=True)
    color = Unicode(None, allow_none=True).tag(prop=True)

    def __init__(
        self,
        value: dict[str, float] | str | float | Any = None,
        *,
        num_top_classes: int | None = None,
        color: str | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        super().__init__(value, num_top_classes=num_top_classes, color=color, **kwargs)

    def api_info(self) -> dict[str, Any]:
        name = {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]}
        confidence = {"type": "object", "properties": {"label": name, "confidence": {"type": "number"}}}
        confidences = {"anyOf": [{"type": "array", "items": confidence}, {"type": "null"}]}
        return {"type": "object", "properties": {"label": name, "confidences": confidences}}

    def example_value(self) -> Any:
        return {"label": "Cat", "confidences": [{"label": "Cat", "confidence": 0.9}]}

    def postprocess(self, value: Any) -> dict[str, Any]:
        if value is None or value == {}:
            return {}
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return {"label": str(value)}
        expect(isinstance(value, dict), self, f"expected a label or a dict of {{label: confidence}}, got {value!r}")
        if _is_label_data(value):  # already in JSON form (an earlier postprocess, or built by hand)
            return value
        for name, confidence in value.items():
            expect(is_number(confidence), self, f"the confidence of {name!r} must be a number, got {confidence!r}")
        ranked = sorted(value.items(), key=lambda item: item[1], reverse=True)
        if self.num_top_classes is not None:
            ranked = ranked[: self.num_top_classes]
        return {
            "label": ranked[0][0] if ranked else None,
            "confidences": [{"label": name, "confidence": confidence} for name, confidence in ranked],
        }

    def preprocess(self, payload: Any) -> dict[Any, float] | str | int | float | None:
        if payload is None:
            return None
        expect(isinstance(payload, dict), self, f"expected a label object, got {payload!r}")
        if payload.get("confidences") is None:
            return payload.get("label")
        return {item["label"]: item["confidence"] for item in payload["confidences"]}


def _is_label_data(value: dict[Any, Any]) -> bool:
    """Whether a dict is already Label's JSON form rather than ``{class: confidence}``; a lone
    class literally named "label" with a numeric confidence is the latter."""
    if "label" not in value or not value.keys() <= {"label", "confidences"}:
        return False
    if "confidences" in value:
        return value["confidences"] is None or isinstance(value["confidences"], list)
    return not is_number(value["label"])
