"""Talking to a served app over real loopback sockets: HTTP with httpx or raw bytes, the session
WebSocket with a small synchronous client (websocket-client), waiting with deadlines, and what a
served app holds (`Footprint`), to check that it returns to a baseline after a fault."""

from __future__ import annotations

import json
import os
import socket
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass, fields
from typing import Any
from urllib.parse import urlsplit

import httpx
import websocket

from tests.helpers import frame_messages

TIMEOUT = 10.0


class Refused(Exception):
    """The WebSocket handshake was answered with ``status`` instead of 101."""

    def __init__(self, status: int) -> None:
        super().__init__(f"handshake refused with HTTP {status}")
        self.status = status


class Closed(Exception):
    """The server closed the WebSocket with ``code``."""

    def __init__(self, code: int | None, reason: str = "") -> None:
        super().__init__(f"closed with {code}: {reason}")
        self.code = code
        self.reason = reason


class Socket:
    """One page's connection: ``send`` protocol messages, ``recv`` the decoded answers."""

    def __init__(
        self,
        base_url: str,
        session: str,
        *,
        query: str = "",
        origin: str | None = None,
        cookies: httpx.Cookies | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        ws_url = base_url.replace("http", "ws", 1).rstrip("/") + f"/ws?session={session}{query}"
        options: dict[str, Any] = {"timeout": TIMEOUT, "header": [f"{k}: {v}" for k, v in (headers or {}).items()]}
        if origin is not None:
            options["origin"] = origin
        if cookies:
            options["cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        self.session = session
        #: messages of a frame already read, not yet returned by `recv`
        self.pending: deque[dict[str, Any]] = deque()
        try:
            self.ws = websocket.create_connection(ws_url, **options)
        except websocket.WebSocketBadStatusException as exc:
            raise Refused(exc.status_code) from None

    def send(self, message: dict[str, Any] | str) -> None:
        self.ws.send(message if isinstance(message, str) else json.dumps(message))

    def recv(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The next message (a frame may carry a list of them); `Closed` when the server closes
        the socket instead."""
        if not self.pending:
            self.pending.extend(self.recv_frame(timeout))
        return self.pending.popleft()

    def recv_frame(self, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
        """The messages of the next frame, as the page gets them."""
        self.ws.settimeout(timeout)
        opcode, frame = self.ws.recv_data_frame(True)
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            code = struct.unpack("!H", frame.data[:2])[0] if len(frame.data) >= 2 else None
            raise Closed(code, frame.data[2:].decode(errors="replace"))
        return frame_messages(frame.data)

    def recv_until(self, kind: str, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
        """Messages up to and including the first of type ``kind``."""
        deadline = time.monotonic() + timeout
        seen = []
        while True:
            seen.append(self.recv(max(deadline - time.monotonic(), 0.01)))
            if seen[-1]["type"] == kind:
                return seen

    def ready(self) -> dict[str, Any]:
        """Ask for the tree; returns the render message."""
        self.send({"type": "ready"})
        return self.recv_until("render")[-1]

    def trigger(self, block_id: int, event: str = "click") -> None:
        self.send({"type": "trigger", "id": block_id, "event": event})

    def until_finished(self, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
        """Messages up to the final status (complete or error) of the next event to finish."""
        seen: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        while not (seen and seen[-1]["type"] == "status" and seen[-1]["stage"] in ("complete", "error")):
            seen.append(self.recv(max(deadline - time.monotonic(), 0.01)))
        return seen

    def run_event(self, block_id: int, event: str, **values: Any) -> list[dict[str, Any]]:
        """Send ``values`` (block id → value), trigger ``event``; the messages up to its final status."""
        for target, value in values.items():
            self.send({"type": "value", "id": int(target.removeprefix("id")), "value": value})
        self.trigger(block_id, event)
        return self.until_finished()

    def close(self) -> None:
        try:
            self.ws.close(timeout=1)
        except (OSError, websocket.WebSocketException):
            pass  # the server closed it first
        finally:
            self.ws.shutdown()  # websocket-client leaves the socket open when the close handshake fails


def updated_values(messages: list[dict[str, Any]]) -> dict[int, Any]:
    """Block id → the last value the messages told the page to show."""
    values = {}
    for message in messages:
        if message["type"] == "update":
            values.update((u["id"], u["props"]["value"]) for u in message["updates"] if "value" in u["props"])
    return values


def tree_values(render: dict[str, Any]) -> dict[int, Any]:
    """Block id → value for every block of a render message's tree."""
    found = {}
    stack = [render["tree"]]
    while stack:
        node = stack.pop()
        if "value" in node["props"]:
            found[node["id"]] = node["props"]["value"]
        stack.extend(node.get("children", []))
    return found


def raw_http(url: str, request: bytes, read_timeout: float = TIMEOUT) -> tuple[int, bytes]:
    """Send ``request`` as it is (no client normalising paths or adding a body) and return the
    status and whole response, read until the server closes or ``read_timeout`` passes."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=read_timeout) as conn:
        conn.sendall(request)
        received = b""
        try:
            while chunk := conn.recv(65536):
                received += chunk
                if _complete(received):
                    break
        except TimeoutError:
            pass
    status = int(received.split(b" ", 2)[1]) if received.startswith(b"HTTP/") else 0
    return status, received


def _complete(response: bytes) -> bool:
    head, sep, body = response.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value)
    return False


def get_raw(url: str, path: str, headers: str = "") -> tuple[int, bytes]:
    """GET exactly ``path`` (``../`` and percent signs untouched)."""
    host = urlsplit(url).netloc
    return raw_http(url, f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{headers}Connection: close\r\n\r\n".encode())


def post_raw(url: str, path: str, headers: str, body: bytes = b"", read_timeout: float = TIMEOUT) -> tuple[int, bytes]:
    """POST exactly these header lines (each ending in CRLF) and body bytes, which need not agree
    with each other: a Content-Length may promise more than is sent, chunks may never end."""
    host = urlsplit(url).netloc
    return raw_http(url, f"POST {path} HTTP/1.1\r\nHost: {host}\r\n{headers}\r\n".encode() + body, read_timeout)


def wait_for(condition: Callable[[], bool], timeout: float = TIMEOUT, what: str = "condition") -> None:
    """Poll ``condition`` until true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def wait_event(event: threading.Event, timeout: float = TIMEOUT, what: str = "event") -> None:
    if not event.wait(timeout):
        raise AssertionError(f"timed out waiting for {what}")


class Wire:
    """The HTTP clients and WebSockets of one test, all closed at its end (the `wire` fixture)."""

    def __init__(self) -> None:
        self._open: list[httpx.Client | Socket] = []

    def http(self, url: str, **options: Any) -> httpx.Client:
        client = httpx.Client(base_url=url, timeout=TIMEOUT, **options)
        self._open.append(client)
        return client

    def socket(self, url: str, session: str | None = None, **options: Any) -> Socket:
        """A page's WebSocket to the app at ``url`` (a new session hash unless one is given)."""
        import secrets

        sock = Socket(url, session or secrets.token_hex(8), **options)
        self._open.append(sock)
        return sock

    def page(self, url: str, session: str | None = None, **options: Any) -> Socket:
        """`socket`, after asking for the tree as a page does first (its render message read)."""
        sock = self.socket(url, session, **options)
        sock.ready()
        return sock

    def close_all(self) -> None:
        for thing in reversed(self._open):
            thing.close()
        self._open.clear()


def sse_messages(lines: Iterator[str]) -> Iterator[dict[str, Any]]:
    """The JSON of each ``data:`` line of a queue stream (``/gradio_api/queue/data``), as it comes."""
    for line in lines:
        if line.startswith("data:"):
            yield json.loads(line[len("data:") :])


@dataclass(frozen=True)
class Footprint:
    """What a served app holds that a fault could leak: threads (`busy_threads`) and file
    descriptors of this process (the app is launched in it), files in its upload cache, and its
    sessions."""

    threads: int
    fds: int
    cache_files: int
    sessions: int
    page_links: int
    api_sessions: int
    api_events: int

    @classmethod
    def of(cls, server: Any) -> Footprint:
        return cls(
            threads=len(busy_threads()),
            fds=len(os.listdir("/proc/self/fd")),
            cache_files=sum(len(files) for _, _, files in os.walk(server.app.file_cache.root)),
            sessions=len(server.store),
            page_links=len(server.links),
            api_sessions=len(server.api._sessions),
            api_events=len(server.api._events),
        )

    def grown_since(self, baseline: Footprint) -> dict[str, tuple[int, int]]:
        """Each count above its baseline: name → (baseline, now)."""
        return {
            name: (before, now)
            for name, before, now in zip((f.name for f in fields(self)), astuple(baseline), astuple(self))
            if now > before
        }


def busy_threads() -> list[str]:
    """The names of this process's threads, less the idle workers of a pool: the queue's workers
    and the server's thread pool grow on demand up to ``max_threads`` and then wait for work,
    which is no leak; one that never comes back to waiting is."""
    names = {thread.ident: thread.name for thread in threading.enumerate()}
    return [names[ident] for ident, frame in sys._current_frames().items() if ident in names and not _idle_worker(frame)]


def _idle_worker(frame: Any) -> bool:
    """Whether the innermost frames are a pool worker waiting for its next job: the queue's
    `EventQueue._work` in its condition's ``wait``, or concurrent.futures' ``_worker`` in its
    queue's ``get`` (C code, so ``_worker`` is the innermost Python frame)."""
    if frame.f_code.co_name == "_worker" and frame.f_code.co_filename.endswith(
        os.path.join("concurrent", "futures", "thread.py")
    ):
        return True
    caller = frame.f_back
    return (
        frame.f_code.co_name == "wait" and caller is not None and caller.f_code.co_name == "_work"
        and caller.f_code.co_filename.endswith(os.path.join("nbblocks", "queue.py"))
    )  # fmt: skip


def wait_back_to(server: Any, baseline: Footprint, timeout: float = TIMEOUT) -> None:
    """Poll until nothing the server holds is above ``baseline``; fail naming what stayed up."""
    deadline = time.monotonic() + timeout
    while grown := Footprint.of(server).grown_since(baseline):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"still above the baseline after {timeout} s (baseline, now): {grown}; busy threads {busy_threads()}"
            )
        time.sleep(0.02)


def threads_inside(fn: Callable[..., Any]) -> list[str]:
    """The names of the threads whose stack is running ``fn`` right now."""
    code = fn.__code__
    names = {thread.ident: thread.name for thread in threading.enumerate()}
    inside = []
    for ident, frame in sys._current_frames().items():
        walking: Any = frame
        while walking is not None and walking.f_code is not code:
            walking = walking.f_back
        if walking is not None:
            inside.append(names.get(ident, str(ident)))
    return inside
