"""Data displays: JSON (a collapsible tree) and Label (a class name with confidences)."""

from __future__ import annotations

import json
from typing import Any

from traitlets import Any as AnyTrait
from traitlets import Bool, Int, Unicode

from .base import Component


class JSON(Component):
    """Any JSON-able value shown as a tree; a string value is parsed as JSON."""

    EVENTS = ("change",)
    open = Bool(False).tag(prop=True)
    show_indices = Bool(False).tag(prop=True)
    height = AnyTrait(None).tag(prop=True)

    def __init__(self, value: Any = None, *, open: bool = False, show_indices: bool = False, height: int | str | None = None, **kwargs: Any) -> None:
        super().__init__(value, open=open, show_indices=show_indices, height=height, **kwargs)

    def postprocess(self, value: Any) -> Any:
        if isinstance(value, str):
            return json.loads(value)
        # one round trip makes tuples lists and fails early, with the value named, on what JSON can't hold
        return json.loads(json.dumps(value, default=str))


class Label(Component):
    """The top class of a classification, with a bar per class when given confidences."""

    EVENTS = ("change", "select")
    num_top_classes = Int(None, allow_none=True).tag(prop=True)
    color = Unicode(None, allow_none=True).tag(prop=True)

    def __init__(self, value: Any = None, *, num_top_classes: int | None = None, color: str | None = None, **kwargs: Any) -> None:
        super().__init__(value, num_top_classes=num_top_classes, color=color, **kwargs)

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None or value == {}:
            return None
        if isinstance(value, dict) and "label" in value and set(value) <= {"label", "confidences"}:
            return value
        if isinstance(value, dict):
            ranked = sorted(value.items(), key=lambda item: item[1], reverse=True)
            if self.num_top_classes is not None:
                ranked = ranked[: self.num_top_classes]
            return {
                "label": str(ranked[0][0]),
                "confidences": [{"label": str(name), "confidence": float(score)} for name, score in ranked],
            }
        return {"label": str(value)}

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        confidences = payload.get("confidences")
        if confidences:
            return {item["label"]: item["confidence"] for item in confidences}
        return payload.get("label")
