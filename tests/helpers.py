"""Test helpers: a session whose outgoing messages are recorded, a user function that holds its
calls until released (`Gate`), timers a test fires by hand (`ManualTimers`), the small apps the
queue tests of the engine and of the served transport share, and reading values out of messages."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

import nbblocks as gr
from nbblocks import sessions
from nbblocks.blocks import Blocks
from nbblocks.sessions import Session

TIMEOUT = 10.0


class RecordedSession(Session):
    """A session that keeps every message it emits, as a transport would send them."""

    def __init__(self, app: Blocks, **kwargs: Any) -> None:
        self.sent: list[dict[str, Any]] = []
        super().__init__(app, self.sent.append, **kwargs)

    def handle(self, raw: Any) -> None:
        """Handle a message as a transport would, then wait until the events it set off are done."""
        super().handle(raw)
        assert self.app.event_queue().join(timeout=10), "events still running after 10 s"

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [message for message in self.sent if message["type"] == kind]

    def values_sent(self, block_id: int) -> list[Any]:
        """Every value the front end was told to show for one block, in order."""
        return values_for(self.sent, block_id)

    def type_and_trigger(self, block_id: int, value: Any, event: str = "change") -> None:
        self.handle({"type": "value", "id": block_id, "value": value})
        self.handle({"type": "trigger", "id": block_id, "event": event})


def values_for(messages: list[dict[str, Any]], block_id: int) -> list[Any]:
    """Every value ``messages`` told the front end to show for one block, in order."""
    return [
        update["props"]["value"]
        for message in messages
        if message["type"] == "update"
        for update in message["updates"]
        if update["id"] == block_id and "value" in update["props"]
    ]


def frame_messages(frame: str | bytes) -> list[dict[str, Any]]:
    """The protocol messages in one WebSocket frame from Python: a message, or a list of them."""
    decoded = json.loads(frame)
    return decoded if isinstance(decoded, list) else [decoded]


def joined(demo: Blocks) -> None:
    """Wait until no event of ``demo`` is running or waiting."""
    assert demo.event_queue().join(timeout=TIMEOUT), "events still running"


class Gate:
    """A user function that counts how many of its calls run at once and holds each call until
    `open` (or one `let_one` per call). `started(n)` waits until n calls have begun. A held call
    returns ``result``, or ``compute(*its arguments)`` when that is given."""

    def __init__(self, result: Any = "done", compute: Callable[..., Any] | None = None) -> None:
        self.result = result
        self.compute = compute
        self.lock = threading.Lock()
        self.running = 0
        self.peak = 0
        self.calls: list[tuple[Any, ...]] = []
        self._started = threading.Semaphore(0)
        self._cond = threading.Condition()
        self._opened = False
        self._permits = 0

    def __call__(self, *args: Any) -> Any:
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
            self.calls.append(args)
        self._started.release()
        try:
            with self._cond:
                if not self._cond.wait_for(lambda: self._opened or self._permits > 0, TIMEOUT):
                    raise AssertionError("the gate was never opened")
                if not self._opened:
                    self._permits -= 1
        finally:
            with self.lock:
                self.running -= 1
        return self.result if self.compute is None else self.compute(*args)

    def started(self, count: int) -> None:
        for _ in range(count):
            assert self._started.acquire(timeout=TIMEOUT), f"only {len(self.calls)} call(s) started"

    def no_more_start(self, within: float = 0.2) -> bool:
        """True when no further call begins for ``within`` seconds. Only ever a false pass for a
        broken limit, never a false failure: the positive checks are the deterministic ones."""
        if self._started.acquire(timeout=within):
            self._started.release()
            return False
        return True

    def open(self) -> None:
        """Let every call through, now and from now on."""
        with self._cond:
            self._opened = True
            self._cond.notify_all()

    def let_one(self) -> None:
        """Let one held (or the next) call through."""
        with self._cond:
            self._permits += 1
            self._cond.notify()


class ManualTimers:
    """Stands in for the process's timers: callbacks wait until the test fires them."""

    def __init__(self) -> None:
        self.pending: list[tuple[float, Callable[[], Any]]] = []

    def call_later(self, delay: float, fn: Callable[[], Any]) -> None:
        self.pending.append((delay, fn))

    def fire(self, demo: Blocks) -> int:
        """Run every pending callback, one at a time, each event it starts done before the next
        callback; returns how many there were."""
        due, self.pending = self.pending, []
        for _, fn in due:
            fn()
            assert demo.event_queue().join(timeout=TIMEOUT), "events still running"
        return len(due)


