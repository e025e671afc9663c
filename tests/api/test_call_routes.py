"""The API routes as curl (or any HTTP client) uses them, with httpx: ``POST /gradio_api/call/<name>``
then the SSE result, the queue routes the official client uses, and malformed requests, each
answered with a clear 4xx while the server keeps serving (issue 5)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import nbblocks as gr

from ..helpers import endless_count
from ..server.wire import TIMEOUT, wait_event
from .test_gradio_client import components_demo, errors_demo, hello_demo

Launch = Callable[..., str]
PREFIX = "/gradio_api"


def sse_blocks(response: httpx.Response) -> list[dict[str, str]]:
    """Each SSE message of a finished stream as {field: value} (``event``, ``data``)."""
    blocks = []
    for chunk in re.split(r"\r?\n\r?\n", response.text):
        fields: dict[str, str] = {}
        for line in chunk.splitlines():
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")
        if fields:
            blocks.append(fields)
    return blocks


def call(http: httpx.Client, name: str, body: Any, *, v2: bool = False) -> list[tuple[str, Any]]:
    """POST /call/<name> with ``body``, then the GET stream: its (event, decoded data) pairs."""
    base = f"{PREFIX}/call/{'v2/' if v2 else ''}{name}"
    posted = http.post(base, json=body)
    assert posted.status_code == 200, (posted.status_code, posted.text)
    event_id = posted.json()["event_id"]
    assert isinstance(event_id, str) and event_id
    return stream_events(http, f"{base}/{event_id}")


def stream_events(http: httpx.Client, path: str) -> list[tuple[str, Any]]:
    with http.stream("GET", path) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        response.read()
    events = [(block["event"], _decoded(block["data"])) for block in sse_blocks(response)]
    return [(event, data) for event, data in events if event != "heartbeat"]


def _decoded(data: str) -> Any:
    try:
        return json.loads(data)
    except json.JSONDecodeError:
        return data  # an error may come as bare text


def still_serving(http: httpx.Client) -> None:
    assert call(http, "update", {"data": ["Ada"]}) == [("complete", ["Welcome to Gradio, Ada!"])]


def is_clear_4xx(response: httpx.Response, *words: str) -> None:
    """A 4xx whose body says what was wrong, and which the official client can read (it parses a
    422 as ``{"detail": [ {...}, ... ]}`` and fails on any other shape)."""
    from gradio_client.utils import extract_validation_message

    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    text = response.text.lower()
    assert any(word.lower() in text for word in words), (words, response.text)
    if response.status_code == 422:
        extract_validation_message(response)


# --- the documented curl path ------------------------------------------------------------------


def test_call_then_get_the_result(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))
    posted = http.post(f"{PREFIX}/call/update", json={"data": ["abc"]})
    assert posted.status_code == 200 and posted.headers["content-type"].startswith("application/json")
    event_id = posted.json()["event_id"]
    with http.stream("GET", f"{PREFIX}/call/update/{event_id}") as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        body = response.read().decode()
    assert "event: complete\ndata: " in body
    # an answer whose last frame is there at once is written whole, with its length, in one go
    assert response.headers["content-length"] == str(len(body.encode()))
    assert "transfer-encoding" not in response.headers and "etag" not in response.headers
    assert stream_blocks_of(body) == [("complete", ["Welcome to Gradio, abc!"])]


def stream_blocks_of(body: str) -> list[tuple[str, Any]]:
    response = httpx.Response(200, text=body)
    return [(b["event"], _decoded(b["data"])) for b in sse_blocks(response) if b.get("event") != "heartbeat"]


def test_call_by_the_function_name(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))
    assert call(http, "remember", {"data": ["x", None]})[-1] == ("complete", [None, "1 items"])


def test_call_v2_takes_keyword_data(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))
    assert call(http, "update", {"data": {"name": "abc"}}, v2=True) == [("complete", ["Welcome to Gradio, abc!"])]


def test_a_generator_sends_generating_events_then_complete(launch: Launch, wire: Any) -> None:
    def count(n):
        for i in range(int(n)):
            yield str(i)

    with gr.Blocks() as demo:
        n, out = gr.Number(precision=0), gr.Textbox()
        gr.Button().click(count, n, out)
    http = wire.http(launch(demo))
    events = call(http, "count", {"data": [3]})
    assert events[-1] == ("complete", ["2"])
    generating = [data for event, data in events[:-1] if event == "generating"]
    assert generating[0] == ["0"] and len(generating) == len(events) - 1 >= 2


def test_a_call_whose_reader_leaves_stops_and_one_never_read_runs_to_its_end(launch: Launch, wire: Any) -> None:
    """As Gradio stops a call whose result stream drops (a call without a session_hash would
    otherwise run on for nobody); a call nobody has read yet is not stopped: it runs to its end
    and keeps its result for a later GET (up to `UNREAD_CALLS_KEPT` of them)."""
    left, finished = threading.Event(), threading.Event()

    def count(n):
        try:
            yield from (str(i) for i in range(int(n)))
        finally:
            finished.set()

    with gr.Blocks() as demo:
        n, out = gr.Number(precision=0), gr.Textbox()
        gr.Button().click(endless_count(left), None, out, api_name="endless")
        gr.Button().click(count, n, out, api_name="count")
    http = wire.http(launch(demo))
    unread = http.post(f"{PREFIX}/call/count", json={"data": [3]}).json()["event_id"]
    event_id = http.post(f"{PREFIX}/call/endless", json={"data": []}).json()["event_id"]
    with http.stream("GET", f"{PREFIX}/call/endless/{event_id}") as response:
        next(line for line in response.iter_lines() if line == "event: generating")
    wait_event(left, what="the generator's finally after its reader left")
    wait_event(finished, what="the unread call to run to its end")
    events = stream_events(http, f"{PREFIX}/call/count/{unread}")
    assert events[-1] == ("complete", ["2"]) and ("generating", ["0"]) in events


def test_a_call_still_running_sends_heartbeats_until_its_result(launch: Launch, wire: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from ..helpers import Gate

    monkeypatch.setattr("nbblocks.server.api.sse.HEARTBEAT_SECONDS", 0.05)
    gate = Gate(result="late")
    with gr.Blocks() as demo:
        out = gr.Textbox()
        gr.Button().click(gate, None, out, api_name="slow")
    http = wire.http(launch(demo))
    event_id = http.post(f"{PREFIX}/call/slow", json={"data": []}).json()["event_id"]
    with http.stream("GET", f"{PREFIX}/call/slow/{event_id}") as response:
        lines = response.iter_lines()
        for _ in range(2):  # two heartbeats while the function is held
            assert next(line for line in lines if line.startswith("event:")) == "event: heartbeat"
        gate.open()
        assert next(line for line in lines if line.startswith("event:")) == "event: complete"
        assert next(lines) == 'data: ["late"]'


def test_errors_come_as_error_events(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(errors_demo()))
    ((event, data),) = call(http, "refuse", {"data": ["42"]})
    assert event == "error" and "Not allowed: 42" in json.dumps(data)
    ((event, data),) = call(http, "crash", {"data": ["42"]})
    assert event == "error" and "secret detail" not in json.dumps(data)
    still_serving(http)


def test_show_error_puts_the_exception_text_in_the_error_event(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(errors_demo(), show_error=True))
    ((event, data),) = call(http, "crash", {"data": ["42"]})
    assert event == "error" and "secret detail 42" in json.dumps(data)


def test_state_persists_per_session_hash(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))

    def remember(item: str, session: str | None) -> str:
        body: dict[str, Any] = {"data": [item, None]}
        if session is not None:
            body["session_hash"] = session
        ((event, data),) = call(http, "remember", body)
        assert event == "complete"
        return data[-1]

    assert [remember("a", "s1-7"), remember("b", "s1-7"), remember("c", "s1-7")] == ["1 items", "2 items", "3 items"]
    assert remember("z", "other") == "1 items"
    assert [remember("x", None), remember("y", None)] == ["1 items", "1 items"]  # no hash: a fresh session each


def test_a_call_cannot_reach_an_endpoint_without_a_name(launch: Launch, wire: Any) -> None:
    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()
        gr.Button().click(lambda s: s, inp, out, api_name=False)
        gr.Button().click(str.upper, inp, out, api_name="upper", show_api=False)
    http = wire.http(launch(demo))
    is_clear_4xx(http.post(f"{PREFIX}/call/lambda", json={"data": ["a"]}), "lambda", "not found", "no endpoint")
    assert call(http, "upper", {"data": ["a"]}) == [("complete", ["A"])]  # hidden, not private


# --- the queue routes the official client uses -------------------------------------------------


def test_queue_join_then_the_session_stream(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))
    session = "f7bdd6d2-97dd-46d7-af88-95a595a92a5d"
    joined = http.post(f"{PREFIX}/queue/join", json={"data": ["abc"], "fn_index": 0, "session_hash": session,
                                                      "trigger_id": None, "event_data": None})  # fmt: skip
    assert joined.status_code == 200, joined.text
    event_id = joined.json()["event_id"]
    with http.stream("GET", f"{PREFIX}/queue/data", params={"session_hash": session}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        messages = []
        for line in response.iter_lines():
            if line.startswith("data:"):
                messages.append(json.loads(line[5:]))
                if messages[-1]["msg"] == "close_stream":
                    break
    kinds = [m["msg"] for m in messages if m["msg"] != "heartbeat"]
    assert kinds[-2:] == ["process_completed", "close_stream"] and "process_starts" in kinds
    completed = messages[-2] if messages[-2]["msg"] == "process_completed" else None
    assert completed is not None and completed["event_id"] == event_id and completed["success"] is True
    assert completed["output"]["data"] == ["Welcome to Gradio, abc!"]
    assert completed["output"]["is_generating"] is False


def test_the_heartbeat_is_an_event_stream(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))
    with http.stream("GET", f"{PREFIX}/heartbeat/some-session") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")


def test_cancel_of_an_unknown_event_is_harmless(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))
    response = http.post(f"{PREFIX}/cancel", json={"session_hash": "nobody", "fn_index": 0, "event_id": "0" * 32})
    assert response.status_code < 500
    still_serving(http)


# --- malformed requests: a clear 4xx, and the server keeps serving -----------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{not json", ("json",)),
        (b"", ("json", "body")),
        (b'["abc"]', ("data", "object")),
        (b'{"data": "abc"}', ("data", "list")),
        (b'{"nodata": ["abc"]}', ("data",)),
    ],
)
def test_a_malformed_call_body_is_a_4xx(launch: Launch, wire: Any, content: bytes, words: tuple[str, ...]) -> None:
    http = wire.http(launch(hello_demo()))
    response = http.post(f"{PREFIX}/call/update", content=content, headers={"content-type": "application/json"})
    is_clear_4xx(response, *words)
    still_serving(http)


def test_an_unknown_api_name_is_a_404(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))
    response = http.post(f"{PREFIX}/call/nope", json={"data": ["abc"]})
    assert response.status_code == 404
    is_clear_4xx(response, "nope")
    still_serving(http)


@pytest.mark.parametrize("data", [[], ["a", "b"]])
def test_the_wrong_number_of_values_is_a_4xx(launch: Launch, wire: Any, data: list[Any]) -> None:
    http = wire.http(launch(hello_demo()))
    is_clear_4xx(http.post(f"{PREFIX}/call/update", json={"data": data}), "1", "expected", "argument", "values")
    still_serving(http)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("update", [{"a": 1}]),  # a dict for a Textbox
        ("update", [["a"]]),  # a list for a Textbox
        ("describe", ["t", "three", 1, True, [], "x", []]),  # text for a Number
        ("describe", ["t", 1, 1, "yes", [], "x", []]),  # text for a Checkbox
        ("describe", ["t", 1, 1, True, "a", "x", []]),  # text for a CheckboxGroup
    ],
)
def test_values_of_the_wrong_type_are_a_4xx(launch: Launch, wire: Any, name: str, data: list[Any]) -> None:
    http = wire.http(launch(hello_demo() if name == "update" else components_demo()))
    is_clear_4xx(http.post(f"{PREFIX}/call/{name}", json={"data": data}), "type", "expected", "invalid")
    valid = ["Ada"] if name == "update" else ["t", 1, 1, True, [], "x", []]
    assert call(http, name, {"data": valid})[-1][0] == "complete"


def test_v2_with_an_unknown_or_missing_keyword_is_a_4xx(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))
    is_clear_4xx(http.post(f"{PREFIX}/call/v2/update", json={"data": {"nmae": "abc"}}), "nmae", "name")
    is_clear_4xx(http.post(f"{PREFIX}/call/v2/update", json={"data": {}}), "name")
    still_serving(http)


def test_an_unknown_event_id_is_a_404(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))
    response = http.get(f"{PREFIX}/call/update/{'0' * 32}")
    assert response.status_code == 404, response.text
    still_serving(http)


def test_an_event_id_is_read_only_under_its_own_endpoint(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))
    event_id = http.post(f"{PREFIX}/call/update", json={"data": ["abc"]}).json()["event_id"]
    assert http.get(f"{PREFIX}/call/remember/{event_id}").status_code == 404
    assert stream_events(http, f"{PREFIX}/call/update/{event_id}") == [("complete", ["Welcome to Gradio, abc!"])]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"data": ["abc"], "fn_index": 99, "session_hash": "s"}, ("fn_index", "99")),
        ({"data": ["abc"], "fn_index": "zero", "session_hash": "s"}, ("fn_index",)),
        ({"data": ["abc"], "session_hash": "s"}, ("fn_index",)),
        ({"data": ["abc"], "fn_index": 0}, ("session_hash",)),
        ({"data": "abc", "fn_index": 0, "session_hash": "s"}, ("data",)),
        ({"data": ["a", "b"], "fn_index": 0, "session_hash": "s"}, ("1", "expected", "values")),
    ],
)
def test_a_malformed_queue_join_is_a_4xx(launch: Launch, wire: Any, body: dict[str, Any], words: tuple[str, ...]) -> None:
    http = wire.http(launch(hello_demo()))
    is_clear_4xx(http.post(f"{PREFIX}/queue/join", json=body), *words)
    is_clear_4xx(http.post(f"{PREFIX}/queue/join", content=b"{oops"), "json")
    still_serving(http)


def test_queue_data_for_an_unknown_session_is_a_404(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))
    response = http.get(f"{PREFIX}/queue/data", params={"session_hash": "nobody-here"}, timeout=TIMEOUT)
    assert response.status_code == 404, response.text
    is_clear_4xx(response, "session")
    is_clear_4xx(http.get(f"{PREFIX}/queue/data"), "session_hash")
    still_serving(http)


def test_the_api_routes_refuse_other_methods(launch: Launch, wire: Any) -> None:
    http = wire.http(launch(hello_demo()))
    assert http.get(f"{PREFIX}/queue/join").status_code == 405
    assert http.put(f"{PREFIX}/call/update", json={"data": ["a"]}).status_code == 405
    still_serving(http)
