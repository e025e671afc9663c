"""nbblocks/protocol.py (the definition of record) and js/src/protocol.ts say the same.

Every TypedDict is a TS interface of the same name, with the same fields, the same optionality
(``NotRequired`` is ``?``) and the same types; a TypedDict the TS side writes inline (FileData's
``meta``) is compared where it is used. Every type alias (a message union, a literal union such as
``Stage``) is a TS type alias of the same name with the same members. Types are compared in one
canonical spelling: ``int``/``float`` are ``number``, ``None`` is ``null``, ``Any`` is
``unknown``, ``list[X]`` is ``X[]``, ``dict[str, X]`` is ``Record<string, X>``, a union is the
set of its members.
"""

from __future__ import annotations

import json
import re
import types
import typing
from pathlib import Path
from typing import Any, Literal, NotRequired, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from nbblocks import protocol

PROTOCOL_TS = Path(__file__).resolve().parents[1] / "js" / "src" / "protocol.ts"

# --- the TypeScript side: declarations read from the source -----------------------------------


class TsDeclarations:
    """The exported interfaces (name -> field -> (optional, type text)) and type aliases (name ->
    type text) of a TypeScript module that declares types only."""

    def __init__(self, source: str) -> None:
        source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
        source = re.sub(r"//[^\n]*", "", source)
        self.interfaces: dict[str, dict[str, tuple[bool, str]]] = {}
        self.aliases: dict[str, str] = {}
        for match in re.finditer(r"export\s+interface\s+(\w+)\s*\{", source):
            body = source[match.end() : _closing(source, match.end() - 1)]
            self.interfaces[match.group(1)] = _fields(body)
        for match in re.finditer(r"export\s+type\s+(\w+)\s*=", source):
            end = next(i for i, depth in _depths(source, match.end()) if depth == 0 and source[i] == ";")
            self.aliases[match.group(1)] = source[match.end() : end].strip()

    def canonical(self, text: str) -> str:
        """One spelling of a TS type: aliases expanded, unions sorted, inline objects by field."""
        members = _split(text.strip().lstrip("|"), "|")
        if len(members) > 1:
            return " | ".join(sorted({part for m in members for part in self.canonical(m).split(" | ")}))
        t = members[0].strip()
        if t.startswith("(") and _closing(t, 0) == len(t) - 1:
            return self.canonical(t[1:-1])
        if t.endswith("[]"):
            return f"array({self.canonical(t[:-2])})"
        if t.startswith("["):
            return "tuple(" + ", ".join(self.canonical(p) for p in _split(t[1:-1], ",")) + ")"
        if t.startswith("{"):
            return _object({name: (opt, self.canonical(typ)) for name, (opt, typ) in _fields(t[1:-1]).items()})
        record = re.fullmatch(r"Record<\s*string\s*,(.*)>", t, flags=re.S)
        if record:
            return f"record({self.canonical(record.group(1))})"
        if t.startswith('"'):
            return json.dumps(json.loads(t))
        if t in self.aliases:
            return self.canonical(self.aliases[t])
        return t  # number, string, boolean, null, unknown, or an interface's name


def _depths(text: str, start: int) -> typing.Iterator[tuple[int, int]]:
    """Each index from ``start`` with the bracket depth after it (strings hold no brackets here)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in "{[(<":
            depth += 1
        elif text[i] in "}])>" and text[i - 1] != "=":  # `=>` is no bracket
            depth -= 1
        yield i, depth


def _closing(text: str, opening: int) -> int:
    return next(i for i, depth in _depths(text, opening) if depth == 0)


def _split(text: str, separator: str) -> list[str]:
    parts, last = [], 0
    for i, depth in _depths(text, 0):
        if text[i] == separator and depth == 0:
            parts.append(text[last:i])
            last = i + 1
    parts.append(text[last:])
    return [p for p in (part.strip() for part in parts) if p]


def _fields(body: str) -> dict[str, tuple[bool, str]]:
    fields = {}
    for member in _split(body.replace("\n", " "), ";"):
        match = re.fullmatch(r"(?:readonly\s+)?(\w+)(\??)\s*:(.*)", member, flags=re.S)
        assert match, f"cannot read the TS member {member!r}"
        fields[match.group(1)] = (match.group(2) == "?", match.group(3).strip())
    return fields


def _object(fields: dict[str, tuple[bool, str]]) -> str:
    return "{" + ", ".join(f"{name}{'?' if opt else ''}: {typ}" for name, (opt, typ) in sorted(fields.items())) + "}"


# --- the Python side ----------------------------------------------------------------------------


def python_typeddicts() -> dict[str, type]:
    return {name: obj for name, obj in vars(protocol).items() if is_typeddict(obj) and obj.__module__ == protocol.__name__}


def python_aliases() -> dict[str, Any]:
    """Module-level unions and literal types (``ServerMessage``, ``Stage``), not typing's names."""
    return {
        name: obj
        for name, obj in vars(protocol).items()
        if name[:1].isupper() and (isinstance(obj, types.UnionType) or get_origin(obj) in (Literal, Union))
    }


