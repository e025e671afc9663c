"""Served-mode benchmarks: start-up, idle memory, memory per session, event round trip, page weight.

Run: ``.venv/bin/python benchmarks/served.py`` (after ``bash .ci/setup`` built the bundle).
Targets: ``python app.py`` to the first 200 on ``/`` ≤ 0.30 s (whole process), idle server RSS
≤ 35 MiB, memory per idle session beyond its values ≤ 2 KB, WebSocket event round trip median
≤ 1 ms, a page load (HTML + JS + CSS, gzip as served) ≤ 30 KB.

The server is the hello demo as a user runs it: an ``app.py`` ending in ``demo.launch()``, started
as its own process. This script is the load generator, in another process, on 127.0.0.1 only. The
per-session figure is measured in this process instead, with tracemalloc around the server's own
``Server.attach``: RSS over a thousand sessions is too coarse to tell 2 KB from 4 KB, and the
tornado connection a page holds while connected is not the session's cost.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

KB = 1024
MIB = 1024 * 1024

def hello_app(**click_options: str) -> str:
    """The spec's hello demo as an app file ending in ``demo.launch()``; ``click_options`` are
    extra listener arguments (their Python source), e.g. ``concurrency_limit="None"``."""
    extra = "".join(f", {name}={value}" for name, value in click_options.items())
    return f'''\
import nbblocks as gr


def update(name):
    return f"Welcome to Gradio, {{name}}!"


with gr.Blocks() as demo:
    gr.Markdown("Start typing below and then click **Run** to see the output.")
    with gr.Row():
        inp = gr.Textbox(placeholder="What is your name?")
        out = gr.Textbox()
    btn = gr.Button("Run")
    btn.click(fn=update, inputs=inp, outputs=out{extra})

demo.launch()
'''


HELLO_APP = hello_app()

# what a browser sends when it opens the page's WebSocket (Chromium on Linux)
BROWSER_HEADERS = {
    "Host": "127.0.0.1:7860",
    "Connection": "Upgrade",
    "Pragma": "no-cache",
    "Cache-Control": "no-cache",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    "Upgrade": "websocket",
    "Origin": "http://127.0.0.1:7860",
    "Sec-WebSocket-Version": "13",
    "Accept-Encoding": "gzip, deflate, br, zstd",
    "Accept-Language": "en-US,en;q=0.9",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits",
}
HANDSHAKE_HEADERS = "".join(f"{name}: {value}\r\n" for name, value in BROWSER_HEADERS.items())


# --- the server process ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(port: int, path: str, *, gzip: bool = False, timeout: float = 10.0) -> tuple[int, dict[str, str], bytes, int]:
    """(status, headers, body as sent, bytes received on the wire) for one HTTP/1.1 request.

    A raw socket rather than a client library, so the byte count is exactly what crossed the wire
    and nothing is decompressed on the way."""
    encoding = "Accept-Encoding: gzip, deflate, br\r\n" if gzip else ""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{encoding}Connection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(request.encode())
        received = bytearray()
        while chunk := conn.recv(65536):
            received += chunk
    head, _, body = bytes(received).partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in header_lines)}
    if headers.get("transfer-encoding") == "chunked":
        body = dechunk(body)
    return int(status_line.split()[1]), headers, body, len(received)


def dechunk(data: bytes) -> bytes:
    out, rest = bytearray(), data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2 :]
    return bytes(out)


def rss_bytes(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} for process {pid}")


@dataclass
class Served:
    """A running ``python app.py``: its process, port, and the seconds until its first 200 on ``/``."""

    process: subprocess.Popen
    port: int
    seconds_to_page: float
    cpu_seconds: float = 0.0  # user + system time of the whole process, known once it was killed


@contextmanager
def hello_server(app_file: Path, deadline_seconds: float = 10.0, python: str = sys.executable) -> Iterator[Served]:
    """Start ``python app.py`` and wait for the first 200 on ``/``; kill the process on exit.

    The clock starts just before the process is spawned; the port is polled with back-to-back
    connection attempts (a refused connect costs microseconds), and once one is accepted the page
    is requested on it."""
    port = free_port()
    env = {**os.environ, "GRADIO_SERVER_PORT": str(port)}
    start = time.perf_counter()
    process = subprocess.Popen([python, app_file.name], cwd=app_file.parent, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    served = Served(process, port, 0.0)
    try:
        served.seconds_to_page = wait_for_page(process, port, start, deadline_seconds)
        if not listens_on(process.pid, port):
            raise PortTaken(f"another process answered on port {port}")
        yield served
    finally:
        if process.returncode is None:
            process.kill()
            _, _, usage = os.wait4(process.pid, 0)  # rather than wait(): the child's CPU time too
            process.returncode = -9
            served.cpu_seconds = usage.ru_utime + usage.ru_stime
        process.stderr.close()  # type: ignore[union-attr]


class PortTaken(RuntimeError):
    """The free port we picked was bound by someone else before our server bound it."""


def listens_on(pid: int, port: int) -> bool:
    """Whether process ``pid`` holds the socket listening on ``port`` (loopback, IPv4 or IPv6)."""
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":  # 0A: LISTEN
                listening.add(f"socket:[{fields[9]}]")
    fds = Path(f"/proc/{pid}/fd")
    return any(os.readlink(fd) in listening for fd in fds.iterdir())


def wait_for_page(process: subprocess.Popen, port: int, start: float, deadline_seconds: float) -> float:
    deadline = start + deadline_seconds
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app.py exited with {process.returncode}: {process.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            status, *_ = http_get(port, "/", timeout=deadline - time.perf_counter())
        except OSError:  # not listening yet (or the half-started server reset us): try again
            continue
        if status == 200:
            return time.perf_counter() - start
    raise RuntimeError(f"no 200 on / within {deadline_seconds} s")


# --- WebSocket client ----------------------------------------------------------------------------


class PageSocket:
    """A page's WebSocket, read one protocol message at a time (a frame may carry a list)."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self._pending: deque[dict] = deque()

    async def write_message(self, text: str) -> None:
        await self.conn.write_message(text)

    async def next(self, timeout: float | None = None) -> dict:
        """The next message; ConnectionError when the server closed the socket."""
        while not self._pending:
            reading = self.conn.read_message()
            raw = await (reading if timeout is None else asyncio.wait_for(reading, timeout))
            if raw is None:
                raise ConnectionError("the server closed the WebSocket")
            frame = json.loads(raw)
            self._pending.extend(frame if isinstance(frame, list) else [frame])
        return self._pending.popleft()


