"""DNS rebinding (issue 10, defect 6): served on a loopback address, the app answers only Host
names that are loopback ones or that the user gave it (server_name, a full-URL root_path, the
share link, the Jupyter proxy's host, NBBLOCKS_ALLOWED_HOSTS); any other gets a 403 with nothing
of the app. Served on every address (0.0.0.0), any Host is answered. nginx, jupyter-server-proxy
and share-tunnel set-ups are covered by their own test files, which must stay green."""

from __future__ import annotations

import nbblocks as gr

from .conftest import free_port
from .wire import raw_http

TITLE = "Rebinding target 4d2c"


def target_app() -> gr.Blocks:
    with gr.Blocks(title=TITLE) as demo:
        gr.Textbox(value="local secret")
    return demo


def get_with_host(url: str, host: str, path: str = "/", headers: str = "Connection: close\r\n") -> tuple[int, bytes]:
    """GET ``path`` naming ``host`` in the Host header, as a browser whose page's name resolves
    to this machine sends it."""
    return raw_http(url, f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{headers}\r\n".encode())


WEBSOCKET_HANDSHAKE = (
    "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
)


def is_refused(answer: tuple[int, bytes]) -> bool:
    status, body = answer
    return status == 403 and b"NBBLOCKS_ALLOWED_HOSTS" in body and TITLE.encode() not in body


FOREIGN = ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}", "localhost.evil.example", "[::1", ""]
LOOPBACK = ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST", "app.localhost:{port}", "127.7.7.7", "[::1]:{port}", "localhost."]


def test_foreign_hosts_are_refused_on_every_route_and_loopback_names_answer(launch, wire):
    url = launch(target_app())
    port = url.rstrip("/").rsplit(":", 1)[1]
    for host in FOREIGN:
        for path in ("/", "/config", "/gradio_api/info", "/static/nbblocks.js"):
            assert is_refused(get_with_host(url, host.format(port=port), path)), (host, path)
    for host in LOOPBACK:
        status, body = get_with_host(url, host.format(port=port))
        assert status == 200 and TITLE.encode() in body, host
    assert is_refused(get_with_host(url, f"evil.example:{port}", "/ws?session=abcdefgh1234", WEBSOCKET_HANDSHAKE))
    assert "local secret" in str(wire.page(url.replace("127.0.0.1", "localhost")).ready())
    login = wire.http(url).post("/login", data={"username": "a", "password": "b"}, headers={"Host": "evil.example"})
    assert login.status_code == 403


def test_hosts_the_user_names_are_answered(launch, monkeypatch):
    monkeypatch.setenv("NBBLOCKS_ALLOWED_HOSTS", "app.example.org, other.example.net:8443, [malformed")
    url = launch(target_app(), root_path="https://public.example.com/app")
    for host in ("app.example.org", "APP.example.org:443", "other.example.net", "public.example.com:8080"):
        assert get_with_host(url, host)[0] == 200, host
    for host in ("example.org", "", "[::1"):
        assert is_refused(get_with_host(url, host)), host


def test_the_server_name_is_answered(launch):
    # on Debian the machine's name often resolves to 127.0.1.1, a loopback address
    url = launch(target_app(), server_name="127.0.1.1", server_port=free_port())
    assert get_with_host(url, url.split("/")[2])[0] == 200
    assert is_refused(get_with_host(url, "evil.example"))


def test_the_share_link_and_the_jupyter_proxys_host_are_answered(launch):
    demo = target_app()
    url = launch(demo)
    assert is_refused(get_with_host(url, "abc123.lhr.life"))
    demo.server.share_url = "https://abc123.lhr.life"  # as the tunnel sets it once up
    assert get_with_host(url, "abc123.lhr.life")[0] == 200

    demo.server.proxied_url = "https://hub.example.org/user/ada/proxy/7860/"
    assert get_with_host(url, "hub.example.org")[0] == 200
    assert is_refused(get_with_host(url, "evil.example"))
    # a hub that does not say its public name: the kernel cannot know the Host the browser uses
    demo.server.proxied_url = "/user/ada/proxy/7860/"
    assert get_with_host(url, "some-hub.example")[0] == 200


def test_any_host_is_answered_on_every_address(launch):
    url = launch(target_app(), server_name="0.0.0.0", server_port=free_port())
    status, body = get_with_host(url, "my-laptop.lan:8080")
    assert status == 200 and TITLE.encode() in body


def test_a_star_answers_any_host(launch, monkeypatch):
    """What the gallery's jupyter-server-proxy entry point sets: the Jupyter server's public name is unknown."""
    monkeypatch.setenv("NBBLOCKS_ALLOWED_HOSTS", "*")
    url = launch(target_app())
    assert get_with_host(url, "hub.mybinder.example")[0] == 200
