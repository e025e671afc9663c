"""State: a per-session deep copy, Gradio's signature, and never rendered."""

from __future__ import annotations

import inspect
import math
import threading

import pytest

import nbblocks as gr


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
