"""The engine's decoder of the front end's messages, fuzzed (Hypothesis): whatever a page or a
notebook widget sends, `protocol.parse_client_message` returns a message or raises
`ProtocolError`, and a session answers with messages the transports can send, never an
exception. JSON may nest `MAX_JSON_DEPTH` levels and no more, in text and in the dicts the
widget's comm hands over (issue 10)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nbblocks import protocol
from nbblocks.protocol import MAX_JSON_DEPTH, ProtocolError

from .fuzzing import FUZZ, client_messages, fuzz, nested, raw_client_messages
from .helpers import RecordedSession, hello_app


@FUZZ
@given(raw=raw_client_messages() | client_messages() | st.builds(nested, st.integers(0, 2000)))
def test_parse_client_message_returns_a_message_or_says_why_not(raw: Any) -> None:
    try:
        message = protocol.parse_client_message(raw)
    except ProtocolError as refused:
        assert str(refused)
    else:
        assert message["type"] in ("ready", "value", "trigger")


@pytest.fixture(scope="module")
def hello() -> Any:
    return hello_app()


@fuzz(150)
@given(raw=st.data())
def test_a_session_answers_anything_with_messages_it_can_send(hello: Any, raw: st.DataObject) -> None:
    demo, inp, out, btn = hello
    ids = st.sampled_from([demo._id, inp._id, out._id, btn._id]) | st.integers(-1, 30)
    sent = raw.draw(raw_client_messages(ids) | client_messages(ids))
    session = RecordedSession(demo)
    session.handle(sent)  # raises nothing; waits for any event it started
    for message in session.sent:
        json.dumps(message, default=str)  # what the served transport sends
        assert message["type"] in ("render", "update", "status", "error", "progress", "toast")
    session.end()


@pytest.mark.parametrize("text", [True, False], ids=["text", "decoded by the widget's comm"])
def test_json_may_nest_to_the_limit_and_no_further(text: bool) -> None:
    def message(depth: int) -> Any:
        value = {"type": "value", "id": 1, "value": nested(depth - 1)}  # the message is the first level
        return json.dumps(value) if text else value

    assert protocol.parse_client_message(message(MAX_JSON_DEPTH))["type"] == "value"
    with pytest.raises(ProtocolError, match=f"nested deeper than {MAX_JSON_DEPTH} levels"):
        protocol.parse_client_message(message(MAX_JSON_DEPTH + 1))


def test_a_widget_message_nested_too_deep_gets_an_error_reply() -> None:
    demo, inp, *_ = hello_app()
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": inp._id, "value": nested(5000)})
    (refusal,) = session.of_type("error")
    assert refusal["message"] == f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
    assert session.values[inp._id] is None  # the value it had
