"""nbblocks beside Gradio 6.31, on the same hello demo, in the same run, on this machine.

Run: ``.venv/bin/python benchmarks/vs_gradio.py`` (Gradio's venv is made on first use, outside
the project: `gradio_side.gradio_python`; Chromium for the page weight).

Both servers run one app file as a user runs it (``python app.py``, ``demo.launch()``), only the
import differs; this script is the load generator, on 127.0.0.1. Figures, each side's and their
ratio (Gradio's over nbblocks'): import; ``python app.py`` to the first 200 on ``/``; RSS idle
(after a page load) and after 2,000 ``/call`` round trips; the ``/call`` round trip
(``POST /gradio_api/call/update`` + its SSE to ``event: complete``); ``gradio_client`` predict and
``Client()`` construction; 32 closed-loop ``/call`` clients: calls per second and the server's
CPU per call (from ``/proc/<pid>/stat`` over the window); the page's bytes as a fresh Chromium
loads it (every HTTP response, gzip as served, headers included, and WebSocket frames, until the
app is drawn and the network idle). Then nbblocks beside its transport's floor, bare tornado in a
process of its own driven by the same clients (`FLOOR_SERVER`): the server CPU per ``/call`` beside
tornado answering the same two requests with canned replies, the WebSocket click round trip beside
a JSON echo and beside bare tornado answering the click from a thread pool (as a server running
sync functions off its loop must), the three measured in alternating rounds; and events per second
with 32 WebSocket sessions (`queue_throughput`).

Targets (issue 15): server CPU per ``/call`` + its SSE ≤ 0.5 ms; WebSocket round trip p50 ≤ 2×
the bare echo's; ≥ 4,000 WebSocket events/s with 32 sessions on 2 cores, load generator included.
The figures share the machine with whatever else runs: the load average is printed at both ends.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import api
import queue_throughput
import served
from foundation import process_seconds
from gradio_side import gradio_python

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' Chromium settings

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

NBBLOCKS_APP = api.HELLO_APP
GRADIO_APP = NBBLOCKS_APP.replace("import nbblocks as gr", "import gradio as gr")
STARTS = 5
CALLS = 2000
PREDICTS = 100
#: the WebSocket round trips: rounds of events on each server in turn (`alternating_round_trips`)
ROUNDS = 5
ROUND_EVENTS = 400
ROUND_WARMUP = 40

#: the transport's floor: bare tornado answering a WebSocket JSON echo and the two /call
#: requests (a JSON reply with a new event id; the answer as one SSE frame), nothing else
FLOOR_SERVER = '''\
import asyncio, json, os, uuid
import tornado.web, tornado.websocket


class Page(tornado.web.RequestHandler):
    def get(self):
        self.write("ok")


class Echo(tornado.websocket.WebSocketHandler):
    def open(self):
        self.set_nodelay(True)

    def on_message(self, message):
        self.write_message(json.dumps(json.loads(message)))


class Call(tornado.web.RequestHandler):
    def post(self, api_name):
        self.finish({"event_id": uuid.uuid4().hex, "data": json.loads(self.request.body)["data"]})


class Answer(tornado.web.RequestHandler):
    def get(self, api_name, event_id):
        self.set_header("Content-Type", "text/event-stream")
        self.finish('event: complete\\ndata: ["Welcome to Gradio, Ada!"]\\n\\n')


async def main():
    routes = [(r"/", Page), (r"/ws", Echo), (r"/gradio_api/call/(\\w+)", Call), (r"/gradio_api/call/(\\w+)/(\\w+)", Answer)]
    tornado.web.Application(routes).listen(int(os.environ["GRADIO_SERVER_PORT"]), "127.0.0.1")
    await asyncio.Event().wait()


asyncio.run(main())
'''


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms"


def mib(size: float) -> str:
    return f"{size / 2**20:.1f} MiB"


def kib(size: float) -> str:
    return f"{size / 1024:.1f} KiB"


def compare(what: str, ours: float, theirs: float | None, unit: Callable[[float], str], higher_is_better: bool = False) -> None:
    """One figure of each side, and how many times better nbblocks' is."""
    if theirs is None:
        print(f"{what}: nbblocks {unit(ours)}")
        return
    ratio = ours / theirs if higher_is_better else theirs / ours
    print(f"{what}: nbblocks {unit(ours)}, Gradio {unit(theirs)}  -> {ratio:.1f}x")


