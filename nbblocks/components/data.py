"""Data displays: JSON (a collapsible tree) and Label (a class name with confidences)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from traitlets import Bool, Int, Unicode

from ..block import undrawn
from ..events import EventListener
from ..exceptions import Error
from ..protocol import encode_json
from .base import Component, as_number, expect, size_trait

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions


class JSON(Component):
    """Any JSON-able value shown as a tree; a string value is parsed as JSON."""

    change = EventListener()
    open = Bool(False).tag(prop=True)
    show_indices = Bool(False).tag(prop=True)
    height = size_trait().tag(prop=True)
    #: Gradio 5: past ``max_height`` the tree scrolls (500 px by default); ``min_height`` keeps its box
    max_height = size_trait(500).tag(prop=True)
    min_height = size_trait().tag(prop=True)
    interactive = undrawn(Component.interactive, "display only: the tree is not editable")

    def __init__(
        self,
        value: str | dict[str, Any] | list[Any] | Any = None,
        *,
        open: bool = False,
        show_indices: bool = False,
        height: int | str | None = None,
        max_height: int | str | None = 500,
        min_height: int | str | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        super().__init__(
            value, open=open, show_indices=show_indices, height=height, max_height=max_height, min_height=min_height, **kwargs
        )

    def api_info(self) -> dict[str, Any]:
        return {"description": "any valid json"}

    def example_value(self) -> Any:
        return {"a": 1, "b": 2}

    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return json.loads(value, parse_constant=_no_number)
            except json.JSONDecodeError as exc:
                raise Error(f"JSON: a string value must hold JSON; {exc} in {value[:80]!r}") from None
        # one round trip makes tuples lists and keys strings, as the front end will see them
        return json.loads(encode_json(value), parse_constant=_no_number)


def _no_number(constant: str) -> None:
    """NaN and ±Infinity become null, as Gradio's orjson writes them: JSON has no such
    numbers, and the browser's JSON.parse refuses the whole message that holds one."""
    return None


class Label(Component):
    """The top class of a classification, with a bar per class when given ``{class: confidence}``
    (the ``num_top_classes`` best, highest first)."""

    change = EventListener()
    select = EventListener()
    num_top_classes = Int(None, allow_none=True).tag(prop=True, not_drawn="postprocess keeps only the top classes")
    color = Unicode(None, allow_none=True).tag(prop=True)
    #: Gradio 5: False leaves out the top class's large heading, the bars stay
    show_heading = Bool(True).tag(prop=True)
    interactive = undrawn(Component.interactive, "display only: a click on a class fires select, as in Gradio")

    def __init__(
        self,
        value: dict[str, float] | str | float | Any = None,
        *,
        num_top_classes: int | None = None,
        color: str | None = None,
        show_heading: bool = True,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        super().__init__(value, num_top_classes=num_top_classes, color=color, show_heading=show_heading, **kwargs)

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
        if isinstance(value, (str, bool)) or as_number(value) is not None:  # bool: Gradio's "True"
            return {"label": str(value), "confidences": None}  # Gradio's LabelData, every field
        expect(isinstance(value, dict), self, f"expected a label or a dict of {{label: confidence}}, got {value!r}")
        if _is_label_data(value):  # already in JSON form (an earlier postprocess, or built by hand)
            return value
        confidences = {name: self._confidence(name, confidence) for name, confidence in value.items()}
        ranked = sorted(confidences.items(), key=lambda item: item[1], reverse=True)
        if self.num_top_classes is not None:
            ranked = ranked[: self.num_top_classes]
        return {
            "label": ranked[0][0] if ranked else None,
            "confidences": [{"label": name, "confidence": confidence} for name, confidence in ranked],
        }

    def _confidence(self, name: Any, confidence: Any) -> float:
        """A confidence as a plain float (a model's ``np.float32`` too, as Gradio takes it)."""
        number = as_number(confidence)
        if number is None:
            raise Error(f"Label: the confidence of {name!r} must be a number, got {confidence!r}")
        return float(number)

    def preprocess(self, payload: Any) -> dict[Any, float] | str | int | float | None:
        if payload is None:
            return None
        expect(isinstance(payload, dict), self, f"expected a label object, got {payload!r}")
        confidences = payload.get("confidences")
        if confidences is None:
            return payload.get("label")
        expect(
            isinstance(confidences, list) and all(isinstance(c, dict) and c.keys() >= {"label", "confidence"} for c in confidences),
            self, f"expected confidences as a list of {{label, confidence}} objects, got {confidences!r}",
        )  # fmt: skip
        return {item["label"]: item["confidence"] for item in confidences}


def _is_label_data(value: dict[Any, Any]) -> bool:
    """Whether a dict is already Label's JSON form rather than ``{class: confidence}``; a lone
    class literally named "label" with a numeric confidence is the latter."""
    if "label" not in value or not value.keys() <= {"label", "confidences"}:
        return False
    if "confidences" in value:
        return value["confidences"] is None or isinstance(value["confidences"], list)
    return as_number(value["label"]) is None


#: Gradio's other name for JSON
Json = JSON
