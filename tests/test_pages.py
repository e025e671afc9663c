"""Multipage apps (``Blocks.route``) in the engine: Gradio's rules for a page's path, each page's
blocks sent alone to the view that asks for it, and each page's load listeners run the first time
a session shows it."""

from __future__ import annotations

import pytest

import nbblocks as gr
from tests.helpers import RecordedSession


def test_page_paths_follow_gradios_rules() -> None:
    demo = gr.Blocks()
    demo.route("My Settings Page!")
    demo.route("Other", "/deep/")
    demo.route("Again", "deep")
    demo.route("Config")  # the server's own /config: the page gets another path
    demo.route("Hidden", show_in_navbar=False)
    assert [(page.path, page.name, page.show_in_navbar) for page in demo.pages] == [
        ("", "Home", True), ("my-settings-page", "My Settings Page!", True), ("deep", "Other", True),
        ("_deep", "Again", True), ("_config", "Config", True), ("hidden", "Hidden", False),
    ]  # fmt: skip
    with pytest.raises(ValueError, match="invalid characters"):
        demo.route("Bad", "a b")
    with pytest.raises(ValueError, match="already exists"):
        demo.route("Mine", "/gradio_api")
    with pytest.raises(ValueError, match="not valid"):
        demo.route("!!!")
    with demo, pytest.raises(ValueError, match="outside the Blocks"):
        demo.route("Inside")


def multipage_app() -> tuple[gr.Blocks, gr.Textbox, gr.Number, gr.Button]:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        demo.load(lambda: "home loaded", None, name)
    with demo.route("Up") as up:
        number = gr.Number(label="Count")
        up.load(lambda: 10, None, number)
        increase = gr.Button("Increase")
        increase.click(lambda n: n + 1, number, number, api_name="increment")
        gr.Textbox(label="Doubled", value=lambda n: f"{n} x 2", inputs=[number])  # a value function on this page
    with demo.route("Product", "/times"):
        gr.Interface(lambda x, y: x * y, ["number", "number"], "number", api_name="times")
    return demo, name, number, increase


def labels(tree: dict) -> list[str]:
    found = [tree["props"]["label"]] if tree["props"].get("label") else []
    return found + [label for child in tree.get("children", []) for label in labels(child)]


def test_each_page_is_sent_alone_with_the_apps_pages() -> None:
    demo, name, number, _ = multipage_app()
    session = RecordedSession(demo)
    session.handle({"type": "ready", "page": "up", "view": "v1"})
    render = session.of_type("render")[-1]
    assert render["page"] == "up" and render["view"] == "v1"
    assert [page["path"] for page in render["pages"]] == ["", "up", "times"]
    assert labels(render["tree"]) == ["Count", "Doubled"]
    session.handle({"type": "ready"})
    assert labels(session.of_type("render")[-1]["tree"]) == ["Name"]
    session.handle({"type": "ready", "page": "times"})
    assert len(labels(session.of_type("render")[-1]["tree"])) == 3  # the Interface's two inputs and output
    session.handle({"type": "ready", "page": "nowhere"})
    assert session.sent[-1]["type"] == "error" and "no page 'nowhere'" in session.sent[-1]["message"]


def test_a_value_function_runs_with_its_pages_load() -> None:
    demo, *_ = multipage_app()
    doubled = next(block for block in demo.components().values() if getattr(block, "label", None) == "Doubled")
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    assert session.values_sent(doubled._id) == []


def test_a_one_page_app_sends_no_pages() -> None:
    with gr.Blocks() as demo:
        gr.Textbox()
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    assert "pages" not in session.sent[0] and "page" not in session.sent[0]


def test_a_pages_load_listeners_run_once_when_the_session_first_shows_it() -> None:
    demo, name, number, increase = multipage_app()
    session = RecordedSession(demo)
    session.handle({"type": "ready", "page": "up"})
    assert session.values_sent(number._id) == [10]
    assert session.values_sent(name._id) == []  # the main page's load waits for the main page
    doubled = next(block for block in demo.components().values() if getattr(block, "label", None) == "Doubled")
    assert session.values_sent(doubled._id)[-1] == "10 x 2"
    session.handle({"type": "trigger", "id": increase._id, "event": "click"})
    assert session.values_sent(number._id) == [10, 11]
    session.handle({"type": "ready"})
    session.handle({"type": "ready", "page": "up"})  # back: the page's load does not run again
    assert session.values_sent(name._id) == ["home loaded"]
    assert session.values_sent(number._id) == [10, 11]
