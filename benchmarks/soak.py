"""Soak benchmark (issue 10; not in CI): minutes of mixed traffic against a served app, and whether
the server's memory, threads and file descriptors stay flat.

Run: ``.venv/bin/python benchmarks/soak.py [--minutes 10]``.
Targets: after warm-up, the server's RSS drifts by under 2 MiB to the end; threads and file
descriptors stay flat (a drift of at most one per client, which may hold a connection and a
worker at either sample); zero errors (a failed or wrong answer on the client's
side, a traceback or error line in the server's output).

The server is an ``app.py`` ending in ``demo.launch(auth=...)``, started as its own process
(`served.hello_server`); this script is the load generator, on 127.0.0.1 only, its clients
coroutines on one asyncio loop. Each client logs in as its own user, works a while, and logs out,
over and over: pages (the page, then a WebSocket session: clicks, a reload that resumes the
session, the close), API clients (curl-style ``/call`` with and without a session_hash) and
uploads (a file up through ``/gradio_api/upload``, back through ``/gradio_api/file=``). Sessions
come from a small pool of hashes per client, as returning visitors, so the server reaches a steady
state once the reconnect grace (60 s) has passed: warm-up is at least that long, and 30 % of
the run (RSS was seen to settle about three minutes in, 36 MiB, then move by 0.2 MiB in the next
two). A call or client that hangs is counted as an error, not waited for. The server's
``/proc/<pid>`` is sampled every few seconds; the drift is the median of the last three samples
less the median of the first three after warm-up, traffic running at both ends.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from served import MIB, PageSocket, close, hello_ids, hello_server, rss_bytes  # benchmarks/ is this script's sys.path[0]

PAGE_CLIENTS = 8
API_CLIENTS = 4
UPLOAD_CLIENTS = 2
#: a client holds at most one connection (and keeps one worker busy) at a time: growth beyond
#: one thread or descriptor per client between two samples is a leak, not traffic in flight
CLIENTS = PAGE_CLIENTS + API_CLIENTS + UPLOAD_CLIENTS
HASHES_PER_CLIENT = 6
SAMPLE_SECONDS = 5.0
CALL_TIMEOUT = 60.0  # seconds for any one call's answer
GRACE_SECONDS = 60.0  # the server's reconnect grace: sessions left before then still count
RSS_TARGET = 2 * MIB
USERS = [(f"soak{i:02d}", f"secret-{i:02d}") for i in range(CLIENTS)]
#: one round of a client's work, logged in as the user given
Visit = Callable[[httpx.AsyncClient, tuple[str, str]], Awaitable[None]]

APP = f"""\
import nbblocks as gr


def step(text, count):
    return f"{{text}} #{{count + 1}}", count + 1


with gr.Blocks(delete_cache=(30, 30)) as demo:
    box = gr.Textbox()
    answer = gr.Textbox()
    count = gr.State(0)
    gr.Button("Step").click(step, [box, count], [answer, count], api_name="step", concurrency_limit=None)

demo.launch(auth={USERS!r})
"""
ANSWER = re.compile(r"^(?P<text>.*) #(?P<count>\d+)$")


@dataclass
class Tally:
    """What the clients did, and what went wrong (kept short: the first few of each kind)."""

    done: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    first_errors: list[str] = field(default_factory=list)

    def failed(self, kind: str, error: BaseException | str) -> None:
        self.errors[kind] += 1
        if len(self.first_errors) < 8:
            self.first_errors.append(f"{kind}: {error!r}"[:300])


@dataclass
class Sample:
    at: float
    rss: int
    threads: int
    fds: int


def sample(pid: int, at: float) -> Sample:
    status = Path(f"/proc/{pid}/status").read_text()
    threads = int(re.search(r"^Threads:\s+(\d+)", status, re.MULTILINE).group(1))  # type: ignore[union-attr]
    return Sample(at, rss_bytes(pid), threads, len(os.listdir(f"/proc/{pid}/fd")))


def counted(text: str, answer: Any) -> int:
    """The session's count in an answer to ``text``; ValueError when it is not an answer to it."""
    match = ANSWER.match(answer) if isinstance(answer, str) else None
    if match is None or match["text"] != text:
        raise ValueError(f"answer {answer!r} to {text!r}")
    return int(match["count"])


