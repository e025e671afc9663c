"""The queue's rules at the engine level: sessions whose messages are recorded, driven while their
events are still running (gates and barriers hold functions until a test lets them go)."""

from __future__ import annotations

import asyncio
import io
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

import nbblocks as gr
from nbblocks import queue as queue_module
from nbblocks.sessions import Session
from tests.helpers import (
    TIMEOUT,
    Gate,
    RunCounter,
    button_app,
    buttons_app,
    endless_count,
    endless_count_async,
    every_app,
    every_progress,  # noqa: F401 (a fixture)
    joined,
    manual_timers,  # noqa: F401 (a fixture)
    shared_id_app,
    values_for,
)

# --- helpers ---------------------------------------------------------------------------------


class LiveSession(Session):
    """A session that records what it sends and, unlike `RecordedSession`, does not wait for its
    events: tests drive it while functions are held, then wait for the messages they expect."""

    def __init__(self, app: gr.Blocks, **kwargs: Any) -> None:
        self.sent: list[dict[str, Any]] = []
        self._arrived = threading.Condition()
        super().__init__(app, self._record, **kwargs)

    def _record(self, message: dict[str, Any]) -> None:
        with self._arrived:
            self.sent.append(message)
            self._arrived.notify_all()

    def click(self, block: gr.Block, event: str = "click") -> None:
        self.handle({"type": "trigger", "id": block._id, "event": event})

    def type(self, block: gr.Block, value: Any) -> None:
        self.handle({"type": "value", "id": block._id, "value": value})

    def ready(self) -> None:
        self.handle({"type": "ready"})

    def wait_until(self, condition: Callable[[], bool], what: str = "messages") -> None:
        deadline = time.monotonic() + TIMEOUT
        with self._arrived:
            while not condition():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out waiting for {what}; sent: {self.sent}")
                self._arrived.wait(remaining)

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in list(self.sent) if m["type"] == kind]

    def stages(self) -> list[str]:
        """Each status stage sent, leaving out announcements of a place in line."""
        return [m["stage"] for m in self.of_type("status") if "position" not in m]

    def finished_events(self) -> int:
        return sum(stage in ("complete", "error") for stage in self.stages())

    def wait_finished(self, count: int = 1) -> None:
        self.wait_until(lambda: self.finished_events() >= count, f"{count} finished event(s)")

    def values_sent(self, block: gr.Block) -> list[Any]:
        return values_for(list(self.sent), block._id)


@pytest.fixture(autouse=True)
def no_env_limit(monkeypatch):
    monkeypatch.delenv("GRADIO_DEFAULT_CONCURRENCY_LIMIT", raising=False)


def clicked_once(fn: Callable[..., Any], output: type[gr.Component] = gr.Textbox) -> tuple[LiveSession, gr.Component]:
    """A session that clicked the one button of `button_app(fn, output)` and saw its event end."""
    demo, btn, out = button_app(fn, output)
    session = LiveSession(demo)
    session.click(btn)
    joined(demo)
    return session, out


def run_in_sessions(demo: gr.Blocks, btn: gr.Button, count: int) -> list[LiveSession]:
    sessions = [LiveSession(demo) for _ in range(count)]
    for session in sessions:
        session.click(btn)
    return sessions


def assert_runs_at_most(gate: Gate, demo: gr.Blocks, limit: int, calls: int) -> None:
    """``limit`` held calls start and no more; once let go, all ``calls`` ran, never more than
    ``limit`` at once."""
    gate.started(limit)
    assert gate.no_more_start()
    gate.open()
    joined(demo)
    assert gate.peak == limit and len(gate.calls) == calls


# --- concurrency -----------------------------------------------------------------------------


def test_default_concurrency_limit_is_one():
    gate = Gate()
    demo, btn, _ = button_app(gate)
    sessions = run_in_sessions(demo, btn, 3)
    assert_runs_at_most(gate, demo, 1, calls=3)
    assert all(s.stages()[-1] == "complete" for s in sessions)


def test_default_concurrency_limit_bounds_parallel_runs_across_sessions():
    gate = Gate()
    demo, btn, _ = button_app(gate)
    demo.queue(default_concurrency_limit=2)
    run_in_sessions(demo, btn, 5)
    assert_runs_at_most(gate, demo, 2, calls=5)


