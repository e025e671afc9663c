"""Row windows: a long table travels to a page a window at a time.

A Dataframe of 100,000 rows is megabytes of JSON, most of which nobody scrolls to. So a page
never gets more than `PAGE_ROWS` rows of a table in a ``render``, ``rerender`` or ``update``: its
value goes out as the first rows with ``total``, the whole table's row count (`for_page`, called
by both page transports on every message they send). As the user scrolls or sorts, the grid asks for the
rows in sight (``rows``, `protocol.RowsRequest`) and gets them from the session's whole value
(`rows_reply`), sorted here when the user sorted: the page holds only what it has shown. A cell
the user edits there comes back alone, and so does a row or a column added or removed (``cell``,
`edit_cell`).

The session always holds the whole value, so functions and API clients (which read the session's
messages, not the page's) get every row. A block takes part when its class sets
``ROW_WINDOWS = True`` and its value is Gradio's table shape, ``{"headers", "data", "metadata"}``.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from . import protocol

if TYPE_CHECKING:
    from .sessions import Session

#: the most rows of one table a message to the page carries: its first window, or one reply
PAGE_ROWS = 200
#: sorted orders kept (one per table and sort); a scroll through a sorted table sorts it once
_ORDERS_KEPT = 8
_orders: OrderedDict[tuple[int, int, bool], tuple[list[Any], list[int]]] = OrderedDict()
_orders_lock = threading.Lock()


def is_windowed(block: Any) -> bool:
    return bool(getattr(type(block), "ROW_WINDOWS", False))


def _is_long(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("data"), list) and len(value["data"]) > PAGE_ROWS


def first_window(value: Any) -> Any:
    """A table value as a page first gets it: whole when short, else its first rows and ``total``."""
    if not _is_long(value):
        return value
    window = {**value, "data": value["data"][:PAGE_ROWS], "total": len(value["data"])}
    metadata = value.get("metadata")
    if isinstance(metadata, dict):
        window["metadata"] = {key: rows[:PAGE_ROWS] if isinstance(rows, list) else rows for key, rows in metadata.items()}
    return window


def for_page(message: protocol.ServerMessage, session: Session) -> protocol.ServerMessage:
    """``message`` as a page gets it: every long table value cut to its first window. The
    message itself is left as it is (the session or an API stream may hold it too)."""
    if message["type"] == "render" or message["type"] == "rerender":
        windowed = _windowed_ids(session)
        if not windowed:
            return message
        cut = copy.copy(message)
        cut["tree"] = copy.copy(message["tree"])
        _cut_tree(cut["tree"], windowed)
        return cut
    if message["type"] == "update":
        if not any(_is_long(update["props"].get("value")) for update in message["updates"]):
            return message  # the usual case, a streamed token's included: no walk of the tree
        updates = [
            {**update, "props": {**update["props"], "value": first_window(update["props"]["value"])}}
            if "value" in update["props"] and is_windowed(session.block(update["id"]))
            else update
            for update in message["updates"]
        ]
        return {**message, "updates": updates}  # type: ignore[typeddict-item]
    return message


def _windowed_ids(session: Session) -> set[int]:
    """The session's tables: the app's, and those its ``@gr.render`` runs built."""
    tables = [session.app.components(), *(scope.owned for scope in list(session.renders.values()))]
    return {block_id for blocks in tables for block_id, block in blocks.items() if is_windowed(block)}


def _cut_tree(node: protocol.BlockNode, windowed: set[int]) -> None:
    """Cut the windowed blocks' values in a copy of the tree (copying only the nodes it changes)."""
    if node["id"] in windowed and "value" in node["props"]:
        node["props"] = {**node["props"], "value": first_window(node["props"]["value"])}
    if "children" in node:
        node["children"] = [copy.copy(child) for child in node["children"]]
        for child in node["children"]:
            _cut_tree(child, windowed)


def rows_reply(session: Session, request: protocol.RowsRequest) -> protocol.RowsMessage:
    """The rows ``start``..``end`` (at most `PAGE_ROWS`) of a table, in the order the page sorts
    it by, with each row's index in the value (what ``select`` reports)."""
    block_id, start = request["id"], request["start"]
    end = min(request["end"], start + PAGE_ROWS)
    sort = request.get("sort")
    if not is_windowed(session.block(block_id)):
        raise protocol.ProtocolError(f"no table with id {block_id}")
    if start < 0 or end < start:
        raise protocol.ProtocolError("'rows' needs 0 <= start <= end")
    if sort is not None and not (
        isinstance(sort, list) and len(sort) == 2 and type(sort[0]) is int and isinstance(sort[1], bool)
    ):
        raise protocol.ProtocolError("'rows' sort must be [column, descending] or null")
    value = session.values.get(block_id)
    data: list[Any] = value.get("data", []) if isinstance(value, dict) else []
    data = [] if data == [[]] else data
    order = _order(data, int(sort[0]), bool(sort[1])) if sort else None
    index = order[start:end] if order is not None else list(range(start, min(end, len(data))))
    metadata = value.get("metadata") if isinstance(value, dict) else None
    picked = (
        {key: [rows[i] for i in index] for key, rows in metadata.items() if isinstance(rows, list) and len(rows) == len(data)}
        if isinstance(metadata, dict)
        else None
    )
    return {
        "type": "rows", "id": block_id, "request": request["request"], "start": start, "total": len(data),
        "data": [data[i] for i in index], "index": index, "metadata": picked, "sort": sort,
    }  # fmt: skip


