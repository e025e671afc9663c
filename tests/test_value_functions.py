"""Component values that are functions (``value=fn`` with ``inputs`` or ``every``), `gr.State`'s
``time_to_live`` and ``delete_callback``, `gr.ClearButton`, and ``demo.load`` chains: what a
session sends to its page and what the user's functions see."""

from __future__ import annotations

import json
import threading
from typing import Any

import nbblocks as gr
from nbblocks import sessions
from nbblocks.endpoints import endpoints
from tests.helpers import TIMEOUT, ManualTimers, RecordedSession, joined, manual_timers  # noqa: F401
from tests.server.wire import wait_for


def test_a_value_function_with_inputs_runs_at_start_and_on_each_change_of_an_input():
    with gr.Blocks() as demo:
        name = gr.Textbox("Ada")
        times = gr.Slider(1, 5, value=2, step=1)
        shout = gr.Textbox(value=lambda who, n: who.upper() * int(n), inputs=[name, times])
        more = gr.Button()
        more.click(lambda n: n + 1, times, times)  # a function changing an input recomputes it too
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.type_and_trigger(name._id, "Bo")
    session.handle({"type": "trigger", "id": more._id, "event": "click"})
    assert session.values_sent(shout._id) == ["ADAADA", "BOBO", "BOBOBO"]
    render = session.of_type("render")[0]
    assert (name._id, "change") in render["listeners"] and (times._id, "change") in render["listeners"]
    assert [endpoint.name for endpoint in endpoints(demo) if endpoint.callable] == ["lambda"]  # the click: the value's is hidden


def test_each_session_gets_its_own_value_from_its_own_inputs():
    with gr.Blocks() as demo:
        name = gr.Textbox("Ada")
        greeting = gr.Textbox(value=lambda who: f"Hello {who}", inputs=name)
    one, two = RecordedSession(demo), RecordedSession(demo)
    one.handle({"type": "ready"})
    two.handle({"type": "ready"})
    one.type_and_trigger(name._id, "Bo")
    assert one.values_sent(greeting._id) == ["Hello Ada", "Hello Bo"]
    assert two.values_sent(greeting._id) == ["Hello Ada"]
    assert greeting.value is None  # the app's own value stays as built


class Counter:
    """A value function counting its calls; `reached(n)` waits for n."""

    def __init__(self) -> None:
        self.calls = 0
        self._cond = threading.Condition()

    def __call__(self) -> int:
        with self._cond:
            self.calls += 1
            self._cond.notify_all()
            return self.calls


def test_every_recomputes_the_value_again_and_again_on_real_timers():
    counter = Counter()
    with gr.Blocks() as demo:
        shown = gr.Number(value=counter, every=0.05)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    wait_for(lambda: len(session.values_sent(shown._id)) >= 3, what="three values")
    session.end()
    sent = session.values_sent(shown._id)
    assert sent == list(range(2, 2 + len(sent)))  # call 1 made the app's own value, as in Gradio


def test_every_pauses_while_the_page_is_away_and_stops_when_the_session_ends(manual_timers: ManualTimers):
    counter = Counter()
    with gr.Blocks() as demo:
        shown = gr.Number(value=counter, every=2)
    counter.calls = 0  # the call that made the app's own value, as in Gradio
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    assert session.values_sent(shown._id) == [1]
    assert [delay for delay, _ in manual_timers.pending] == [2]
    manual_timers.fire(demo)
    assert session.values_sent(shown._id) == [1, 2]
    session.disconnect()
    manual_timers.fire(demo)
    assert counter.calls == 2 and manual_timers.pending == []  # paused: no run, nothing re-armed
    session.reconnect()
    joined(demo)
    manual_timers.fire(demo)
    assert session.values_sent(shown._id) == [1, 2, 3, 4]
    session.end()
    manual_timers.fire(demo)
    assert counter.calls == 4


def test_every_with_inputs_recomputes_from_their_current_values(manual_timers: ManualTimers):
    with gr.Blocks() as demo:
        word = gr.Textbox("a")
        echoed = gr.Textbox(value=lambda w: w * 2, inputs=word, every=1)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.handle({"type": "value", "id": word._id, "value": "b"})  # typed, no change fired yet
    manual_timers.fire(demo)
    assert session.values_sent(echoed._id) == ["aa", "bb"]


def test_every_as_a_timer_recomputes_on_its_ticks(manual_timers: ManualTimers):
    counter = Counter()
    with gr.Blocks() as demo:
        timer = gr.Timer(3)
        shown = gr.Number(value=counter, every=timer)
    counter.calls = 0  # the call that made the app's own value
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    assert session.values_sent(shown._id) == [1]
    manual_timers.fire(demo)
    manual_timers.fire(demo)
    assert session.values_sent(shown._id) == [1, 2, 3]
    assert [delay for delay, _ in manual_timers.pending] == [3.0]  # the timer's one tick, no every of its own


def test_a_value_function_with_inputs_in_an_app_rendered_into_another_runs_once():
    with gr.Blocks() as part:
        name = gr.Textbox("Ada")
        greeting = gr.Textbox(value=lambda who: f"Hello {who}", inputs=name)
    with gr.Blocks() as demo:
        part.render()
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.type_and_trigger(name._id, "Bo")
    assert session.values_sent(greeting._id) == ["Hello Ada", "Hello Bo"]


