"""Row windows (nbblocks/windows.py): a page gets a long table's first rows and its total, then
the rows it asks for, sorted by Python; the session, its functions and the API keep the whole
value. Checked on the session (as both transports use it) and through the notebook's comm."""

from __future__ import annotations

from typing import Any

import pandas as pd

import nbblocks as gr
from nbblocks import windows
from tests.helpers import RecordedSession
from tests.notebook.test_widget import recording_comms  # noqa: F401  (autouse: comms that record)

ROWS = [[i, f"name {i}"] for i in range(1000)]


def table_app() -> tuple[gr.Blocks, gr.Dataframe, gr.Button]:
    with gr.Blocks() as demo:
        table = gr.Dataframe(ROWS, headers=["i", "name"])
        button = gr.Button()
        button.click(lambda: [[3, "c"], ["", "blank"], [1, "a"]] * 100, None, table)
    return demo, table, button


def value_in_tree(node: dict[str, Any], block_id: int) -> Any:
    if node["id"] == block_id:
        return node["props"]["value"]
    return next((v for child in node.get("children", []) if (v := value_in_tree(child, block_id)) is not None), None)


def test_a_page_gets_the_first_rows_and_the_total_the_session_keeps_all() -> None:
    demo, table, _ = table_app()
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    (render,) = session.of_type("render")
    shown = value_in_tree(windows.for_page(render, session)["tree"], table._id)  # type: ignore[arg-type]
    assert shown["total"] == 1000 and shown["data"] == ROWS[: windows.PAGE_ROWS]
    assert len(value_in_tree(render["tree"], table._id)["data"]) == 1000  # the message itself: untouched
    assert session.values[table._id]["data"] == ROWS


def test_an_update_is_cut_for_the_page_only() -> None:
    demo, table, button = table_app()
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": button._id, "event": "click"})
    (update,) = session.of_type("update")
    (for_page,) = windows.for_page(update, session)["updates"]  # type: ignore[typeddict-item]
    assert for_page["props"]["value"]["total"] == 300 and len(for_page["props"]["value"]["data"]) == 200
    assert len(update["updates"][0]["props"]["value"]["data"]) == 300  # what an API stream reads


def test_rows_come_sorted_by_python_with_their_rows_in_the_value() -> None:
    demo, table, button = table_app()
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": button._id, "event": "click"})
    request = {"type": "rows", "id": table._id, "request": 7, "start": 0, "end": 4, "sort": [0, True]}
    session.handle(request)
    reply = session.of_type("rows")[-1]
    assert reply["data"] == [[3, "c"]] * 4 and reply["index"] == [0, 3, 6, 9] and reply["total"] == 300
    session.handle({**request, "start": 296, "end": 1000, "sort": [0, False]})
    reply = session.of_type("rows")[-1]
    assert reply["data"] == [["", "blank"]] * 4 and reply["start"] == 296  # blanks last either way
    assert (reply["request"], reply["sort"]) == (7, [0, False])


def test_a_stylers_metadata_comes_with_its_rows() -> None:
    styler = pd.DataFrame({"x": [float(i) for i in range(300)]}).style.format("{:.1f} kg")
    with gr.Blocks() as demo:
        table = gr.Dataframe(styler)
    session = RecordedSession(demo)
    session.handle({"type": "rows", "id": table._id, "request": 1, "start": 250, "end": 252, "sort": None})
    (reply,) = session.of_type("rows")
    assert reply["metadata"]["display_value"] == [["250.0 kg"], ["251.0 kg"]]


