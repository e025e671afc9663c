"""The queue over the served WebSocket, as pages see it: limits hold across pages, a full queue
refuses one page only, cancels and closed pages stop generators, ``every`` follows the
connection, progress and places in line reach the page, unload when the session ends."""

from __future__ import annotations

import threading
from typing import Any

import nbblocks as gr
from tests.helpers import Gate, manual_timers  # noqa: F401 (a fixture)

from .wire import Socket, updated_values, wait_event, wait_for

TIMEOUT = 10.0


def click(sock: Socket, block: gr.Block) -> None:
    sock.send({"type": "trigger", "id": block._id, "event": "click"})


def until_finished(sock: Socket) -> list[dict[str, Any]]:
    """Messages up to the end (complete or error) of the next event to finish."""
    seen: list[dict[str, Any]] = []
    while not (seen and seen[-1]["type"] == "status" and seen[-1]["stage"] in ("complete", "error")):
        seen.append(sock.recv())
    return seen


def values_of(messages: list[dict[str, Any]], block: gr.Block) -> list[Any]:
    return [
        u["props"]["value"]
        for m in messages
        if m["type"] == "update"
        for u in m["updates"]
        if u["id"] == block._id and "value" in u["props"]
    ]


def streaming_app(record: dict[str, Any]) -> tuple[gr.Blocks, gr.Number, gr.Button, gr.Button]:
    def stream():
        n = 0
        try:
            while True:
                n += 1
                yield n
                record["pause"].wait(0.005)  # simulated work; nothing waits for its length
        finally:
            record["closed"].set()

    with gr.Blocks() as demo:
        out = gr.Number()
        go, stop = gr.Button("go"), gr.Button("stop")
        job = go.click(stream, None, out)
        stop.click(None, cancels=[job])
    return demo, out, go, stop


def test_concurrency_limits_bound_parallel_runs_across_pages(launch, wire):
    gate = Gate()
    with gr.Blocks() as demo:
        out = gr.Textbox()
        one, two = gr.Button(), gr.Button()
        one.click(gate, None, out, concurrency_limit=2, concurrency_id="model")
        two.click(gate, None, out, concurrency_limit=1, concurrency_id="model")
    url = launch(demo)
    first, second = wire.socket(url), wire.socket(url)
    first.ready(), second.ready()
    click(first, one), click(second, one), click(second, two)
    gate.started(1)
    assert gate.no_more_start()  # the shared id takes the lowest limit: 1
    gate.open()
    until_finished(first)
    until_finished(second), until_finished(second)
    assert gate.peak == 1 and len(gate.calls) == 3


def test_unlimited_listeners_run_together_for_every_page(launch, wire):
    barrier = threading.Barrier(3, timeout=TIMEOUT)
    with gr.Blocks() as demo:
        out = gr.Textbox()
        btn = gr.Button()
        btn.click(lambda: barrier.wait() >= 0 and "met", None, out, concurrency_limit=None)
    url = launch(demo)
    pages = [wire.socket(url) for _ in range(3)]
    for page in pages:
        page.ready()
        click(page, btn)
    for page in pages:
        assert values_of(until_finished(page), out) == ["met"]


def test_a_full_queue_refuses_one_page_only(launch, wire):
    gate = Gate()
    with gr.Blocks() as demo:
        out = gr.Textbox()
        btn = gr.Button()
        btn.click(gate, None, out)
    demo.queue(max_size=1)
    url = launch(demo)
    running, waiting, refused = (wire.socket(url) for _ in range(3))
    for page in (running, waiting, refused):
        page.ready()
    click(running, btn)
    gate.started(1)
    click(waiting, btn)
    waiting.recv_until("status")  # pending: sent as it joined the line
    click(refused, btn)
    messages = until_finished(refused)
    (error,) = [m for m in messages if m["type"] == "error"]
    assert "queue is full" in error["message"].lower() and error["outputs"] == [out._id]
    gate.open()
    for page in (running, waiting):
        messages = until_finished(page)
        assert [m for m in messages if m["type"] == "error"] == []
        assert values_of(messages, out) == ["done"]


def test_a_waiting_page_hears_its_place_in_line(launch, wire):
    gate = Gate()
    with gr.Blocks() as demo:
        out = gr.Textbox()
        btn = gr.Button()
        btn.click(gate, None, out)
    url = launch(demo)
    pages = [wire.socket(url) for _ in range(3)]
    for page in pages:
        page.ready()
    click(pages[0], btn)
    gate.started(1)
    for page in pages[1:]:
        click(page, btn)
        assert page.recv_until("status")[-1]["stage"] == "pending"  # in line now
    announced = pages[2].recv()
    assert (announced["type"], announced["stage"], announced["position"]) == ("status", "pending", 1)
    gate.open()
    for page in pages:
        until_finished(page)