def state_app(**state_options: Any) -> tuple[gr.Blocks, gr.State, gr.Button, list[Any]]:
    """A State (initial value []) and a button appending the click's number to it: (demo, state,
    button, values given to its delete_callback)."""
    deleted: list[Any] = []
    with gr.Blocks() as demo:
        items = gr.State([], delete_callback=deleted.append, **state_options)
        add = gr.Button()
        add.click(lambda xs: [*xs, len(xs) + 1], items, items)
    return demo, items, add, deleted


def test_a_state_is_dropped_time_to_live_after_it_was_last_set(manual_timers: ManualTimers, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(sessions, "monotonic", lambda: now[0])
    demo, items, add, deleted = state_app(time_to_live=30)
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": add._id, "event": "click"})
    now[0] = 1020.0
    session.handle({"type": "trigger", "id": add._id, "event": "click"})
    assert [delay for delay, _ in manual_timers.pending] == [30]  # one timer per State
    now[0] = 1030.0
    manual_timers.fire(demo)  # 30 s after the first setting: set again since, so kept
    assert deleted == [] and session.values[items._id] == [1, 2]
    assert [delay for delay, _ in manual_timers.pending] == [20]  # the rest of the second's time
    now[0] = 1050.0
    manual_timers.fire(demo)
    assert deleted == [[1, 2]]
    assert session.values[items._id] == [] and session.values[items._id] is not items.value  # initial value again
    session.handle({"type": "trigger", "id": add._id, "event": "click"})
    assert session.values[items._id] == [1]
    session.end()
    assert deleted == [[1, 2], [1]]  # the session's end drops what is left
    manual_timers.fire(demo)
    assert deleted == [[1, 2], [1]]


def test_a_state_set_at_every_yield_of_a_stream_waits_on_one_timer(manual_timers: ManualTimers):
    def stream(xs):
        for n in range(200):
            yield [*xs, n]

    with gr.Blocks() as demo:
        items = gr.State([], time_to_live=60)
        go = gr.Button()
        go.click(stream, items, items)
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": go._id, "event": "click"})
    assert len(session.values[items._id]) == 1 and session.values[items._id][0] == 199
    assert len(manual_timers.pending) == 1


def test_delete_callback_runs_when_the_session_ends_or_the_app_closes():
    demo, items, add, deleted = state_app()
    with gr.Blocks() as other:
        untouched_deleted: list[Any] = []
        gr.State("never set", delete_callback=untouched_deleted.append)
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": add._id, "event": "click"})
    session.end()
    session.end()
    assert deleted == [[1]]  # once
    RecordedSession(other).end()
    assert untouched_deleted == []  # a State no function set has nothing of the session's to drop


def test_a_failing_delete_callback_is_logged_and_the_session_still_ends(caplog):
    def fail(value: Any) -> None:
        raise RuntimeError("cleanup failed")

    unloaded: list[bool] = []
    with gr.Blocks() as demo:
        one = gr.State(0, delete_callback=fail)
        two_deleted: list[Any] = []
        two = gr.State(0, delete_callback=two_deleted.append)
        both = gr.Button()
        both.click(lambda: (1, 2), None, [one, two])
        demo.unload(lambda: unloaded.append(True))
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": both._id, "event": "click"})
    session.end()
    assert two_deleted == [2] and unloaded == [True]
    assert "delete_callback" in caplog.text and "cleanup failed" in caplog.text


def test_clear_button_empties_components_on_the_page_and_a_state_in_python():
    with gr.Blocks() as demo:
        text = gr.Textbox("typed")
        number = gr.Number(3)
        items = gr.State([1])
        clear = gr.ClearButton([text, number])
        assert clear.add(items) is clear
        grow = gr.Button()
        grow.click(lambda xs: [*xs, 2], items, items)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    (script,) = session.of_type("render")[0]["dependencies"]
    assert script["targets"] == [(clear._id, "click")] and not script["has_fn"]
    assert script["outputs"] == [text._id, number._id]
    assert json.loads(script["js"].removeprefix("() => ")) == [None, None]  # their empty values, set by the page
    session.handle({"type": "trigger", "id": grow._id, "event": "click"})
    assert session.values[items._id] == [1, 2]
    session.handle({"type": "trigger", "id": clear._id, "event": "click"})
    assert session.values[items._id] == [1] and session.values[items._id] is not items.value
    assert session.values_sent(text._id) == [] and clear.value == "Clear"
    assert not any(endpoint.listed for endpoint in endpoints(demo)[:2])  # the clear's clicks: not in the API docs


def test_load_chains_then_and_success_after_the_load_listener():
    with gr.Blocks() as demo:
        first, second, third = gr.Textbox(), gr.Textbox(), gr.Textbox()
        loaded = demo.load(lambda: "loaded", None, first)
        loaded.then(lambda x: x + " then", first, second).success(lambda x: x + " success", second, third)
    assert demo.queue(max_size=5) is demo
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    assert session.values_sent(third._id) == ["loaded then success"]


def test_a_component_with_every_shown_alone_twice_repeats_in_each_display(manual_timers: ManualTimers):
    counter = Counter()
    clock = gr.Number(value=counter, every=5)
    for display in (gr.Blocks.around(clock), gr.Blocks.around(clock)):
        session = RecordedSession(display)
        session.handle({"type": "ready"})
        assert len(session.values_sent(clock._id)) == 1
        manual_timers.fire(display)
        assert len(session.values_sent(clock._id)) == 2
        session.end()
