"""The queue over the served WebSocket, as pages see it: limits hold across pages, a full queue
refuses one page only, cancels and closed pages stop generators, ``every`` follows the
connection, progress and places in line reach the page, unload when the session ends."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import nbblocks as gr
from tests.helpers import (
    TIMEOUT,
    Gate,
    RunCounter,
    button_app,
    endless_count,
    every_app,
    every_progress,  # noqa: F401 (a fixture)
    joined,
    manual_timers,  # noqa: F401 (a fixture)
    shared_id_app,
    values_for,
)

from .wire import Socket, Wire, updated_values, wait_event, wait_for


def values_of(messages: list[dict[str, Any]], block: gr.Block) -> list[Any]:
    return values_for(messages, block._id)


def test_concurrency_limits_bound_parallel_runs_across_pages(launch, wire):
    gate = Gate()
    demo, one, two = shared_id_app(gate, limits=(2, 1))
    url = launch(demo)
    first, second = wire.page(url), wire.page(url)
    first.trigger(one._id), second.trigger(one._id), second.trigger(two._id)
    gate.started(1)
    assert gate.no_more_start()  # the shared id takes the lowest limit: 1
    gate.open()
    first.until_finished()
    second.until_finished(), second.until_finished()
    assert gate.peak == 1 and len(gate.calls) == 3


def test_unlimited_listeners_run_together_for_every_page(launch, wire):
    barrier = threading.Barrier(3, timeout=TIMEOUT)
    demo, btn, out = button_app(lambda: barrier.wait() >= 0 and "met", concurrency_limit=None)
    url = launch(demo)
    pages = [wire.page(url) for _ in range(3)]
    for page in pages:
        page.trigger(btn._id)
    for page in pages:
        assert values_of(page.until_finished(), out) == ["met"]


def test_a_full_queue_refuses_one_page_only(launch, wire):
    gate = Gate()
    demo, btn, out = button_app(gate)
    demo.queue(max_size=1)
    url = launch(demo)
    running, waiting, refused = (wire.page(url) for _ in range(3))
    running.trigger(btn._id)
    gate.started(1)
    waiting.trigger(btn._id)
    waiting.recv_until("status")  # pending: sent as it joined the line
    refused.trigger(btn._id)
    messages = refused.until_finished()
    (error,) = [m for m in messages if m["type"] == "error"]
    assert "queue is full" in error["message"].lower() and error["outputs"] == [out._id]
    gate.open()
    for page in (running, waiting):
        messages = page.until_finished()
        assert [m for m in messages if m["type"] == "error"] == []
        assert values_of(messages, out) == ["done"]


def test_a_waiting_page_hears_its_place_in_line(launch, wire):
    gate = Gate()
    demo, btn, _ = button_app(gate)
    url = launch(demo)
    pages = [wire.page(url) for _ in range(3)]
    pages[0].trigger(btn._id)
    gate.started(1)
    for place, page in enumerate(pages[1:]):
        page.trigger(btn._id)
        announced = page.recv_until("status")[-1]  # in line now, and told where
        assert (announced["stage"], announced["position"]) == ("pending", place)
    gate.open()
    for page in pages:
        page.until_finished()


@dataclass
class Streaming:
    """A page streaming an endless count into ``out``; ``stop`` cancels it, ``closed`` is set
    once the generator is closed."""

    demo: gr.Blocks
    page: Socket
    out: gr.Number
    stop: gr.Button
    closed: threading.Event


def start_streaming(launch: Callable[..., str], wire: Wire) -> Streaming:
    closed = threading.Event()
    with gr.Blocks() as demo:
        out = gr.Number()
        go, stop = gr.Button("go"), gr.Button("stop")
        job = go.click(endless_count(closed), None, out)
        stop.click(None, cancels=[job])
    page = wire.page(launch(demo))
    page.trigger(go._id)
    return Streaming(demo, page, out, stop, closed)


def test_cancels_stops_a_streaming_generator(launch, wire):
    stream = start_streaming(launch, wire)
    streamed: list[dict[str, Any]] = []
    while len(values_of(streamed, stream.out)) < 3:
        streamed.append(stream.page.recv())
    stream.page.trigger(stream.stop._id)
    wait_event(stream.closed, what="the generator's finally")
    streamed += stream.page.until_finished()  # the stop listener, or the stream: both finish
    joined(stream.demo)
    values = values_of(streamed, stream.out)
    assert values == list(range(1, len(values) + 1))


def test_a_page_that_disconnects_mid_stream_gets_its_generator_closed(launch, wire):
    stream = start_streaming(launch, wire)
    stream.page.recv_until("update")
    stream.page.close()
    wait_event(stream.closed, what="the generator's finally after the page left")
    joined(stream.demo)  # no thread is left running it


def test_every_fires_repeatedly(launch, wire):
    demo, out = every_app(RunCounter(), every=0.02)
    page = wire.page(launch(demo))
    seen: list[dict[str, Any]] = []
    while len(values_of(seen, out)) < 3:
        seen.append(page.recv())
    assert values_of(seen, out)[:3] == [1, 2, 3]


def test_every_pauses_while_the_page_is_closed_and_resumes_on_reconnect(launch, wire, manual_timers):
    counter = RunCounter()
    demo, out = every_app(counter, every=0.5)
    url = launch(demo)
    page = wire.page(url)
    joined(demo)  # the load ran, and set its next run's timer
    assert values_of(page.recv_until("update"), out) == [1]
    manual_timers.fire(demo)
    assert values_of(page.recv_until("update"), out) == [2]
    session = demo.server.links[page.session].session
    page.close()
    wait_for(lambda: not session.connected, what="the server to see the page close")
    assert manual_timers.fire(demo) == 1
    assert counter.runs == 2 and manual_timers.pending == []  # nothing ran, nothing is scheduled
    again = wire.socket(url, session=page.session)  # reconnects: the repeat runs at once
    again.send({"type": "ready"})
    seen: list[dict[str, Any]] = []  # the run's update may come before or after the render
    while not ("render" in [m["type"] for m in seen] and values_of(seen, out)):
        seen.append(again.recv())
    assert values_of(seen, out) == [3]
    joined(demo)
    manual_timers.fire(demo)
    assert values_of(again.recv_until("update"), out) == [4]


def test_unload_runs_when_the_session_ends_and_its_repeats_stop(launch, wire):
    unloaded, counter = threading.Event(), RunCounter()
    demo, _ = every_app(counter, every=0.02)
    demo.unload(unloaded.set)
    url = launch(demo)
    demo.server.store.grace_seconds = 0.05
    page = wire.page(url)
    counter.reached(2)
    session = demo.server.links[page.session].session
    page.close()
    wait_event(unloaded, what="unload after the grace period")
    assert session.ended


def test_progress_reaches_the_page(launch, wire, every_progress):
    def work(progress=gr.Progress()):
        progress(0.1, desc="starting")
        for _ in progress.tqdm(range(3), desc="steps"):
            pass
        return "ok"

    demo, btn, out = button_app(work)
    messages = wire.page(launch(demo)).run_event(btn._id, "click")
    bars = [m["progress"] for m in messages if m["type"] == "progress"]
    assert bars[0] == [{"index": None, "length": None, "unit": "steps", "progress": 0.1, "desc": "starting"}]
    assert [bar[0]["index"] for bar in bars[1:]] == [0, 1, 2, 3]
    assert all(m["outputs"] == [out._id] for m in messages if m["type"] == "progress")
    assert updated_values(messages) == {out._id: "ok"}
    kinds = [m["type"] for m in messages]
    assert kinds.index("progress") < kinds.index("update")  # progress while running, then the result


def test_messages_emitted_together_reach_the_page_as_one_frame(launch, wire):
    """What a run emits while the server's loop is busy waits in one outbox; the loop then writes
    one frame per page, a list of those messages in order (a quick run's update and complete cost
    one frame, not two)."""
    gate = Gate(result="done")
    demo, btn, out = button_app(gate, concurrency_limit=None)
    url = launch(demo)
    page = wire.page(url)
    page.trigger(btn._id)
    gate.started(1)
    while page.recv().get("stage") != "running":
        pass
    loop_held, release_loop = threading.Event(), threading.Event()
    demo.server.loop.add_callback(lambda: loop_held.set() or release_loop.wait(TIMEOUT))
    assert loop_held.wait(TIMEOUT)
    gate.open()
    assert demo.event_queue().join(TIMEOUT)  # the run ended: its update and complete are queued
    release_loop.set()
    frame = page.recv_frame()
    assert [(m["type"], m.get("stage")) for m in frame] == [("update", None), ("status", "complete")]
    assert updated_values(frame) == {out._id: "done"}
    assert not page.pending