# --- the clients ----------------------------------------------------------------------------------


async def logged_in(port: int, user: tuple[str, str]) -> httpx.AsyncClient:
    http = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30)
    answer = await http.post("/login", data={"username": user[0], "password": user[1]})
    answer.raise_for_status()
    return http


async def log_out(http: httpx.AsyncClient) -> None:
    await http.get("/logout")
    await http.aclose()


async def pause() -> None:
    await asyncio.sleep(random.uniform(0.0, 0.05))


class PageSession:
    """A page's WebSocket, logged in with the client's cookie."""

    def __init__(self, port: int, session_hash: str, http: httpx.AsyncClient) -> None:
        self.url = f"ws://127.0.0.1:{port}/ws?session={session_hash}"
        self.cookie = "; ".join(f"{name}={value}" for name, value in http.cookies.items())
        self.conn: Any = None

    async def open(self) -> dict[str, Any]:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        request = HTTPRequest(self.url, headers={"Cookie": self.cookie})
        self.conn = PageSocket(await asyncio.wait_for(websocket_connect(request), 30))
        await self.conn.write_message(json.dumps({"type": "ready"}))
        return await self.next_of("render")

    async def next_of(self, kind: str, stage: str | None = None) -> Any:
        """Read up to the first message of type ``kind`` (and ``stage``); returns it, with the
        answer box's last value on the way in ``self.shown``."""
        while True:
            message = await self.conn.next(30)
            if message["type"] == "update":
                self.shown = [u["props"].get("value") for u in message["updates"]][-1]
            if message["type"] == kind and (stage is None or message.get("stage") in (stage, "error")):
                return message

    async def click(self, ids: tuple[int, int, int], text: str) -> Any:
        box, _, button = ids
        self.shown = None
        await self.conn.write_message(json.dumps({"type": "value", "id": box, "value": text}))
        await self.conn.write_message(json.dumps({"type": "trigger", "id": button, "event": "click"}))
        status = await self.next_of("status", "complete")
        if status["stage"] != "complete":
            raise RuntimeError(f"event ended with {status}")
        return self.shown

    async def close(self) -> None:
        if self.conn is not None:
            await close(self.conn)


async def visits(kind: str, port: int, index: int, tally: Tally, stop: asyncio.Event, visit: Visit) -> None:
    """Until ``stop``: log in as client ``index``'s user, ``visit``, log out, over and over. A
    failure is counted under ``kind`` and reported, and the soak goes on."""
    user = USERS[index]
    while not stop.is_set():
        try:
            http = await logged_in(port, user)
            tally.done["logins"] += 1
            await visit(http, user)
            await log_out(http)
        except Exception as exc:  # counted and reported: the soak goes on
            tally.failed(kind, exc)
            await asyncio.sleep(0.5)


async def page_client(port: int, index: int, tally: Tally, stop: asyncio.Event) -> None:
    async def visit(http: httpx.AsyncClient, user: tuple[str, str]) -> None:
        (await http.get("/")).raise_for_status()
        page = PageSession(port, f"soak-page-{index:02d}-{random.randrange(HASHES_PER_CLIENT)}", http)
        try:
            ids = hello_ids(await page.open())
            tally.done["page sessions"] += 1
            count = None
            for click in range(random.randint(3, 12)):
                text = f"{user[0]} click {click}"
                got = counted(text, await page.click(ids, text))
                if count is not None and got != count + 1:
                    raise ValueError(f"count {got} after {count}")
                count = got
                tally.done["page clicks"] += 1
                await pause()
                if click == 1 and random.random() < 0.5:  # a reload in the same tab
                    await page.close()
                    render = await page.open()
                    shown = [n["props"].get("value") for n in walk(render["tree"]) if n["id"] == ids[1]]
                    if shown != [f"{user[0]} click 1 #{count}"]:
                        raise ValueError(f"the resumed page shows {shown}, not its own last answer")
                    tally.done["reconnects"] += 1
        finally:
            await page.close()

    await visits("page", port, index, tally, stop, visit)


def walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(found for child in node.get("children", []) for found in walk(child))]


async def call(http: httpx.AsyncClient, text: str, session_hash: str | None) -> Any:
    body: dict[str, Any] = {"data": [text, None]}
    if session_hash is not None:
        body["session_hash"] = session_hash
    posted = await http.post("/gradio_api/call/step", json=body)
    posted.raise_for_status()
    event_id = posted.json()["event_id"]
    try:  # heartbeats keep a result stream alive: a call that never ends must still be counted
        result = await asyncio.wait_for(http.get(f"/gradio_api/call/step/{event_id}"), CALL_TIMEOUT)
    except TimeoutError:
        raise TimeoutError(f"no result for event {event_id} (session_hash {session_hash}) in {CALL_TIMEOUT} s") from None
    lines = result.text.splitlines()
    if "event: complete" not in lines:
        raise RuntimeError(f"no complete event: {result.text[:200]!r}")
    return json.loads(lines[lines.index("event: complete") + 1].removeprefix("data:"))[0]


async def api_client(port: int, index: int, tally: Tally, stop: asyncio.Event) -> None:
    async def visit(http: httpx.AsyncClient, user: tuple[str, str]) -> None:
        session_hash = f"soak-api-{index:02d}-{random.randrange(HASHES_PER_CLIENT)}"
        count = None
        for n in range(random.randint(3, 12)):
            text = f"{user[0]} call {n}"
            got = counted(text, await call(http, text, session_hash))
            if count is not None and got != count + 1:
                raise ValueError(f"count {got} after {count}")
            count = got
            if counted(text, await call(http, text, None)) != 1:  # no session_hash: a fresh session
                raise ValueError("a call without a session_hash saw a count")
            tally.done["api calls"] += 2
            await pause()

    await visits("api", port, index, tally, stop, visit)


async def upload_client(port: int, index: int, tally: Tally, stop: asyncio.Event) -> None:
    async def visit(http: httpx.AsyncClient, user: tuple[str, str]) -> None:
        for n in range(random.randint(2, 6)):
            content = os.urandom(random.randint(1, 64 * 1024))
            answer = await http.post("/gradio_api/upload", files={"files": (f"soak-{n}.bin", content)})
            answer.raise_for_status()
            (path,) = answer.json()
            back = await http.get(f"/gradio_api/file={path}")
            back.raise_for_status()
            if back.content != content:
                raise ValueError(f"{path} came back with {len(back.content)} bytes, not the {len(content)} sent")
            tally.done["uploads"] += 1
            await pause()

    await visits("upload", port, index, tally, stop, visit)


# --- the run ----------------------------------------------------------------------------------------


async def traffic(port: int, pid: int, seconds: float, warmup: float, tally: Tally) -> list[Sample]:
    """Run every client for ``seconds``, sampling the server; the samples taken after ``warmup``."""
    stop = asyncio.Event()
    clients = [page_client(port, i, tally, stop) for i in range(PAGE_CLIENTS)]
    clients += [api_client(port, PAGE_CLIENTS + i, tally, stop) for i in range(API_CLIENTS)]
    clients += [upload_client(port, PAGE_CLIENTS + API_CLIENTS + i, tally, stop) for i in range(UPLOAD_CLIENTS)]
    running = [asyncio.ensure_future(client) for client in clients]
    start = time.monotonic()
    samples = []
    while (elapsed := time.monotonic() - start) < seconds:
        await asyncio.sleep(min(SAMPLE_SECONDS, seconds - elapsed))
        if time.monotonic() - start >= warmup:
            samples.append(sample(pid, time.monotonic() - start))
    stop.set()
    _, stuck = await asyncio.wait(running, timeout=2 * CALL_TIMEOUT)
    for client in stuck:
        client.cancel()
        tally.failed("stop", "a client was still busy 2 minutes after the traffic stopped")
    return samples


