"""API benchmarks: the curl path's round trip, its throughput under 32 clients, and how long the
official ``gradio_client.Client(url)`` takes to connect.

Run: ``.venv/bin/python benchmarks/api.py`` (gradio_client from the test extras).
Targets: ``POST /gradio_api/call/update`` + ``GET …/<event_id>`` to ``event: complete``, hello demo
on loopback, median ≤ 1 ms (Gradio 6.31: 8.8 ms); 32 concurrent clients on that path ≥ 1,000
calls/s on 2 cores (Gradio 6.31: 75–100); ``Client(url)`` construction median ≤ 67 ms (half of
Gradio's 134 ms).

The server is the hello demo as a user runs it, an ``app.py`` ending in ``demo.launch()`` in its
own process (``served.hello_server``). This script is the load generator, on 127.0.0.1 only. The
curl path is driven by a minimal HTTP/1.1 client on asyncio streams, one keep-alive connection per
client (the POST and its GET on the same connection, as ``curl url1 url2`` would), so the figures
are the server's and not an HTTP library's. One call = the POST and the whole SSE answer read to
its end. Throughput is a closed loop: each client calls again as soon as its previous answer
ended; calls are counted by when they ended, in a window after a warm-up.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from served import hello_app, hello_server, http_get

CLIENTS = 32
WARMUP_SECONDS = 2.0
MEASURE_SECONDS = 10.0
EXPECTED = b'event: complete\ndata: ["Welcome to Gradio, Ada!"]'

HELLO_APP = hello_app(api_name='"update"', concurrency_limit="None")


class Connection:
    """One keep-alive HTTP/1.1 connection: ``request`` sends and reads one whole response (by
    Content-Length, chunked, or to the close, after which it reconnects)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
        if body:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        assert self.reader is not None
        status_line, headers = await self._head()
        if "content-length" in headers:
            content = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            content = await self._chunks()
        else:
            content = await self.reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return int(status_line.split()[1]), content

    async def _head(self) -> tuple[str, dict[str, str]]:
        assert self.reader is not None
        raw = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *lines = raw.decode("latin-1").rstrip("\r\n").split("\r\n")
        return status_line, {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}

    async def _chunks(self) -> bytes:
        assert self.reader is not None
        content = bytearray()
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return bytes(content)
            content += await self.reader.readexactly(size)
            await self.reader.readexactly(2)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
            self.reader = self.writer = None


async def call_update(conn: Connection, body: bytes) -> bytes:
    """One curl-style call: POST /call/update, then GET its SSE answer to the end."""
    status, posted = await conn.request("POST", "/gradio_api/call/update", body)
    if status != 200:
        raise RuntimeError(f"POST /gradio_api/call/update: {status} {posted[:200]!r}")
    event_id = json.loads(posted)["event_id"]
    status, answer = await conn.request("GET", f"/gradio_api/call/update/{event_id}")
    if status != 200:
        raise RuntimeError(f"GET /gradio_api/call/update/{event_id}: {status} {answer[:200]!r}")
    return answer


async def round_trips(port: int, calls: int, warmup: int, time_limit: float) -> list[float]:
    conn = Connection(port)
    body = json.dumps({"data": ["Ada"]}).encode()
    times = []
    stop_at = time.perf_counter() + time_limit
    for i in range(warmup + calls):
        if time.perf_counter() > stop_at:
            break
        start = time.perf_counter()
        answer = await call_update(conn, body)
        elapsed = time.perf_counter() - start
        if i == 0 and EXPECTED not in answer:
            raise RuntimeError(f"unexpected answer: {answer!r}")
        if i >= warmup:
            times.append(elapsed)
    await conn.close()
    return times


async def caller(port: int, index: int, stop_at: float, done: list[tuple[float, float]]) -> None:
    conn = Connection(port)
    body = json.dumps({"data": ["Ada"]}).encode()
    checked = False
    while (sent := time.perf_counter()) < stop_at:
        answer = await call_update(conn, body)
        if not checked:
            if EXPECTED not in answer:
                raise RuntimeError(f"client {index}: unexpected answer {answer!r}")
            checked = True
        done.append((sent, time.perf_counter()))
    await conn.close()


@dataclass
class Load:
    """What a closed loop of `CLIENTS` callers measured in its window."""

    rate: float  # calls (or events) completed per second
    p50: float  # seconds from sending to the end of the answer
    p99: float
    server_cpu: float  # CPU seconds of the server process in the window, all threads
    client_cpu: float  # CPU seconds of the load generator (this process) in the window
    completed: int

    def server_cpu_each(self) -> float:
        return self.server_cpu / max(self.completed, 1)


