"""Isolation at scale (issue 10): 200 sessions at once, pages over the WebSocket and API clients on
the curl path with a session_hash, each with its own gr.State and Textbox value, calling a mix of
listeners for about a minute. Every answer must be the one its own session's values make: a
value seen by the wrong session is counted, and the test fails with how many and which.

The app runs as ``python app.py`` (another process, so it has a core of its own); the 200
clients are coroutines on one asyncio loop in this process."""

from __future__ import annotations

import asyncio
import json
import random
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from ..helpers import frame_messages
from .wire import tree_values

PAGES = 100
API_CLIENTS = 100
CALLING_SECONDS = 50.0  # then each session's last answers are read: about a minute in all
BOUND_SECONDS = 120.0  # the whole run, whatever happens
RECONNECT_EVERY = 15  # a page's calls between closing its socket and resuming its session
PREFIX = "/gradio_api"

APP = """\
import nbblocks as gr


def step(text, history):
    previous = history[-1] if history else ""
    return f"{previous}>{text}", [*history, text]


def recall(history, text):
    return f"{len(history)}:{history[-1] if history else ''}:{text}"


with gr.Blocks() as demo:
    box = gr.Textbox(label="mine")
    answer = gr.Textbox(label="answer")
    history = gr.State([])
    gr.Button("step").click(step, [box, history], [answer, history], api_name="step", concurrency_limit=None)
    gr.Button("recall").click(recall, [history, box], answer, api_name="recall", concurrency_limit=None)

demo.launch()
"""


@dataclass
class Tally:
    """Every answer checked, and the ones that were not what their own session's values make."""

    answers: int = 0
    wrong: list[tuple[str, str, Any]] = field(default_factory=list)
    foreign: int = 0  # wrong answers that name another session

    def check(self, name: str, expected: str, got: Any) -> None:
        self.answers += 1
        if got != expected:
            self.wrong.append((name, expected, got))
            if any(other != name for other in re.findall(r"(?:page|api)-\d{3}", str(got))):
                self.foreign += 1