@pytest.mark.parametrize("raw, limit", [("3", 3), ("None", None)])
def test_default_concurrency_limit_from_the_environment(monkeypatch, raw, limit):
    monkeypatch.setenv("GRADIO_DEFAULT_CONCURRENCY_LIMIT", raw)
    gate = Gate()
    demo, btn, _ = button_app(gate)
    demo.queue()
    assert demo.queue_settings.default_concurrency_limit == limit
    run_in_sessions(demo, btn, 5)
    gate.started(5 if limit is None else limit)
    if limit is not None:
        assert gate.no_more_start()
    gate.open()
    joined(demo)
    assert gate.peak == (5 if limit is None else limit)


def test_a_malformed_environment_limit_is_refused(monkeypatch):
    monkeypatch.setenv("GRADIO_DEFAULT_CONCURRENCY_LIMIT", "lots")
    with gr.Blocks() as demo:
        pass
    with pytest.raises(ValueError, match="GRADIO_DEFAULT_CONCURRENCY_LIMIT"):
        demo.queue()


def test_concurrency_limit_none_lets_every_run_go_at_once_again_and_again():
    """All calls of a round meet at one barrier: only possible if they all run together."""
    barriers: list[threading.Barrier] = []

    def meet():
        barriers[-1].wait()
        return "met"

    demo, btn, out = button_app(meet, concurrency_limit=None)
    for size in (1, 6, 6):  # later rounds start on the workers earlier ones left idle
        barriers.append(threading.Barrier(size, timeout=TIMEOUT))
        sessions = run_in_sessions(demo, btn, size)
        joined(demo)
        assert all(s.values_sent(out) == ["met"] for s in sessions)


def test_closing_the_queue_ends_its_idle_workers():
    """Workers left idle by earlier runs sleep until woken: closing the queue wakes each one,
    and each ends, rather than leaving threads behind a closed app."""
    barrier = threading.Barrier(4, timeout=TIMEOUT)
    demo, btn, _ = button_app(lambda: barrier.wait(), concurrency_limit=None)
    before = set(threading.enumerate())
    run_in_sessions(demo, btn, 4)
    joined(demo)
    workers = [t for t in set(threading.enumerate()) - before if t.name == "nbblocks-worker"]
    assert len(workers) == 4
    demo.event_queue().close()
    deadline = time.monotonic() + TIMEOUT
    for worker in workers:
        worker.join(max(deadline - time.monotonic(), 0))
    assert not any(worker.is_alive() for worker in workers)


def test_listeners_sharing_a_concurrency_id_share_the_lowest_limit():
    gate = Gate()
    demo, roomy, tight = shared_id_app(gate, limits=(3, 1))
    one, two = LiveSession(demo), LiveSession(demo)
    one.click(roomy), two.click(roomy), one.click(tight)
    assert_runs_at_most(gate, demo, 1, calls=3)


def test_a_listener_left_at_the_default_does_not_lower_its_groups_limit():
    """The spec's "limited by the lowest *set* concurrency_limit": the default (1) is not set."""
    gate = Gate()
    with gr.Blocks() as demo:
        out = gr.Textbox()
        roomy, plain = gr.Button(), gr.Button()
        roomy.click(gate, None, out, concurrency_limit=3, concurrency_id="shared")
        plain.click(gate, None, out, concurrency_id="shared")
    sessions = [LiveSession(demo) for _ in range(4)]
    for session, button in zip(sessions, (plain, roomy, plain, roomy)):
        session.click(button)
    assert_runs_at_most(gate, demo, 3, calls=4)


def test_a_group_whose_listeners_all_left_the_default_gets_default_concurrency_limit():
    gate = Gate()
    with gr.Blocks() as demo:
        out = gr.Textbox()
        first, second = gr.Button(), gr.Button()
        first.click(gate, None, out, concurrency_id="shared")
        second.click(gate, None, out, concurrency_id="shared")
    demo.queue(default_concurrency_limit=2)
    for session, button in zip([LiveSession(demo) for _ in range(3)], (first, second, first)):
        session.click(button)
    assert_runs_at_most(gate, demo, 2, calls=3)


