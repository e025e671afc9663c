"""Bad input gets a clean 4xx that says what was wrong, one log line and no traceback, and
leaves nothing behind: JSON nested far too deep (API bodies, WebSocket messages), malformed
multipart, upload names no file system takes, a query string that is not UTF-8, and the disk
filling up during an upload (507). Over real loopback sockets (issue 10, defect 3)."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

import nbblocks as gr
from nbblocks.protocol import MAX_JSON_DEPTH

from ..helpers import hello_app
from .wire import get_raw, post_raw, updated_values

DEEP = b"[" * 100_000 + b"]" * 100_000
API_ROUTES = ["/gradio_api/queue/join", "/gradio_api/call/welcome", "/gradio_api/call/v2/welcome", "/gradio_api/cancel"]


def cache_entries(demo: gr.Blocks) -> list[str]:
    """Everything in the app's upload cache, as paths relative to it."""
    root = demo.file_cache.root
    return sorted(str(Path(folder, name).relative_to(root)) for folder, dirs, files in os.walk(root) for name in dirs + files)


def welcomes(http, name: str) -> str:
    """The curl path's answer for the hello app's ``welcome`` endpoint."""
    posted = http.post("/gradio_api/call/welcome", json={"data": [name]})
    assert posted.status_code == 200, posted.text
    with http.stream("GET", f"/gradio_api/call/welcome/{posted.json()['event_id']}") as result:
        return result.read().decode()


# --- JSON nested far too deep ----------------------------------------------------------------


@pytest.mark.parametrize("route", API_ROUTES)
def test_json_nested_100000_deep_is_a_422_on_every_api_route(launch, wire, route):
    http = wire.http(launch(hello_app()[0]))
    response = http.post(route, content=DEEP)
    assert response.status_code == 422
    assert response.json()["error"] == f"the body is JSON nested deeper than {MAX_JSON_DEPTH} levels"
    assert "Welcome to Gradio, Ada!" in welcomes(http, "Ada")  # and the server serves on


def test_a_deep_value_inside_a_call_is_refused_too(launch, wire):
    """Shallow enough for Python's decoder, deep enough to exhaust the stack of whatever walks it
    later: refused at the same limit."""
    http = wire.http(launch(hello_app()[0]))
    value = "[" * (MAX_JSON_DEPTH * 9) + "]" * (MAX_JSON_DEPTH * 9)
    response = http.post("/gradio_api/call/welcome", content=f'{{"data": [{value}]}}')
    assert response.status_code == 422 and "nested deeper" in response.json()["error"]


def test_json_nested_100000_deep_over_the_websocket_is_refused_and_the_page_goes_on(launch, wire):
    demo, inp, out, btn = hello_app()
    page = wire.page(launch(demo))
    page.send(DEEP.decode())
    refusal = page.recv()
    assert refusal["type"] == "error" and refusal["title"] == "Refused message"
    assert refusal["message"] == f"message is JSON nested deeper than {MAX_JSON_DEPTH} levels"
    messages = page.run_event(btn._id, "click", **{f"id{inp._id}": "Ada"})
    assert updated_values(messages)[out._id] == "Welcome to Gradio, Ada!"


# --- uploads -----------------------------------------------------------------------------------

FILE_PART = b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nbytes\r\n'
MALFORMED = {
    "no boundary": ("multipart/form-data", FILE_PART + b"--b--\r\n"),
    "empty boundary": ("multipart/form-data; boundary=", FILE_PART + b"--b--\r\n"),
    "no final boundary": ("multipart/form-data; boundary=b", FILE_PART),
    "a part without headers": ("multipart/form-data; boundary=b", b"--b\r\nbytes\r\n--b--\r\n"),
    "a part header not UTF-8": (
        "multipart/form-data; boundary=b",
        b'--b\r\nContent-Disposition: form-data; name="files"; filename="\xff\xfe.txt"\r\n\r\nbytes\r\n--b--\r\n',
    ),
    "not form-data": ("multipart/form-data; boundary=b", FILE_PART.replace(b"form-data;", b"inline;") + b"--b--\r\n"),
    "no name": ("multipart/form-data; boundary=b", FILE_PART.replace(b' name="files";', b"") + b"--b--\r\n"),
}


@pytest.mark.parametrize("route", ["/upload", "/gradio_api/upload"])
@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_multipart_is_a_400_that_stores_nothing(launch, case, route):
    demo = hello_app()[0]
    url = launch(demo)
    content_type, body = MALFORMED[case]
    status, response = post_raw(url, route, f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n", body)
    assert status == 400, response
    assert json.loads(response.partition(b"\r\n\r\n")[2])["error"].startswith("the upload is not valid multipart/form-data: ")
    assert cache_entries(demo) == []


def multipart_file(filename: bytes, content: bytes) -> tuple[str, bytes]:
    """Headers and body of an upload of one file named by this ``filename`` parameter."""
    body = b'--b\r\nContent-Disposition: form-data; name="files"; ' + filename + b"\r\n\r\n" + content + b"\r\n--b--\r\n"
    return f"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {len(body)}\r\n", body


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        # a raw NUL is refused in any header; RFC 5987's form brings one in
        pytest.param(b"filename*=UTF-8''re%00port.txt", "report.txt", id="NUL"),
        pytest.param(b'filename="' + "é".encode() * 200 + b'.txt"', "é" * 125 + ".txt", id="400 bytes of UTF-8"),
        pytest.param(b'filename="' + b"x" * 300 + b'.tar.gz"', "x" * 252 + ".gz", id="300 ASCII bytes"),
    ],
)
def test_an_upload_name_no_file_system_takes_is_stored_under_a_safe_one(launch, wire, sent, stored):
    demo = hello_app()[0]
    url = launch(demo)
    status, response = post_raw(url, "/upload", *multipart_file(sent, b"the bytes"))
    assert status == 200, response
    (path,) = json.loads(response.partition(b"\r\n\r\n")[2])
    assert Path(path).name == stored and len(stored.encode()) <= 255
    assert Path(path).read_bytes() == b"the bytes"
    assert wire.http(url).get(f"/file={path}").content == b"the bytes"
    assert cache_entries(demo) == sorted([Path(path).parent.name, f"{Path(path).parent.name}/{stored}"])