async def throughput(port: int, server_pid: int) -> Load:
    """Calls per second under `CLIENTS` closed-loop callers, and the server's CPU meanwhile."""
    done: list[tuple[float, float]] = []
    start = time.perf_counter()
    stop_at = start + WARMUP_SECONDS + MEASURE_SECONDS
    window = (start + WARMUP_SECONDS, stop_at)
    tasks = [asyncio.create_task(caller(port, i, stop_at, done)) for i in range(CLIENTS)]
    await asyncio.sleep(WARMUP_SECONDS)  # the load runs meanwhile; a window, not synchronisation
    cpu_before, own_cpu = cpu_seconds(server_pid), time.process_time()
    await asyncio.wait_for(asyncio.gather(*tasks), MEASURE_SECONDS + 30)
    server_cpu = cpu_seconds(server_pid) - cpu_before
    own_cpu = time.process_time() - own_cpu
    in_window = [end - sent for sent, end in done if window[0] <= end <= window[1]]
    rate = len(in_window) / MEASURE_SECONDS
    in_window.sort()
    p50, p99 = statistics.median(in_window), in_window[int(0.99 * len(in_window))]
    return Load(rate, p50, p99, server_cpu, own_cpu, len(in_window))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far, all threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def client_construction(port: int, runs: int, warmup: int) -> None:
    """Median wall time of ``gradio_client.Client(url)`` (config + info + its setup), each closed."""
    times, imported = client_times(port, runs, warmup)
    print(f"gradio_client.Client(url) construction (median of {len(times)}, after {warmup} warm-up; GET /config + "
          f"GET /gradio_api/info + the client's setup): {statistics.median(times) * 1e3:.1f} ms "
          f"(min {times[0] * 1e3:.1f}, max {times[-1] * 1e3:.1f}; import gradio_client {imported:.2f} s once)  "
          f"[target <= 67 ms, half of Gradio's 134 ms]")  # fmt: skip
    requests_only(port, runs)


def client_times(port: int, runs: int, warmup: int) -> tuple[list[float], float]:
    """Seconds of each ``gradio_client.Client(url)`` construction (sorted; the first one's client
    checked with a predict), and of importing gradio_client."""
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")  # no thread reaching the internet
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import_start = time.perf_counter()
    from gradio_client import Client

    imported = time.perf_counter() - import_start
    url = f"http://127.0.0.1:{port}/"
    times = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        client = Client(url, verbose=False, download_files=False)
        elapsed = time.perf_counter() - start
        if i == 0:
            assert client.predict("Ada", api_name="/update") == "Welcome to Gradio, Ada!"
        client.close()
        client.executor.shutdown(wait=False)
        if i >= warmup:
            times.append(elapsed)
    times.sort()
    return times, imported


def requests_only(port: int, runs: int) -> None:
    """For the report, where the construction time goes: the two GETs alone, each as the client
    does them (``httpx.get``: a new httpx client, hence a new SSL context, and a new connection),
    and the same on a raw socket (the server's share)."""
    import httpx

    for path in ("/config", "/gradio_api/info?serialize=False"):
        through_httpx, raw, size = [], [], 0
        for _ in range(runs):
            start = time.perf_counter()
            size = len(httpx.get(f"http://127.0.0.1:{port}{path}").content)
            through_httpx.append(time.perf_counter() - start)
            start = time.perf_counter()
            http_get(port, path)
            raw.append(time.perf_counter() - start)
        print(f"  GET {path} ({size} B), median of {runs}: httpx.get {statistics.median(through_httpx) * 1e3:.2f} ms, "
              f"raw socket {statistics.median(raw) * 1e3:.2f} ms")  # fmt: skip


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall-clock figures grow with it)")
    with tempfile.TemporaryDirectory(prefix="nbblocks-bench-") as tmp:
        app_file = Path(tmp) / "app.py"
        app_file.write_text(HELLO_APP)
        with hello_server(app_file) as served:
            times = asyncio.run(round_trips(served.port, calls=2000, warmup=200, time_limit=60))
            times.sort()
            p90, p99 = times[int(0.9 * len(times))], times[int(0.99 * len(times))]
            print(f"POST /gradio_api/call/update + GET its SSE to event: complete, hello demo on loopback "
                  f"(one keep-alive connection, median of {len(times)}): {statistics.median(times) * 1e3:.3f} ms "
                  f"(p90 {p90 * 1e3:.3f}, p99 {p99 * 1e3:.3f})  [target <= 1 ms]")  # fmt: skip
            load = asyncio.run(throughput(served.port, served.process.pid))
            print(f"{CLIENTS} concurrent clients, POST /call + SSE answer, closed loop, {MEASURE_SECONDS:.0f} s "
                  f"window after {WARMUP_SECONDS:.0f} s warm-up: {load.rate:,.0f} calls/s (latency p50 "
                  f"{load.p50 * 1e3:.2f} ms, p99 {load.p99 * 1e3:.2f} ms; server CPU {load.server_cpu / MEASURE_SECONDS:.2f} "
                  f"cores, {load.server_cpu_each() * 1e3:.2f} ms per call; load generator "
                  f"{load.client_cpu / MEASURE_SECONDS:.2f} cores)  [target >= 1,000 calls/s on 2 cores]")  # fmt: skip
            client_construction(served.port, runs=30, warmup=3)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    sys.exit(main())
