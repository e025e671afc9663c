"""``gr.update(...)`` and ``gr.skip()``: return values that change props instead of the value."""

from __future__ import annotations

from typing import Any

UPDATE_TYPE = "update"


def update(**props: Any) -> dict[str, Any]:
    """Props to change on an output: ``return gr.update(visible=False, value="x")``."""
    return {"__type__": UPDATE_TYPE, **props}


def skip() -> dict[str, Any]:
    """Leave an output as it is."""
    return {"__type__": UPDATE_TYPE}


def is_update(value: Any) -> bool:
    return type(value) is dict and value.get("__type__") == UPDATE_TYPE