def python_fields(cls: type) -> dict[str, tuple[bool, Any]]:
    """Field -> (optional, type). Read from the hints: with postponed annotations, Python 3.11's
    ``__optional_keys__`` misses ``NotRequired``."""
    hints = get_type_hints(cls, include_extras=True)
    return {
        name: (get_origin(hint) is NotRequired, get_args(hint)[0] if get_origin(hint) is NotRequired else hint)
        for name, hint in hints.items()
    }


def py_canonical(hint: Any, ts: TsDeclarations) -> str:
    origin, args = get_origin(hint), get_args(hint)
    if isinstance(hint, types.UnionType) or origin is Union:
        return " | ".join(sorted({part for a in args for part in py_canonical(a, ts).split(" | ")}))
    if origin is Literal:
        return " | ".join(sorted(json.dumps(a) for a in args))
    if origin is list:
        return f"array({py_canonical(args[0], ts)})"
    if origin is tuple:
        return "tuple(" + ", ".join(py_canonical(a, ts) for a in args) + ")"
    if origin is dict:
        assert args[0] is str, f"JSON object keys are strings, not {args[0]}"
        return f"record({py_canonical(args[1], ts)})"
    if is_typeddict(hint):  # named when TS names it too, else compared field by field
        if hint.__name__ in ts.interfaces:
            return hint.__name__
        return _object({name: (opt, py_canonical(t, ts)) for name, (opt, t) in python_fields(hint).items()})
    simple = {int: "number", float: "number", str: "string", bool: "boolean", type(None): "null", Any: "unknown"}
    assert hint in simple, f"no TS spelling for {hint!r}"
    return simple[hint]


# --- the comparison -----------------------------------------------------------------------------


def disagreements(ts: TsDeclarations) -> list[str]:
    """Every way protocol.py and the TS declarations differ, one line each."""
    found = []
    typeddicts = python_typeddicts()
    used_inline = {
        t.__name__
        for cls in typeddicts.values()
        for _, hint in python_fields(cls).values()
        for t in [hint, *get_args(hint)]
        if is_typeddict(t) and t.__name__ not in ts.interfaces
    }
    for name in sorted(set(typeddicts) - set(ts.interfaces) - used_inline):
        found.append(f"{name}: a TypedDict with no TS interface")
    for name in sorted(set(ts.interfaces) - set(typeddicts)):
        found.append(f"{name}: a TS interface with no TypedDict")
    for name in sorted(set(typeddicts) & set(ts.interfaces)):
        py_fields, ts_fields = python_fields(typeddicts[name]), ts.interfaces[name]
        for field in sorted(set(py_fields) ^ set(ts_fields)):
            found.append(f"{name}.{field}: only in {'Python' if field in py_fields else 'TS'}")
        for field in sorted(set(py_fields) & set(ts_fields)):
            (py_opt, py_type), (ts_opt, ts_type) = py_fields[field], ts_fields[field]
            if py_opt != ts_opt:
                found.append(f"{name}.{field}: {'optional' if py_opt else 'required'} in Python, not in TS")
            if py_canonical(py_type, ts) != ts.canonical(ts_type):
                found.append(f"{name}.{field}: {py_canonical(py_type, ts)} in Python, {ts.canonical(ts_type)} in TS")
    for name, alias in sorted(python_aliases().items()):
        if name not in ts.aliases:
            found.append(f"{name}: a Python type alias with no TS type")
        elif py_canonical(alias, ts) != ts.canonical(name):
            found.append(f"{name}: {py_canonical(alias, ts)} in Python, {ts.canonical(name)} in TS")
    return found


@pytest.fixture(scope="module")
def source() -> str:
    return PROTOCOL_TS.read_text(encoding="utf-8")


def test_protocol_ts_mirrors_protocol_py(source: str) -> None:
    ts = TsDeclarations(source)
    assert "StatusMessage" in ts.interfaces and "ServerMessage" in ts.aliases  # the reader found them
    assert disagreements(ts) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  eta?: number | null;", "  eta: number | null;", "StatusMessage.eta: optional in Python, not in TS"),
        (
            'export type Stage = "pending" | "running" | "complete" | "error";',
            'export type Stage = "pending" | "running" | "done" | "error";',
            "Stage: ",
        ),
        (
            "  visible: boolean;\n}\n\nexport type ServerMessage",
            "  visible: boolean;\n  extra: string;\n}\n\nexport type ServerMessage",
            "ErrorMessage.extra: only in TS",
        ),
        ("  has_fn: boolean;", "  has_fn: number;", "DependencyInfo.has_fn: boolean in Python, number in TS"),
        ("  | ToastMessage", "", "ServerMessage: "),
    ],
    ids=["optionality", "literal stage", "field", "field type", "message union"],
)
def test_a_disagreement_is_found(source: str, old: str, new: str, expected: str) -> None:
    """The comparison itself: each kind of drift in the TS file is reported."""
    assert old in source
    found = disagreements(TsDeclarations(source.replace(old, new, 1)))
    assert any(line.startswith(expected) for line in found), found
