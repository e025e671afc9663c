"""Every decoder of the served app, fuzzed (Hypothesis) against one app launched for the module,
under login: WebSocket messages, API bodies (join, call, call/v2, cancel, reset) of any content
type, multipart uploads, paths, query strings, headers, cookies (the login cookie included) and
the login form. Whatever comes in, the server never answers 500 nor logs an uncaught exception,
a refusal says why, an upload is stored whole or not at all, and afterwards a new page and a
new API client still get the right answers (issue 10)."""

from __future__ import annotations

import json
import logging
import os
import secrets
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_from_bytes

import httpx
import pytest
import websocket
from hypothesis import given
from hypothesis import strategies as st

import nbblocks as gr
from nbblocks.server.auth import cookie_name

from ..fuzzing import FUZZ, deep_json, fuzz, json_values, raw_client_messages
from .wire import TIMEOUT, Closed, Refused, Socket, updated_values

USER = {"username": "ada", "password": "secret 7c1d"}
API_ROUTES = [
    "/gradio_api/queue/join",
    "/gradio_api/call/greet",
    "/gradio_api/call/v2/greet",
    "/gradio_api/cancel",
    "/gradio_api/reset",
]


def greet(name: Any, count: Any, choice: Any, data: Any, visits: int, request: gr.Request) -> tuple[str, int]:
    return f"Hello {name}, {request.username}!", visits + 1


@dataclass
class Served:
    """The module's app: its blocks, its URL, and an HTTP client logged in to it."""

    demo: gr.Blocks
    url: str
    http: httpx.Client
    name: gr.Textbox
    out: gr.Textbox
    button: gr.Button

    def cache(self) -> set[Path]:
        root = self.demo.file_cache.root
        return {Path(folder, entry) for folder, dirs, files in os.walk(root) for entry in dirs + files}

    @property
    def ids(self) -> list[int]:
        return [self.demo._id, *self.demo.components()]


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    """One app for the module (a function-scoped `launch` would start one per example)."""
    with gr.Blocks() as demo:
        name = gr.Textbox(label="name")
        count = gr.Number(label="count", minimum=0, maximum=10)
        choice = gr.Dropdown(["a", "b"], label="choice")
        data = gr.JSON(label="data")
        visits = gr.State(0)
        out = gr.Textbox(label="out")
        button = gr.Button("Greet")
        button.click(greet, [name, count, choice, data, visits], [out, visits], api_name="greet")
    _app, url, _share = demo.launch(prevent_thread_lock=True, quiet=True, auth=(USER["username"], USER["password"]))
    http = httpx.Client(base_url=url, timeout=TIMEOUT)
    try:
        assert http.post("/login", data=USER).status_code == 200
        yield Served(demo, url, http, name, out, button)
    finally:
        http.close()
        demo.close()