@pytest.mark.parametrize(
    ("limits", "default", "expected"),
    [
        ((3, "default"), 1, 3),  # the default is not a limit that was set
        (("default", 3), 1, 3),  # in either order
        ((5, 2, "default"), 1, 2),  # the lowest set one
        ((None, 4), 1, 4),  # None sets no bound: the number is the lowest set
        ((None, "default"), 1, None),
        (("default", "default"), 1, 1),  # nothing set: default_concurrency_limit
        (("default", "default"), 7, 7),
        (("default", "default"), None, None),
    ],
)
def test_group_limits(limits: tuple[Any, ...], default: int | None, expected: int | None) -> None:
    with gr.Blocks() as demo:
        for limit in limits:
            gr.Button().click(lambda: None, concurrency_limit=limit, concurrency_id="shared")
        gr.Button().click(lambda: None, concurrency_limit=9)  # a group of its own, untouched
    limits_by_group = queue_module.group_limits(demo.dependencies, default)
    assert limits_by_group["shared"] == expected
    assert limits_by_group[f"dep-{demo.dependencies[-1].id}"] == 9


def test_concurrency_count_is_deprecated_with_a_pointer_to_what_replaces_it():
    with gr.Blocks() as demo:
        pass
    with pytest.warns(DeprecationWarning, match="concurrency_limit") as caught:
        demo.queue(concurrency_count=4)
    assert caught[0].filename == __file__  # points at the user's call


def test_a_full_queue_refuses_a_new_event_to_that_session_only():
    gate = Gate()
    demo, btn, out = button_app(gate)
    demo.queue(max_size=1)
    running, waiting, refused = LiveSession(demo), LiveSession(demo), LiveSession(demo)
    running.click(btn)
    gate.started(1)  # runs: no longer in the queue
    waiting.click(btn)  # the one place in line
    refused.click(btn)
    (error,) = refused.of_type("error")
    assert "queue is full" in error["message"].lower() and error["outputs"] == [out._id]
    assert refused.stages() == ["error"]
    gate.open()
    joined(demo)
    for session in (running, waiting):
        assert session.of_type("error") == [] and session.values_sent(out) == ["done"]
    refused.click(btn)  # room again
    joined(demo)
    assert refused.values_sent(out) == ["done"]


def test_queue_false_runs_at_once_even_when_its_group_is_saturated_or_the_queue_full():
    gate = Gate()
    with gr.Blocks() as demo:
        out, quick_out = gr.Textbox(), gr.Textbox()
        slow, quick = gr.Button(), gr.Button()
        slow.click(gate, None, out, concurrency_id="shared")
        quick.click(lambda: "quick", None, quick_out, concurrency_id="shared", queue=False)
    demo.queue(max_size=1)
    holder, waiter, impatient = LiveSession(demo), LiveSession(demo), LiveSession(demo)
    holder.click(slow)
    gate.started(1)
    waiter.click(slow)  # the queue is now full, and the group busy
    impatient.click(quick)
    impatient.wait_finished()
    assert impatient.values_sent(quick_out) == ["quick"] and impatient.of_type("error") == []
    assert len(gate.calls) == 1  # the slow ones are still held
    gate.open()
    joined(demo)


def test_a_hung_function_does_not_hold_up_listeners_with_free_concurrency():
    gate = Gate()
    with gr.Blocks() as demo:
        out, other_out = gr.Textbox(), gr.Textbox()
        hang, other = gr.Button(), gr.Button()
        hang.click(gate, None, out)
        other.click(lambda: "fine", None, other_out)
    stuck, free = LiveSession(demo), LiveSession(demo)
    stuck.click(hang)
    gate.started(1)
    for session in (stuck, free):
        session.click(other)
        session.wait_until(lambda s=session: s.values_sent(other_out) == ["fine"], "the other listener")
    gate.open()
    joined(demo)


# --- batches, pre/postprocessing -------------------------------------------------------------


