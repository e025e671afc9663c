"""``gr.api``: Gradio 5's API endpoint for a plain Python function, with no UI.

The function's parameters and return value travel as JSON, described to API clients by its type
hints. Each parameter (and the result) is held by an `ApiValue`, a component that is never
drawn: the endpoint is a listener with no trigger, called only through the API (or MCP).
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable
from typing import Any

from .block import current_app
from .components.base import Component
from .engine import special_positions
from .events import Dependency

#: JSON schemas of the plain types a hint may name
_SCHEMAS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"}, bool: {"type": "boolean"},
    list: {"type": "array"}, tuple: {"type": "array"}, dict: {"type": "object"}, type(None): {"type": "null"},
}  # fmt: skip


def schema_of(hint: Any) -> dict[str, Any]:
    """The JSON schema of a type hint (``list[int]``, ``str | None``...); {} (any value) for one
    it does not know."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [schema_of(arg) for arg in typing.get_args(hint)]}
    if origin in (list, tuple, set):
        args = typing.get_args(hint)
        return {"type": "array", **({"items": schema_of(args[0])} if args and args[-1] is not Ellipsis else {})}
    if origin is dict:
        return {"type": "object"}
    return dict(_SCHEMAS.get(origin or hint, {}))


class ApiValue(Component):
    """One parameter or the result of a ``gr.api`` function, as JSON: passed through unchanged."""

    NOT_DRAWN = "the value of an API-only endpoint: there is no UI to draw it in"

    def __init__(self, label: str, schema: dict[str, Any]) -> None:
        self._schema = schema
        super().__init__(label=label, render=False)

    def api_info(self) -> dict[str, Any]:
        return self._schema


def api(fn: Callable[..., Any], *, api_name: str | None = None, **options: Any) -> Dependency:
    """Add ``fn`` to the app being built as an API endpoint named ``api_name`` (the function's
    name by default) with no UI; ``options`` are the listener's (``queue``, ``concurrency_limit``,
    ``api_visibility``, ``api_description``...). A gr.Request parameter is the engine's to fill."""
    app = current_app()
    if app is None:
        raise AttributeError("Cannot call gr.api() outside of a gr.Blocks() context (use `with demo:`).")
    hints = typing.get_type_hints(fn)
    specials = special_positions(fn)
    parameters = [parameter for position, parameter in enumerate(inspect.signature(fn).parameters.values()) if position not in specials]
    inputs = [ApiValue(parameter.name, schema_of(hints.get(parameter.name, Any))) for parameter in parameters]
    returned = hints.get("return", Any)
    outputs = [] if returned is type(None) else [ApiValue("output", schema_of(returned))]
    return app.add_dependency([], fn, inputs, outputs, {**options, "api_name": api_name or getattr(fn, "__name__", "api")})