def edit_cell(session: Session, edit: protocol.CellEdit) -> None:
    """The user's edit of a long table (one cell, or a row or column added or removed), made to a
    copy of the session's whole value; rows the edit does not touch are shared with it."""
    block_id, row, column, op = edit["id"], edit["row"], edit["column"], edit.get("op", "set")
    block, value = session.block(block_id), session.values.get(block_id)
    if block is None or not is_windowed(block) or not isinstance(value, dict):
        raise protocol.ProtocolError(f"no table with id {block_id}")
    data = value.get("data")
    if not isinstance(data, list) or not 0 <= row < max(len(data), 1) or not 0 <= column < len(value.get("headers") or [None]):
        raise protocol.ProtocolError(f"no cell ({row}, {column}) in table {block_id}")
    data = [] if data == [[]] else data
    if op == "set":
        cell = edit["value"]
        if not 0 <= row < len(data) or not 0 <= column < len(data[row]):
            raise protocol.ProtocolError(f"no cell ({row}, {column}) in table {block_id}")
        if cell is not None and not isinstance(cell, (str, int, float, bool)):
            raise protocol.ProtocolError("a cell's value must be text, a number, a boolean or null")
        session.set_value(block_id, {**value, "data": _replaced(data, row, column, cell), "metadata": _shown(value, edit)})
        return
    headers = list(value.get("headers") or [])
    if op == "rename_column":
        if not isinstance(edit["value"], str):
            raise protocol.ProtocolError("a column's name must be text")
        headers[column] = edit["value"]
        session.set_value(block_id, {**value, "headers": headers})
        return
    if op not in ("add_row", "remove_row", "add_column", "remove_column"):
        raise protocol.ProtocolError(f"unknown table edit {op!r}")
    count = getattr(session.view(block), "row_count" if op.endswith("row") else "col_count", None)
    if (count or [0, "dynamic"])[1] != "dynamic":
        raise protocol.ProtocolError(f"table {block_id} does not let the user {op.replace('_', ' ')}s")
    if op == "add_row":
        data = [*data, [""] * len(headers)]
    elif op == "remove_row" and data:
        data = data[:row] + data[row + 1 :]
    elif op == "add_column":
        headers, data = [*headers, str(len(headers) + 1)], [[*cells, ""] for cells in data]
    elif op == "remove_column" and len(headers) > 1:
        del headers[column]
        data = [cells[:column] + cells[column + 1 :] for cells in data]
    session.set_value(block_id, {**value, "headers": headers, "data": data or [[]], "metadata": None})


def _replaced(rows: list[Any], row: int, column: int, cell: Any) -> list[Any]:
    """``rows`` with one cell replaced: the list and that row copied, the other rows shared."""
    copied = list(rows)
    copied[row] = [*rows[row][:column], cell, *rows[row][column + 1 :]]
    return copied


def _shown(value: dict[str, Any], edit: protocol.CellEdit) -> Any:
    """The Styler's metadata with the edited cell's text (its colours stay where they were)."""
    metadata = value.get("metadata")
    if not isinstance(metadata, dict):
        return metadata
    shown = metadata.get("display_value")
    if not isinstance(shown, list) or edit["row"] >= len(shown) or edit["column"] >= len(shown[edit["row"]]):
        return metadata
    text = "" if edit["value"] is None else str(edit["value"])
    return {**metadata, "display_value": _replaced(shown, edit["row"], edit["column"], text)}


def _order(data: list[Any], column: int, descending: bool) -> list[int]:
    """Row indices sorted by ``column``: numbers by value before text, blanks last either way
    (as the grid sorts a short table itself), ties in the value's order."""
    key = (id(data), column, descending)
    with _orders_lock:
        kept = _orders.get(key)
        if kept is not None and kept[0] is data:
            _orders.move_to_end(key)
            return kept[1]

    def rank(i: int) -> tuple[int, Any]:
        cell = data[i][column] if column < len(data[i]) else None
        if cell is None or cell == "":
            return (2, 0)
        if isinstance(cell, (int, float)) and not isinstance(cell, bool):
            return (0, cell)
        return (1, str(cell).lower())

    filled = [i for i in range(len(data)) if rank(i)[0] != 2]
    blanks = [i for i in range(len(data)) if rank(i)[0] == 2]
    order = sorted(filled, key=rank, reverse=descending) + blanks  # reverse keeps ties in order too
    with _orders_lock:
        _orders[key] = (data, order)  # the list is kept, so its id is not reused while cached
        while len(_orders) > _ORDERS_KEPT:
            _orders.popitem(last=False)
    return order