def test_batch_groups_waiting_events_up_to_max_batch_size_and_splits_the_results():
    shout = Gate(compute=lambda words: ([w.upper() for w in words],))
    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()
        btn = gr.Button()
        btn.click(shout, inp, out, batch=True, max_batch_size=3)
    sessions = [LiveSession(demo) for _ in range(6)]
    for number, session in enumerate(sessions):
        session.type(inp, f"word{number}")
    sessions[0].click(btn)
    shout.started(1)  # the others wait in line meanwhile
    for session in sessions[1:]:
        session.click(btn)
    shout.open()
    joined(demo)
    assert [len(words) for (words,) in shout.calls] == [1, 3, 2]
    for number, session in enumerate(sessions):
        assert session.values_sent(out) == [f"WORD{number}"]
        assert session.stages() == ["running", "complete"]


def test_a_batch_function_returning_the_wrong_shape_fails_each_of_its_events():
    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()
        btn = gr.Button()
        btn.click(lambda words: (["one", "too many"],), inp, out, batch=True)
    demo.show_error = True
    session = LiveSession(demo)
    session.click(btn)
    joined(demo)
    (error,) = session.of_type("error")
    assert "batch of 1" in error["message"] and session.stages()[-1] == "error"


def test_preprocess_and_postprocess_false_hand_over_raw_values():
    seen = []
    with gr.Blocks() as demo:
        pick = gr.Radio(["a", "b"], type="index")
        out = gr.Textbox()
        raw, cooked = gr.Button(), gr.Button()
        raw.click(lambda v: seen.append(v) or 5, pick, out, preprocess=False, postprocess=False)
        cooked.click(lambda v: seen.append(v) or 5, pick, out)
    session = LiveSession(demo)
    session.type(pick, "b")
    session.click(raw)
    joined(demo)
    session.click(cooked)
    joined(demo)
    assert seen == ["b", 1]
    assert session.values_sent(out) == [5, "5"]


# --- cancels ---------------------------------------------------------------------------------


def test_cancels_drops_waiting_events_of_that_session():
    gate = Gate()
    with gr.Blocks() as demo:
        out = gr.Textbox()
        go, stop = gr.Button(), gr.Button()
        job = go.click(gate, None, out, trigger_mode="multiple")
        stop.click(None, cancels=[job])
    session, other = LiveSession(demo), LiveSession(demo)
    session.click(go)
    gate.started(1)
    session.click(go)  # waits behind the first (limit 1)
    other.click(go)  # another session's run is not cancelled
    session.click(stop)
    gate.open()
    joined(demo)
    assert len(gate.calls) == 2
    # the running one was cancelled too: its result, come after the cancel, is not shown (Gradio's)
    assert session.values_sent(out) == [] and other.values_sent(out) == ["done"]
    assert session.finished_events() == 3  # both of its runs and the stop


@pytest.mark.parametrize("make", [endless_count, endless_count_async], ids=["generator", "async generator"])
def test_cancels_stops_a_running_generator_and_closes_it(make):
    closed = threading.Event()
    with gr.Blocks() as demo:
        out = gr.Number()
        go, stop = gr.Button(), gr.Button()
        job = go.click(make(closed), None, out)
        stop.click(None, cancels=job)
    session = LiveSession(demo)
    session.click(go)
    session.wait_until(lambda: len(session.values_sent(out)) >= 3, "three streamed values")
    session.click(stop)
    assert closed.wait(TIMEOUT), "the generator's finally never ran"
    joined(demo)  # nothing of it is still running
    streamed = session.values_sent(out)
    assert streamed == list(range(1, len(streamed) + 1))
    assert session.stages()[-1] == "complete"


def hang_app(fn: Callable[..., Any], **listener_options: Any) -> tuple[gr.Blocks, gr.Textbox, gr.Textbox, gr.Button, gr.Button]:
    """A textbox in, ``fn`` into a textbox on "go", and a "stop" that cancels it: (demo, in, out, go, stop)."""
    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()
        go, stop = gr.Button(), gr.Button()
        job = go.click(fn, inp, out, **listener_options)
        stop.click(None, cancels=[job])
    return demo, inp, out, go, stop