def test_a_cell_edited_on_the_page_changes_that_cell_of_the_whole_value() -> None:
    styler = pd.DataFrame({"kg": [float(i) for i in range(300)]}).style.format("{:.1f} kg")
    with gr.Blocks() as demo:
        table = gr.Dataframe(styler, type="array")
        seen: list[Any] = []
        table.input(seen.append, table, None)
    session = RecordedSession(demo)
    before = session.values[table._id]
    session.handle({"type": "cell", "id": table._id, "row": 299, "column": 0, "value": 7.5})
    session.handle({"type": "trigger", "id": table._id, "event": "input"})
    assert len(seen[0]) == 300 and seen[0][299] == [7.5] and seen[0][298] == [298.0]
    assert session.values[table._id]["metadata"]["display_value"][299] == ["7.5"]
    assert before["data"][299] == [299.0]  # a copy changed: what the app started with is untouched
    for bad in (
        {"row": 300, "column": 0, "value": 1},
        {"row": 0, "column": 1, "value": 1},
        {"row": 0, "column": 0, "value": [1]},
    ):
        session.handle({"type": "cell", "id": table._id, **bad})
    session.handle({"type": "cell", "id": table._id, "row": 0, "column": 0})
    assert [m["title"] for m in session.of_type("error")] == ["Refused message"] * 4


def test_rows_and_columns_added_removed_or_renamed_on_the_page_change_the_whole_value() -> None:
    with gr.Blocks() as demo:
        table = gr.Dataframe(ROWS, headers=["i", "name"], type="array", interactive=True)
        fixed = gr.Dataframe(ROWS, headers=["i", "name"], row_count=(1000, "fixed"), col_count=(2, "fixed"))
    session = RecordedSession(demo)

    def edit(op: str, row: int = 0, column: int = 0, block: gr.Dataframe = table) -> None:
        session.handle({"type": "cell", "id": block._id, "row": row, "column": column, "value": None, "op": op})

    edit("remove_row", row=500)
    edit("add_row")
    edit("add_column")
    edit("remove_column", column=0)
    value = session.values[table._id]
    assert value["headers"] == ["name", "3"] and len(value["data"]) == 1000
    assert value["data"][499:501] == [["name 499", ""], ["name 501", ""]] and value["data"][-1] == ["", ""]
    for op in ("add_row", "remove_column"):
        edit(op, block=fixed)
    edit("rotate")
    assert [m["title"] for m in session.of_type("error")] == ["Refused message"] * 3
    assert session.values[fixed._id]["data"] == ROWS
    session.handle({"type": "cell", "id": fixed._id, "row": 0, "column": 1, "value": "who", "op": "rename_column"})
    session.handle({"type": "cell", "id": fixed._id, "row": 0, "column": 1, "value": 7, "op": "rename_column"})
    assert session.values[fixed._id]["headers"] == ["i", "who"] and len(session.of_type("error")) == 4


def test_bad_row_requests_are_refused() -> None:
    demo, table, button = table_app()
    session = RecordedSession(demo)
    for bad in (
        {"type": "rows", "id": button._id, "request": 1, "start": 0, "end": 5, "sort": None},
        {"type": "rows", "id": table._id, "request": 1, "start": -1, "end": 5, "sort": None},
        {"type": "rows", "id": table._id, "request": 1, "start": 0, "end": 5, "sort": ["0", "down"]},
        {"type": "rows", "id": table._id, "start": 0, "end": 5},
    ):
        session.handle(bad)
    assert session.of_type("rows") == []
    assert [m["title"] for m in session.of_type("error")] == ["Refused message"] * 4


def test_the_notebook_page_gets_a_window_over_the_comm() -> None:
    from nbblocks.notebook import widget_for

    demo, table, _ = table_app()
    widget = widget_for(demo)
    widget.comm.from_front_end({"type": "ready"})
    widget.comm.from_front_end({"type": "rows", "id": table._id, "request": 2, "start": 990, "end": 1000, "sort": None})
    render, rows = (m for m in widget.comm.custom_messages() if m["type"] in ("render", "rows"))
    assert value_in_tree(render["tree"], table._id)["total"] == 1000
    assert len(value_in_tree(render["tree"], table._id)["data"]) == windows.PAGE_ROWS
    assert rows["data"] == ROWS[990:]
