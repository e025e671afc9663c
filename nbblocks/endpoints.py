"""The client API's view of an app: which listeners are endpoints, their names, their parameters.

Gradio's rules, which the official clients rely on:

- ``api_name`` given → that name; None → the function's ``__name__`` (punctuation other than
  ``-`` and ``_`` dropped); a name already taken gets ``_1``, ``_2``... in listener order.
- ``api_name=False`` or no ``fn`` → "private": neither callable by name nor listed.
- ``show_api=False`` → "undocumented": callable by name, not listed.
- `gr.State` inputs and outputs are left out of the description; a client sends null in the
  place of a State input (the session's value is used) and gets null for a State output.

Transport-free: the served transport turns these into ``/config``, ``/gradio_api/info`` and
the "Use via API" page.
"""

from __future__ import annotations

import inspect
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from .components.base import Component

if TYPE_CHECKING:
    from .block import Block
    from .blocks import Blocks
    from .events import Dependency

Visibility = Literal["public", "undocumented", "private"]
#: parameter names the clients use themselves, so a function parameter can't take them
_RESERVED = ("api_name", "fn_index", "result_callbacks")
_DROPPED = set(string.punctuation) - {"-", "_"}


class PythonType(TypedDict):
    type: str
    description: str


class ParameterInfo(TypedDict):
    """One input of an endpoint, as ``/gradio_api/info`` describes it."""

    label: str
    parameter_name: str
    parameter_has_default: bool
    parameter_default: Any
    type: dict[str, Any]
    python_type: PythonType
    component: str
    example_input: Any


class ReturnInfo(TypedDict):
    label: str
    type: dict[str, Any]
    python_type: PythonType
    component: str


class EndpointInfo(TypedDict):
    parameters: list[ParameterInfo]
    returns: list[ReturnInfo]
    api_visibility: Visibility
    description: str


@dataclass(frozen=True)
class Endpoint:
    """A listener as the API sees it: ``name`` (no leading slash) is None when private."""

    dep: Dependency
    name: str | None
    visibility: Visibility

    @property
    def callable(self) -> bool:
        return self.visibility != "private"

    @property
    def listed(self) -> bool:
        return self.visibility == "public"


def endpoints(app: Blocks) -> list[Endpoint]:
    """Every listener of ``app`` as an endpoint, in fn_index order (computed once per set of
    listeners: names depend on the order listeners were added)."""
    cached = app._api_endpoints
    if len(cached) == len(app.dependencies):
        return cached
    taken: set[str] = set()
    result = []
    for dep in app.dependencies:
        requested = dep.options.api_name
        if dep.fn is None or requested is False:
            result.append(Endpoint(dep, None, "private"))
            continue
        if requested is None or not requested.strip():
            requested = "".join(c for c in dep.spec.name if c not in _DROPPED)
        name = unique_name(requested.lstrip("/"), taken)
        taken.add(name)
        result.append(Endpoint(dep, name, "public" if dep.options.show_api else "undocumented"))
    app._api_endpoints = result
    return result


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or the first of ``name_1``, ``name_2``... not in ``taken``."""
    if name not in taken:
        return name
    suffix = 1
    while f"{name}_{suffix}" in taken:
        suffix += 1
    return f"{name}_{suffix}"


def find(app: Blocks, name: str) -> Endpoint | None:
    """The callable endpoint called ``name`` (with or without its leading slash)."""
    name = name.lstrip("/")
    for endpoint in endpoints(app):
        if endpoint.name == name and endpoint.callable:
            return endpoint
    return None


def skips_api(block: Block) -> bool:
    """A block the API leaves out: gr.State (its value stays in the session)."""
    return block.type_name == "state"


# --- descriptions ----------------------------------------------------------------------------


def describe(endpoint: Endpoint) -> EndpointInfo:
    """The parameters and returns of one endpoint, as Gradio's ``/info`` gives them."""
    dep = endpoint.dep
    params = function_parameters(dep)
    parameters: list[ParameterInfo] = []
    for index, block in enumerate(dep.inputs):
        if skips_api(block):
            continue
        schema = schema_of(block)
        name, has_default, default = params[index] if index < len(params) else (f"param_{index}", False, None)
        value = getattr(block, "value", None)
        if value is not None:  # Gradio: a component's initial value makes the parameter optional
            has_default, default = True, value
        elif not (has_default and default is None):
            has_default, default = False, None
        parameters.append({
            "label": _label(block, f"parameter_{block._id}"),
            "parameter_name": name,
            "parameter_has_default": has_default,
            "parameter_default": default,
            "type": schema,
            "python_type": {"type": python_type(schema), "description": schema.get("description", "")},
            "component": block.type_name.capitalize(),
            "example_input": block.example_value() if isinstance(block, Component) else None,
        })  # fmt: skip
    returns: list[ReturnInfo] = []
    for block in dep.outputs:
        if skips_api(block):
            continue
        schema = schema_of(block)
        returns.append({
            "label": _label(block, f"value_{block._id}"),
            "type": schema,
            "python_type": {"type": python_type(schema), "description": schema.get("description", "")},
            "component": block.type_name.capitalize(),
        })  # fmt: skip
    doc = inspect.getdoc(dep.fn) or ""
    return {
        "parameters": parameters,
        "returns": returns,
        "api_visibility": endpoint.visibility,
        "description": doc.split("\n\n", 1)[0].strip(),
    }