def page_bytes(urls: dict[str, str]) -> dict[str, tuple[int, int]]:
    """(bytes received, responses + frames) for each URL's first load in Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return {name: first_load(browser, url) for name, url in urls.items()}
        finally:
            browser.close()


def first_load(browser: Any, url: str) -> tuple[int, int]:
    """(bytes received, responses + frames) loading ``url`` in a fresh context (empty cache),
    until the Run button shows and the network is idle."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    received: list[int] = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    cdp.on("Network.webSocketFrameReceived", lambda event: received.append(len(event["response"]["payloadData"])))
    cdp.send("Network.enable")
    page.goto(url)
    page.get_by_role("button", name="Run").wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    context.close()
    return sum(received), len(received)


def predict_times(port: int, calls: int) -> list[float]:
    """Seconds of each ``client.predict`` on one ``gradio_client.Client``: mostly the client's own
    time (it makes a new httpx client, hence a new SSL context, for each of its requests)."""
    from gradio_client import Client

    client = Client(f"http://127.0.0.1:{port}/", verbose=False, download_files=False)
    times = []
    try:
        for _ in range(calls):
            start = time.perf_counter()
            result = client.predict("Ada", api_name="/update")
            times.append(time.perf_counter() - start)
        assert result == "Welcome to Gradio, Ada!", result
    finally:
        client.close()
    return times


async def echo_round_trips(port: int, count: int, warmup: int) -> list[float]:
    """Seconds from sending a click-sized JSON message to the echo's reply, on one connection."""
    from tornado.websocket import websocket_connect

    conn = await websocket_connect(f"ws://127.0.0.1:{port}/ws")
    click = json.dumps({"type": "trigger", "id": 4, "event": "click"})
    times = []
    for i in range(warmup + count):
        start = time.perf_counter()
        await conn.write_message(click)
        reply = await asyncio.wait_for(conn.read_message(), 5)
        assert reply is not None and json.loads(reply)["event"] == "click"
        if i >= warmup:
            times.append(time.perf_counter() - start)
    await served.close(conn)
    return times


def alternating_round_trips(echo_port: int, hand_off_port: int, ours_port: int) -> tuple[list[float], list[float], list[float]]:
    """The three round trips measured in turns, so that this machine's drift between minutes
    moves them alike: the echo, bare tornado answering from a thread pool, and nbblocks."""
    echo: list[float] = []
    hand_off: list[float] = []
    ours: list[float] = []
    for _ in range(ROUNDS):
        echo += asyncio.run(echo_round_trips(echo_port, ROUND_EVENTS, ROUND_WARMUP))
        hand_off += asyncio.run(served.round_trips(hand_off_port, ROUND_EVENTS, ROUND_WARMUP, time_limit=60))[0]
        ours += asyncio.run(served.round_trips(ours_port, ROUND_EVENTS, ROUND_WARMUP, time_limit=60))[0]
    return echo, hand_off, ours


