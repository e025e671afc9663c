"""A login ends everything opened under it (issue 10, defect 2): ``/logout`` closes that user's
page WebSockets and API event streams at once, and a login past its idle or absolute expiry is
refused and its connections closed by the server's reaper. Auth is only checked when such a
connection opens, so without this they would keep working for as long as they stay open."""

from __future__ import annotations

import pytest

import nbblocks as gr
from tests.helpers import Gate

from .test_routes import log_in
from .wire import Closed, Refused, sse_messages, wait_for

PREFIX = "/gradio_api"
USERS = [("ada", "lovelace"), ("bob", "builder")]


def counted_app() -> tuple[gr.Blocks, gr.Button, list[str]]:
    """A button whose every run is recorded, and a textbox showing "secret"."""
    runs: list[str] = []

    def run(text: str) -> str:
        runs.append(text)
        return text.upper()

    with gr.Blocks() as demo:
        box = gr.Textbox(value="secret")
        button = gr.Button()
        button.click(run, box, box, api_name="run")
    return demo, button, runs


def test_logout_closes_the_users_open_pages_and_only_theirs(launch, wire):
    demo, button, runs = counted_app()
    url = launch(demo, auth=USERS)
    ada_laptop, ada_phone, bob = wire.http(url), wire.http(url), wire.http(url)
    for client, (user, password) in ((ada_laptop, USERS[0]), (ada_phone, USERS[0]), (bob, USERS[1])):
        assert log_in(client, user, password).status_code == 302
    ada_page = wire.page(url, cookies=ada_phone.cookies)
    bob_page = wire.page(url, cookies=bob.cookies)

    assert ada_laptop.get("/logout").status_code == 302  # from another device: every login of ada ends
    ada_page.trigger(button._id)
    with pytest.raises(Closed) as closed:
        ada_page.recv()
    assert (closed.value.code, closed.value.reason) == (4401, "logged out")
    with pytest.raises(Refused) as refused:  # and its reconnection is refused
        wire.socket(url, ada_page.session, cookies=ada_phone.cookies)
    assert refused.value.status == 401

    bob_page.trigger(button._id)
    bob_page.until_finished()
    assert runs == ["secret"], "only bob's click ran; the one sent after ada's logout did not"


def test_logout_ends_the_users_api_streams(launch, wire):
    """gradio_client's connections: the heartbeat stream and the queue stream of a call."""
    gate = Gate(result="late")
    with gr.Blocks() as demo:
        out = gr.Textbox()
        gr.Button().click(gate, None, out, api_name="wait")
    url = launch(demo, auth=USERS)
    client, heart, logout = wire.http(url), wire.http(url), wire.http(url)
    for each in (client, heart, logout):
        assert each.post("/login", data=dict(zip(("username", "password"), USERS[0]))).status_code == 200
    session_hash = "api-logout-1"
    try:
        with heart.stream("GET", f"{PREFIX}/heartbeat/{session_hash}") as heartbeat:
            beats = heartbeat.iter_lines()
            assert next(beats) == "data: ALIVE"
            joined = client.post(f"{PREFIX}/queue/join", json={"data": [], "fn_index": 0, "session_hash": session_hash})
            assert joined.status_code == 200
            with client.stream("GET", f"{PREFIX}/queue/data", params={"session_hash": session_hash}) as queue:
                messages = sse_messages(queue.iter_lines())
                assert next(m for m in messages if m["msg"] != "estimation")["msg"] == "process_starts"
                gate.started(1)
                assert logout.get("/logout").status_code == 302
                # both streams end now, not at their next heartbeat (15 s; the client times out at 10)
                assert [m["msg"] for m in messages] == []
            assert [line for line in beats if line] == []
    finally:
        gate.open()
    assert client.get("/config").status_code == 401


def test_an_idle_login_is_refused(launch, wire, login_clock):
    demo, _, _ = counted_app()
    url = launch(demo, auth=USERS, app_kwargs={"login_idle_timeout": 600, "login_max_age": 86400})
    client = wire.http(url)
    assert log_in(client, *USERS[0]).status_code == 302
    for _ in range(3):  # used every 9 minutes: still logged in after 27
        login_clock.advance(540)
        assert client.get("/config").status_code == 200
    login_clock.advance(601)
    assert client.get("/config").status_code == 401
    assert 'name="password"' in client.get("/").text


def test_an_open_page_keeps_its_login_in_use_until_its_max_age(launch, wire, login_clock):
    demo, button, runs = counted_app()
    url = launch(demo, auth=USERS, app_kwargs={"login_idle_timeout": 600, "login_max_age": 3600})
    client = wire.http(url)
    assert log_in(client, *USERS[0]).status_code == 302
    page = wire.page(url, cookies=client.cookies)

    login_clock.advance(1800)  # no request for half an hour, but the page is open: not idle
    assert client.get("/config").status_code == 200
    page.trigger(button._id)
    page.until_finished()

    login_clock.advance(1801)  # an hour after the login: over, even in use
    with pytest.raises(Closed) as closed:  # the reaper closes the page within a second or so
        page.recv()
    assert closed.value.code == 4401
    assert client.get("/config").status_code == 401
    assert runs == ["secret"]


def test_the_idle_time_starts_when_the_last_page_closes(launch, wire, login_clock):
    demo, _, _ = counted_app()
    url = launch(demo, auth=USERS, app_kwargs={"login_idle_timeout": 600})
    client = wire.http(url)
    assert log_in(client, *USERS[0]).status_code == 302
    page = wire.page(url, cookies=client.cookies)
    login_clock.advance(3000)
    page.close()
    wait_for(lambda: demo.server.links[page.session].socket is None, what="the server to see the page leave")
    login_clock.advance(599)
    assert client.get("/config").status_code == 200
    login_clock.advance(601)
    assert client.get("/config").status_code == 401
