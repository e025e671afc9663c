"""API clients cannot end pages' sessions (issue 10, defect 1): a flood of API requests over a
tiny ``state_session_capacity`` leaves a connected page and its gr.State alone, a refused
request makes no session, an idle API session expires, the heartbeat that makes one is
origin-checked, and stateless ``/call`` traffic leaves the server's memory flat."""

from __future__ import annotations

import gc
import json
import os
import secrets
import threading
from typing import Any

import httpx
import pytest

import nbblocks as gr
from nbblocks.server.api import sessions as api_sessions

from .wire import updated_values, wait_event

PREFIX = "/gradio_api"


def counter_app() -> tuple[gr.Blocks, gr.Textbox, gr.Number, gr.Button]:
    """``count`` (fn_index 0, /count): a gr.State counts its session's calls into a Number."""
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        shown = gr.Number(label="Count")
        clicks = gr.State(0)
        button = gr.Button()

        def count(text, n):
            return n + 1, n + 1

        button.click(count, [name, clicks], [clicks, shown], api_name="count")
    return demo, name, shown, button


def join(http: httpx.Client, session_hash: str, **body: Any) -> httpx.Response:
    return http.post(f"{PREFIX}/queue/join", json={"fn_index": 0, "data": ["x", None], "session_hash": session_hash, **body})


def has_session(http: httpx.Client, session_hash: str) -> bool:
    """What a client sees of the API session of that hash: its queue stream exists (200, read to
    its end) or not (404)."""
    with http.stream("GET", f"{PREFIX}/queue/data", params={"session_hash": session_hash}) as response:
        response.read()
        return response.status_code == 200