class Mine:
    """What one session has done, hence what each of its answers must be."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: list[str] = []
        self.calls = 0
        self.last_answer: str | None = None

    def next_call(self) -> tuple[str, str, str]:
        """(listener, text to send, the answer this session's own values make)."""
        self.calls += 1
        text = f"{self.name}#{self.calls}"
        if random.random() < 0.6:
            expected = f"{self.steps[-1] if self.steps else ''}>{text}"
            self.steps.append(text)
            return "step", text, expected
        return "recall", text, f"{len(self.steps)}:{self.steps[-1] if self.steps else ''}:{text}"


def test_two_hundred_sessions_never_see_each_others_values(run_app, tmp_path: Path) -> None:
    script = tmp_path / "app.py"
    script.write_text(APP)
    app = run_app(script)
    tally = Tally()
    # on a thread of its own: after a browser test, Playwright's sync API keeps an event loop
    # running in this thread, where asyncio.run refuses to start another
    failures: list[BaseException] = []

    def drive() -> None:
        try:
            asyncio.run(asyncio.wait_for(run_clients(app.url, tally), BOUND_SECONDS))
        except BaseException as exc:
            failures.append(exc)

    driver = threading.Thread(target=drive, name="isolation-clients")
    driver.start()
    driver.join()
    if failures:
        raise failures[0]
    assert tally.answers > 4 * (PAGES + API_CLIENTS), f"only {tally.answers} answers in {CALLING_SECONDS} s"
    assert not tally.wrong, (
        f"{len(tally.wrong)} of {tally.answers} answers were not their own session's "
        f"({tally.foreign} named another session); first ones (session, expected, got): {tally.wrong[:5]}"
    )


async def run_clients(url: str, tally: Tally) -> None:
    config = httpx.get(url + "config").json()
    ids = {c["props"].get("label") or c["props"].get("value"): c["id"] for c in config["components"]}
    stop_at = time.monotonic() + CALLING_SECONDS
    limits = httpx.Limits(max_connections=API_CLIENTS, max_keepalive_connections=API_CLIENTS)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as http:
        await asyncio.gather(
            *(page(url, Mine(f"page-{i:03d}"), ids, tally, stop_at) for i in range(PAGES)),
            *(api_client(http, Mine(f"api-{i:03d}"), tally, stop_at) for i in range(API_CLIENTS)),
        )


async def pause() -> None:
    """A person's (or a client's) time between calls, so that 200 of them mix."""
    await asyncio.sleep(random.uniform(0.05, 0.3))


# --- pages -------------------------------------------------------------------------------------


class Page:
    """A page's WebSocket on the asyncio loop (tornado's client)."""

    def __init__(self, url: str, session: str) -> None:
        self.url = url.replace("http", "ws", 1) + f"ws?session={session}"
        self.conn: Any = None
        self.pending: deque[dict[str, Any]] = deque()

    async def open(self) -> dict[str, Any]:
        """Connect and ask for the tree; returns the render message."""
        from tornado.websocket import websocket_connect

        self.conn = await websocket_connect(self.url)
        await self.send({"type": "ready"})
        return await self.until(lambda m: m["type"] == "render")

    async def send(self, message: dict[str, Any]) -> None:
        await self.conn.write_message(json.dumps(message))

    async def until(self, done: Any) -> Any:
        """Messages up to the first for which ``done`` is true: that one (all when a list is wanted)."""
        while True:
            if not self.pending:
                raw = await self.conn.read_message()
                if raw is None:
                    raise ConnectionError("the server closed the page's socket")
                self.pending.extend(frame_messages(raw))
            message = self.pending.popleft()
            if done(message):
                return message

    async def run(self, button: int, box: int, text: str, answer: int) -> list[Any]:
        """Type ``text``, click ``button``: every value the answer box was sent until the event ended."""
        await self.send({"type": "value", "id": box, "value": text})
        await self.send({"type": "trigger", "id": button, "event": "click"})
        shown: list[Any] = []

        def ended(message: dict[str, Any]) -> bool:
            if message["type"] == "update":
                shown.extend(u["props"]["value"] for u in message["updates"] if u["id"] == answer and "value" in u["props"])
            return message["type"] == "status" and message["stage"] in ("complete", "error")

        await self.until(ended)
        return shown

    def close(self) -> None:
        self.conn.close()


async def page(url: str, mine: Mine, ids: dict[str, int], tally: Tally, stop_at: float) -> None:
    buttons = {"step": ids["step"], "recall": ids["recall"]}
    connection = Page(url, mine.name)
    await connection.open()
    try:
        while time.monotonic() < stop_at:
            await pause()
            listener, text, expected = mine.next_call()
            shown = await connection.run(buttons[listener], ids["mine"], text, ids["answer"])
            tally.check(mine.name, expected, shown[-1] if len(shown) == 1 else shown)
            mine.last_answer = expected
            if mine.calls % RECONNECT_EVERY == 0:  # a reload in the same tab: the session is kept
                connection.close()
                render = await connection.open()
                tally.check(mine.name, expected, tree_values(render).get(ids["answer"]))
    finally:
        connection.close()


# --- API clients --------------------------------------------------------------------------------


async def api_client(http: httpx.AsyncClient, mine: Mine, tally: Tally, stop_at: float) -> None:
    while time.monotonic() < stop_at:
        await pause()
        listener, text, expected = mine.next_call()
        data = [text, None] if listener == "step" else [None, text]  # the State's place: null
        posted = await http.post(f"{PREFIX}/call/{listener}", json={"data": data, "session_hash": mine.name})
        posted.raise_for_status()
        result = await http.get(f"{PREFIX}/call/{listener}/{posted.json()['event_id']}")
        lines = result.text.splitlines()
        if "event: complete" not in lines:
            tally.check(mine.name, expected, result.text)
            continue
        outputs = json.loads(lines[lines.index("event: complete") + 1].removeprefix("data:"))
        tally.check(mine.name, expected, outputs[0])
