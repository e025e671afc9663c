"""Compact value edits: a streamed value that only grew a text is sent as the text it grew by.

A chat reply streams token by token, and its function yields the whole history each time
(Gradio's model). Sending that history per token would make every token cost as much as the
whole conversation, on the wire and in the page. When the new value differs from the one the
page holds only by text added at the end of one string (the last message's content), the
session sends a `protocol.TextAppend` instead, and both ends rebuild the value with
`apply_append` (js/src/edits.ts on the page). The page then re-draws only that message.

The page must hold exactly the value the edit is made against, so a session sends one only
between two updates of the same event to a component that opts in
(`Block.TEXT_APPENDS`: display components, which the user cannot change under a stream).
"""

from __future__ import annotations

from typing import Any

from .protocol import TextAppend


def text_append(old: Any, new: Any) -> TextAppend | None:
    """The edit that turns ``old`` into ``new`` by adding text at the end of one string, or None
    when no such edit exists. Lists must keep their length and dicts their keys, with one child
    changed at each level; the cost is about that of ``old == new``."""
    path: list[int | str] = []
    while True:
        if isinstance(old, str) and isinstance(new, str):
            grows = len(new) > len(old) and new.startswith(old)
            return {"path": path, "text": new[len(old) :]} if grows else None
        if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
            keys: list[Any] = list(range(len(new)))
        elif isinstance(old, dict) and isinstance(new, dict) and old.keys() == new.keys():
            keys = list(new)
        else:
            return None
        changed = _changed_keys(old, new, keys)
        if len(changed) != 1:
            return None
        key = changed[0]
        path.append(key)
        old, new = old[key], new[key]


def _changed_keys(old: Any, new: Any, keys: list[Any]) -> list[Any]:
    """The keys whose child differs. A stream usually changes a list's last child only: the
    others are compared at once, in C, so a long history costs little per token."""
    if isinstance(new, list) and len(new) > 1:
        try:
            if old[:-1] == new[:-1]:
                keys = keys[-1:]
        except Exception:  # children whose comparison fails or is ambiguous (arrays): one by one
            pass
    return [key for key in keys if old[key] is not new[key] and old[key] != new[key]]


def apply_append(value: Any, edit: TextAppend) -> Any:
    """``value`` with ``edit``'s text added to the string at its path; copies along that path
    only, so the rest of the value (every other message) is shared with ``value``."""
    path = edit["path"]
    if not path:
        if not isinstance(value, str):
            raise ValueError("a text append must end at a string")
        return value + edit["text"]
    head, rest = path[0], {"path": path[1:], "text": edit["text"]}
    if isinstance(value, list) and isinstance(head, int):
        copied: Any = list(value)
    elif isinstance(value, dict) and isinstance(head, str):
        copied = dict(value)
    else:
        raise ValueError(f"a text append's path does not fit the value at {head!r}")
    copied[head] = apply_append(value[head], rest)  # type: ignore[arg-type]
    return copied