async def open_session(port: int, session_hash: str) -> tuple[PageSocket, dict]:
    """A page's WebSocket, after ``ready`` got its ``render``: (socket, render message)."""
    from tornado.websocket import websocket_connect

    conn = await asyncio.wait_for(websocket_connect(f"ws://127.0.0.1:{port}/ws?session={session_hash}"), 10)
    page = PageSocket(conn)
    await page.write_message(json.dumps({"type": "ready"}))
    while (message := await page.next(10))["type"] != "render":
        pass
    return page, message


async def close(conn) -> None:
    """Close a client WebSocket (or `PageSocket`) and wait (briefly) for the server's closing frame."""
    conn = getattr(conn, "conn", conn)
    conn.close()
    for _ in range(100):  # messages still in flight, then None once closed
        try:
            if await asyncio.wait_for(conn.read_message(), 2) is None:
                return
        except TimeoutError:
            return


def hello_ids(render: dict) -> tuple[int, int, int]:
    """(name textbox, output textbox, Run button) ids from the render tree."""
    found: list[dict] = []

    def walk(node: dict) -> None:
        found.append(node)
        for child in node.get("children", []):
            walk(child)

    walk(render["tree"])
    textboxes = [node["id"] for node in found if node["type"] == "textbox"]
    button = next(node["id"] for node in found if node["type"] == "button")
    return textboxes[0], textboxes[1], button


async def round_trips(port: int, events: int, warmup: int, time_limit: float) -> tuple[list[float], int]:
    """Seconds from sending each click to receiving its ``status`` complete, on one connection."""
    conn, render = await open_session(port, "bench-roundtrip")
    name_id, output_id, button_id = hello_ids(render)
    await conn.write_message(json.dumps({"type": "value", "id": name_id, "value": "Ada"}))
    click = json.dumps({"type": "trigger", "id": button_id, "event": "click"})
    times: list[float] = []
    received = 0
    stop_at = time.perf_counter() + time_limit
    for i in range(warmup + events):
        if time.perf_counter() > stop_at:
            break
        start = time.perf_counter()
        await conn.write_message(click)
        while True:
            parsed = await conn.next(5)
            received += 1
            if parsed["type"] == "update" and i == 0:
                assert parsed["updates"][0] == {"id": output_id, "props": {"value": "Welcome to Gradio, Ada!"}}, parsed
            if parsed["type"] == "status" and parsed["stage"] == "complete":
                break
        if i >= warmup:
            times.append(time.perf_counter() - start)
    await close(conn)
    return times, received


