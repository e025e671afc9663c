"""Every route under login: refused without it (page, WebSocket, files, uploads), open with it;
cross-origin requests refused. Over real loopback sockets."""

from __future__ import annotations

import hmac
from pathlib import Path

import pytest

import nbblocks as gr
from nbblocks.server.auth import Authenticator
from nbblocks.server.options import ServerOptions

from .wire import Refused, tree_values

SECRETS = ("Secret label 7f3a", "Secret placeholder 91c2", "secret value 55d0")


def secret_app() -> gr.Blocks:
    with gr.Blocks(title="Secret title 0b1e") as demo:
        gr.Textbox(label=SECRETS[0], placeholder=SECRETS[1], value=SECRETS[2])
    return demo


@pytest.fixture()
def allowed_file(tmp_path: Path) -> Path:
    folder = tmp_path / "public"
    folder.mkdir()
    path = folder / "notes.txt"
    path.write_bytes(b"allowed bytes")
    return path


def assert_login_form_only(body: str) -> None:
    assert 'action="/login"' in body and 'name="password"' in body
    for secret in (*SECRETS, "Secret title 0b1e"):
        assert secret not in body
    assert "nbblocks.js" not in body  # the app's page is not served at all


def assert_everything_refused(wire, url: str, allowed: Path) -> None:
    client = wire.http(url)
    page = client.get("/")
    assert page.status_code == 200
    assert_login_form_only(page.text)
    with pytest.raises(Refused) as refused:
        wire.socket(url)
    assert refused.value.status == 401
    assert client.get(f"/file={allowed}").status_code == 401
    upload = client.post("/upload", files={"files": ("a.txt", b"data")})
    assert upload.status_code == 401
    assert "data" not in upload.text


def assert_everything_works(wire, client, url: str, allowed: Path, headers: dict[str, str] | None = None) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "nbblocks.js" in page.text and "Secret title 0b1e" in page.text
    sock = wire.socket(url, cookies=client.cookies, headers=headers)
    assert SECRETS[2] in tree_values(sock.ready()).values()
    file = client.get(f"/file={allowed}")
    assert (file.status_code, file.content) == (200, b"allowed bytes")
    upload = client.post("/upload", files={"files": ("a.txt", b"data")})
    assert upload.status_code == 200
    assert Path(upload.json()[0]).read_bytes() == b"data"


def log_in(client, username: str, password: str):
    """Log in as the login form in a browser does (it accepts HTML: answers are pages and redirects)."""
    return client.post("/login", data={"username": username, "password": password}, headers={"Accept": "text/html"})


def has_login_cookie(client) -> bool:
    return any(name.startswith("nbblocks-user-") for name in client.cookies)


AUTHS = {
    "pair": ("admin", "pa55"),
    "pairs": [("someone", "else"), ("admin", "pa55")],
    "callable": lambda user, password: (user, password) == ("admin", "pa55"),
}


@pytest.mark.parametrize("auth", AUTHS.values(), ids=AUTHS.keys())
def test_auth_refuses_every_route_until_login(launch, wire, allowed_file, auth):
    url = launch(secret_app(), auth=auth, allowed_paths=[str(allowed_file.parent)])
    assert_everything_refused(wire, url, allowed_file)

    client = wire.http(url)
    wrong = log_in(client, "admin", "wrong")
    assert wrong.status_code == 401
    assert_login_form_only(wrong.text)
    assert "Incorrect credentials" in wrong.text
    assert not has_login_cookie(client)

    right = log_in(client, "admin", "pa55")
    assert right.status_code == 302 and right.headers["location"] == "/"
    assert_everything_works(wire, client, url, allowed_file)

    assert client.get("/logout").status_code == 302
    assert not has_login_cookie(client)
    assert_login_form_only(client.get("/").text)
    with pytest.raises(Refused):
        wire.socket(url, cookies=client.cookies)


def test_logout_ends_every_login_of_that_user_even_a_copied_cookie(launch, wire, allowed_file):
    url = launch(secret_app(), auth=[("admin", "pa55"), ("ada", "lovelace")], allowed_paths=[str(allowed_file.parent)])
    laptop, phone, other_user = wire.http(url), wire.http(url), wire.http(url)
    for client, (user, password) in ((laptop, ("admin", "pa55")), (phone, ("admin", "pa55")), (other_user, ("ada", "lovelace"))):
        assert log_in(client, user, password).status_code == 302
    copied = wire.http(url, cookies=dict(laptop.cookies))  # the cookie, taken elsewhere
    assert copied.get(f"/file={allowed_file}").status_code == 200

    assert laptop.get("/logout").status_code == 302
    for client in (copied, phone):  # the copy, and the same user's other login, as Gradio's logout
        assert_login_form_only(client.get("/").text)
        assert client.get(f"/file={allowed_file}").status_code == 401
    assert other_user.get(f"/file={allowed_file}").status_code == 200  # another user stays logged in


