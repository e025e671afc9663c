"""Sessions over the served WebSocket: the protocol, bad input answered on its own socket, one
session per page hash, reconnects, eviction, unload, gr.Request, and who runs user functions."""

from __future__ import annotations

import asyncio
import json
import threading

import pytest

import nbblocks as gr

from .wire import Closed, tree_values, updated_values, wait_event, wait_for


def greeter():
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        out = gr.Textbox(label="Greeting")
        count = gr.Number(label="Count", value=0)
        clicks = gr.State(0)
        button = gr.Button("Greet")

        def greet(text, n):
            return f"Hello {text}!", n + 1, n + 1

        button.click(greet, [name, clicks], [out, clicks, count])
    return demo, name, out, count, button


def test_ready_renders_and_an_event_runs(launch, wire):
    demo, name, out, count, button = greeter()
    url = launch(demo)
    sock = wire.socket(url)
    render = sock.ready()
    assert render["type"] == "render" and render["tree"]["type"] == "blocks"
    assert [button._id, "click"] in render["listeners"]
    messages = sock.run_event(button._id, "click", **{f"id{name._id}": "Ada"})
    assert [m["type"] for m in messages] == ["status", "update", "status"]
    assert [m.get("stage") for m in messages] == ["running", None, "complete"]  # no wait: no "pending"
    assert updated_values(messages) == {out._id: "Hello Ada!", count._id: 1}


BAD_MESSAGES = {
    "not json": "{nope",
    "not an object": "[1, 2]",
    "unknown type": {"type": "explode"},
    "unknown component": {"type": "value", "id": 987654, "value": "x"},
    "unknown block in trigger": {"type": "trigger", "id": 987654, "event": "click"},
    "id of the wrong type": {"type": "trigger", "id": "1", "event": "click"},
}


@pytest.mark.parametrize("bad", BAD_MESSAGES.values(), ids=BAD_MESSAGES.keys())
def test_malformed_messages_get_an_error_on_their_socket_only(launch, wire, bad):
    demo, name, out, count, button = greeter()
    url = launch(demo)
    sender, bystander = wire.socket(url), wire.socket(url)
    sender.ready(), bystander.ready()
    sender.send(bad if isinstance(bad, str) else json.dumps(bad))
    error = sender.recv()
    assert error["type"] == "error" and error["event"] is None and error["message"]
    # both sessions go on: the sender's next event works, the bystander never saw the error
    assert updated_values(sender.run_event(button._id, "click", **{f"id{name._id}": "S"}))[out._id] == "Hello S!"
    messages = bystander.run_event(button._id, "click", **{f"id{name._id}": "B"})
    assert "error" not in [m["type"] for m in messages]
    assert updated_values(messages) == {out._id: "Hello B!", count._id: 1}


def test_unknown_event_and_wrong_value_type(launch, wire):
    demo, name, out, count, button = greeter()
    with demo:
        double = gr.Button()
        double.click(lambda n: n * 2, count, count)
    url = launch(demo)
    sock, other = wire.socket(url), wire.socket(url)
    sock.ready(), other.ready()
    sock.send({"type": "trigger", "id": button._id, "event": "drag"})
    refused = sock.recv()
    assert refused["type"] == "error" and "drag" in refused["message"]
    # an object where a Number is read: the event fails with an error at its outputs
    sock.send({"type": "value", "id": count._id, "value": {"not": "a number"}})
    messages = sock.run_event(double._id, "click")
    assert [m["type"] for m in messages] == ["status", "error", "status"]
    assert messages[1]["outputs"] == [count._id] and messages[-1]["stage"] == "error"
    assert updated_values(sock.run_event(double._id, "click", **{f"id{count._id}": 4})) == {count._id: 8}
    assert updated_values(other.run_event(button._id, "click", **{f"id{name._id}": "O"}))[out._id] == "Hello O!"


def test_a_message_over_the_size_limit_is_refused_and_the_session_goes_on(launch, wire):
    demo, name, out, count, button = greeter()
    url = launch(demo)
    demo.server.options.max_message_bytes = 10_000
    sock, other = wire.socket(url), wire.socket(url)
    sock.ready(), other.ready()
    sock.send({"type": "value", "id": name._id, "value": "x" * 20_000})
    error = sock.recv()
    assert error["type"] == "error" and "limit" in error["message"]
    # bytes count, not characters: 4,000 three-byte characters are 12,000 bytes
    sock.send(json.dumps({"type": "value", "id": name._id, "value": "€" * 4_000}, ensure_ascii=False))
    assert sock.recv()["type"] == "error"
    assert updated_values(sock.run_event(button._id, "click", **{f"id{name._id}": "ok"}))[out._id] == "Hello ok!"
    assert updated_values(other.run_event(button._id, "click", **{f"id{name._id}": "O"}))[out._id] == "Hello O!"