def event_stages(session: LiveSession, output: gr.Block) -> list[str]:
    """The status stages of the events writing to ``output`` (places in line left out)."""
    return [m["stage"] for m in session.of_type("status") if m["outputs"] == [output._id] and "position" not in m]


def test_cancelling_a_running_sync_function_ends_its_event_and_frees_its_slot_at_once():
    """As in Gradio: the event ends when cancelled and the listener's one slot (concurrency_limit
    1) goes to the next run; the sync function's thread runs on, and its result is dropped."""
    gate = Gate(result="late")
    demo, _, out, go, stop = hang_app(gate)
    cancelled, next_in_line = LiveSession(demo), LiveSession(demo)
    cancelled.click(go)
    gate.started(1)
    cancelled.click(stop)
    cancelled.wait_until(lambda: event_stages(cancelled, out) == ["running", "complete"], "the end at once")
    next_in_line.click(go)
    gate.started(1)
    assert gate.running == 2, "the cancelled call is still held: its thread runs on"
    gate.open()
    joined(demo)
    assert cancelled.values_sent(out) == [] and event_stages(cancelled, out) == ["running", "complete"]
    assert next_in_line.values_sent(out) == ["late"]


def test_threads_still_in_cancelled_functions_count_towards_max_threads():
    """A page that leaves ends its run at once, but the thread stays in the function until it
    returns: with every one of ``max_threads`` so stuck, the next run waits for one back."""
    gate = Gate(result="late")
    demo, _, out, go, _ = hang_app(gate, concurrency_limit=None)
    demo.max_threads = 1
    left, waiting = LiveSession(demo), LiveSession(demo)
    left.click(go)
    gate.started(1)
    left.disconnect()
    assert event_stages(left, out) == ["running", "complete"]
    waiting.click(go)
    assert gate.no_more_start(), "a second thread started beyond max_threads"
    gate.let_one()
    gate.started(1)  # the thread came back and took it
    gate.open()
    joined(demo)
    assert left.values_sent(out) == [] and waiting.values_sent(out) == ["late"]


def test_cancelling_one_job_of_a_running_batch_ends_its_event_only():
    """A batch call serves several events: a cancel ends its own at once, the call goes on for
    the others and keeps its slot until it returns."""
    shout = Gate(compute=lambda words: ([w.upper() for w in words],))
    demo, inp, out, go, stop = hang_app(shout, batch=True, max_batch_size=2)
    first, cancelled, kept, later = sessions = [LiveSession(demo) for _ in range(4)]
    for number, session in enumerate(sessions):
        session.type(inp, f"word{number}")
    first.click(go)
    shout.started(1)
    cancelled.click(go), kept.click(go)  # they wait, then run as one batch
    shout.let_one()
    shout.started(1)
    cancelled.click(stop)
    cancelled.wait_until(lambda: event_stages(cancelled, out)[-1:] == ["complete"], "the end at once")
    later.click(go)
    assert shout.no_more_start(), "the batch's slot was freed while it still served an event"
    assert event_stages(kept, out)[-1] == "running"
    shout.open()
    joined(demo)
    assert [len(words) for (words,) in shout.calls] == [1, 2, 1]
    assert cancelled.values_sent(out) == [] and kept.values_sent(out) == ["WORD2"]
    assert later.values_sent(out) == ["WORD3"]


# --- every -----------------------------------------------------------------------------------


def ready_session(demo: gr.Blocks) -> LiveSession:
    """A session whose page said it is ready, and whose load events have run."""
    session = LiveSession(demo)
    session.ready()
    joined(demo)
    return session


def test_every_runs_repeatedly_on_real_timers():
    demo, out = every_app(RunCounter(), every=0.02)
    session = LiveSession(demo)
    session.ready()
    session.wait_until(lambda: len(session.values_sent(out)) >= 3, "three repeats")
    session.end()
    joined(demo)