def drain(stream: Any, lines: list[str]) -> threading.Thread:
    """Read the server's stderr as it comes (a full pipe would stall the server), keeping it."""

    def read() -> None:
        try:
            for raw in stream:
                lines.append(raw.decode(errors="replace").rstrip())
        except (OSError, ValueError):  # closed under us as the server is killed
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader


def report(samples: list[Sample], tally: Tally, server_lines: list[str], seconds: float, warmup: float) -> bool:
    """Print the summary; True when every target was met."""
    if len(samples) < 2:
        print(f"too few samples after warm-up ({len(samples)}): run longer")
        return False
    ends = min(3, len(samples) // 2)

    def drift(name: str) -> float:
        first = statistics.median(getattr(s, name) for s in samples[:ends])
        last = statistics.median(getattr(s, name) for s in samples[-ends:])
        return last - first

    server_errors = [line for line in server_lines if re.search(r"Traceback|Error|Exception|CRITICAL", line)]
    rss_drift, threads_drift, fds_drift = drift("rss"), drift("threads"), drift("fds")
    errors = sum(tally.errors.values()) + len(server_errors)
    rss = [s.rss for s in samples]
    print(f"soak: {seconds / 60:.1f} min of mixed traffic ({warmup:.0f} s warm-up), "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
    print("  done: " + ", ".join(f"{count} {kind}" for kind, count in sorted(tally.done.items())))
    print(f"  server RSS after warm-up {rss[0] / MIB:.1f} MiB, at the end {rss[-1] / MIB:.1f} MiB "
          f"(min {min(rss) / MIB:.1f}, max {max(rss) / MIB:.1f}); drift {rss_drift / MIB:+.2f} MiB  "
          f"[target under {RSS_TARGET / MIB:.0f} MiB]")  # fmt: skip
    print(f"  server threads {samples[0].threads} -> {samples[-1].threads} (drift {threads_drift:+.0f}), "
          f"file descriptors {samples[0].fds} -> {samples[-1].fds} (drift {fds_drift:+.0f}), "
          f"{len(samples)} samples every {SAMPLE_SECONDS:.0f} s  [target: drift at most {CLIENTS}, one per client]")  # fmt: skip
    print(f"  errors: {errors} ({dict(tally.errors) or 'none'} on the clients' side, "
          f"{len(server_errors)} error lines from the server)  [target 0]")  # fmt: skip
    for line in tally.first_errors + server_errors[:8]:
        print(f"    {line}")
    flat = threads_drift <= CLIENTS and fds_drift <= CLIENTS
    return abs(rss_drift) < RSS_TARGET and flat and errors == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long the traffic runs (default 10)")
    minutes = parser.parse_args().minutes
    seconds = minutes * 60
    warmup = min(max(GRACE_SECONDS, 0.3 * seconds), 0.5 * seconds)
    tally = Tally()
    server_lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="nbblocks-soak-") as tmp:
        app_file = Path(tmp) / "app.py"
        app_file.write_text(APP)
        with hello_server(app_file, deadline_seconds=30) as served:
            reader = drain(served.process.stderr, server_lines)
            samples = asyncio.run(traffic(served.port, served.process.pid, seconds, warmup, tally))
        reader.join(timeout=5)
    return 0 if report(samples, tally, server_lines, seconds, warmup) else 1


if __name__ == "__main__":
    sys.exit(main())
