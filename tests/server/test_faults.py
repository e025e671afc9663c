"""Fault injection on a served app (issue 10): a function that raises, one that hangs and is then
cancelled (by a page's ``cancels=``, the API's ``/cancel``, or its page leaving), a generator
abandoned mid-stream by a page, a queue-stream client or a curl-style ``/call`` reader. After
each, nothing is left behind: threads, file descriptors, cache files and sessions come back to
their baseline (`leaves_nothing_behind`). The engine's share of it (what a notebook session sees)
is at the end."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import nbblocks as gr
from nbblocks import engine
from nbblocks.sessions import Session
from tests.helpers import TIMEOUT, Gate, endless_count, joined, values_for

from .wire import Footprint, Socket, sse_messages, threads_inside, updated_values, wait_back_to, wait_event, wait_for

PREFIX = "/gradio_api"
SESSION_FIELDS = {"sessions", "page_links", "api_sessions", "api_events"}


class Faults:
    """An app with one listener per fault, and the handles a test needs to drive them."""

    def __init__(self) -> None:
        self.gate = Gate(result="late")  # the hanging function: held until the test lets it go
        self.stream_closed = threading.Event()
        self.stream = endless_count(self.stream_closed)
        self.awaiting_closed = threading.Event()
        with gr.Blocks() as demo:
            self.box = gr.Textbox()
            self.out = gr.Textbox()
            self.boom = gr.Button("boom")
            self.slow = gr.Button("slow")
            self.flow = gr.Button("flow")
            self.stop = gr.Button("stop")
            self.echo = gr.Button("echo")
            self.wait = gr.Button("wait")
            self.boom.click(explode, self.box, self.out, api_name="boom")
            hanging = self.slow.click(self.gate, self.box, self.out, api_name="hang")
            self.streaming = self.flow.click(self.stream, None, self.out, api_name="stream", concurrency_limit=None)
            awaiting = self.wait.click(self.awaits_forever, self.box, self.out, api_name="wait")
            self.stop.click(None, cancels=[hanging, self.streaming, awaiting])
            self.echo.click(echo, self.box, self.out, api_name="echo")
        self.demo = demo

    async def awaits_forever(self, text: str) -> str:
        """An async function that hangs until it is cancelled."""
        try:
            await asyncio.sleep(10 * TIMEOUT)
            return "late"
        finally:
            self.awaiting_closed.set()

    def user_threads(self) -> list[str]:
        """Threads still running a user function (or awaiting an async one)."""
        return threads_inside(engine.call)

    def echoes(self, page: Socket, text: str) -> None:
        """``page`` still gets its own answers: the app and that session work."""
        values = updated_values(page.run_event(self.echo._id, "click", **{f"id{self.box._id}": text}))
        assert values == {self.out._id: f"echo {text}"}


def explode(text: str) -> str:
    raise ValueError(f"broken by {text}")


def echo(text: str) -> str:
    return f"echo {text}"


@pytest.fixture()
def faults(launch: Callable[..., str]) -> Iterator[tuple[Faults, str]]:
    app = Faults()
    url = launch(app.demo)
    app.demo.server.store.grace_seconds = 0.05  # a dropped page's session ends at the next reaping (1 s)
    yield app, url
    app.gate.open()  # a test that failed midway must not leave its function waiting out its timeout


def leaves_nothing_behind(app: Faults, fault: Callable[[], None]) -> None:
    """Run ``fault`` twice. The first round starts what the app keeps for later (worker threads,
    its pool's threads); after the second, no user function may still be running, and threads,
    file descriptors and cache files must come back to where the first round left them, and
    sessions to where they were before it (a leak per round shows as growth)."""
    server = app.demo.server
    before = Footprint.of(server)
    fault()
    wait_for(lambda: not app.user_threads(), what="the first round's functions to return")
    wait_for(lambda: not set(Footprint.of(server).grown_since(before)) & SESSION_FIELDS, what="the first round's sessions to end")
    baseline = Footprint.of(server)
    fault()
    wait_for(lambda: not app.user_threads(), what=f"no thread left in a user function: {app.user_threads()}")
    wait_back_to(server, baseline)


def page_statuses(messages: list[dict[str, Any]], event: int) -> list[str]:
    return [m["stage"] for m in messages if m["type"] == "status" and m["event"] == event]


def read_until_stage(page: Socket, event: int, stage: str, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
    """The page's messages up to ``event``'s status ``stage`` (any event's, for event 0)."""
    deadline = time.monotonic() + timeout
    seen = [page.recv(timeout)]
    while not (seen[-1]["type"] == "status" and event in (0, seen[-1]["event"]) and seen[-1]["stage"] == stage):
        seen.append(page.recv(max(deadline - time.monotonic(), 0.01)))
    return seen


# --- a function that raises -------------------------------------------------------------------


def test_a_raising_function_fails_its_own_event_only(faults, wire):
    app, url = faults
    http = wire.http(url)

    def fault() -> None:
        failing, bystander = wire.page(url), wire.page(url)
        messages = failing.run_event(app.boom._id, "click", **{f"id{app.box._id}": "page"})
        assert [m["type"] for m in messages][-2:] == ["error", "status"] and messages[-1]["stage"] == "error"
        assert updated_values(messages) == {}
        app.echoes(bystander, "bystander")
        app.echoes(failing, "after the error")  # the failing page's session goes on
        event_id = http.post(f"{PREFIX}/call/boom", json={"data": ["curl"]}).json()["event_id"]
        answer = http.get(f"{PREFIX}/call/boom/{event_id}")
        assert answer.status_code == 200 and "event: error" in answer.text
        failing.close(), bystander.close()

    leaves_nothing_behind(app, fault)


# --- a function that hangs, then is cancelled -------------------------------------------------


def test_a_hung_function_cancelled_by_the_page_drops_its_result(faults, wire):
    app, url = faults

    def fault() -> None:
        page, other = wire.page(url), wire.page(url)
        page.trigger(app.slow._id)
        app.gate.started(1)
        hung_event = page.recv_until("status")[-1]["event"]
        page.trigger(app.stop._id)
        messages = read_until_stage(page, hung_event, "complete")  # the cancel ends it at once
        messages += page.until_finished()  # then the stop's own event
        app.echoes(other, "while it hangs")  # the queue moves on for everyone else
        app.gate.let_one()
        wait_for(lambda: not app.user_threads(), what="the hung function to return")
        messages += page.run_event(app.echo._id, "click", **{f"id{app.box._id}": "after the cancel"})
        assert values_for(messages, app.out._id) == ["echo after the cancel"], "a cancelled run's result reached the page"
        assert "error" not in page_statuses(messages, hung_event)
        page.close(), other.close()

    leaves_nothing_behind(app, fault)


def test_cancelling_a_hung_function_ends_its_event_and_frees_its_slot(faults, wire):
    app, url = faults
    page, other = wire.page(url), wire.page(url)
    page.trigger(app.slow._id)
    app.gate.started(1)
    hung_event = page.recv_until("status")[-1]["event"]
    page.trigger(app.stop._id)
    try:
        read_until_stage(page, hung_event, "complete", timeout=3)  # at once, well before the gate gives up
        other.trigger(app.slow._id)  # the same listener (concurrency_limit 1) for another session
        app.gate.started(1)
    finally:
        app.gate.open()


def test_a_hung_async_function_is_cancelled_and_frees_its_worker(faults, wire):
    """An async function can be stopped where it awaits, as Gradio cancels its task: the event
    ends at once, the function's finally runs, and the next run of that listener can start."""
    app, url = faults

    def fault() -> None:
        app.awaiting_closed.clear()
        page = wire.page(url)
        page.trigger(app.wait._id)
        hung_event = read_until_stage(page, 0, "running")[-1]["event"]
        page.trigger(app.stop._id)
        messages = read_until_stage(page, hung_event, "complete")
        assert app.out._id not in updated_values(messages) and "error" not in [m["type"] for m in messages]
        wait_event(app.awaiting_closed, what="the async function's finally after the cancel")
        page.close()

    leaves_nothing_behind(app, fault)


def test_a_hung_function_cancelled_through_the_api(faults, wire):
    app, url = faults
    http, canceller = wire.http(url), wire.http(url)
    bystander = wire.http(url)
    hang_index = api_index(http, "hang")

    def fault() -> None:
        session_hash = f"api-cancel-{len(app.gate.calls)}"
        event_id = join_queue(http, hang_index, session_hash, ["api"])
        with http.stream("GET", f"{PREFIX}/queue/data", params={"session_hash": session_hash}) as stream:
            messages = sse_messages(stream.iter_lines())
            assert next(m for m in messages if m["msg"] != "estimation")["msg"] == "process_starts"
            app.gate.started(1)
            cancelled = canceller.post(
                f"{PREFIX}/cancel", json={"session_hash": session_hash, "fn_index": hang_index, "event_id": event_id}
            )
            assert cancelled.json() == {"success": True}
            assert call(bystander, "echo", "while it hangs") == ["echo while it hangs"]
            app.gate.let_one()
            rest = list(messages)
        assert [m["msg"] for m in rest] == ["close_stream"], "a cancelled call sent its result"

    leaves_nothing_behind(app, fault)


def test_a_hung_function_whose_page_leaves(faults, wire):
    app, url = faults

    def fault() -> None:
        page, other = wire.page(url), wire.page(url)
        page.trigger(app.slow._id)
        app.gate.started(1)
        page.close()
        app.echoes(other, "while it hangs")
        app.gate.let_one()
        other.close()

    leaves_nothing_behind(app, fault)


# --- a generator abandoned mid-stream ----------------------------------------------------------


def test_a_generator_whose_page_drops_mid_stream_is_closed(faults, wire):
    app, url = faults

    def fault() -> None:
        app.stream_closed.clear()
        page = wire.page(url)
        page.trigger(app.flow._id)
        wait_for(lambda: len(values_for([page.recv()], app.out._id)) > 0, what="a streamed value")
        page.close()
        wait_event(app.stream_closed, what="the generator's finally after its page left")

    leaves_nothing_behind(app, fault)


def test_a_generator_whose_client_leaves_is_closed(faults, wire):
    """gradio_client's way: a heartbeat stream and the queue stream, both dropped."""
    app, url = faults
    http, heart = wire.http(url), wire.http(url)
    stream_index = api_index(http, "stream")
    rounds = itertools.count()

    def fault() -> None:
        app.stream_closed.clear()
        session_hash = f"client-leaves-{next(rounds)}"
        with heart.stream("GET", f"{PREFIX}/heartbeat/{session_hash}") as heartbeat:
            beats = heartbeat.iter_lines()  # kept: httpx closes the connection with its iterator
            assert next(beats) == "data: ALIVE"
            join_queue(http, stream_index, session_hash)
            with http.stream("GET", f"{PREFIX}/queue/data", params={"session_hash": session_hash}) as stream:
                next(m for m in sse_messages(stream.iter_lines()) if m["msg"] == "process_generating")
        wait_event(app.stream_closed, what="the generator's finally after its client left")

    leaves_nothing_behind(app, fault)


def test_a_generator_whose_queue_stream_drops_is_closed(faults, wire):
    """A client without a heartbeat (curl, a script) that leaves /queue/data mid-stream: its
    events stop, as Gradio cancels a session's events when its stream disconnects."""
    app, url = faults
    http = wire.http(url)
    stream_index = api_index(http, "stream")
    rounds = itertools.count()

    def fault() -> None:
        app.stream_closed.clear()
        session_hash = f"queue-stream-drops-{next(rounds)}"
        join_queue(http, stream_index, session_hash)
        with http.stream("GET", f"{PREFIX}/queue/data", params={"session_hash": session_hash}) as stream:
            next(m for m in sse_messages(stream.iter_lines()) if m["msg"] == "process_generating")
        wait_event(app.stream_closed, what="the generator's finally after its stream dropped")

    leaves_nothing_behind(app, fault)


def test_a_generator_whose_call_stream_drops_is_closed(faults, wire):
    """A curl-style call whose reader leaves mid-stream: without a session_hash nothing else
    could ever stop it (its session is in no store), and its frames would pile up for nobody."""
    app, url = faults
    http = wire.http(url)

    def fault() -> None:
        app.stream_closed.clear()
        event_id = http.post(f"{PREFIX}/call/stream", json={"data": []}).json()["event_id"]
        with http.stream("GET", f"{PREFIX}/call/stream/{event_id}") as stream:
            next(line for line in stream.iter_lines() if line == "event: generating")
        wait_event(app.stream_closed, what="the generator's finally after its reader left")

    leaves_nothing_behind(app, fault)


# --- helpers ----------------------------------------------------------------------------------


def join_queue(http: httpx.Client, fn_index: int, session_hash: str, data: list[Any] | None = None) -> str:
    """Joins the queue as gradio_client does (its stream read apart); the accepted event's id."""
    body = {"data": data or [], "fn_index": fn_index, "session_hash": session_hash}
    joined = http.post(f"{PREFIX}/queue/join", json=body)
    assert joined.status_code == 200
    return joined.json()["event_id"]


def api_index(http: httpx.Client, api_name: str) -> int:
    """The ``fn_index`` the queue routes know an endpoint by: its place in /config."""
    dependencies = http.get("/config").json()["dependencies"]
    return next(index for index, dep in enumerate(dependencies) if dep["api_name"] == api_name)


def call(http: httpx.Client, api_name: str, *data: Any) -> Any:
    """A curl-style call (POST, then the result stream): the data of its ``complete`` event."""
    event_id = http.post(f"{PREFIX}/call/{api_name}", json={"data": list(data)}).json()["event_id"]
    lines = http.get(f"{PREFIX}/call/{api_name}/{event_id}").text.splitlines()
    assert "event: complete" in lines, lines
    return json.loads(lines[lines.index("event: complete") + 1].removeprefix("data:"))


# --- the engine alone, as a notebook widget drives it ----------------------------------------


def test_a_notebook_session_cancelling_a_hung_run_drops_its_result():
    app = Faults()
    sent: list[dict[str, Any]] = []
    other_sent: list[dict[str, Any]] = []
    session, other = Session(app.demo, sent.append), Session(app.demo, other_sent.append)
    session.handle({"type": "trigger", "id": app.slow._id, "event": "click"})
    app.gate.started(1)
    session.handle({"type": "trigger", "id": app.stop._id, "event": "click"})
    other.handle({"type": "value", "id": app.box._id, "value": "meanwhile"})
    other.handle({"type": "trigger", "id": app.echo._id, "event": "click"})
    wait_for(lambda: values_for(other_sent, app.out._id) == ["echo meanwhile"], what="another session's answer")
    app.gate.let_one()
    joined(app.demo)
    assert values_for(sent, app.out._id) == [], "a cancelled run's result reached the widget"
    assert not app.user_threads()


def test_a_notebook_session_ended_mid_stream_closes_its_generator():
    """A widget closed (or the kernel exiting) while its generator streams."""
    app = Faults()
    sent: list[dict[str, Any]] = []
    session = Session(app.demo, sent.append)
    session.handle({"type": "trigger", "id": app.flow._id, "event": "click"})
    wait_for(lambda: bool(values_for(sent, app.out._id)), what="a streamed value")
    session.end()
    wait_event(app.stream_closed, what="the generator's finally after its session ended")
    joined(app.demo)
    assert not app.user_threads()


def test_a_notebook_session_cancelling_an_awaiting_async_run_frees_its_worker():
    app = Faults()
    sent: list[dict[str, Any]] = []
    session = Session(app.demo, sent.append)
    session.handle({"type": "trigger", "id": app.wait._id, "event": "click"})
    wait_for(lambda: any(m["type"] == "status" and m["stage"] == "running" for m in sent), what="the run to start")
    session.handle({"type": "trigger", "id": app.stop._id, "event": "click"})
    wait_event(app.awaiting_closed, what="the async function's finally after the cancel")
    joined(app.demo)  # no worker is left waiting for it
    stages = [m["stage"] for m in sent if m["type"] == "status" and m["outputs"] == [app.out._id]]
    assert stages == ["running", "complete"] and values_for(sent, app.out._id) == []


def test_a_failing_call_handed_to_the_loop_does_not_drop_the_calls_after_it(launch, caplog):
    """Calls from worker threads reach the loop together (`Server.call_soon`): one that raises
    is logged, and the others still run, in order."""
    with gr.Blocks() as demo:
        gr.Textbox()
    launch(demo)
    server = demo.server
    release, done = threading.Event(), threading.Event()
    ran: list[int] = []

    def fail() -> None:
        raise RuntimeError("a failing call")

    server.loop.add_callback(release.wait, TIMEOUT)  # the loop is busy: the calls below arrive together
    for call in ((ran.append, 1), (fail,), (ran.append, 2), (done.set,)):
        server.call_soon(*call)
    release.set()
    assert done.wait(TIMEOUT)
    assert ran == [1, 2]
    assert "a failing call" in caplog.text
