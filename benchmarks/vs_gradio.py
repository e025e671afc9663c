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
app is drawn and the network idle). Then nbblocks beside its transport's floors, bare tornado in
processes of their own driven by the same clients (`FLOOR_SERVER`, `queue_throughput.FLOOR_APP`),
each answering on its loop and from a thread pool (as a server running sync functions off its
loop must: the design's floor): the server CPU per ``/call`` beside tornado answering the same two
requests, in alternating rounds; the WebSocket click round trip beside a JSON echo and beside the
thread-pool floor, in alternating rounds; and events per second with 32 WebSocket sessions
(`queue_throughput`) beside the thread-pool floor.

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
#: the /call CPU beside its floors: rounds of `api.throughput` on each server in turn
CALL_ROUNDS = 3

#: the transport's floor: bare tornado answering a WebSocket JSON echo and the two /call
#: requests (a JSON reply with a new event id; the answer as one SSE frame), nothing else.
#: ``HAND_OFF`` False computes the answer on the loop; True in a thread pool, its result handed
#: back to the loop, as any server must that runs sync functions off its loop: the design's floor
FLOOR_SERVER = '''\
import asyncio, concurrent.futures, json, os, uuid
import tornado.web, tornado.websocket

HAND_OFF = {hand_off}
POOL = concurrent.futures.ThreadPoolExecutor(40)
ANSWERS = {{}}


def greet(data):
    return [f"Welcome to Gradio, {{data[0]}}!"]


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
        event_id = uuid.uuid4().hex
        data = json.loads(self.request.body)["data"]
        ANSWERS[event_id] = asyncio.wrap_future(POOL.submit(greet, data)) if HAND_OFF else greet(data)
        self.finish({{"event_id": event_id}})


class Answer(tornado.web.RequestHandler):
    async def get(self, api_name, event_id):
        answer = ANSWERS.pop(event_id)
        if HAND_OFF:
            answer = await answer
        self.set_header("Content-Type", "text/event-stream")
        self.finish(f"event: complete\\ndata: {{json.dumps(answer)}}\\n\\n")


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


def side_by_side(folder: Path, gradio: Path | None) -> None:
    """Every figure measured on both servers, nbblocks first, one figure at a time."""
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


def alternating_call_loads(ports: dict[str, int], pids: dict[str, int]) -> dict[str, list[api.Load]]:
    """`api.throughput` on each server in turn, `CALL_ROUNDS` times: this machine's drift between
    minutes moves them alike."""
    loads: dict[str, list[api.Load]] = {name: [] for name in ports}
    for _ in range(CALL_ROUNDS):
        for name, port in ports.items():
            loads[name].append(asyncio.run(api.throughput(port, pids[name])))
    return loads


def transport_floor(folder: Path) -> None:
    """nbblocks beside bare tornado: the /call path's CPU under the same load, the WebSocket
    round trip beside an echo, and the WebSocket events per second, each beside bare tornado
    answering from a thread pool."""
    files = {
        "floor": FLOOR_SERVER.format(hand_off=False),
        "call_hand_off": FLOOR_SERVER.format(hand_off=True),
        "click_hand_off": queue_throughput.FLOOR_APP.format(hand_off=True),
        "calls": NBBLOCKS_APP,
        "clicks": queue_throughput.HELLO_APP,
    }
    for name, source in files.items():
        (folder / f"{name}.py").write_text(source)
    with ExitStack() as running:
        servers = {name: running.enter_context(served.hello_server(folder / f"{name}.py")) for name in files}
        calls = ("floor", "call_hand_off", "calls")
        loads = alternating_call_loads({n: servers[n].port for n in calls}, {n: servers[n].process.pid for n in calls})
        cpu = {name: statistics.median(load.server_cpu_each() for load in loads[name]) for name in calls}
        print(f"server CPU per /call + SSE with {api.CLIENTS} clients, median of {CALL_ROUNDS} alternating rounds: "
              f"nbblocks {ms(cpu['calls'])}  [target <= 0.5 ms]; bare tornado answering the same two requests "
              f"{ms(cpu['floor'])} ({cpu['calls'] / cpu['floor']:.1f}x), or from a thread pool "
              f"{ms(cpu['call_hand_off'])} ({cpu['calls'] / cpu['call_hand_off']:.1f}x, the design's floor)")  # fmt: skip
        echo, hand_off_times, ours_times = alternating_round_trips(servers["floor"].port, servers["click_hand_off"].port,
                                                                   servers["clicks"].port)  # fmt: skip
        echo_p50, hand_off_p50, ours = (statistics.median(times) for times in (echo, hand_off_times, ours_times))
        print(f"WebSocket click -> status complete p50: {ms(ours)}; bare tornado WebSocket JSON echo p50: "
              f"{ms(echo_p50)} -> {ours / echo_p50:.2f}x the echo  [target <= 2x]; bare tornado answering "
              f"the click from a thread pool: {ms(hand_off_p50)} ({hand_off_p50 / echo_p50:.2f}x the echo); "
              f"{ROUNDS} alternating rounds of {ROUND_EVENTS} each")  # fmt: skip
        events = {}
        for name in ("clicks", "click_hand_off"):  # each prints its figures
            events[name] = asyncio.run(queue_throughput.throughput(servers[name].port, servers[name].process.pid))
        load, floor_load = events["clicks"], events["click_hand_off"]
        print(f"  -> {load.rate:,.0f} WebSocket events/s, server CPU {ms(load.server_cpu_each())} per event "
              f"(load generator {ms(load.client_cpu / max(load.completed, 1))}); bare tornado answering the "
              f"click from a thread pool: {floor_load.rate:,.0f}/s, server CPU {ms(floor_load.server_cpu_each())} "
              f"per event ({load.rate / floor_load.rate:.0%} of the design's floor)")  # fmt: skip


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall-clock figures grow with it)")
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # both apps run with this environment
    gradio, why_not = gradio_python()
    if gradio is None:
        print(f"Gradio 6.31 skipped: {why_not}")
    with tempfile.TemporaryDirectory(prefix="nbblocks-bench-") as tmp:
        folder = Path(tmp)
        os.environ["GRADIO_TEMP_DIR"] = str(folder / "gradio-cache")
        side_by_side(folder, gradio)
        transport_floor(folder)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