@pytest.fixture()
def clean_log(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fails the test if the server logged an uncaught exception (a 500, or a socket dropped)."""
    yield
    uncaught = [r.getMessage() for r in caplog.records if r.name == "tornado.application"]
    assert uncaught == []


def assert_new_sessions_served(served: Served) -> None:
    """A new page and a new API client still get the right answers."""
    page = Socket(served.url, secrets.token_hex(8), cookies=served.http.cookies)
    try:
        page.ready()
        page.send({"type": "value", "id": served.name._id, "value": "Grace"})
        page.trigger(served.button._id)
        assert updated_values(page.until_finished())[served.out._id] == "Hello Grace, ada!"
    finally:
        page.close()
    posted = served.http.post("/gradio_api/call/greet", json={"data": ["Alan", 1, "a", {}, None]})
    assert posted.status_code == 200, posted.text
    with served.http.stream("GET", f"/gradio_api/call/greet/{posted.json()['event_id']}") as result:
        assert json.dumps("Hello Alan, ada!") in result.read().decode()


def assert_clear_refusal(response: httpx.Response) -> None:
    assert response.status_code < 500, (response.status_code, response.text)
    if response.status_code >= 400:
        assert response.json()["error"], response.text


# --- WebSocket messages ----------------------------------------------------------------------

MARKER_ID = 999_999  # no such component: the server's refusal of it marks the end of one example's answers


def test_websocket_messages(served: Served, clean_log: None) -> None:
    @fuzz(100)
    @given(raw=raw_client_messages(st.sampled_from(served.ids) | st.integers(-1, 30)))
    def check(raw: str | bytes) -> None:
        page = Socket(served.url, secrets.token_hex(8), cookies=served.http.cookies)
        try:
            if isinstance(raw, bytes):
                page.ws.send_binary(raw)
            else:
                page.send(raw)
            page.send({"type": "value", "id": MARKER_ID, "value": 0})
            while True:  # answers to the fuzzed message, if any, then the marker's refusal
                message = page.recv()
                if message["type"] == "error" and str(MARKER_ID) in message["message"]:
                    break
        except (Closed, OSError, websocket.WebSocketException):  # closed cleanly, or dropped
            raise AssertionError("the server closed the page's socket") from None
        finally:
            page.close()

    check()
    assert_new_sessions_served(served)


# --- API bodies ------------------------------------------------------------------------------

PARAMETERS = st.sampled_from(["name", "count", "choice", "data", "visits", "other"])
api_fields = st.fixed_dictionaries(
    {},
    optional={
        "data": st.lists(json_values, max_size=6) | st.dictionaries(PARAMETERS, json_values) | json_values,
        "fn_index": st.integers(-2, 3) | json_values,
        "session_hash": st.text(min_size=1, max_size=12) | json_values,
        "event_id": st.just("0" * 32) | json_values,
        "name": json_values,
        "count": json_values,
    },
)
api_bodies = st.one_of(api_fields.map(json.dumps), json_values.map(json.dumps), deep_json, st.binary(max_size=80))


#: what a body may claim to be: tornado parses the form types itself before any route sees them
CONTENT_TYPES = st.sampled_from([
    "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b",
    "multipart/form-data", "application/json; charset=latin-1",
])  # fmt: skip


def test_api_bodies(served: Served, clean_log: None) -> None:
    @FUZZ
    @given(route=st.sampled_from(API_ROUTES), body=api_bodies, content_type=CONTENT_TYPES)
    def check(route: str, body: str | bytes, content_type: str) -> None:
        assert_clear_refusal(served.http.post(route, content=body, headers={"Content-Type": content_type}))

    check()
    assert_new_sessions_served(served)


# --- multipart uploads -----------------------------------------------------------------------

TOKEN = string.ascii_letters + string.digits + "'()+_,-./:=?"


@st.composite
def multipart_uploads(draw: st.DrawFn) -> tuple[str, bytes]:
    """A Content-Type and a body: parts of any name, file name and bytes, then maybe cut short
    or followed by junk; the boundary declared right, quoted, missing or empty."""
    boundary = draw(st.text(alphabet=TOKEN, min_size=1, max_size=16)).encode()
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from([b"files", b"other", b""]) | st.binary(max_size=8))
        filename = draw(
            st.none()
            | st.text(max_size=300).map(lambda text: b'; filename="' + text.encode() + b'"')
            | st.text(max_size=40).map(lambda text: b"; filename*=UTF-8''" + quote(text, safe="").encode())
            | st.binary(max_size=16).map(lambda raw: b'; filename="' + raw + b'"')
        )
        headers = b'Content-Disposition: form-data; name="' + name + b'"' + (filename or b"")
        if draw(st.booleans()):
            headers += b"\r\nContent-Type: " + draw(st.binary(max_size=16))
        parts.append(b"--" + boundary + b"\r\n" + headers + b"\r\n\r\n" + draw(st.binary(max_size=64)) + b"\r\n")
    body = b"".join(parts) + b"--" + boundary + b"--\r\n"
    cut = draw(st.none() | st.integers(0, len(body)))
    if cut is not None:
        body = body[:cut] + draw(st.binary(max_size=8))
    declared = draw(st.sampled_from([f"boundary={boundary.decode()}", f'boundary="{boundary.decode()}"', "", "boundary="]))
    content_type = draw(st.sampled_from(["multipart/form-data", "multipart/form-dataX", "text/plain"]))
    return f"{content_type}; {declared}" if declared else content_type, body


def test_multipart_uploads(served: Served, clean_log: None) -> None:
    @FUZZ
    @given(route=st.sampled_from(["/upload", "/gradio_api/upload"]), upload=multipart_uploads())
    def check(route: str, upload: tuple[str, bytes]) -> None:
        content_type, body = upload
        before = served.cache()
        response = served.http.post(route, content=body, headers={"Content-Type": content_type})
        assert_clear_refusal(response)
        added = served.cache() - before
        if response.status_code != 200:
            assert added == set()  # nothing left behind
            return
        stored = [Path(path) for path in response.json()]
        assert added == {*stored, *(path.parent for path in stored)}
        assert all(len(path.name.encode()) <= 255 for path in stored)

    check()
    assert_new_sessions_served(served)


# --- paths and query strings -----------------------------------------------------------------

query_parts = st.binary(max_size=10).map(lambda raw: quote_from_bytes(raw, safe="")) | st.text(
    alphabet="%&=;+?/ab2Z", max_size=10
)
queries = (
    st.lists(st.tuples(query_parts, query_parts), max_size=4).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))
    | query_parts
)
GET_ROUTES = [
    "/", "/config", "/api-docs", "/login", "/gradio_api/info", "/file=/etc/hostname", "/gradio_api/queue/data",
    f"/gradio_api/call/greet/{'0' * 32}", "/gradio_api/heartbeat/fuzz-heartbeat",
]  # fmt: skip


PATH_PREFIXES = [
    "/file=",
    "/gradio_api/file=",
    "/gradio_api/heartbeat/",
    "/gradio_api/call/",
    "/gradio_api/call/greet/",
    "/static/",
]
paths = st.tuples(st.sampled_from(PATH_PREFIXES), st.binary(min_size=1, max_size=40)).map(
    lambda parts: parts[0] + quote_from_bytes(parts[1], safe="/.")
)


def test_paths(served: Served, clean_log: None) -> None:
    @FUZZ
    @given(path=paths)
    def check(path: str) -> None:
        with served.http.stream("GET", path) as response:  # a heartbeat stays open: its status is what counts
            assert response.status_code < 500, response.status_code

    check()
    assert_new_sessions_served(served)


def test_query_strings(served: Served, clean_log: None) -> None:
    @FUZZ
    @given(route=st.sampled_from([*GET_ROUTES, "POST /gradio_api/call/greet"]), query=queries)
    def check(route: str, query: str) -> None:
        method, _, path = route.rpartition(" ")
        body = {"data": ["Ada", 1, "a", {}, None]} if method == "POST" else None
        # the event streams (queue data, heartbeat) stay open: their status is what counts
        with served.http.stream(method or "GET", f"{path}?{query}", json=body) as response:
            assert response.status_code < 500, response.status_code

    check()
    assert_new_sessions_served(served)


# --- headers ---------------------------------------------------------------------------------

header_values = st.text(alphabet=string.printable.strip() + " ", max_size=40).map(str.strip) | st.sampled_from(
    ["http://[::1", "http://[junk", "null", "http://x:99999", "http://127.0.0.1:0", "::::", "[", "a,,b"]
)
HEADERS = st.sampled_from(["Origin", "X-Forwarded-For", "X-Forwarded-Host", "Sec-Fetch-Site", "Accept", "Content-Type"])


def test_headers(served: Served, clean_log: None) -> None:
    @FUZZ
    @given(
        headers=st.dictionaries(HEADERS, header_values, max_size=3),
        route=st.sampled_from(["/", "/config", "/gradio_api/queue/join", "/ws"]),
    )
    def check(headers: dict[str, str], route: str) -> None:
        if route == "/ws":
            try:
                Socket(served.url, secrets.token_hex(8), cookies=served.http.cookies, headers=headers).close()
            except Refused as refused:
                assert refused.status < 500, refused.status
            return
        method = "POST" if route.startswith("/gradio_api") else "GET"
        assert_clear_refusal(served.http.request(method, route, headers=headers, json={}))

    check()
    assert_new_sessions_served(served)


# --- cookies and the login form --------------------------------------------------------------

COOKIE_TEXT = "".join(c for c in string.printable if c not in "\r\n\x0b\x0c;")


def cookies(login_cookie: str) -> st.SearchStrategy[str]:
    names = st.sampled_from([login_cookie, "_xsrf", "session"]) | st.text(alphabet=TOKEN, min_size=1, max_size=10)
    signed = st.lists(st.text(alphabet="0123456789:abcdefABC=", max_size=12), min_size=1, max_size=7).map("|".join)
    values = st.text(alphabet=COOKIE_TEXT, max_size=60) | signed
    pairs = st.lists(st.tuples(names, values), max_size=4).map(lambda pairs: "; ".join(f"{n}={v}" for n, v in pairs))
    return pairs | st.text(alphabet=COOKIE_TEXT + ";", max_size=60)


def test_cookies(served: Served, clean_log: None) -> None:
    login_cookie = cookie_name(served.demo.server.port)
    logged_in = f"{login_cookie}={served.http.cookies[login_cookie]}"

    @FUZZ
    @given(
        cookie=cookies(login_cookie),
        with_login=st.booleans(),
        route=st.sampled_from(["/", "/config", "/gradio_api/queue/join", "/ws"]),
    )
    def check(cookie: str, with_login: bool, route: str) -> None:
        header = (f"{cookie}; {logged_in}" if with_login else cookie).strip()  # as a client sends it
        if route == "/ws":
            try:
                Socket(served.url, secrets.token_hex(8), headers={"Cookie": header}).close()
            except Refused as refused:
                assert refused.status < 500, refused.status
            return
        visitor.cookies.clear()  # only the header sent is the visitor's
        method = "POST" if route.startswith("/gradio_api") else "GET"
        assert_clear_refusal(visitor.request(method, route, headers={"Cookie": header}, json={}))

    with httpx.Client(base_url=served.url, timeout=TIMEOUT) as visitor:
        check()
    assert_new_sessions_served(served)


login_fields = st.dictionaries(st.sampled_from(["username", "password", "other"]), st.binary(max_size=20), max_size=3)


@st.composite
def login_forms(draw: st.DrawFn) -> tuple[str, bytes]:
    fields = draw(login_fields)
    kind = draw(st.sampled_from(["urlencoded", "multipart", "json", "junk"]))
    if kind == "urlencoded":
        return "application/x-www-form-urlencoded", "&".join(f"{k}={quote_from_bytes(v)}" for k, v in fields.items()).encode()
    if kind == "multipart":
        body = b"".join(
            b'--b\r\nContent-Disposition: form-data; name="' + k.encode() + b'"\r\n\r\n' + v + b"\r\n" for k, v in fields.items()
        )
        return "multipart/form-data; boundary=b", body + draw(st.sampled_from([b"--b--\r\n", b""]))
    if kind == "json":
        return "application/json", json.dumps({k: v.decode("latin-1") for k, v in fields.items()}).encode()
    return draw(st.sampled_from(["text/plain", "application/x-www-form-urlencoded; charset=latin-1"])), draw(
        st.binary(max_size=40)
    )


def test_login_form(served: Served, clean_log: None) -> None:
    @fuzz(60)  # failures make the address wait (429): beyond a few, every answer is the same
    @given(form=login_forms(), browser=st.booleans())
    def check(form: tuple[str, bytes], browser: bool) -> None:
        content_type, body = form
        headers = {"Content-Type": content_type, "Accept": "text/html" if browser else "application/json"}
        response = visitor.post("/login", content=body, headers=headers)
        assert response.status_code in (400, 401, 429), (response.status_code, response.text)

    with httpx.Client(base_url=served.url, timeout=TIMEOUT) as visitor:
        check()
    assert_new_sessions_served(served)


def test_a_logged_line_for_a_refused_cookie_has_no_traceback(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    """What a refusal looks like in the log: one line, on the "nbblocks" logger."""
    with caplog.at_level(logging.INFO, logger="nbblocks"), httpx.Client(base_url=served.url, timeout=TIMEOUT) as visitor:
        response = visitor.get("/config", headers={"Cookie": f"{cookie_name(served.demo.server.port)}=2|1:0|junk"})
    assert response.status_code == 401
    (line,) = [r for r in caplog.records if r.name == "nbblocks"]
    assert line.getMessage() == "Refused GET /config from 127.0.0.1: 401 Not authenticated" and line.exc_info is None
