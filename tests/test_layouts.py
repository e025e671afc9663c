"""Layouts: Gradio 4 signatures and defaults, nesting, Tab auto-wrapped into Tabs."""

from __future__ import annotations

import inspect

import pytest

import nbblocks as gr
from nbblocks import engine


@pytest.mark.parametrize("cls", [gr.Row, gr.Column, gr.Group, gr.Tabs])
def test_keyword_only(cls: type) -> None:
    params = inspect.signature(cls).parameters.values()
    assert all(p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD) for p in params)  # **keyed: Gradio 6's key, preserved_by_key


def test_positional_parameters_of_tab_and_accordion() -> None:
    assert list(inspect.signature(gr.Tab).parameters)[:3] == ["label", "visible", "interactive"]
    assert list(inspect.signature(gr.Accordion).parameters)[0] == "label"
    tab = gr.Tab("One", False, False)
    assert (tab.label, tab.visible, tab.interactive) == ("One", False, False)
    assert gr.TabItem is gr.Tab


def test_defaults() -> None:
    row, column, accordion = gr.Row(), gr.Column(), gr.Accordion("More")
    assert (row.variant, row.equal_height, row.show_progress) == ("default", True, False)
    assert (column.scale, column.min_width, column.variant) == (1, 320, "default")
    assert (accordion.label, accordion.open) == ("More", True)
    assert gr.Tabs().selected is None


def test_events() -> None:
    assert (gr.Row.EVENTS, gr.Column.EVENTS, gr.Group.EVENTS) == ((), (), ())
    assert gr.Accordion.EVENTS == ("expand", "collapse")  # Gradio 5's, a harmless superset
    assert gr.Tabs.EVENTS == ("change", "select")
    assert gr.Tab.EVENTS == ("select",)


def test_shared_arguments() -> None:
    row = gr.Row(visible=False, elem_id="r", elem_classes="wide")
    assert (row.props()["visible"], row.props()["elem_id"], row.props()["elem_classes"]) == (False, "r", ["wide"])
    assert gr.Group(elem_classes=["a", "b"]).elem_classes == ["a", "b"]


def test_column_fractional_scale_warns() -> None:
    with pytest.warns(UserWarning, match="should be an integer"):
        gr.Column(scale=0.5)


def test_unknown_argument_refused() -> None:
    with pytest.raises(TypeError):
        gr.Row(width=2)  # type: ignore[call-arg]


def test_nesting() -> None:
    with gr.Blocks() as demo:
        with gr.Row() as row:
            with gr.Column() as column:
                box = gr.Textbox()
    assert demo.children == [row] and row.children == [column] and column.children == [box]
    assert box.parent is column


def test_consecutive_tabs_share_one_implicit_tabs() -> None:
    with gr.Blocks() as demo:
        with gr.Tab("A") as a:
            gr.Textbox()
        with gr.Tab("B") as b:
            pass
        gr.Markdown("between")
        with gr.Tab("C") as c:
            pass
    first, middle, second = demo.children
    assert isinstance(first, gr.Tabs) and first.children == [a, b]
    assert isinstance(middle, gr.Markdown)
    assert isinstance(second, gr.Tabs) and second.children == [c]


def test_tabs_given_explicitly_are_used() -> None:
    with gr.Blocks() as demo:
        with gr.Tabs(selected="b") as tabs:
            with gr.Tab("A", id="a"):
                pass
            with gr.Tab("B", id="b") as b:
                pass
    assert demo.children == [tabs] and tabs.children[1] is b and b.id == "b"


def test_updates_and_trait_changes() -> None:
    accordion = gr.Accordion("x")
    assert engine.to_props(accordion, gr.update(open=False)) == {"open": False}
    assert engine.to_props(accordion, gr.Accordion(visible=False)) == {"visible": False}
    assert engine.to_props(gr.Row(), gr.update(elem_classes="c")) == {"elem_classes": ["c"]}
    accordion.label = "y"
    assert accordion.props()["label"] == "y"


def test_a_walkthrough_moves_to_the_step_a_function_names() -> None:
    from tests.helpers import RecordedSession

    with gr.Blocks() as demo:
        with gr.Walkthrough(selected=0) as walkthrough:
            with gr.Step("Image", id=0):
                go = gr.Button("go to prompt")
                go.click(lambda: gr.Walkthrough(selected=1), outputs=walkthrough)
            with gr.Step("Prompt", id=1) as prompt:
                gr.Textbox()
    assert demo.children == [walkthrough] and walkthrough.children[1] is prompt
    assert (walkthrough.props()["selected"], prompt.props()["label"]) == (0, "Prompt")
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.handle({"type": "trigger", "id": go._id, "event": "click"})
    sent = [u["props"] for m in session.of_type("update") for u in m["updates"] if u["id"] == walkthrough._id]
    assert sent == [{"selected": 1}]


def test_a_draggable_renders_its_orientation_and_children() -> None:
    """Gradio 6's signature: keyword-only, a column by default; the page gets the orientation to
    lay its children out by, and a function may switch it."""
    from tests.helpers import RecordedSession

    assert all(p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD) for p in inspect.signature(gr.Draggable).parameters.values())
    assert (gr.Draggable().orientation, gr.Draggable.EVENTS) == ("column", ())
    with pytest.raises(Exception, match="orientation"):
        gr.Draggable(orientation="grid")  # type: ignore[arg-type]
    with gr.Blocks() as demo:
        with gr.Draggable(orientation="row") as board:
            first, second = gr.Textbox(), gr.Textbox()
        flip = gr.Button()
        flip.click(lambda: gr.Draggable(orientation="column"), outputs=board)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    (render,) = session.of_type("render")
    (node,) = [n for n in render["tree"]["children"] if n["id"] == board._id]
    assert (node["type"], node["props"]["orientation"]) == ("draggable", "row")
    assert [child["id"] for child in node["children"]] == [first._id, second._id]
    session.handle({"type": "trigger", "id": flip._id, "event": "click"})
    sent = [u["props"] for m in session.of_type("update") for u in m["updates"] if u["id"] == board._id]
    assert sent == [{"orientation": "column"}]
