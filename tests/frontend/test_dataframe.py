"""Dataframe on a served page in Chromium: a cell edited with the keyboard reaches Python, a
header click sorts, a click fires select with the row, column and value, and a 100,000-row
frame keeps only the rows in sight in the DOM while it scrolls to its end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)
from ..server.wire import wait_for

#: DOM rows a windowed grid may hold: the rows in sight of a 500 px grid and its overscan
MAX_DOM_ROWS = 60


def cells(page: Any, column: int) -> Any:
    return page.locator(f"[role=grid] td[role=gridcell][aria-colindex='{column}']")


def test_a_cell_edited_with_the_keyboard_reaches_python(launch, served_page, bundle) -> None:
    received: list[Any] = []
    with gr.Blocks() as demo:
        table = gr.Dataframe([["ada", 1], ["bob", 2]], headers=["name", "n"], datatype=["str", "number"],
                             type="array", interactive=True)  # fmt: skip
        table.input(received.append, table, None)
    served_page.goto(launch(demo))
    cells(served_page, 2).first.click()
    served_page.keyboard.press("Enter")  # edit, the old text selected
    served_page.keyboard.type("42")
    served_page.keyboard.press("Enter")  # commit; the next row's cell is active
    wait_for(lambda: received == [[["ada", 42], ["bob", 2]]], what="the edited table in Python")
    expect(served_page.locator("td:focus")).to_have_text("2")
    served_page.keyboard.press("ArrowLeft")
    served_page.keyboard.type("cy")  # typing starts an edit with that text
    served_page.keyboard.press("Tab")  # commit, and move right
    wait_for(lambda: received[-1] == [["ada", 42], ["cy", 2]], what="the second edit in Python")
    expect(served_page.locator("td:focus")).to_have_text("2")
    served_page.keyboard.press("ArrowUp")
    served_page.keyboard.type("99")
    served_page.keyboard.press("Escape")  # cancelled: nothing sent
    expect(served_page.locator("td:focus")).to_have_text("42")
    expect(cells(served_page, 1)).to_have_text(["ada", "cy"])
    assert len(received) == 2


def test_a_header_click_sorts_and_a_click_selects(launch, served_page, bundle, screenshots: Path) -> None:
    with gr.Blocks() as demo:
        table = gr.Dataframe({"headers": ["name", "kg"], "data": [["bob", 80], ["ada", 9.5], ["cy", 100]]})
        picked = gr.Textbox()

        def show(event: gr.SelectData) -> str:
            return f"{event.index} {event.value}"

        table.select(show, None, picked)
    served_page.goto(launch(demo))
    expect(cells(served_page, 1)).to_have_text(["bob", "ada", "cy"])
    kg = served_page.get_by_role("columnheader", name="kg")
    kg.click()
    expect(cells(served_page, 1)).to_have_text(["ada", "bob", "cy"])  # 9.5 < 80 < 100, as numbers
    expect(kg).to_have_attribute("aria-sort", "ascending")
    kg.click()
    expect(cells(served_page, 1)).to_have_text(["cy", "bob", "ada"])
    served_page.screenshot(path=screenshots / "served_dataframe_sorted.png")
    cells(served_page, 2).last.click()  # ada's kg, shown last; row 1 of the value
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("[1, 1] 9.5")


def test_a_100000_row_frame_keeps_only_the_rows_in_sight(launch, served_page, bundle) -> None:
    rows = [[i, f"name {i}", i * 0.5] for i in range(100_000)]
    with gr.Blocks() as demo:
        gr.Dataframe(rows, headers=["i", "name", "half"])
    served_page.goto(launch(demo))
    grid = served_page.get_by_role("grid")
    expect(grid).to_have_attribute("aria-rowcount", "100001")
    expect(cells(served_page, 2).first).to_have_text("name 0")
    dom_rows = served_page.locator("[role=grid] tbody tr[role=row]")
    assert 10 <= dom_rows.count() <= MAX_DOM_ROWS
    served_page.locator(".nbb-dataframe-scroll").evaluate("el => { el.scrollTop = el.scrollHeight; }")
    expect(cells(served_page, 2).last).to_have_text("name 99999")
    assert 10 <= dom_rows.count() <= MAX_DOM_ROWS
    served_page.locator(".nbb-dataframe-scroll").evaluate("el => { el.scrollTop = el.scrollHeight / 2; }")
    expect(served_page.get_by_role("gridcell", name="name 50000", exact=True)).to_be_visible()
    assert dom_rows.count() <= MAX_DOM_ROWS


def test_only_what_is_shown_travels_and_python_sorts_a_long_frame(launch, served_page, bundle) -> None:
    rows = [[i, f"name {i}"] for i in range(100_000)]
    with gr.Blocks() as demo:
        gr.Dataframe(rows, headers=["i", "name"])
    received: list[int] = []
    served_page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(len(frame))))
    served_page.goto(launch(demo))
    expect(cells(served_page, 2).first).to_have_text("name 0")
    whole = len(json.dumps(rows))
    assert sum(received) < whole / 50  # the first rows, not the 2.6 MB table
    served_page.get_by_role("columnheader", name="i").click()
    served_page.get_by_role("columnheader", name="i").click()  # descending: Python sorts all 100,000
    expect(cells(served_page, 2).first).to_have_text("name 99999")
    expect(cells(served_page, 1).nth(1)).to_have_text("99998")
    assert sum(received) < whole / 20


def test_dynamic_rows_and_columns_are_added_and_removed(launch, served_page, bundle) -> None:
    received: list[Any] = []
    with gr.Blocks() as demo:
        table = gr.Dataframe([[1, 2]], headers=["a", "b"], type="array", col_count=(2, "dynamic"), interactive=True)
        table.change(received.append, table, None)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Add row").click()
    wait_for(lambda: received[-1:] == [[[1, 2], ["", ""]]], what="a new empty row in Python")
    served_page.get_by_role("button", name="Add column").click()
    wait_for(lambda: received[-1:] == [[[1, 2, ""], ["", "", ""]]], what="a new column in Python")
    expect(served_page.get_by_role("columnheader")).to_have_text(["a", "b", "3"])
    cells(served_page, 1).first.click()
    served_page.get_by_role("button", name="Delete row").click()  # the active cell's row
    wait_for(lambda: received[-1:] == [[["", "", ""]]], what="the first row removed in Python")
    expect(served_page.get_by_role("button", name="Add column")).to_be_visible()


def test_fixed_counts_hide_the_shape_buttons_and_a_styler_is_shown(launch, served_page, bundle) -> None:
    import pandas as pd

    styler = pd.DataFrame({"kg": [1.0, 22.5], "note": ["**bold**", "plain"]}).style.format({"kg": "{:.2f}"})
    styler = styler.map(lambda v: "background-color: rgb(255, 0, 0)" if v == 22.5 else "", subset=["kg"])
    with gr.Blocks() as demo:
        gr.Dataframe(styler, datatype=["number", "markdown"], row_count=(2, "fixed"), col_count=(2, "fixed"),
                     interactive=True)  # fmt: skip
    served_page.goto(launch(demo))
    expect(cells(served_page, 1)).to_have_text(["1.00", "22.50"])  # the Styler's number format
    expect(cells(served_page, 1).last).to_have_css("background-color", "rgb(255, 0, 0)")
    expect(cells(served_page, 2).first.locator("strong")).to_have_text("bold")  # markdown drawn
    expect(served_page.get_by_role("button", name="Add row")).to_be_hidden()
    expect(served_page.get_by_role("button", name="Add column")).to_be_hidden()


def test_wrap_height_and_column_widths_are_drawn(launch, served_page, bundle) -> None:
    long_text = "a long note that needs more than one line " * 6
    with gr.Blocks() as demo:
        gr.Dataframe([[long_text, 1]] * 30, headers=["note", "n"], wrap=True, height=200, column_widths=["70%", 90])
        gr.Dataframe([[long_text, 1]], headers=["note", "n"])
    served_page.goto(launch(demo))
    expect(served_page.get_by_role("grid")).to_have_count(2)  # the chunk has loaded and drawn both
    wrapped, single = served_page.locator(".nbb-dataframe-scroll").all()
    assert wrapped.evaluate("el => el.getBoundingClientRect().height") <= 200
    assert wrapped.evaluate("el => el.scrollHeight") > 200  # the rest scrolls
    cell, one_line = wrapped.locator("td").first, single.locator("td").first
    assert cell.evaluate("el => el.getBoundingClientRect().height") > 2 * one_line.evaluate(
        "el => el.getBoundingClientRect().height"
    )
    grid_width = wrapped.locator("table").evaluate("el => el.getBoundingClientRect().width")
    note_width = wrapped.get_by_role("columnheader", name="note", exact=True).evaluate("el => el.getBoundingClientRect().width")
    assert abs(note_width - 0.7 * grid_width) < 2
    n_width = wrapped.get_by_role("columnheader", name="n", exact=True).evaluate("el => el.getBoundingClientRect().width")
    assert n_width >= 89  # at least its 90 px; the table's spare width goes to the columns too


def long_frame_sorted_descending(launch: Any, page: Any) -> list[Any]:
    """A 5,000-row interactive frame served and sorted by ``i`` descending (row 4999 first); the
    tables its ``input`` listener received."""
    received: list[Any] = []
    with gr.Blocks() as demo:
        table = gr.Dataframe([[i, f"name {i}"] for i in range(5000)], headers=["i", "name"], type="array", interactive=True)
        table.input(lambda rows: received.append(rows), table, None)
    page.goto(launch(demo))
    page.get_by_role("columnheader", name="i").click()
    page.get_by_role("columnheader", name="i").click()
    expect(cells(page, 2).first).to_have_text("name 4999")
    return received


def test_a_cell_of_a_long_frame_edited_on_the_page_reaches_python(launch, served_page, bundle) -> None:
    received = long_frame_sorted_descending(launch, served_page)
    cells(served_page, 2).first.click()
    served_page.keyboard.type("last")
    served_page.keyboard.press("Enter")
    wait_for(lambda: len(received) == 1, what="the edited table in Python")
    assert len(received[0]) == 5000 and received[0][4999] == [4999, "last"] and received[0][0] == [0, "name 0"]


def test_rows_and_columns_of_a_long_frame_change_in_python_and_on_the_page(launch, served_page, bundle) -> None:
    received = long_frame_sorted_descending(launch, served_page)
    cells(served_page, 2).nth(1).click()  # row 4998
    served_page.get_by_role("button", name="Delete row").click()
    wait_for(lambda: len(received) == 1, what="the table without row 4998 in Python")
    assert len(received[0]) == 4999 and received[0][4997:] == [[4997, "name 4997"], [4999, "name 4999"]]
    expect(cells(served_page, 2).nth(1)).to_have_text("name 4997")  # the rows asked again
    served_page.get_by_role("button", name="Add column").click()
    wait_for(lambda: len(received) == 2, what="the new column in Python")
    assert received[1][0] == [0, "name 0", ""] and len(received[1]) == 4999
    expect(served_page.get_by_role("columnheader")).to_have_text(["i", "name", "3"])
    served_page.get_by_role("button", name="Add row").click()
    wait_for(lambda: len(received) == 3, what="the new row in Python")
    assert len(received[2]) == 5000 and received[2][-1] == ["", "", ""]
    expect(served_page.locator("[role=grid]")).to_have_attribute("aria-rowcount", "5001")
    served_page.get_by_role("button", name="Rename column name").click()
    served_page.get_by_label("New name of column name").fill("who")
    served_page.keyboard.press("Enter")
    expect(served_page.get_by_role("columnheader")).to_have_text(["i", "who", "3"])
    wait_for(lambda: len(received) == 4, what="the table with its renamed column in Python")


def test_a_header_is_renamed_and_escape_keeps_the_old_name(launch, served_page, bundle) -> None:
    received: list[Any] = []
    with gr.Blocks() as demo:
        table = gr.Dataframe(pd.DataFrame({"a": [1], "b": [2]}), interactive=True)
        table.change(lambda frame: received.append(list(frame.columns)), table, None)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Rename column a").click()
    served_page.get_by_label("New name of column a").fill("ignored")
    served_page.keyboard.press("Escape")
    expect(served_page.get_by_role("columnheader")).to_have_text(["a", "b"])
    served_page.get_by_role("button", name="Rename column b").click()
    served_page.get_by_label("New name of column b").fill("price")
    served_page.keyboard.press("Enter")
    expect(served_page.get_by_role("columnheader")).to_have_text(["a", "price"])
    wait_for(lambda: received == [["a", "price"]], what="the renamed column in the function's DataFrame")
    assert served_page.get_by_role("button", name="Rename column a").count() == 1