def flood(url: str, requests: int) -> list[int]:
    """``requests`` API requests with fresh session hashes from four threads, valid and not:
    joins, /call, /call/v2, heartbeats opened and dropped. Returns each status."""
    statuses: list[int] = []

    def send(worker: int) -> None:
        with httpx.Client(base_url=url, timeout=10) as http:
            for i in range(worker, requests, 4):
                fresh = secrets.token_hex(8)
                kind = i % 6
                if kind == 0:
                    response = join(http, fresh)
                elif kind == 1:
                    response = join(http, fresh, data=["x", None, "one too many"])
                elif kind == 2:
                    response = http.post(f"{PREFIX}/call/count", json={"data": ["x", None], "session_hash": fresh})
                elif kind == 3:
                    response = http.post(f"{PREFIX}/call/v2/count", json={"data": {"nope": 1}, "session_hash": fresh})
                elif kind == 4:
                    response = join(http, fresh, fn_index=99)
                else:
                    with http.stream("GET", f"{PREFIX}/heartbeat/{fresh}") as response:
                        pass  # opened (a session is made) and dropped at once
                statuses.append(response.status_code)

    threads = [threading.Thread(target=send, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_a_flood_of_api_requests_leaves_a_connected_page_and_its_state(launch, wire):
    demo, name, shown, button = counter_app()
    url = launch(demo, state_session_capacity=5)
    page = wire.page(url)
    assert updated_values(page.run_event(button._id, "click"))[shown._id] == 1

    statuses = flood(url, 2000)

    assert set(statuses) <= {200, 422, 503}, sorted(set(statuses))
    assert statuses.count(200) > 100  # the flood was served, up to the room the page left
    # the page was never closed with 4002, and its session kept its gr.State
    assert updated_values(page.run_event(button._id, "click"))[shown._id] == 2
    assert len(demo.server.store) <= 5


def test_an_api_session_is_refused_rather_than_evict_a_connected_page(launch, wire):
    demo, name, shown, button = counter_app()
    url = launch(demo, state_session_capacity=1)
    page = wire.page(url)
    http = wire.http(url)
    refused = join(http, "api-client")
    assert refused.status_code == 503 and "too many sessions" in refused.text
    with http.stream("GET", f"{PREFIX}/heartbeat/api-client") as heartbeat:
        assert heartbeat.status_code == 503
    assert updated_values(page.run_event(button._id, "click"))[shown._id] == 1


def test_a_new_page_takes_the_place_of_an_idle_api_session_not_of_a_page(launch, wire):
    demo, name, shown, button = counter_app()
    url = launch(demo, state_session_capacity=2)
    first = wire.page(url)
    http = wire.http(url)
    assert join(http, "api-client").status_code == 200
    assert has_session(http, "api-client")  # its stream ends as the call completes: now idle
    second = wire.page(url)  # the idle API session makes room, not the first page
    for page in (first, second):
        assert updated_values(page.run_event(button._id, "click"))[shown._id] == 1
    assert not has_session(http, "api-client")


REFUSED = {
    "join, data of the wrong length": ("post", "/queue/join", {"fn_index": 0, "data": ["x"]}),
    "join, data of the wrong type": ("post", "/queue/join", {"fn_index": 0, "data": [{"not": "text"}, None]}),
    "call, data not a list": ("post", "/call/count", {"data": "x"}),
    "call, data of the wrong type": ("post", "/call/count", {"data": [["x"], None]}),
    "call/v2, data of the wrong type": ("post", "/call/v2/count", {"data": {"text": ["x"]}}),
}


@pytest.mark.parametrize(("method", "path", "body"), REFUSED.values(), ids=REFUSED.keys())
def test_a_refused_request_makes_no_session(launch, wire, method, path, body):
    demo, *_ = counter_app()
    http = wire.http(launch(demo))
    response = http.request(method, PREFIX + path, json={**body, "session_hash": "refused-client"})
    assert response.status_code == 422, response.text
    assert not has_session(http, "refused-client")


def test_a_heartbeat_with_a_bad_hash_makes_no_session(launch, wire):
    demo, *_ = counter_app()
    http = wire.http(launch(demo))
    assert http.get(f"{PREFIX}/heartbeat/{'h' * 129}").status_code == 422
    assert not has_session(http, "h" * 129)


def test_a_cross_origin_heartbeat_is_refused_and_makes_no_session(launch, wire):
    demo, *_ = counter_app()
    url = launch(demo)
    http = wire.http(url)
    refused = http.get(f"{PREFIX}/heartbeat/foreign-page", headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403
    # an <img> on another site GETs without an Origin; the browser says where it comes from
    assert http.get(f"{PREFIX}/heartbeat/foreign-img", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert not has_session(http, "foreign-page") and not has_session(http, "foreign-img")
    for own in ({"Origin": url.rstrip("/")}, {"Sec-Fetch-Site": "same-origin"}, {}):
        with http.stream("GET", f"{PREFIX}/heartbeat/own-page", headers=own) as allowed:
            assert allowed.status_code == 200 and allowed.headers["content-type"].startswith("text/event-stream")


def call_count(http: httpx.Client, session_hash: str) -> Any:
    """POST /call/count in that session and read the result: the session's count."""
    event_id = http.post(f"{PREFIX}/call/count", json={"data": ["x", None], "session_hash": session_hash}).json()["event_id"]
    with http.stream("GET", f"{PREFIX}/call/count/{event_id}") as response:
        body = response.read().decode()
    assert "event: complete" in body, body
    _state, count = json.loads(body.rsplit("data: ", 1)[1])
    return count


def test_an_idle_api_session_expires(launch, wire):
    """A curl client with a session_hash and no heartbeat: its session ends (unload runs) once
    it has been idle for the grace period, and the hash then starts a new one."""
    ended = threading.Event()
    demo, *_ = counter_app()
    demo.unload(ended.set)
    url = launch(demo)
    demo.server.store.grace_seconds = 0.05
    http = wire.http(url)
    assert call_count(http, "curl-user") == 1
    assert call_count(http, "curl-user") == 2
    wait_event(ended, what="the idle session to end")
    assert not has_session(http, "curl-user")
    assert call_count(http, "curl-user") == 1  # a new session: its gr.State starts again


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_stateless_call_memory_is_flat(launch, wire, monkeypatch):
    """Thousands of /call, their results read or never read: the server forgets what was read,
    keeps at most `UNREAD_CALLS_KEPT` unread results, and its memory stops growing."""
    monkeypatch.setattr(api_sessions, "UNREAD_CALLS_KEPT", 100)
    demo, *_ = counter_app()
    url = launch(demo)
    http = wire.http(url)
    registry = demo.server.api

    def calls(count: int, read: bool) -> None:
        for _ in range(count):
            event_id = http.post(f"{PREFIX}/call/count", json={"data": ["x", 0]}).json()["event_id"]
            if read:
                with http.stream("GET", f"{PREFIX}/call/count/{event_id}") as response:
                    response.read()
                assert http.get(f"{PREFIX}/call/count/{event_id}").status_code == 404  # read once

    calls(200, read=False)  # warm-up: the unread results fill their place
    gc.collect()
    before = rss_mib()
    calls(1000, read=True)
    assert len(registry._events) <= 100
    calls(500, read=False)
    gc.collect()
    assert len(registry._events) <= 100 and len(registry._unread) <= 100
    assert rss_mib() - before < 8, f"RSS grew by {rss_mib() - before:.1f} MiB"
