"""``gr.mcp``: Gradio 6's MCP decorators are accepted, leave the function as it was, and warn once
each that nbblocks serves no MCP server."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import pytest

import nbblocks as gr
from nbblocks import accepted
from tests.helpers import RecordedSession


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test sees the once-per-process warnings afresh."""
    monkeypatch.setattr(accepted, "_warned", set())


def letter_counter(word: str, letter: str) -> int:
    return word.lower().count(letter.lower())


@pytest.mark.parametrize(
    ("decorator", "kind"),
    [
        pytest.param(
            lambda: gr.mcp.tool(name="count", description="Counts", structured_output=True, _meta={"a": 1}), "tool", id="tool"
        ),
        pytest.param(lambda: gr.mcp.resource("ui://widget/app.html", mime_type="text/html+skybridge"), "resource", id="resource"),
        pytest.param(lambda: gr.mcp.prompt(name="p", description="A prompt"), "prompt", id="prompt"),
    ],
)
def test_a_decorator_returns_the_function_unchanged_and_warns_once(decorator: Callable[[], Any], kind: str) -> None:
    with pytest.warns(UserWarning, match=rf"gr\.mcp: {kind}='letter_counter': accepted for Gradio's sake, no effect"):
        marked = decorator()(letter_counter)
    assert marked is letter_counter
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decorator()(letter_counter)(word="strawberry", letter="r") == 3


def test_a_marked_function_answers_as_a_listener() -> None:
    """Gradio's demo form: decorators stacked on a function that a Blocks listener then calls."""
    with pytest.warns(UserWarning, match="gr.mcp"):

        @gr.mcp.tool()
        @gr.mcp.prompt()
        def greet(name: str) -> str:
            return f"Hello, {name}!"

    with gr.Blocks() as demo:
        name, out = gr.Textbox(), gr.Textbox()
        name.submit(greet, name, out)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.type_and_trigger(name._id, "Ada", "submit")
    assert session.values_sent(out._id) == ["Hello, Ada!"]