@pytest.mark.parametrize("session", ["bad!", "%ff%fe%fdabcdefgh"])
def test_a_bad_session_hash_is_refused(launch, wire, session):
    """Refused with the close code that says why, a hash that is not UTF-8 included (it used to
    drop the connection with no code and a warning in the log)."""
    demo, *_ = greeter()
    url = launch(demo)
    sock = wire.socket(url, session=session)
    with pytest.raises(Closed) as closed:
        sock.recv()
    assert closed.value.code == 4400


# --- one session per page -----------------------------------------------------------------------


def test_two_pages_have_their_own_values_and_state(launch, wire):
    demo, name, out, count, button = greeter()
    url = launch(demo)
    first, second = wire.socket(url), wire.socket(url)
    first.ready(), second.ready()
    first.run_event(button._id, "click", **{f"id{name._id}": "One"})
    first.run_event(button._id, "click")
    values = updated_values(second.run_event(button._id, "click", **{f"id{name._id}": "Two"}))
    assert values == {out._id: "Hello Two!", count._id: 1}  # its own gr.State
    assert updated_values(first.run_event(button._id, "click")) == {out._id: "Hello One!", count._id: 3}


def test_reconnecting_within_the_grace_period_keeps_the_session(launch, wire):
    demo, name, out, count, button = greeter()
    url = launch(demo)
    page = wire.socket(url)
    page.ready()
    page.send({"type": "value", "id": name._id, "value": "typed before"})
    page.run_event(button._id, "click")
    page.close()
    wait_for(lambda: demo.server.links[page.session].socket is None, what="the server to see the close")
    again = wire.socket(url, session=page.session)
    values = tree_values(again.ready())
    assert values[name._id] == "typed before" and values[out._id] == "Hello typed before!"
    assert updated_values(again.run_event(button._id, "click"))[count._id] == 2  # State kept too


def test_the_same_hash_in_a_second_page_takes_the_session_over(launch, wire):
    demo, name, out, count, button = greeter()
    url = launch(demo)
    first = wire.socket(url)
    first.ready()
    second = wire.socket(url, session=first.session)
    second.ready()
    with pytest.raises(Closed) as closed:
        first.recv()
    assert closed.value.code == 4001


def test_sessions_end_after_the_grace_period_and_run_unload(launch, wire):
    unloaded = threading.Event()
    demo, *_ = greeter()
    demo.unload(unloaded.set)
    url = launch(demo)
    demo.server.store.grace_seconds = 0.05
    page = wire.socket(url)
    page.ready()
    assert not unloaded.is_set()
    page.close()
    wait_event(unloaded, what="unload after the grace period")
    assert page.session not in demo.server.store
    fresh = wire.socket(url, session=page.session)
    assert tree_values(fresh.ready()) == tree_values(wire.socket(url).ready())  # a new session


def test_least_recently_used_session_is_evicted_at_capacity(launch, wire):
    unloads = []
    done = threading.Event()
    demo, name, out, count, button = greeter()
    demo.unload(lambda: (unloads.append(1), done.set()))
    url = launch(demo, state_session_capacity=2)
    first, second = wire.socket(url), wire.socket(url)
    first.ready(), second.ready()
    first.run_event(button._id, "click", **{f"id{name._id}": "first"})
    # first reconnects, so second is now the least recently used
    first.close()
    wait_for(lambda: demo.server.links[first.session].socket is None, what="the close")
    first = wire.socket(url, session=first.session)
    first.ready()
    third = wire.socket(url)
    third.ready()
    with pytest.raises(Closed) as closed:
        second.recv()
    assert closed.value.code == 4002
    wait_event(done, what="the evicted session's unload")
    assert unloads == [1]
    assert len(demo.server.store) == 2 and second.session not in demo.server.store
    assert updated_values(first.run_event(button._id, "click"))[count._id] == 2


def test_an_event_makes_a_session_recently_used(launch, wire):
    demo, name, out, count, button = greeter()
    url = launch(demo, state_session_capacity=2)
    first, second = wire.socket(url), wire.socket(url)
    first.ready(), second.ready()
    first.run_event(button._id, "click", **{f"id{name._id}": "still here"})  # first is used last
    wire.socket(url).ready()
    with pytest.raises(Closed) as closed:
        second.recv()
    assert closed.value.code == 4002
    assert first.session in demo.server.store and second.session not in demo.server.store
    assert updated_values(first.run_event(button._id, "click"))[count._id] == 2


def test_close_ends_every_session(launch, wire):
    unloads = []
    demo, *_ = greeter()
    demo.unload(lambda: unloads.append(1))
    url = launch(demo)
    wire.socket(url).ready(), wire.socket(url).ready()
    demo.close()
    assert unloads == [1, 1]


