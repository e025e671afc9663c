"""Slow clients (issue 10, defect 4): a connection that stalls in its request head, sits idle
between requests, or stalls in its body is closed within the configured time (tornado would hold
it for an hour, or forever for a body), and an oversized request head is cut off; the page's
WebSocket and the API's event streams, which outlive those timeouts, keep working. Over raw
loopback sockets, since an HTTP client library would finish its requests."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit

import nbblocks as gr
from tests.helpers import Gate

from .wire import TIMEOUT, get_raw, sse_messages, updated_values

SHORT = {"idle_connection_timeout": 1, "body_timeout": 1}


def echo_app(gate: Gate | None = None) -> tuple[gr.Blocks, gr.Textbox, gr.Button]:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        button = gr.Button()
        button.click(lambda text: text[::-1], box, box, api_name="reverse")
        if gate is not None:
            gr.Button().click(gate, None, box, api_name="wait")
    return demo, box, button


def stalled_connection(url: str, sent: bytes) -> socket.socket:
    """A connection that sent ``sent`` and then nothing more."""
    parts = urlsplit(url)
    conn = socket.create_connection((parts.hostname, parts.port), timeout=TIMEOUT)
    conn.sendall(sent)
    return conn


def seconds_until_closed(conn: socket.socket) -> float:
    """How long until the server closes ``conn`` (what it answers on the way is read and dropped);
    fails after `TIMEOUT` seconds."""
    start = time.monotonic()
    with conn:
        while conn.recv(65536):
            pass
    return time.monotonic() - start


def head(url: str) -> bytes:
    return f"GET / HTTP/1.1\r\nHost: {urlsplit(url).netloc}\r\n".encode()


def test_a_client_stalling_in_its_request_head_is_disconnected(launch):
    url = launch(echo_app()[0], app_kwargs=SHORT)
    assert seconds_until_closed(stalled_connection(url, head(url) + b"X-Half: a")) < 3


def test_an_idle_kept_alive_connection_is_closed(launch):
    url = launch(echo_app()[0], app_kwargs=SHORT)
    conn = stalled_connection(url, head(url) + b"\r\n")
    assert conn.recv(12).startswith(b"HTTP/1.1 200")
    assert seconds_until_closed(conn) < 3


def test_a_client_stalling_in_its_body_is_disconnected(launch):
    url = launch(echo_app()[0], app_kwargs=SHORT)
    post = f"POST /gradio_api/call/reverse HTTP/1.1\r\nHost: {urlsplit(url).netloc}\r\n"
    conn = stalled_connection(url, post.encode() + b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
    assert seconds_until_closed(conn) < 3


def test_an_oversized_request_head_is_cut_off_by_default(launch):
    url = launch(echo_app()[0])
    assert get_raw(url, "/", f"X-Big: {'a' * 16 * 1024}\r\n")[0] == 200
    status, _ = get_raw(url, "/", f"X-Big: {'a' * 40 * 1024}\r\n")  # within tornado's own 64 KiB
    assert status in (0, 431), "closed without an answer, or 431"


def test_the_head_limit_is_configurable(launch):
    url = launch(echo_app()[0], app_kwargs={"max_header_size": 4096})
    assert get_raw(url, "/", f"X-Big: {'a' * 1024}\r\n")[0] == 200
    assert get_raw(url, "/", f"X-Big: {'a' * 8 * 1024}\r\n")[0] in (0, 431)


def test_websockets_and_event_streams_outlive_the_timeouts(launch, wire):
    gate = Gate(result="released")
    demo, box, button = echo_app(gate)
    url = launch(demo, app_kwargs=SHORT)
    page = wire.page(url)
    http = wire.http(url)
    session_hash = "outlives-timeouts"
    try:
        joined = http.post("/gradio_api/queue/join", json={"data": [], "fn_index": 1, "session_hash": session_hash})
        assert joined.status_code == 200
        with http.stream("GET", "/gradio_api/queue/data", params={"session_hash": session_hash}) as stream:
            messages = sse_messages(stream.iter_lines())
            assert next(m for m in messages if m["msg"] != "estimation")["msg"] == "process_starts"
            gate.started(1)
            # a stalled connection closed: the idle timeout has passed for the streams too
            assert seconds_until_closed(stalled_connection(url, head(url))) < 3
            gate.open()
            done = next(m for m in messages if m["msg"] == "process_completed")
            assert done["output"]["data"] == ["released"]
        assert updated_values(page.run_event(button._id, "click", **{f"id{box._id}": "abc"}))[box._id] == "cba"
    finally:
        gate.open()