def function_parameters(dep: Dependency) -> list[tuple[str, bool, Any]]:
    """(name, has a default, default) of each parameter of ``dep.fn`` that takes an input: the
    ones the engine fills itself (gr.Request, event data, gr.Progress) are left out, and
    ``*args`` ends the list. Names the clients reserve become ``param_<i>``."""
    try:
        signature = inspect.signature(dep.fn)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return []
    special = {position for position, _, _ in dep.spec.special}
    found: list[tuple[str, bool, Any]] = []
    for position, param in enumerate(signature.parameters.values()):
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            break
        if position in special:
            continue
        name = param.name if param.name not in _RESERVED else f"param_{len(found)}"
        has_default = param.default is not inspect.Parameter.empty
        found.append((name, has_default, param.default if has_default else None))
    return found


def info(app: Blocks) -> dict[str, Any]:
    """``/gradio_api/info``: the listed endpoints by "/name" (Gradio lists no unnamed ones)."""
    named = {f"/{e.name}": describe(e) for e in endpoints(app) if e.listed}
    return {"named_endpoints": named, "unnamed_endpoints": {}}


def schema_of(block: Block) -> dict[str, Any]:
    """The JSON schema of ``block``'s value over the API (none for a block that has no value)."""
    return block.api_info() if isinstance(block, Component) else {}


def _label(block: Block, fallback: str) -> str:
    return getattr(block, "label", None) or fallback


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "number": (int, float), "integer": (int,), "boolean": (bool,),
    "array": (list,), "object": (dict,), "null": (type(None),),
}


def type_error(schema: Any, value: Any) -> str | None:
    """Why ``value`` is not of the JSON type ``schema`` names (None when it is, or when the
    schema names none). Only kinds are checked: whether a choice is one of the choices, or a
    number within bounds, is the component's to say, as an error of the call."""
    if value is None or not isinstance(schema, dict):
        return None
    kind = schema.get("type")
    if "anyOf" in schema:
        reasons = [type_error(option, value) for option in schema["anyOf"]]
        return None if any(r is None for r in reasons) else reasons[0]
    if not isinstance(kind, str) or kind not in _JSON_TYPES:
        return None
    if not isinstance(value, _JSON_TYPES[kind]) or (isinstance(value, bool) and kind in ("number", "integer")):
        return f"invalid type: expected {kind}, got {type(value).__name__} {value!r}"
    if kind == "array" and isinstance(value, list):
        for item in value:
            reason = type_error(schema.get("items"), item)
            if reason is not None:
                return f"in the list: {reason}"
    return None


_SIMPLE = {"string": "str", "number": "float", "integer": "int", "boolean": "bool", "null": "None"}


def python_type(schema: Any) -> str:
    """A JSON schema as the Python type a client passes or gets ("str", "list[str]",
    "Literal['a', 'b']", "dict(label: str | None, ...)"); "Any" for the empty schema."""
    if not isinstance(schema, dict) or not schema:
        return "Any"
    if "enum" in schema:
        return f"Literal[{', '.join(repr(v) for v in schema['enum'])}]"
    if "anyOf" in schema:
        return " | ".join(python_type(option) for option in schema["anyOf"])
    if schema.get("title") == "FileData":  # as Gradio names a file value (components/files.py)
        return "filepath"
    kind = schema.get("type")
    if kind == "array":
        return f"list[{python_type(schema.get('items', {}))}]"
    if kind == "object":
        properties = schema.get("properties")
        if not properties:
            return "dict"
        fields = ", ".join(f"{name}: {python_type(sub)}" for name, sub in properties.items())
        return f"dict({fields})"
    return _SIMPLE.get(kind, "Any") if isinstance(kind, str) else "Any"
