"""Text appends (nbblocks/edits.py): the edit found between two values rebuilds the new one from
the old, and a streamed chat reply reaches the page as tokens, not as its history per token."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nbblocks as gr
from nbblocks.edits import apply_append, text_append
from tests.fuzzing import fuzz
from tests.helpers import RecordedSession

#: JSON values as components hold them (NaN aside: it equals nothing, not even itself)
json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4),
    max_leaves=12,
)


def strings_in(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, str):
        yield path
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings_in(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(item, (*path, key))


def grown(value: Any, path: tuple[Any, ...], text: str) -> Any:
    if not path:
        return value + text
    copied = list(value) if isinstance(value, list) else dict(value)
    copied[path[0]] = grown(value[path[0]], path[1:], text)
    return copied


@fuzz(200)
@given(json_values, st.data(), st.text(min_size=1, max_size=5))
def test_the_edit_of_a_grown_string_rebuilds_the_new_value(old: Any, data: st.DataObject, text: str) -> None:
    paths = list(strings_in(old))
    if not paths:
        assert text_append(old, old) is None
        return
    path = data.draw(st.sampled_from(paths))
    new = grown(old, path, text)
    edit = text_append(old, new)
    assert edit == {"path": list(path), "text": text}
    assert apply_append(old, edit) == new


@fuzz(200)
@given(json_values, json_values)
def test_any_edit_found_between_two_values_rebuilds_the_second(old: Any, new: Any) -> None:
    edit = text_append(old, new)
    if edit is not None:
        assert apply_append(old, edit) == new


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("abc", "abc"),  # nothing grew
        ("abc", "abd"),  # changed, not grown
        ("abc", "ab"),
        (["a", "b"], ["ax", "bx"]),  # two strings grew
        (["a"], ["a", "b"]),  # a message added
        ({"a": "x"}, {"b": "xy"}),
        ([{"role": "user", "content": "Hi"}], [{"role": "assistant", "content": "Hi!"}]),
    ],
)
def test_no_edit_when_the_change_is_not_one_string_growing(old: Any, new: Any) -> None:
    assert text_append(old, new) is None


def test_an_edit_that_does_not_fit_the_value_is_refused() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        apply_append({"a": "x"}, {"path": [0], "text": "y"})
    with pytest.raises(ValueError, match="must end at a string"):
        apply_append([1], {"path": [0], "text": "y"})


def streamed_reply(history_length: int) -> tuple[list[dict[str, Any]], list[str], list[Any]]:
    """The updates of a Chatbot while a 30-token reply streamed into a history of
    ``history_length`` messages, the tokens, and the value the page ends with."""
    tokens = [f"tok{index} " for index in range(30)]
    history = [{"role": ("user", "assistant")[index % 2], "content": f"message {index}"} for index in range(history_length)]

    def stream(history: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
        history = [*history, {"role": "assistant", "content": ""}]
        for token in tokens:
            history[-1]["content"] += token
            yield history

    with gr.Blocks() as demo:
        bot = gr.Chatbot(history, type="messages")
        button = gr.Button()
        button.click(stream, bot, bot)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.handle({"type": "trigger", "id": button._id, "event": "click"})
    updates = [u for m in session.of_type("update") for u in m["updates"] if u["id"] == bot._id]
    shown: Any = None
    for update in updates:  # as the page applies them
        shown = apply_append(shown, update["append"]) if "append" in update else update["props"]["value"]
    return updates, tokens, shown


@pytest.mark.parametrize("history_length", [2, 200])
def test_a_streamed_reply_is_sent_as_its_tokens(history_length: int) -> None:
    updates, tokens, shown = streamed_reply(history_length)
    first, *rest = updates
    assert len(first["props"]["value"]) == history_length + 1  # the new message arrives whole
    assert [update["append"] for update in rest] == [{"path": [history_length, "content"], "text": token} for token in tokens[1:]]
    assert all(update["props"] == {} for update in rest)
    assert shown[-1]["content"] == "".join(tokens)
    assert len(shown) == history_length + 1


def test_a_token_costs_the_same_bytes_whatever_the_history() -> None:
    def token_bytes(history_length: int) -> list[int]:
        updates, _, _ = streamed_reply(history_length)
        # the block's id and the message's index ("2" or "200") aside, a token is the same bytes
        return [len(json.dumps({**update, "id": 0, "append": {**update["append"], "path": []}})) for update in updates[1:]]

    assert token_bytes(2) == token_bytes(200)


def test_a_component_that_does_not_opt_in_gets_whole_values() -> None:
    def stream() -> Iterator[str]:
        yield from ("a", "ab", "abc")

    with gr.Blocks() as demo:
        box = gr.Textbox()
        button = gr.Button()
        button.click(stream, None, box)
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": button._id, "event": "click"})
    assert session.values_sent(box._id) == ["a", "ab", "abc"]


def test_a_new_event_starts_with_the_whole_value() -> None:
    updates, _, _ = streamed_reply(2)
    assert "value" in updates[0]["props"] and "append" not in updates[0]
