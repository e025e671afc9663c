"""State: a per-session deep copy, Gradio's signature, and never rendered; BrowserState: the value
the page keeps, handed to the load listeners that read it."""

from __future__ import annotations

import inspect
import math
import threading

import pytest

import nbblocks as gr
from tests.helpers import RecordedSession


def test_signature_and_defaults() -> None:
    params = inspect.signature(gr.State).parameters
    assert list(params)[:2] == ["value", "render"]
    state = gr.State()
    assert state.value is None
    assert state.time_to_live == math.inf
    assert state.delete_callback(1) is None
    assert gr.State.EVENTS == ("change",)


def test_each_session_gets_a_copy() -> None:
    state = gr.State({"items": []})
    first = state.session_value()
    first["items"].append(1)
    assert state.session_value() == {"items": []}
    assert state.value == {"items": []}


def test_callable_value_is_called_per_session() -> None:
    state = gr.State(list)
    assert state.session_value() == [] and state.session_value() is not state.session_value()


def test_value_must_deepcopy() -> None:
    with pytest.raises(TypeError, match="must be able to be deepcopied"):
        gr.State(threading.Lock())


def test_app_starts_sessions_with_its_value() -> None:
    with gr.Blocks() as demo:
        state = gr.State(1)
    assert state in demo.children
    assert demo.initial_values()[state._id] == 1


# --- BrowserState ------------------------------------------------------------------------------


def test_browser_state_signature_is_gradios() -> None:
    params = inspect.signature(gr.BrowserState).parameters
    assert list(params) == ["default_value", "storage_key", "secret", "render"]
    assert gr.BrowserState.EVENTS == ("change",)
    with pytest.warns(UserWarning, match="secret"):
        gr.BrowserState(secret="s3cret")
    one, two = gr.BrowserState(), gr.BrowserState()
    assert one.storage_key and one.storage_key != two.storage_key  # random, as in Gradio
    assert gr.BrowserState(storage_key="mine").props()["storage_key"] == "mine"


def _saved_login_app() -> tuple[gr.Blocks, gr.BrowserState, gr.Textbox, gr.Button, list[object]]:
    loaded: list[object] = []
    with gr.Blocks() as demo:
        saved = gr.BrowserState(["", ""], storage_key="login")
        user = gr.Textbox(label="User")
        save = gr.Button("Save")
        demo.load(lambda value: loaded.append(value) or value[0], saved, user)
        save.click(lambda name: [name, "x"], user, saved)
    return demo, saved, user, save, loaded


def test_browser_state_load_listener_waits_for_the_pages_stored_value() -> None:
    demo, saved, user, _save, loaded = _saved_login_app()
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    (render,) = session.sent
    assert render["tree"]["children"][0]["props"]["visible"] is False  # never shown
    assert loaded == []  # the page has not said what it keeps yet
    session.handle({"type": "value", "id": saved._id, "value": ["ada", "pw"]})
    session.handle({"type": "trigger", "id": demo._id, "event": "load"})
    assert loaded == [["ada", "pw"]]
    assert session.values_sent(user._id) == ["ada"]


def test_browser_state_gives_its_default_while_nothing_is_stored_and_sends_what_a_function_sets() -> None:
    demo, saved, user, save, loaded = _saved_login_app()
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.handle({"type": "trigger", "id": demo._id, "event": "load"})
    assert loaded == [["", ""]]
    session.handle({"type": "value", "id": user._id, "value": "grace"})
    session.handle({"type": "trigger", "id": save._id, "event": "click"})
    assert session.values_sent(saved._id) == [["grace", "x"]]  # the page keeps it in localStorage