def test_every_repeats_after_each_run_and_pauses_while_disconnected(manual_timers):
    counter = RunCounter()
    demo, _ = every_app(counter)
    session = ready_session(demo)
    for _ in range(3):
        assert [delay for delay, _ in manual_timers.pending] == [0.5]
        manual_timers.fire(demo)
        joined(demo)
    assert counter.runs == 4
    session.disconnect()
    manual_timers.fire(demo)
    joined(demo)
    assert counter.runs == 4 and manual_timers.pending == []  # paused: nothing scheduled either
    session.reconnect()
    joined(demo)
    assert counter.runs == 5
    manual_timers.fire(demo)
    joined(demo)
    assert counter.runs == 6


def test_a_quick_reconnect_does_not_double_the_repeats(manual_timers):
    counter = RunCounter()
    demo, _ = every_app(counter)
    session = ready_session(demo)  # ran once; its next run waits on a timer
    session.disconnect()
    session.reconnect()  # before that timer fired: runs at once, and schedules its own next run
    joined(demo)
    assert counter.runs == 2
    for _ in range(3):
        manual_timers.fire(demo)
        joined(demo)
    assert counter.runs == 5  # one run per period, not two


def test_every_stops_when_the_session_ends(manual_timers):
    counter = RunCounter()
    unloaded = []
    demo, _ = every_app(counter)
    demo.unload(lambda: unloaded.append(1))
    session = ready_session(demo)
    session.end()
    manual_timers.fire(demo)
    session.reconnect()  # too late: an ended session runs nothing
    manual_timers.fire(demo)
    joined(demo)
    assert counter.runs == 1 and unloaded == [1]


def test_every_stops_when_cancelled(manual_timers):
    counter = RunCounter()
    with gr.Blocks() as demo:
        out = gr.Number()
        tick = demo.load(counter, None, out, every=0.5)
        stop = gr.Button()
        stop.click(None, cancels=[tick])
    session = ready_session(demo)
    session.click(stop)
    joined(demo)
    manual_timers.fire(demo)
    joined(demo)
    assert counter.runs == 1


# --- trigger modes ---------------------------------------------------------------------------


def typed_app(gate: Gate, trigger_mode: str | None) -> tuple[gr.Blocks, gr.Textbox, gr.Button]:
    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()
        btn = gr.Button()
        btn.click(gate, inp, out, trigger_mode=trigger_mode)
    return demo, inp, btn


@pytest.mark.parametrize(
    "mode, ran",
    [("once", ["1"]), ("multiple", ["1", "2", "3"]), ("always_last", ["1", "3"])],
)
def test_trigger_modes_while_a_run_is_in_flight(mode, ran):
    gate = Gate()
    demo, inp, btn = typed_app(gate, mode)
    session = LiveSession(demo)
    session.type(inp, "1")
    session.click(btn)
    gate.started(1)
    for typed in ("2", "3"):
        session.type(inp, typed)
        session.click(btn)
    gate.open()
    joined(demo)
    assert [args[0] for args in gate.calls] == ran


def test_change_defaults_to_always_last():
    with gr.Blocks():
        inp = gr.Textbox()
        dep = inp.change(lambda x: x, inp, None)
        click = gr.Button().click(lambda: None)
    assert dep.options.trigger_mode == "always_last" and click.options.trigger_mode == "once"


# --- functions: generators, async ------------------------------------------------------------


def test_a_generator_streams_every_value_in_order():
    def count():
        yield from range(1, 8)

    session, out = clicked_once(count, gr.Number)
    assert session.values_sent(out) == [1, 2, 3, 4, 5, 6, 7]
    assert session.stages() == ["running", "complete"]


def test_async_functions_and_async_generators():
    async def double(x):
        await asyncio.sleep(0)
        return x * 2

    async def count(x):
        for n in range(int(x)):
            await asyncio.sleep(0)
            yield n

    with gr.Blocks() as demo:
        num, doubled, counted = gr.Number(value=3), gr.Number(), gr.Number()
        once, stream = gr.Button(), gr.Button()
        once.click(double, num, doubled)
        stream.click(count, num, counted)
    session = LiveSession(demo)
    session.click(once)
    session.click(stream)
    joined(demo)
    assert session.values_sent(doubled) == [6]
    assert session.values_sent(counted) == [0, 1, 2]


# --- progress, toasts, errors ----------------------------------------------------------------


def progress_of(session: LiveSession) -> list[list[dict[str, Any]]]:
    return [m["progress"] for m in session.of_type("progress")]