def test_cancels_stops_a_streaming_generator(launch, wire):
    record = {"closed": threading.Event(), "pause": threading.Event()}
    demo, out, go, stop = streaming_app(record)
    url = launch(demo)
    page = wire.socket(url)
    page.ready()
    click(page, go)
    streamed: list[dict[str, Any]] = []
    while len(values_of(streamed, out)) < 3:
        streamed.append(page.recv())
    click(page, stop)
    wait_event(record["closed"], what="the generator's finally")
    streamed += until_finished(page)  # the stop listener, or the stream: both finish
    assert demo.event_queue().join(timeout=TIMEOUT)
    values = values_of(streamed, out)
    assert values == list(range(1, len(values) + 1))


def test_a_page_that_disconnects_mid_stream_gets_its_generator_closed(launch, wire):
    record = {"closed": threading.Event(), "pause": threading.Event()}
    demo, out, go, stop = streaming_app(record)
    url = launch(demo)
    page = wire.socket(url)
    page.ready()
    click(page, go)
    page.recv_until("update")
    page.close()
    wait_event(record["closed"], what="the generator's finally after the page left")
    assert demo.event_queue().join(timeout=TIMEOUT)  # no thread is left running it


def every_app(ticks: list[int], every: float) -> tuple[gr.Blocks, gr.Number]:
    with gr.Blocks() as demo:
        out = gr.Number()
        demo.load(lambda: ticks.append(1) or len(ticks), None, out, every=every)
    return demo, out


def test_every_fires_repeatedly(launch, wire):
    ticks: list[int] = []
    demo, out = every_app(ticks, 0.02)
    url = launch(demo)
    page = wire.socket(url)
    page.ready()
    seen: list[dict[str, Any]] = []
    while len(values_of(seen, out)) < 3:
        seen.append(page.recv())
    assert values_of(seen, out)[:3] == [1, 2, 3]


def test_every_pauses_while_the_page_is_closed_and_resumes_on_reconnect(launch, wire, manual_timers):
    ticks: list[int] = []
    demo, out = every_app(ticks, 0.5)
    url = launch(demo)
    page = wire.socket(url)
    page.ready()
    assert demo.event_queue().join(timeout=TIMEOUT)  # the load ran, and set its next run's timer
    assert values_of(page.recv_until("update"), out) == [1]
    manual_timers.fire(demo)
    assert values_of(page.recv_until("update"), out) == [2]
    session = demo.server.links[page.session].session
    page.close()
    wait_for(lambda: not session.connected, what="the server to see the page close")
    assert manual_timers.fire(demo) == 1
    assert len(ticks) == 2 and manual_timers.pending == []  # nothing ran, nothing is scheduled
    again = wire.socket(url, session=page.session)  # reconnects: the repeat runs at once
    again.send({"type": "ready"})
    seen: list[dict[str, Any]] = []  # the run's update may come before or after the render
    while not ("render" in [m["type"] for m in seen] and values_of(seen, out)):
        seen.append(again.recv())
    assert values_of(seen, out) == [3]
    assert demo.event_queue().join(timeout=TIMEOUT)
    manual_timers.fire(demo)
    assert values_of(again.recv_until("update"), out) == [4]


def test_unload_runs_when_the_session_ends_and_its_repeats_stop(launch, wire):
    unloaded, repeated = threading.Event(), threading.Event()
    ticks: list[int] = []

    def tick():
        ticks.append(1)
        if len(ticks) == 2:
            repeated.set()
        return len(ticks)

    with gr.Blocks() as demo:
        out = gr.Number()
        demo.load(tick, None, out, every=0.02)
    demo.unload(unloaded.set)
    url = launch(demo)
    demo.server.store.grace_seconds = 0.05
    page = wire.socket(url)
    page.ready()
    wait_event(repeated, what="two runs")
    session = demo.server.links[page.session].session
    page.close()
    wait_event(unloaded, what="unload after the grace period")
    assert session.ended


def test_progress_reaches_the_page(launch, wire):
    def work(progress=gr.Progress()):
        progress(0.1, desc="starting")
        for _ in progress.tqdm(range(3), desc="steps"):
            pass
        return "ok"

    with gr.Blocks() as demo:
        out = gr.Textbox()
        btn = gr.Button()
        btn.click(work, None, out)
    url = launch(demo)
    page = wire.socket(url)
    page.ready()
    messages = page.run_event(btn._id, "click")
    bars = [m["progress"] for m in messages if m["type"] == "progress"]
    assert bars[0] == [{"index": None, "length": None, "unit": "steps", "progress": 0.1, "desc": "starting"}]
    assert [bar[0]["index"] for bar in bars[1:]] == [0, 1, 2, 3]
    assert all(m["outputs"] == [out._id] for m in messages if m["type"] == "progress")
    assert updated_values(messages) == {out._id: "ok"}
    kinds = [m["type"] for m in messages]
    assert kinds.index("progress") < kinds.index("update")  # progress while running, then the result
