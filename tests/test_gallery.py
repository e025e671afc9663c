"""The gallery app (the README's main command serves it) works through a session."""

from nbblocks.gallery import amount, count, counted, demo, fruit, go, greeting, message, name, order, shown, upto, verdict
from tests.helpers import RecordedSession


def test_greeting_then_its_letters_on_success():
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": name._id, "value": "Ada"})
    session.handle({"type": "value", "id": greeting._id, "value": "Welcome"})
    session.handle({"type": "trigger", "id": go._id, "event": "click"})
    assert session.values_sent(message._id) == ["Welcome, Ada!"]
    (letters,) = session.values_sent(verdict._id)
    assert {c["label"]: c["confidence"] for c in letters["confidences"]} == {"vowels": 0.5, "consonants": 0.5}


def test_an_empty_name_is_a_readable_error_and_nothing_follows():
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": go._id, "event": "click"})
    assert [e["message"] for e in session.of_type("error")] == ["Type a name first."]
    assert session.values_sent(verdict._id) == []


def test_choices_update_the_order():
    session = RecordedSession(demo)
    session.type_and_trigger(amount._id, 4)
    session.type_and_trigger(fruit._id, "cherry")
    assert session.values_sent(order._id)[-1] == {"fruit": "cherry", "toppings": [], "amount": 4, "total": 6.0}


def test_state_counts_per_session_and_streaming_streams():
    counter = next(dep for dep in demo.dependencies if count in dep.inputs)
    one, two = RecordedSession(demo), RecordedSession(demo)
    for _ in range(2):
        one.handle({"type": "trigger", "id": counter.targets[0][0], "event": "click"})
    two.handle({"type": "trigger", "id": counter.targets[0][0], "event": "click"})
    assert one.values_sent(shown._id) == [1, 2] and two.values_sent(shown._id) == [1]
    streamer = next(dep for dep in demo.dependencies if dep.inputs == [upto])
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": upto._id, "value": 3})
    session.handle({"type": "trigger", "id": streamer.targets[0][0], "event": "click"})
    assert session.values_sent(counted._id) == ["1", "1 2", "1 2 3"]
    assert [t["message"] for t in session.of_type("toast")] == ["Counted to 3."]
    assert len(session.of_type("progress")) >= 3