def assert_every_step_reported(session: LiveSession, length: int, desc: str) -> None:
    """One bar per step of a ``length``-step loop and one at its end, each saying ``desc``."""
    bars = progress_of(session)
    assert [bar[0]["index"] for bar in bars] == list(range(length + 1))
    assert all(bar[0]["length"] == length and bar[0]["desc"] == desc for bar in bars)


@pytest.mark.usefixtures("every_progress")
def test_progress_fractions_and_counts_reach_the_outputs():
    def work(progress=gr.Progress()):
        progress(0.25, desc="warming up")
        progress((3, 10), unit="files")
        return "ok"

    session, out = clicked_once(work)
    first, second = session.of_type("progress")
    assert first["outputs"] == [out._id] and first["event"] == session.of_type("status")[0]["event"]
    assert first["progress"] == [{"index": None, "length": None, "unit": "steps", "progress": 0.25, "desc": "warming up"}]
    assert second["progress"] == [{"index": 3, "length": 10, "unit": "files", "progress": None, "desc": None}]


@pytest.mark.usefixtures("every_progress")
def test_progress_tqdm_reports_every_step():
    def work(progress=gr.Progress()):
        for _ in progress.tqdm(["a", "b", "c"], desc="letters"):
            pass
        return "ok"

    session, _ = clicked_once(work)
    assert_every_step_reported(session, length=3, desc="letters")


@pytest.mark.usefixtures("every_progress")
def test_track_tqdm_reports_a_plain_tqdm_loop():
    tqdm = pytest.importorskip("tqdm")

    def work(progress=gr.Progress(track_tqdm=True)):
        for _ in tqdm.tqdm(range(4), desc="crunching", file=io.StringIO()):
            pass
        return "ok"

    session, _ = clicked_once(work)
    assert progress_of(session), "no progress from the tqdm loop"
    assert_every_step_reported(session, length=4, desc="crunching")


def test_tqdm_outside_a_tracking_event_reports_nothing():
    tqdm = pytest.importorskip("tqdm")

    def tracked(progress=gr.Progress(track_tqdm=True)):
        return "ok"

    def untracked():
        for _ in tqdm.tqdm(range(3), file=io.StringIO()):
            pass
        return "ok"

    demo, (first, second), _ = buttons_app(tracked, untracked)
    session = LiveSession(demo)
    session.click(first)  # patches tqdm for the process
    joined(demo)
    session.click(second)
    joined(demo)
    assert progress_of(session) == []


def test_toasts_reach_only_the_triggering_session():
    def notify():
        gr.Info("hello you")
        gr.Warning("careful")
        return "ok"

    async def notify_async():
        gr.Info("from a coroutine")
        return "ok"

    demo, (btn, other), _ = buttons_app(notify, notify_async)
    me, bystander = LiveSession(demo), LiveSession(demo)
    bystander.ready()
    me.click(btn)
    me.click(other)
    joined(demo)
    toasts = me.of_type("toast")
    assert [(t["level"], t["message"]) for t in toasts] == [
        ("info", "hello you"), ("warning", "careful"), ("info", "from a coroutine"),
    ]  # fmt: skip
    events = [m["event"] for m in me.of_type("status")]
    assert toasts[0]["event"] == events[0]
    assert bystander.of_type("toast") == []


class _WarningTextbox(gr.Textbox):
    """A component that warns while converting its value, as Audio does for a recording it keeps."""

    def preprocess(self, payload: Any) -> Any:
        gr.Warning("kept as it was recorded")
        return super().preprocess(payload)


def test_a_warning_given_while_converting_an_input_reaches_the_page():
    with gr.Blocks() as demo:
        inp = _WarningTextbox(value="x")
        out = gr.Textbox()
        btn = gr.Button()
        btn.click(lambda text: text, inp, out)
    session = LiveSession(demo)
    session.click(btn)
    joined(demo)
    assert [(t["level"], t["message"]) for t in session.of_type("toast")] == [("warning", "kept as it was recorded")]


