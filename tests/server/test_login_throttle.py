"""Login brute force (issue 10, defect 7): after five wrong passwords in a row from one client
address, its next attempt must wait, 1 s and then twice as long after each further failure, and
is answered 429 with Retry-After until then; other addresses log in at once, the right password
works once the wait is over, and a wrong user name is treated exactly as a wrong password. The
login clock is the test's (`login_clock`), so no test waits for real."""

from __future__ import annotations

import httpx

from nbblocks.server.auth import LoginThrottle

from .test_routes import has_login_cookie, log_in, secret_app

USERS = [("ada", "lovelace")]


def failing(client, times: int, username: str = "ada") -> None:
    for _ in range(times):
        assert log_in(client, username, "wrong").status_code == 401


def test_a_client_guessing_is_slowed_down_and_others_are_not(launch, wire, login_clock):
    url = launch(secret_app(), auth=USERS)
    guesser = wire.http(url)
    failing(guesser, 5)
    throttled = log_in(guesser, *USERS[0])  # even the right password waits its turn
    assert (throttled.status_code, throttled.headers["Retry-After"]) == (429, "1")
    assert "try again in 1 s" in throttled.text and 'name="password"' in throttled.text
    assert not has_login_cookie(guesser)

    other_address = wire.http(url, transport=httpx.HTTPTransport(local_address="127.0.0.2"))
    assert log_in(other_address, *USERS[0]).status_code == 302  # at once, not locked out

    login_clock.advance(1)
    assert log_in(guesser, *USERS[0]).status_code == 302  # the wait is over: the right password works
    failing(guesser, 5)  # and the count started again


def test_the_wait_doubles_with_each_further_failure(launch, wire, login_clock):
    url = launch(secret_app(), auth=USERS)
    client = wire.http(url)
    failing(client, 5)
    for wait in (2, 4, 8):
        login_clock.advance(wait // 2)
        failing(client, 1)  # the previous wait is over; this failure doubles it
        refused = client.post("/login", data={"username": "ada", "password": "lovelace"})
        assert (refused.status_code, refused.headers["Retry-After"]) == (429, str(wait))
        assert refused.json() == {"error": f"Too many failed logins: try again in {wait} s."}


def test_a_wrong_user_name_and_a_wrong_password_are_told_apart_by_nothing(launch, wire, login_clock):
    url = launch(secret_app(), auth=USERS)
    known, unknown = wire.http(url), wire.http(url, transport=httpx.HTTPTransport(local_address="127.0.0.3"))
    answers = []
    for client, username in ((known, "ada"), (unknown, "nobody")):
        for _ in range(5):
            answer = log_in(client, username, "wrong")
            answers.append((answer.status_code, answer.text))
        throttled = log_in(client, username, "wrong")
        answers.append((throttled.status_code, throttled.headers.get("Retry-After"), throttled.text))
    assert answers[:6] == answers[6:]


def test_a_program_logging_in_is_throttled_with_json(launch, wire, login_clock):
    url = launch(secret_app(), auth=USERS)
    client = wire.http(url)
    for _ in range(5):
        assert client.post("/login", data={"username": "ada", "password": "x"}).json() == {"error": "Incorrect credentials."}
    throttled = client.post("/login", data={"username": "ada", "password": "lovelace"})
    assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "1"
    login_clock.advance(1)
    assert client.post("/login", data={"username": "ada", "password": "lovelace"}).json() == {"success": True}


def test_the_wait_stops_growing_at_five_minutes(launch, wire, login_clock):
    url = launch(secret_app(), auth=USERS)
    client = wire.http(url)
    failing(client, 5)
    for _ in range(10):
        login_clock.advance(300)
        failing(client, 1)
    refused = log_in(client, *USERS[0])
    assert (refused.status_code, refused.headers["Retry-After"]) == (429, "300")


def test_a_guesser_that_keeps_at_it_for_weeks_still_waits_five_minutes(login_clock):
    throttle = LoginThrottle()
    for _ in range(5000):  # 2 ** 5000 seconds would overflow a float
        login_clock.advance(300)
        throttle.failed("192.0.2.1")
    assert throttle.wait("192.0.2.1") == 300
    assert throttle.wait("192.0.2.2") == 0