def test_auth_message_is_on_the_login_form(launch, wire):
    url = launch(secret_app(), auth=("a", "b"), auth_message="<b>Ask Ada for a password</b>")
    assert "<b>Ask Ada for a password</b>" in wire.http(url).get("/").text


def test_a_forged_cookie_is_refused(launch, wire, allowed_file):
    url = launch(secret_app(), auth=("admin", "pa55"), allowed_paths=[str(allowed_file.parent)])
    client = wire.http(url, cookies={"nbblocks-user": "admin"})
    assert_login_form_only(client.get("/").text)
    assert client.get(f"/file={allowed_file}").status_code == 401


def test_auth_dependency_names_the_user_or_refuses(launch, wire, allowed_file):
    seen = []

    def user_from_header(request: gr.Request) -> str | None:
        seen.append(request)
        return request.headers.get("x-user") or None

    url = launch(secret_app(), auth_dependency=user_from_header, allowed_paths=[str(allowed_file.parent)])
    client = wire.http(url)
    page = client.get("/")
    assert page.status_code == 401
    assert not any(secret in page.text for secret in SECRETS)
    with pytest.raises(Refused) as refused:
        wire.socket(url)
    assert refused.value.status == 401
    assert client.get(f"/file={allowed_file}").status_code == 401
    assert client.post("/upload", files={"files": ("a.txt", b"data")}).status_code == 401

    named = wire.http(url, headers={"x-user": "ada"})
    assert_everything_works(wire, named, url, allowed_file, headers={"x-user": "ada"})
    assert seen[-1].headers["x-user"] == "ada" and seen[-1].username is None


def test_auth_and_auth_dependency_together_are_refused(launch):
    with pytest.raises(ValueError, match="auth_dependency"):
        launch(secret_app(), auth=("a", "b"), auth_dependency=lambda request: "a")


def test_request_username_under_auth(launch, wire):
    names = []

    def who(request: gr.Request) -> str:
        names.append(request.username)
        return request.username

    with gr.Blocks() as demo:
        out = gr.Textbox()
        button = gr.Button()
        button.click(who, None, out)
    url = launch(demo, auth=[("ada", "1"), ("bob", "2")])
    client = wire.http(url)
    log_in(client, "bob", "2")
    sock = wire.socket(url, cookies=client.cookies)
    sock.ready()
    sock.run_event(button._id, "click")
    assert names == ["bob"]


# --- origins ------------------------------------------------------------------------------------


def test_cross_origin_posts_and_websockets_are_refused(launch, wire):
    url = launch(secret_app(), auth=("admin", "pa55"))
    foreign = {"Origin": "http://evil.example"}
    client = wire.http(url)
    assert client.post("/login", data={"username": "admin", "password": "pa55"}, headers={**foreign, "Accept": "text/html"}).status_code == 403
    assert not has_login_cookie(client)
    assert log_in(client, "admin", "pa55").status_code == 302
    assert client.post("/upload", files={"files": ("a.txt", b"x")}, headers=foreign).status_code == 403
    with pytest.raises(Refused) as refused:
        wire.socket(url, cookies=client.cookies, origin="http://evil.example")
    assert refused.value.status == 403
    with pytest.raises(Refused):
        wire.socket(url, cookies=client.cookies, origin="null")
    # the same origin, with or without the Origin header, is fine
    wire.socket(url, cookies=client.cookies).ready()
    assert client.post("/upload", files={"files": ("a.txt", b"x")}, headers={"Origin": url.rstrip("/")}).status_code == 200


def test_cross_origin_websocket_refused_without_auth_too(launch, wire):
    url = launch(secret_app())
    with pytest.raises(Refused) as refused:
        wire.socket(url, origin="http://evil.example")
    assert refused.value.status == 403
    assert SECRETS[2] in tree_values(wire.socket(url).ready()).values()


# --- Authenticator.check -------------------------------------------------------------------------


def test_passwords_are_compared_in_constant_time(monkeypatch):
    compared = []
    real = hmac.compare_digest

    def spy(a, b):
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr("nbblocks.server.auth.hmac.compare_digest", spy)
    checker = Authenticator(ServerOptions.from_launch(auth=[("ada", "one"), ("bob", "two")]))
    assert checker.check("bob", "two")
    assert not checker.check("bob", "one")
    assert not checker.check("eve", "two")
    assert not checker.check("", "")
    assert (b"two", b"two") in compared
    # every pair is compared whatever matched, so timing tells nothing about which field was wrong
    assert len(compared) == 4 * 2 * 2


