"""Timer: ticks every ``value`` seconds in each session while ``active`` (the engine's timers,
stood in for by `manual_timers`), started, stopped and re-timed per session by a listener's
update, paused while the page is away; never drawn, never sent to the page."""

from __future__ import annotations

import inspect
from typing import Any

import nbblocks as gr
from tests.helpers import ManualTimers, RecordedSession, RunCounter, joined, manual_timers  # noqa: F401


def ticking_app(**timer_options: Any) -> tuple[gr.Blocks, gr.Timer, gr.Number, gr.Button, gr.Button, RunCounter]:
    """A timer counting its ticks into a number; a Start and a Stop button."""
    counter = RunCounter()
    with gr.Blocks() as demo:
        timer = gr.Timer(**timer_options)
        out = gr.Number()
        start, stop = gr.Button("Start"), gr.Button("Stop")
        timer.tick(counter, None, out)
        start.click(lambda: gr.Timer(active=True, value=0.25), None, timer)
        stop.click(lambda: gr.update(active=False), None, timer)
    return demo, timer, out, start, stop, counter


def ready(demo: gr.Blocks) -> RecordedSession:
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    return session


def drawn_ids(node: dict[str, Any]) -> set[int]:
    return {node["id"]}.union(*(drawn_ids(child) for child in node.get("children", [])))


def delays(timers: ManualTimers) -> list[float]:
    return [delay for delay, _ in timers.pending]


def test_signature_and_events() -> None:
    params = inspect.signature(gr.Timer).parameters
    assert list(params) == ["value", "active", "render"]
    assert (params["value"].default, params["active"].default) == (1.0, True)
    assert gr.Timer.EVENTS == ("tick",)
    assert inspect.signature(gr.Timer().tick).parameters["show_progress"].default == "hidden"  # Gradio's
    assert inspect.signature(gr.Button().click).parameters["show_progress"].default == "full"


def test_an_active_timer_ticks_in_its_interval_in_each_session(manual_timers: ManualTimers) -> None:
    demo, timer, out, *_, counter = ticking_app(value=0.5)
    first = ready(demo)
    assert delays(manual_timers) == [0.5]
    manual_timers.fire(demo)
    assert first.values_sent(out._id) == [1]
    assert {status["show_progress"] for status in first.of_type("status")} == {"hidden"}  # a tick shows none
    second = ready(demo)  # a session of its own: its own ticks
    assert delays(manual_timers) == [0.5, 0.5]
    manual_timers.fire(demo)
    manual_timers.fire(demo)
    assert counter.runs == 5
    assert sorted(len(session.values_sent(out._id)) for session in (first, second)) == [2, 3]
    assert timer._id not in drawn_ids(first.of_type("render")[0]["tree"])  # nothing to draw
    first.end()
    second.end()


def test_a_listener_starts_stops_and_retimes_one_session(manual_timers: ManualTimers) -> None:
    demo, timer, out, start, stop, counter = ticking_app(active=False)
    session = ready(demo)
    other = ready(demo)
    assert manual_timers.pending == []  # inactive: nothing scheduled
    session.handle({"type": "trigger", "id": start._id, "event": "click"})
    assert delays(manual_timers) == [0.25]  # the interval the listener gave, for this session only
    manual_timers.fire(demo)
    manual_timers.fire(demo)
    assert session.values_sent(out._id) == [1, 2] and other.values_sent(out._id) == []
    session.handle({"type": "trigger", "id": stop._id, "event": "click"})
    assert manual_timers.fire(demo) == 1  # the tick already set finds the timer stopped
    assert manual_timers.pending == [] and counter.runs == 2
    sent_for_timer = [u for m in session.of_type("update") for u in m["updates"] if u["id"] == timer._id]
    assert sent_for_timer == []  # the page never hears of the timer
    session.end()
    other.end()


def test_ticks_pause_while_the_page_is_away(manual_timers: ManualTimers) -> None:
    demo, _, out, *_, counter = ticking_app(value=0.5)
    session = ready(demo)
    session.disconnect()
    manual_timers.fire(demo)
    assert counter.runs == 0 and manual_timers.pending == []
    session.reconnect()
    assert delays(manual_timers) == [0.5]
    manual_timers.fire(demo)
    assert session.values_sent(out._id) == [1]
    session.end()
    manual_timers.fire(demo)
    joined(demo)
    assert counter.runs == 1 and manual_timers.pending == []