def test_gr_error_ends_a_streaming_event_with_its_message():
    def stream():
        yield "first"
        raise gr.Error("Out of tokens")
        yield "never"

    session, out = clicked_once(stream)
    assert session.values_sent(out) == ["first"]
    (error,) = session.of_type("error")
    assert error["message"] == "Out of tokens" and error["outputs"] == [out._id]
    assert session.stages() == ["running", "error"]


# --- queue position and ETA ------------------------------------------------------------------


def positions_of(session: LiveSession) -> list[int]:
    return [m["position"] for m in session.of_type("status") if m["stage"] == "pending" and "position" in m]


def test_waiting_events_hear_their_place_in_line_and_then_an_eta():
    gate = Gate()
    demo, btn, _ = button_app(gate)
    first = LiveSession(demo)
    first.click(btn)
    gate.started(1)
    line = [LiveSession(demo) for _ in range(3)]
    for session in line:
        session.click(btn)
    assert positions_of(line[0]) == [] or positions_of(line[0]) == [0]
    assert positions_of(line[1]) == [1] and positions_of(line[2]) == [2]
    gate.let_one()  # the first run ends: everybody moves up one place
    gate.started(1)
    line[2].wait_until(lambda: positions_of(line[2]) == [2, 1], "a move up in line")
    moved = [m for m in line[2].of_type("status") if m.get("position") == 1][0]
    assert isinstance(moved["eta"], float) and moved["eta"] > 0  # a run's duration is known now
    gate.open()
    joined(demo)


def test_an_event_that_starts_at_once_hears_no_place_in_line():
    gate = Gate()
    gate.open()
    session, _ = clicked_once(gate)
    assert positions_of(session) == []


def test_a_burst_of_clicks_that_free_workers_take_at_once_hears_no_place_in_line():
    """No concurrency limit, idle workers: each job of a burst starts at once, so no page is
    told a place in line (it would be one more message for each job submitted before it)."""
    gate = Gate()
    demo, btn, _ = button_app(gate, concurrency_limit=None)
    run_in_sessions(demo, btn, 8)
    gate.started(8)  # eight workers now exist
    gate.open()
    joined(demo)
    burst = run_in_sessions(demo, btn, 8)  # idle workers, woken one per job
    joined(demo)
    assert [positions_of(session) for session in burst] == [[]] * 8
    assert [session.stages() for session in burst] == [["running", "complete"]] * 8


def test_an_event_waiting_for_a_free_thread_hears_its_place_in_line():
    """Every worker thread busy (``max_threads``): the first job in line waits although its
    listener has room, and its page is told so."""
    gate = Gate()
    demo, btn, _ = button_app(gate, concurrency_limit=None)
    demo.max_threads = 1
    first = LiveSession(demo)
    first.click(btn)
    gate.started(1)
    second = LiveSession(demo)
    second.click(btn)
    assert positions_of(second) == [0]
    gate.open()
    joined(demo)
    assert second.stages() == ["running", "complete"]


def test_a_numeric_status_update_rate_announces_places_on_a_timer():
    gate = Gate()
    demo, btn, _ = button_app(gate)
    demo.queue(status_update_rate=0.02)
    assert demo.queue_settings.status_update_rate == 0.02
    first = LiveSession(demo)
    first.click(btn)
    gate.started(1)
    second, third = LiveSession(demo), LiveSession(demo)
    second.click(btn)
    third.click(btn)
    third.wait_until(lambda: positions_of(third) == [1], "a timed announcement")
    gate.open()
    joined(demo)


def test_max_size_must_not_be_negative():
    with gr.Blocks() as demo:
        pass
    with pytest.raises(ValueError, match="max_size"):
        demo.queue(max_size=-1)
    assert queue_module.QueueSettings().default_concurrency_limit == 1


def test_no_place_in_line_is_announced_once_an_event_runs():
    """Announcements run apart from the workers: one decided just before a job started must
    not reach the page after its "running"."""
    gate = Gate()
    demo, btn, _ = button_app(gate)
    session = LiveSession(demo)
    job = session.submit(demo.dependencies[0], btn)
    gate.started(1)
    session.queued(job, 3, 1.5)
    gate.open()
    joined(demo)
    assert positions_of(session) == []
