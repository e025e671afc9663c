"""Draggable on a served page in Chromium: the user reorders its children by dragging one over
another, or with Alt+Arrow on a focused child."""

from __future__ import annotations

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)


def test_children_reorder_by_drag_and_by_keyboard(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        with gr.Draggable(orientation="row"):
            for name in ("One", "Two", "Three"):
                gr.Markdown(f"Chart {name}")
    served_page.goto(launch(demo))
    items = served_page.locator(".nbb-draggable > .nbb-draggable-item")
    expect(items).to_contain_text(["Chart One", "Chart Two", "Chart Three"], timeout=30_000)

    third = items.nth(2).bounding_box()
    assert third is not None
    items.nth(0).drag_to(items.nth(2), target_position={"x": third["width"] - 4, "y": third["height"] / 2})
    expect(items).to_contain_text(["Chart Two", "Chart Three", "Chart One"], timeout=30_000)

    items.nth(2).focus()
    served_page.keyboard.press("Alt+ArrowLeft")
    expect(items).to_contain_text(["Chart Two", "Chart One", "Chart Three"], timeout=30_000)
    served_page.keyboard.press("Alt+ArrowUp")  # the moved child keeps the focus
    expect(items).to_contain_text(["Chart One", "Chart Two", "Chart Three"], timeout=30_000)
    served_page.keyboard.press("Alt+ArrowLeft")  # at the start edge: stays
    served_page.keyboard.press("Alt+ArrowRight")
    expect(items).to_contain_text(["Chart Two", "Chart One", "Chart Three"], timeout=30_000)


def test_alt_arrow_in_a_field_inside_a_child_is_left_to_the_field(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        with gr.Draggable(orientation="column"):
            gr.Textbox(label="First")
            gr.Textbox(label="Second")
    served_page.goto(launch(demo))
    items = served_page.locator(".nbb-draggable > .nbb-draggable-item")
    expect(items).to_contain_text(["First", "Second"], timeout=30_000)
    served_page.get_by_label("Second").focus()
    served_page.keyboard.press("Alt+ArrowUp")
    items.nth(0).focus()  # the child itself moves
    served_page.keyboard.press("Alt+ArrowDown")
    expect(items).to_contain_text(["Second", "First"], timeout=30_000)
    expect(items.nth(1)).to_be_focused()
