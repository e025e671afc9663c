"""Queue benchmarks: served event throughput under 32 sessions, and queue overhead per event.

Run: ``.venv/bin/python benchmarks/queue_throughput.py``.
Targets: ≥ 4,000 events/s through the served WebSocket path (hello demo, 32 sessions,
``concurrency_limit=None``, 2 cores); enqueue to fn start, idle, median ≤ 100 µs.

Throughput: the server is the hello demo as a user runs it, an ``app.py`` ending in
``demo.launch()`` in its own process; this script is the load generator, one asyncio process on
127.0.0.1 holding 32 WebSockets (32 sessions). Each session clicks again as soon as its previous
event's ``status`` complete arrives (a closed loop: the rate is what the server sustains, not
what we offer). The click uses ``trigger_mode="multiple"``: ``complete`` is sent before the
session counts the event as done, so under "once" a click sent the moment it arrives could be
dropped. Events are counted by when their ``complete`` arrived, in a window after a warm-up.

The floors: the same load generator against bare tornado speaking just enough of the protocol
(`FLOOR_APP`), no engine: answering on its loop (what no server on tornado's WebSocket can beat),
and answering from a thread pool (what no server that runs sync functions off its loop can beat).

Queue overhead: in this process, one event at a time on an idle queue, from just before
``EventQueue.submit`` (and, for context, from just before ``Session.handle``) to the first line of
the user function, waiting for each event to finish before the next.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from queue import SimpleQueue

import served  # benchmarks/ is this script's sys.path[0]: the shared server and client helpers
from api import Load
from foundation import build_hello

SESSIONS = 32
WARMUP_SECONDS = 2.0
MEASURE_SECONDS = 10.0

HELLO_APP = served.hello_app(concurrency_limit="None", trigger_mode='"multiple"')

#: the transport's floor for the same load: bare tornado speaking just enough of the protocol
#: (a render of the hello ids; each click answered by the three messages nbblocks sends, in one
#: frame: status running, the update, status complete), no engine. ``HAND_OFF`` False answers on
#: the loop; True hands each click to a thread pool and the answer back to the loop, as any
#: server must that runs sync functions off its loop (nbblocks, Gradio): the design's floor.
FLOOR_APP = """\
import asyncio, concurrent.futures, json, os
import tornado.ioloop, tornado.web, tornado.websocket

HAND_OFF = {hand_off}
POOL = concurrent.futures.ThreadPoolExecutor(40)
TREE = {{"id": 0, "type": "blocks", "props": {{}}, "children": [
    {{"id": 1, "type": "textbox", "props": {{}}}}, {{"id": 2, "type": "textbox", "props": {{}}}},
    {{"id": 3, "type": "button", "props": {{}}}}]}}


def answer(event, name):
    status = {{"type": "status", "event": event, "outputs": [2], "show_progress": "full"}}
    update = {{"id": 2, "props": {{"value": f"Welcome to Gradio, {{name}}!"}}}}
    return json.dumps([{{**status, "stage": "running"}}, {{"type": "update", "updates": [update], "event": event}},
                       {{**status, "stage": "complete"}}])


class Page(tornado.web.RequestHandler):
    def get(self):
        self.write("ok")


class Session(tornado.websocket.WebSocketHandler):
    def open(self):
        self.set_nodelay(True)
        self.name, self.event = "", 0
        self.loop = tornado.ioloop.IOLoop.current()

    def on_message(self, message):
        msg = json.loads(message)
        if msg["type"] == "ready":
            self.write_message(json.dumps({{"type": "render", "tree": TREE, "listeners": [[3, "click"]]}}))
        elif msg["type"] == "value":
            self.name = msg["value"]
        elif msg["type"] == "trigger":
            self.event += 1
            if HAND_OFF:
                POOL.submit(self.answer_from_thread, self.event, self.name)
            else:
                self.write_message(answer(self.event, self.name))

    def answer_from_thread(self, event, name):
        self.loop.add_callback(self.write_message, answer(event, name))


async def main():
    tornado.web.Application([(r"/", Page), (r"/ws", Session)]).listen(int(os.environ["GRADIO_SERVER_PORT"]), "127.0.0.1")
    await asyncio.Event().wait()