@pytest.fixture()
def manual_timers(monkeypatch: pytest.MonkeyPatch) -> ManualTimers:
    """``every`` repeats wait for `ManualTimers.fire` instead of the clock."""
    timers = ManualTimers()
    monkeypatch.setattr(sessions, "timers", timers)
    return timers


@pytest.fixture()
def every_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each progress report goes out at once (no ten-a-second throttle): for tests that read the
    bar of every step."""
    monkeypatch.setattr("nbblocks.progress.PROGRESS_INTERVAL", 0.0)


# --- apps ----------------------------------------------------------------------------------------


def welcome(name: str) -> str:
    return f"Welcome to Gradio, {name}!"


def hello_app(**click_options: Any) -> tuple[Blocks, gr.Textbox, gr.Textbox, gr.Button]:
    """The spec's Blocks example (name in, welcome out on Run): (demo, input, output, button)."""
    with gr.Blocks() as demo:
        gr.Markdown("Start typing below and then click **Run** to see the output.")
        with gr.Row():
            inp = gr.Textbox(placeholder="What is your name?")
            out = gr.Textbox()
        btn = gr.Button("Run")
        btn.click(fn=welcome, inputs=inp, outputs=out, **click_options)
    return demo, inp, out, btn


def buttons_app(
    *fns: Callable[..., Any], output: type[gr.Component] = gr.Textbox, **listener_options: Any
) -> tuple[Blocks, list[gr.Button], gr.Component]:
    """A button for each of ``fns``, whose click runs it with no input into one shared new
    ``output`` block: (demo, buttons, output)."""
    with gr.Blocks() as demo:
        out = output()
        buttons = [gr.Button() for _ in fns]
        for btn, fn in zip(buttons, fns):
            btn.click(fn, None, out, **listener_options)
    return demo, buttons, out


def button_app(
    fn: Callable[..., Any], output: type[gr.Component] = gr.Textbox, **listener_options: Any
) -> tuple[Blocks, gr.Button, gr.Component]:
    """One button whose click runs ``fn()`` into one new ``output`` block: (demo, button, output)."""
    demo, (btn,), out = buttons_app(fn, output=output, **listener_options)
    return demo, btn, out


def shared_id_app(fn: Callable[..., Any], limits: tuple[int, int]) -> tuple[Blocks, gr.Button, gr.Button]:
    """Two buttons running ``fn`` into one textbox, with these concurrency limits but one
    concurrency id (which then takes the lower limit for both)."""
    with gr.Blocks() as demo:
        out = gr.Textbox()
        first, second = gr.Button(), gr.Button()
        first.click(fn, None, out, concurrency_limit=limits[0], concurrency_id="shared")
        second.click(fn, None, out, concurrency_limit=limits[1], concurrency_id="shared")
    return demo, first, second


class RunCounter:
    """A user function that returns how many times it has run; `reached(n)` waits for n runs."""

    def __init__(self) -> None:
        self.runs = 0
        self._ran = threading.Condition()

    def __call__(self) -> int:
        with self._ran:
            self.runs += 1
            self._ran.notify_all()
            return self.runs

    def reached(self, count: int) -> None:
        with self._ran:
            assert self._ran.wait_for(lambda: self.runs >= count, TIMEOUT), f"only {self.runs} run(s)"


def every_app(counter: RunCounter, every: float = 0.5) -> tuple[Blocks, gr.Number]:
    """A load listener running ``counter`` into a number every ``every`` seconds."""
    with gr.Blocks() as demo:
        out = gr.Number()
        demo.load(counter, None, out, every=every)
    return demo, out


def endless_count(closed: threading.Event) -> Callable[[], Iterator[int]]:
    """A generator function streaming 1, 2, 3, ... until it is closed, which sets ``closed``."""
    never = threading.Event()

    def count() -> Iterator[int]:
        try:
            for n in itertools.count(1):
                yield n
                never.wait(0.005)  # simulated work between values; nothing waits for its length
        finally:
            closed.set()

    return count


def endless_count_async(closed: threading.Event) -> Callable[[], AsyncIterator[int]]:
    """`endless_count` as an async generator function, its work awaited on the event loop."""

    async def count() -> AsyncIterator[int]:
        try:
            for n in itertools.count(1):
                yield n
                await asyncio.sleep(0.005)  # simulated work
        finally:
            closed.set()

    return count