def side_by_side(folder: Path, gradio: Path | None) -> float:
    """Every figure measured on both servers, nbblocks first, one figure at a time; returns
    nbblocks' server CPU per /call under load."""
    apps = {"nbblocks": (folder / "nbblocks_app.py", sys.executable)}
    (folder / "nbblocks_app.py").write_text(NBBLOCKS_APP)
    if gradio is not None:
        (folder / "gradio_app.py").write_text(GRADIO_APP)
        apps["gradio"] = (folder / "gradio_app.py", str(gradio))

    def both(measure: Callable[[str, str], float]) -> tuple[float, float | None]:
        return measure("nbblocks", sys.executable), (measure("gradio", str(gradio)) if gradio else None)

    bare = process_seconds("pass", 5)
    imports = both(lambda name, python: process_seconds(f"import {name}", 5, python) - bare)
    compare("import (whole process minus python -c pass, median of 5)", *imports, ms)
    starts = both(lambda name, python: statistics.median(served.startup_runs(apps[name][0], STARTS, python, 120)[0]))
    compare(f"python app.py -> first 200 on / (median of {STARTS})", *starts, ms)

    with ExitStack() as stack:
        servers = {name: stack.enter_context(served.hello_server(app, 120, python)) for name, (app, python) in apps.items()}
        urls = {name: f"http://127.0.0.1:{server.port}/" for name, server in servers.items()}
        weights = page_bytes(urls)
        for name, (_, count) in weights.items():
            print(f"  {name} page load: {count} responses and frames")
        compare("first page load in Chromium, bytes received (gzip as served, headers and WebSocket frames included)",
                weights["nbblocks"][0], weights.get("gradio", (None,))[0], kib)  # fmt: skip

        def figure(measure: Callable[[served.Served], float]) -> tuple[float, float | None]:
            return measure(servers["nbblocks"]), (measure(servers["gradio"]) if "gradio" in servers else None)

        time.sleep(1.0)  # the page's requests settle in the server before its RSS is read
        compare("server RSS idle (after the first page load)", *figure(lambda s: served.rss_bytes(s.process.pid)), mib)
        round_trips = figure(lambda s: statistics.median(asyncio.run(api.round_trips(s.port, CALLS, 100, 300))))
        compare(f"/call round trip, POST + its SSE to complete (one keep-alive connection, median of {CALLS})", *round_trips, ms)
        compare(f"server RSS after {CALLS + 100} /call round trips", *figure(lambda s: served.rss_bytes(s.process.pid)), mib)
        loads = {name: asyncio.run(api.throughput(s.port, s.process.pid)) for name, s in servers.items()}
        gradio_load = loads.get("gradio")
        compare(f"{api.CLIENTS} closed-loop /call clients: calls per second", loads["nbblocks"].rate,
                gradio_load and gradio_load.rate, lambda rate: f"{rate:,.0f}/s", higher_is_better=True)  # fmt: skip
        compare(f"  server CPU per /call + SSE with {api.CLIENTS} clients [target <= 0.5 ms]", loads["nbblocks"].server_cpu_each(),
                gradio_load and gradio_load.server_cpu_each(), ms)  # fmt: skip
        compare("  latency p50 under that load", loads["nbblocks"].p50, gradio_load and gradio_load.p50, ms)
        predicts = figure(lambda s: statistics.median(predict_times(s.port, PREDICTS)))
        compare(f"gradio_client predict (one Client, median of {PREDICTS})", *predicts, ms)
        constructions = figure(lambda s: statistics.median(api.client_times(s.port, 20, 2)[0]))
        compare("gradio_client.Client(url) construction (median of 20)", *constructions, ms)
    return loads["nbblocks"].server_cpu_each()


def transport_floor(folder: Path, nbblocks_call_cpu: float) -> None:
    """nbblocks beside bare tornado: the /call path's CPU under the same load, the WebSocket
    round trip beside an echo; then nbblocks' WebSocket events per second."""
    floor_file = folder / "floor.py"
    floor_file.write_text(FLOOR_SERVER)
    app_file = folder / "ws_app.py"
    app_file.write_text(queue_throughput.HELLO_APP)
    hand_off_file = folder / "hand_off.py"
    hand_off_file.write_text(queue_throughput.FLOOR_APP.format(hand_off=True))
    with ExitStack() as running:
        floor, hand_off, server = (running.enter_context(served.hello_server(f)) for f in (floor_file, hand_off_file, app_file))
        load = asyncio.run(api.throughput(floor.port, floor.process.pid))
        print(f"server CPU per /call + SSE with {api.CLIENTS} clients: nbblocks {ms(nbblocks_call_cpu)}; bare tornado "
              f"answering the same two requests {ms(load.server_cpu_each())} ({load.rate:,.0f} calls/s) -> "
              f"{nbblocks_call_cpu / load.server_cpu_each():.1f}x the floor")  # fmt: skip
        echo, hand_off_times, ours_times = alternating_round_trips(floor.port, hand_off.port, server.port)
        echo_p50, hand_off_p50, ours = (statistics.median(times) for times in (echo, hand_off_times, ours_times))
        print(f"WebSocket click -> status complete p50: {ms(ours)}; bare tornado WebSocket JSON echo p50: "
              f"{ms(echo_p50)} -> {ours / echo_p50:.2f}x the echo  [target <= 2x]; bare tornado answering "
              f"the click from a thread pool: {ms(hand_off_p50)} ({hand_off_p50 / echo_p50:.2f}x the echo); "
              f"{ROUNDS} alternating rounds of {ROUND_EVENTS} each")  # fmt: skip
        load = asyncio.run(queue_throughput.throughput(server.port, server.process.pid))  # prints its figures
        print(f"  -> {load.rate:,.0f} WebSocket events/s, server CPU {ms(load.server_cpu_each())} per event "
              f"(load generator {ms(load.client_cpu / max(load.completed, 1))})")  # fmt: skip


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall-clock figures grow with it)")
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # both apps run with this environment
    gradio, why_not = gradio_python()
    if gradio is None:
        print(f"Gradio 6.31 skipped: {why_not}")
    with tempfile.TemporaryDirectory(prefix="nbblocks-bench-") as tmp:
        folder = Path(tmp)
        os.environ["GRADIO_TEMP_DIR"] = str(folder / "gradio-cache")
        transport_floor(folder, side_by_side(folder, gradio))
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