async def hold_sessions(port: int, count: int, server_pid: int, time_limit: float) -> tuple[int, int]:
    """Open ``count`` rendered sessions, read the server's RSS while they are idle, close them.

    Returns (sessions opened, RSS growth in bytes)."""
    gc.collect()
    await asyncio.sleep(0.3)
    before = rss_bytes(server_pid)
    connections = []
    stop_at = time.perf_counter() + time_limit
    try:
        for i in range(count):
            if time.perf_counter() > stop_at:
                break
            conn, _ = await open_session(port, f"bench-idle-{i:05d}")
            connections.append(conn)
        await asyncio.sleep(0.5)
        after = rss_bytes(server_pid)
    finally:
        await asyncio.gather(*(close(conn) for conn in connections))
    return len(connections), after - before


# --- memory per session, in process ------------------------------------------------------------


class _Connection:
    """Enough of tornado's HTTP1Connection for a handler to be built without a socket."""

    def set_close_callback(self, callback: object) -> None:
        pass


def session_memory(count: int) -> None:
    """Bytes each idle session holds beyond its values, through the server's own ``attach``.

    Two figures. Connected: what ``attach`` allocates (the Session, its `gr.Request`, the
    SessionLink, the store and runner-table entries), not the page that is already there (the
    tornado handler and its handshake request: the connection's cost, gone when the page closes).
    Detached: what is left once the pages closed and the sessions wait out their reconnect grace;
    this also counts the header strings the `gr.Request` shares with the handshake while connected."""
    import tornado.httputil as httputil

    import nbblocks as gr
    from nbblocks.server import Server, ServerOptions
    from nbblocks.server.socket import SessionSocket

    with gr.Blocks() as demo:
        gr.Markdown("Start typing below and then click **Run** to see the output.")
        with gr.Row():
            inp = gr.Textbox(placeholder="What is your name?")
            out = gr.Textbox()
        gr.Button("Run").click(fn=lambda name: f"Welcome to Gradio, {name}!", inputs=inp, outputs=out)
    server = Server(demo, ServerOptions.from_launch(quiet=True))

    def page(session_hash: str) -> SessionSocket:
        """A page's WebSocket handler as tornado builds it for a browser's handshake."""
        start_line = httputil.RequestStartLine("GET", f"/ws?session={session_hash}", "HTTP/1.1")
        headers = httputil.HTTPHeaders.parse(HANDSHAKE_HEADERS)  # parsed per connection, as tornado does
        request = httputil.HTTPServerRequest(start_line=start_line, headers=headers, connection=_Connection())
        request.remote_ip = "127.0.0.1"
        handler = SessionSocket(server.application, request)
        handler._current_user = ""  # what the (absent) login check gives every visitor
        return handler

    try:
        server.attach("bench-warm", page("bench-warm"))  # first use fills caches: not per session
        hashes = [f"bench-{i:06d}" for i in range(count)]
        gc.collect()
        tracemalloc.start(1)
        base = tracemalloc.take_snapshot()
        pages = [page(session_hash) for session_hash in hashes]
        gc.collect()
        pages_built = tracemalloc.take_snapshot()
        for session_hash, handler in zip(hashes, pages):
            server.attach(session_hash, handler)
        gc.collect()
        connected = tracemalloc.take_snapshot()
        for session_hash, handler in zip(hashes, pages):
            server.detach(server.links[session_hash], handler)
        del pages, handler
        gc.collect()
        detached = tracemalloc.take_snapshot()
        values = [demo.initial_values() for _ in range(count)]
        with_values = tracemalloc.take_snapshot()
        values_each = (_grown(with_values, detached) - sys.getsizeof(values)) / count
        values_lines = {stat.traceback[0] for stat in with_values.compare_to(detached, "lineno") if stat.size_diff > 0}
        tracemalloc.stop()
        assert len(server.store) == count + 1 and len(server.store._idle_pages) == count
    finally:
        server.close()

    print(f"memory per idle session beyond its values (tracemalloc, {count} sessions of the hello demo through "
          f"Server.attach; counts Session + gr.Request + SessionLink + store entries, not the values dict "
          f"({values_each:.0f} B each) nor the tornado connection):")  # fmt: skip
    print(f"  page connected: {_grown(connected, pages_built) / count - values_each:.0f} B  [target <= 2048 B]")
    print(f"  page closed (reconnect grace; the gr.Request's header strings now its own): "
          f"{_grown(detached, base) / count - values_each:.0f} B  [target <= 2048 B]")  # fmt: skip
    print("  where the connected figure goes (bytes per session, by allocating line):")
    for stat in connected.compare_to(pages_built, "lineno")[:10]:
        if stat.size_diff / count >= 40:
            frame = stat.traceback[0]
            note = "  (the values dict: not counted)" if frame in values_lines else ""
            print(f"    {stat.size_diff / count:6.0f} B  {_short(frame.filename)}:{frame.lineno}  {_source(frame)}{note}")