def test_check_with_a_callable_and_non_ascii():
    checker = Authenticator(ServerOptions.from_launch(auth=lambda u, p: u == "zoë" and p == "ünï"))
    assert checker.check("zoë", "ünï") and not checker.check("zoë", "uni")
    pairs = Authenticator(ServerOptions.from_launch(auth=("zoë", "ünï")))
    assert pairs.check("zoë", "ünï") and not pairs.check("zoe", "ünï")


def test_same_origin_rules():
    from types import SimpleNamespace

    from nbblocks.server.handlers import same_origin

    def request(**headers):
        return SimpleNamespace(headers={k.replace("_", "-"): v for k, v in headers.items()})

    assert same_origin(request(Host="127.0.0.1:7860"))  # no Origin: not a browser's cross-site request
    assert same_origin(request(Host="127.0.0.1:7860", Origin="http://127.0.0.1:7860"))
    assert not same_origin(request(Host="127.0.0.1:7860", Origin="http://127.0.0.1:9999"))
    assert not same_origin(request(Host="127.0.0.1:7860", Origin="http://evil.example"))
    assert not same_origin(request(Host="127.0.0.1:7860", Origin="null"))
    # behind a proxy: Host without the port (nginx's $host), or X-Forwarded-Host
    assert same_origin(request(Host="example.org", Origin="https://example.org:8443"))
    assert not same_origin(request(Host="example.org", Origin="https://example.org.evil.example"))
    assert same_origin(request(Host="127.0.0.1:7860", X_Forwarded_Host="app.example.org", Origin="https://app.example.org"))
    assert same_origin(request(Host="127.0.0.1:7860", Origin="https://public.example"), "https://public.example/app")
    assert not same_origin(request(Host="127.0.0.1:7860", Origin="https://other.example"), "https://public.example/app")
    assert same_origin(request(Host="[::1]:7860", Origin="http://[::1]:7860"))


def test_a_session_hash_is_only_good_for_its_own_user(launch, wire):
    from .wire import Closed

    with gr.Blocks() as demo:
        box = gr.Textbox()
    url = launch(demo, auth=[("ada", "1"), ("bob", "2")])
    ada, bob = wire.http(url), wire.http(url)
    log_in(ada, "ada", "1")
    log_in(bob, "bob", "2")
    mine = wire.socket(url, cookies=ada.cookies)
    mine.ready()
    mine.send({"type": "value", "id": box._id, "value": "ada's text"})
    stolen = wire.socket(url, session=mine.session, cookies=bob.cookies)
    with pytest.raises(Closed) as closed:
        stolen.recv()
    assert closed.value.code == 4002
    again = wire.socket(url, session=mine.session, cookies=ada.cookies)
    assert tree_values(again.ready())[box._id] == "ada's text"


def test_a_program_logging_in_gets_json_not_a_page(launch, wire):
    """gradio_client's Client(url, auth=...) posts the form and needs a 2xx answer."""
    url = launch(secret_app(), auth=("admin", "pa55"))
    client = wire.http(url)
    wrong = client.post("/login", data={"username": "admin", "password": "nope"})
    assert (wrong.status_code, wrong.json()) == (401, {"error": "Incorrect credentials."})
    right = client.post("/login", data={"username": "admin", "password": "pa55"})
    assert (right.status_code, right.json()) == (200, {"success": True}) and has_login_cookie(client)
    page = client.get("/")
    assert page.status_code == 200 and 'name="password"' not in page.text  # the app's page, not the form


def test_two_apps_on_one_host_keep_their_own_logins(launch, wire):
    first = launch(secret_app(), auth=("admin", "pa55"))
    second = launch(secret_app(), auth=("admin", "other"))
    client_one, client_two = wire.http(first), wire.http(second)
    assert log_in(client_one, "admin", "pa55").status_code == 302
    assert log_in(client_two, "admin", "other").status_code == 302
    assert {n for n in client_one.cookies} != {n for n in client_two.cookies}


def test_config_app_id_is_random_per_launch_not_a_memory_address(launch, wire):
    demo = secret_app()
    ids = []
    for _ in range(2):
        ids.append(wire.http(launch(demo)).get("/config").json()["app_id"])
        demo.close()
    assert ids[0] != ids[1] and id(demo) not in ids