asyncio.run(main())
"""
FLOORS = {
    "bare tornado answering each click at once, on its loop": FLOOR_APP.format(hand_off=False),
    "bare tornado answering each click from a thread pool (the design's floor)": FLOOR_APP.format(hand_off=True),
}


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """(p50, p90, p99) of ``values``."""
    ordered = sorted(values)
    return statistics.median(ordered), ordered[int(0.9 * len(ordered))], ordered[int(0.99 * len(ordered))]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far, all threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- throughput, served ------------------------------------------------------------------------


async def clicker(port: int, index: int, stop_at: float, done: list[tuple[float, float]], kinds: Counter[str]) -> None:
    """One session clicking in a closed loop until ``stop_at``; appends (sent, completed) times
    and counts the messages received by kind."""
    conn, render = await served.open_session(port, f"{index:016x}")
    name_id, output_id, button_id = served.hello_ids(render)
    await conn.write_message(json.dumps({"type": "value", "id": name_id, "value": f"Ada{index}"}))
    click = json.dumps({"type": "trigger", "id": button_id, "event": "click"})
    expected = {"id": output_id, "props": {"value": f"Welcome to Gradio, Ada{index}!"}}
    checked = False
    while (sent := time.perf_counter()) < stop_at:
        await conn.write_message(click)
        while True:
            # no wait_for per message (it costs the load generator a timer each); the whole run
            # has one deadline instead, in throughput()
            parsed = await conn.next()
            kinds[_kind(parsed)] += 1
            if parsed["type"] == "update" and not checked:
                assert parsed["updates"][0] == expected, parsed
                checked = True
            elif parsed["type"] == "status" and parsed["stage"] in ("complete", "error"):
                break
        if parsed["stage"] == "error":
            raise RuntimeError(f"event failed: {parsed}")
        done.append((sent, time.perf_counter()))
    await served.close(conn)


def _kind(message: dict) -> str:
    if message["type"] != "status":
        return message["type"]
    return f"status {message['stage']}" + (" with place in line" if "position" in message else "")


async def throughput(port: int, server_pid: int) -> Load:
    done: list[tuple[float, float]] = []
    start = time.perf_counter()
    window_start = start + WARMUP_SECONDS
    window_end = window_start + MEASURE_SECONDS
    kinds: Counter[str] = Counter()
    clicking = asyncio.gather(*(clicker(port, i, window_end, done, kinds) for i in range(SESSIONS)))
    await asyncio.sleep(max(0.0, window_start - time.perf_counter()))
    cpu_server, cpu_client, measured_from = cpu_seconds(server_pid), time.process_time(), time.perf_counter()
    await asyncio.sleep(max(0.0, window_end - time.perf_counter()))
    cpu_server = cpu_seconds(server_pid) - cpu_server
    cpu_client = time.process_time() - cpu_client
    elapsed = time.perf_counter() - measured_from
    await asyncio.wait_for(clicking, 60)

    in_window = [(sent, completed) for sent, completed in done if window_start <= completed < window_end]
    rate = len(in_window) / MEASURE_SECONDS
    p50, p90, p99 = percentiles([completed - sent for sent, completed in in_window])
    print(f"hello click events through the served WebSocket path ({SESSIONS} sessions, closed loop, "
          f"concurrency_limit=None, load generator in this process on loopback; {len(in_window)} events "
          f"completed in {MEASURE_SECONDS:.0f} s after {WARMUP_SECONDS:.0f} s warm-up): "
          f"{rate:,.0f} events/s  [target >= 4,000 events/s, load generator included]")  # fmt: skip
    print(f"  click -> status complete per event: p50 {p50 * 1e3:.2f} ms, p90 {p90 * 1e3:.2f} ms, "
          f"p99 {p99 * 1e3:.2f} ms")
    print("  messages received per event: " + ", ".join(f"{kind} {count / len(done):.2f}" for kind, count in kinds.most_common()))
    print(f"  CPU in the window: server {cpu_server / elapsed:.0%} of a core "
          f"({cpu_server / max(len(in_window), 1) * 1e6:.0f} us per event), load generator "
          f"{cpu_client / elapsed:.0%} ({cpu_client / max(len(in_window), 1) * 1e6:.0f} us per event)")  # fmt: skip
    return Load(rate, p50, p99, cpu_server, cpu_client, len(in_window))


# --- queue overhead, in process ----------------------------------------------------------------


def queue_overhead(events: int, warmup: int) -> None:
    from nbblocks.sessions import Session

    fn_started = 0.0

    def update(name: str) -> str:
        nonlocal fn_started
        fn_started = time.perf_counter()
        return f"Welcome to Gradio, {name}!"

    demo, inp, btn = build_hello(update, concurrency_limit=None, trigger_mode="multiple")

    queue = demo.event_queue()
    submitted = 0.0
    submit = queue.submit

    def timed_submit(job):
        nonlocal submitted
        submitted = time.perf_counter()
        return submit(job)

    queue.submit = timed_submit  # type: ignore[method-assign]  # the session looks it up per event
    # emit serialises each message as the served transport does on the calling thread
    session = Session(demo, lambda message: json.dumps(message), session_hash="0123456789abcdef")
    session.handle(json.dumps({"type": "value", "id": inp._id, "value": "Ada"}))
    click = json.dumps({"type": "trigger", "id": btn._id, "event": "click"})

    from_submit, from_handle = [], []
    for i in range(warmup + events):
        before = time.perf_counter()
        session.handle(click)
        if not queue.join(5):
            raise RuntimeError("an event did not finish within 5 s")
        if i >= warmup:
            from_submit.append(fn_started - submitted)
            from_handle.append(fn_started - before)
    queue.close()

    p50, p90, p99 = percentiles(from_submit)
    print(f"queue overhead, EventQueue.submit -> first line of fn (idle queue, one event at a time, "
          f"{events} events): median {p50 * 1e6:.1f} us (p90 {p90 * 1e6:.1f}, p99 {p99 * 1e6:.1f})  "
          f"[target <= 100 us]")  # fmt: skip
    p50, p90, p99 = percentiles(from_handle)
    print(f"  from Session.handle(trigger text) instead (adds parsing, the Job, the pending status): "
          f"median {p50 * 1e6:.1f} us (p90 {p90 * 1e6:.1f}, p99 {p99 * 1e6:.1f})")  # fmt: skip
    p50, _, _ = percentiles(thread_handoff(events))
    print(f"  context: waking a sleeping thread as the queue wakes a worker, on this machine: "
          f"median {p50 * 1e6:.1f} us")  # fmt: skip


def thread_handoff(rounds: int) -> list[float]:
    """Seconds from waking a sleeping thread to its running, as the queue wakes an idle worker
    (a token put on a `queue.SimpleQueue` it waits on): the floor of any thread-based queue."""
    tokens: SimpleQueue[float | None] = SimpleQueue()
    woke = threading.Event()
    times: list[float] = []

    def waiter() -> None:
        while (sent := tokens.get()) is not None:
            times.append(time.perf_counter() - sent)
            woke.set()

    thread = threading.Thread(target=waiter, daemon=True)
    thread.start()
    for _ in range(rounds):
        woke.clear()
        tokens.put(time.perf_counter())
        woke.wait(5)
    tokens.put(None)
    thread.join(5)
    return times


# --- the report --------------------------------------------------------------------------------


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall-clock figures grow with it)")
    with tempfile.TemporaryDirectory(prefix="nbblocks-bench-") as tmp:
        app_file = Path(tmp) / "app.py"
        app_file.write_text(HELLO_APP)
        with served.hello_server(app_file) as server:
            asyncio.run(asyncio.wait_for(throughput(server.port, server.process.pid),
                                         WARMUP_SECONDS + MEASURE_SECONDS + 90))  # fmt: skip
        floor_file = Path(tmp) / "floor.py"
        for floor_name, floor_app in FLOORS.items():
            floor_file.write_text(floor_app)
            print(f"the same load on {floor_name}:")
            with served.hello_server(floor_file) as floor:
                asyncio.run(asyncio.wait_for(throughput(floor.port, floor.process.pid), WARMUP_SECONDS + MEASURE_SECONDS + 90))
    queue_overhead(events=5000, warmup=500)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