def request_recorder() -> tuple[gr.Blocks, gr.Textbox, list[gr.Request]]:
    """An app whose textbox's submit records the `gr.Request` it gets."""
    seen: list[gr.Request] = []

    def look(text: str, request: gr.Request) -> str:
        seen.append(request)
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(look, box, box)
    return demo, box, seen


def test_request_carries_the_visitor(launch, wire):
    demo, box, seen = request_recorder()
    url = launch(demo)
    sock = wire.socket(url, query="&lang=fr&x=1", headers={"X-Test": "yes"})
    sock.ready()
    sock.run_event(box._id, "submit", **{f"id{box._id}": "hi"})
    (request,) = seen
    assert request.session_hash == sock.session
    assert request.client.host == "127.0.0.1"
    assert request.headers["x-test"] == "yes" and request.headers["Host"] == url.split("//")[1].rstrip("/")
    assert request.query_params["lang"] == "fr" and request.query_params["session"] == sock.session
    assert request.username is None


@pytest.mark.parametrize(
    ("forwarded_for", "allowed", "client"),
    [
        ("203.0.113.7", None, "203.0.113.7"),  # a local reverse proxy (nginx) names the visitor
        ("203.0.113.7, 10.0.0.2", "127.0.0.1,10.0.0.2", "203.0.113.7"),  # through two trusted proxies
        ("203.0.113.7", "10.0.0.9", "127.0.0.1"),  # the peer is no trusted proxy: its header is ignored
        ("203.0.113.7, 198.51.100.1", "*", "203.0.113.7"),  # every proxy trusted: the first hop
    ],
)
def test_request_client_behind_a_reverse_proxy(launch, wire, monkeypatch, forwarded_for, allowed, client):
    """As uvicorn under Gradio: X-Forwarded-For is believed from FORWARDED_ALLOW_IPS (default the
    loopback address, where a local nginx connects from)."""
    if allowed is None:
        monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    else:
        monkeypatch.setenv("FORWARDED_ALLOW_IPS", allowed)
    demo, box, seen = request_recorder()
    url = launch(demo)
    sock = wire.socket(url, headers={"X-Forwarded-For": forwarded_for})
    sock.ready()
    sock.run_event(box._id, "submit", **{f"id{box._id}": "hi"})
    assert [request.client.host for request in seen] == [client]


# --- who runs user functions --------------------------------------------------------------------


def test_a_blocked_function_does_not_hold_up_other_sessions(launch, wire):
    release, entered = threading.Event(), threading.Event()

    def slow(text):
        entered.set()
        release.wait(30)
        return "slow done"

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        stall = gr.Button("stall")
        echo = gr.Button("echo")
        stall.click(slow, box, out)
        echo.click(lambda text: text.upper(), box, out)
    url = launch(demo)
    try:
        blocked, free = wire.socket(url), wire.socket(url)
        blocked.ready(), free.ready()
        blocked.send({"type": "trigger", "id": stall._id, "event": "click"})
        wait_event(entered, what="the slow function to start")
        assert updated_values(free.run_event(echo._id, "click", **{f"id{box._id}": "quick"})) == {out._id: "QUICK"}
        assert not release.is_set()
    finally:
        release.set()
    assert updated_values(blocked.recv_until("update"))[out._id] == "slow done"


def test_async_functions_run_on_the_server_loop(launch, wire):
    where = {}

    async def on_loop(text):
        await asyncio.sleep(0)
        where["loop"] = asyncio.get_running_loop()
        where["thread"] = threading.current_thread().name
        return text

    def sync(text):
        where["sync thread"] = threading.current_thread().name
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox()
        a, b = gr.Button(), gr.Button()
        a.click(on_loop, box, box)
        b.click(sync, box, box)
    url = launch(demo)
    sock = wire.socket(url)
    sock.ready()
    sock.run_event(a._id, "click", **{f"id{box._id}": "x"})
    sock.run_event(b._id, "click")
    assert where["loop"] is demo.server._asyncio_loop
    assert where["thread"] == "nbblocks-server"
    assert where["sync thread"].startswith("nbblocks-worker")


def test_a_state_a_session_set_goes_to_its_delete_callback_when_the_app_closes(launch, wire):
    deleted = []
    with gr.Blocks() as demo:
        total = gr.State(0, delete_callback=deleted.append)
        add = gr.Button()
        add.click(lambda n: n + 1, total, total)
    sock = wire.socket(launch(demo))
    sock.ready()
    sock.run_event(add._id, "click")
    sock.run_event(add._id, "click")
    assert deleted == []
    demo.close()
    assert deleted == [2]