LIMIT = 64 * 1024  # the largest file the small-disk app may write


def test_a_full_disk_during_an_upload_is_a_507_that_leaves_nothing(run_app, wire):
    """The app runs where no file may grow past 64 KiB (RLIMIT_FSIZE): a write past it fails
    as on a full disk, half written. The upload is answered 507 and every file of it, the one
    half written and the one before it, goes with its folder."""
    app = run_app("small_disk.py", str(LIMIT))
    http = wire.http(app.url)
    kept = Path(http.post("/upload", files={"files": ("kept.txt", b"kept")}).json()[0])
    cache = kept.parent.parent
    full = http.post("/upload", files=[("files", ("first.txt", b"fits")), ("files", ("big.bin", b"x" * (LIMIT + 1)))])
    assert full.status_code == 507
    assert full.json() == {"error": "Insufficient storage: the server could not store the upload (File too large)."}
    assert sorted(p.relative_to(cache) for p in cache.rglob("*")) == [kept.parent.relative_to(cache), kept.relative_to(cache)]
    assert kept.read_bytes() == b"kept"
    assert http.post("/upload", files={"files": ("after.txt", b"after")}).status_code == 200  # serving on
    app.interrupt()
    assert f"An upload could not be stored in {cache}: File too large" in app.output
    assert "Traceback" not in app.output


# --- query strings -----------------------------------------------------------------------------


def test_a_query_string_that_is_not_utf8_reaches_gr_request_replaced(launch, wire):
    """auth_dependency and functions that take a gr.Request read the query string: bytes that
    are not UTF-8 arrive as U+FFFD, as under Gradio, instead of failing the request."""

    def echo(name: str, request: gr.Request) -> str:
        return f"{name} {request.query_params['x']}"

    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()
        gr.Button().click(echo, inp, out, api_name="echo")
    url = launch(demo, auth_dependency=lambda request: "ada")
    assert get_raw(url, "/?x=%ff")[0] == 200
    http = wire.http(url)
    posted = http.post("/gradio_api/call/echo?x=%ff%fe", json={"data": ["hi"]})
    assert posted.status_code == 200, posted.text
    with http.stream("GET", f"/gradio_api/call/echo/{posted.json()['event_id']}") as result:
        assert json.dumps("hi \ufffd\ufffd") in result.read().decode()


def test_tornados_own_refusals_say_what_was_wrong(launch, wire):
    http = wire.http(launch(hello_app()[0], auth=("ada", "secret")))
    login = http.post("/login", content=b"username=%ff&password=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert (login.status_code, login.json()) == (400, {"error": "Bad Request: Invalid unicode in username: b'\\xff'"})


@pytest.mark.parametrize("origin", ["http://[::1", "http://[junk"])
def test_an_origin_that_is_no_url_is_refused_like_a_foreign_one(launch, origin):
    url = launch(hello_app()[0])
    status, response = post_raw(url, "/gradio_api/reset", f"Origin: {origin}\r\nContent-Length: 2\r\n", b"{}")
    assert (status, json.loads(response.partition(b"\r\n\r\n")[2])) == (403, {"error": "Cross-origin request refused"})


# --- one log line ------------------------------------------------------------------------------


def refuse_deep_json(url: str, wire) -> None:
    assert wire.http(url).post("/gradio_api/queue/join", content=DEEP).status_code == 422


def refuse_multipart(url: str, wire) -> None:
    assert post_raw(url, "/upload", "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 3\r\n", b"--b")[0] == 400


def refuse_query(url: str, wire) -> None:
    assert wire.http(url).get("/gradio_api/queue/data?session_hash=%ff").status_code == 400


def refuse_message(url: str, wire) -> None:
    page = wire.socket(url)
    page.send(DEEP.decode())
    assert page.recv()["title"] == "Refused message"


@pytest.mark.parametrize("refuse", [refuse_deep_json, refuse_multipart, refuse_query, refuse_message])
def test_a_refused_input_is_logged_in_one_line_without_traceback(launch, wire, caplog, refuse):
    url = launch(hello_app()[0])
    with caplog.at_level(logging.INFO):
        refuse(url, wire)
    records = [r for r in caplog.records if r.levelno >= logging.INFO and not r.name.startswith(("httpx", "httpcore"))]
    assert [r.name for r in records] == ["nbblocks"], [r.getMessage() for r in records]
    (record,) = records
    assert record.getMessage().startswith("Refused ") and "\n" not in record.getMessage()
    assert record.exc_info is None and record.levelno == logging.INFO