def _grown(after: tracemalloc.Snapshot, before: tracemalloc.Snapshot) -> int:
    return sum(stat.size_diff for stat in after.compare_to(before, "filename"))


def _short(filename: str) -> str:
    for marker in ("/nbblocks/", "/site-packages/", "/lib/python"):
        if marker in filename:
            return filename[filename.index(marker) + 1 :]
    return filename


def _source(frame: tracemalloc.Frame) -> str:
    import linecache

    return linecache.getline(frame.filename, frame.lineno).strip()[:90]


# --- the report --------------------------------------------------------------------------------


def startup_runs(app_file: Path, runs: int, python: str = sys.executable, deadline_seconds: float = 10.0) -> tuple[list[float], list[float]]:
    """(wall seconds to the first 200, CPU seconds of the server process) for each run."""
    wall, cpu = [], []
    for _ in range(runs + 5):  # a few spare runs for a port someone else took meanwhile
        try:
            with hello_server(app_file, deadline_seconds, python) as served:
                pass
        except PortTaken:
            continue
        wall.append(served.seconds_to_page)
        cpu.append(served.cpu_seconds)
        if len(wall) == runs:
            break
    return wall, cpu


def bare_python(runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_weight(port: int) -> None:
    """Print the bytes on the wire for the page, its JS and its CSS, gzip accepted."""
    total = 0
    parts = []
    for path in ("/", "/static/nbblocks.js", "/static/nbblocks.css"):
        status, headers, body, wire = http_get(port, path, gzip=True)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        encoding = headers.get("content-encoding", "identity")
        parts.append(f"{path} {wire} B ({len(body)} B body, {encoding})")
        total += wire
    print(f"page load, gzip as served (HTML + JS + CSS, bytes on the wire incl. HTTP headers): "
          f"{total / KB:.1f} KB  [target <= 30 KB]")  # fmt: skip
    print("  " + "; ".join(parts))


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall-clock figures grow with it)")
    with tempfile.TemporaryDirectory(prefix="nbblocks-bench-") as tmp:
        app_file = Path(tmp) / "app.py"
        app_file.write_text(HELLO_APP)
        startup_runs(app_file, 1)  # warm the page cache and the .pyc files
        wall, cpu = startup_runs(app_file, 10)
        bare = bare_python(10)
        print(f"python app.py -> first 200 on / (whole process, median of 10): {statistics.median(wall):.3f} s "
              f"(min {min(wall):.3f}, max {max(wall):.3f}; server CPU time median {statistics.median(cpu):.3f} s); "
              f"python -c pass: {bare:.3f} s  [target <= 0.30 s]")  # fmt: skip

        with hello_server(app_file) as served:
            page_weight(served.port)  # also the page's worth of requests before the idle RSS
            render = asyncio.run(_render_once(served.port))
            time.sleep(0.5)
            pid = served.process.pid
            print(f"server RSS when idle (VmRSS after the first 200, a page load and one rendered session; "
                  f"render message {len(render)} B): {rss_bytes(pid) / MIB:.1f} MiB "
                  f"(peak {rss_bytes(pid, 'VmHWM') / MIB:.1f} MiB)  [target <= 35 MiB]")  # fmt: skip

            times, received = asyncio.run(round_trips(served.port, events=2000, warmup=200, time_limit=60))
            times.sort()
            p90, p99 = times[int(0.9 * len(times))], times[int(0.99 * len(times))]
            print(f"WebSocket click -> status complete, hello demo on loopback (one connection, median of "
                  f"{len(times)}): {statistics.median(times) * 1e3:.3f} ms (p90 {p90 * 1e3:.3f}, p99 {p99 * 1e3:.3f}; "
                  f"{received} messages received)  [target <= 1 ms]")  # fmt: skip

            opened, grown = asyncio.run(hold_sessions(served.port, 1000, pid, time_limit=60))
            print(f"server RSS per open page ({opened} WebSocket pages rendered and idle; session + tornado "
                  f"connection, handler, handshake request, buffers; no target, context for the next figure): "
                  f"{grown / opened / KB:.1f} KB")  # fmt: skip

    session_memory(1000)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


async def _render_once(port: int) -> str:
    conn, render = await open_session(port, "bench-firstpage")
    await close(conn)
    return json.dumps(render)


if __name__ == "__main__":
    main()
