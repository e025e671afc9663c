"""launch() outside a notebook: ports and hosts, what it returns and prints, the options that
change behaviour (show_error, debug, inbrowser, app_kwargs, root_path), and close()."""

from __future__ import annotations

import re
import socket
import tempfile
import threading

import pytest

import nbblocks as gr
from nbblocks.sessions import GENERIC_ERROR

from .conftest import free_port, port_is_free
from .wire import wait_for


def app() -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        fail = gr.Button("fail")

        def broken(text):
            raise KeyError("the secret reason 42")

        fail.click(broken, box, box)
    demo.fail_button = fail  # type: ignore[attr-defined]
    return demo


def port_of(url: str) -> int:
    return int(url.rstrip("/").rsplit(":", 1)[1])


def test_launch_returns_app_url_and_no_share_url(launch):
    demo = app()
    port = free_port()
    result = demo.launch(prevent_thread_lock=True, quiet=True, server_port=port)
    try:
        application, url, share = result
        assert isinstance(result, tuple) and len(result) == 3
        assert url == f"http://127.0.0.1:{port}/" and share is None
        assert application is demo.server.application
        assert repr(result) == ""  # nothing printed as a notebook cell's last value
    finally:
        demo.close()


def test_server_name_and_port_and_their_environment_variables(launch, wire, monkeypatch):
    port = free_port()
    url = launch(app(), server_name="localhost", server_port=port)
    assert url == f"http://localhost:{port}/"
    assert wire.http(url).get("/").status_code == 200

    env_port = free_port()
    monkeypatch.setenv("GRADIO_SERVER_NAME", "127.0.0.1")
    monkeypatch.setenv("GRADIO_SERVER_PORT", str(env_port))
    url = launch(app())
    assert url == f"http://127.0.0.1:{env_port}/"
    # an argument wins over the environment
    explicit = free_port()
    assert launch(app(), server_port=explicit) == f"http://127.0.0.1:{explicit}/"


def test_0_0_0_0_is_shown_as_loopback(launch, wire):
    url = launch(app(), server_name="0.0.0.0", server_port=free_port())
    assert url.startswith("http://127.0.0.1:")
    assert wire.http(url).get("/").status_code == 200


def test_port_search_from_7860_and_the_next_free_port(launch, monkeypatch):
    monkeypatch.delenv("GRADIO_SERVER_PORT", raising=False)
    first = port_of(launch(app()))
    second = port_of(launch(app()))
    assert 7860 <= first < second < 7960
    assert not port_is_free(first) and not port_is_free(second)


def test_a_busy_explicit_port_is_an_error_naming_it(launch, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        demo = app()
        with pytest.raises(OSError, match=f"Port {port} is in use"):
            launch(demo, server_port=port)
    assert demo.server is None
    assert list(tmp_path.iterdir()) == []  # no cache folder left behind


def test_close_frees_the_port_and_is_idempotent(launch):
    demo = app()
    port = port_of(launch(demo, server_port=free_port()))
    assert not port_is_free(port)
    demo.close()
    assert port_is_free(port)
    demo.close()
    again = app()
    assert port_of(launch(again, server_port=port)) == port


def test_launching_again_replaces_the_server(launch):
    demo = app()
    first = port_of(launch(demo, server_port=free_port()))
    second = port_of(launch(demo, server_port=free_port()))
    assert port_is_free(first) and not port_is_free(second)


def test_no_thread_or_loop_outlives_close(launch, wire):
    demo = app()
    url = launch(demo, server_port=free_port())
    wire.socket(url).ready()
    thread = demo.server._thread
    demo.close()
    assert not thread.is_alive()


def test_default_prints_the_url_and_quiet_prints_nothing(launch, capsys):
    url = launch(app(), quiet=False)
    out = capsys.readouterr().out
    assert f"Running on local URL: {url.rstrip('/')}\n" in out
    assert re.search(r"Running on local URL: http://127\.0\.0\.1:\d+\n", out)
    launch(app(), quiet=True)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("show_error", [True, False])
def test_show_error(launch, wire, show_error):
    demo = app()
    url = launch(demo, show_error=show_error)
    sock = wire.socket(url)
    sock.ready()
    messages = sock.run_event(demo.fail_button._id, "click")
    (error,) = [m for m in messages if m["type"] == "error"]
    if show_error:
        assert "the secret reason 42" in error["message"]
    else:
        assert error["message"] == GENERIC_ERROR
        assert "secret" not in str(messages)


def test_debug_blocks_and_prints_tracebacks(capsys):
    demo = app()
    outcome = {}

    def visit_then_close():
        try:
            wait_for(lambda: demo.server is not None, what="the server")
            from .wire import Socket

            sock = Socket(demo.server.local_url, "debugsession1")
            sock.ready()
            outcome["messages"] = sock.run_event(demo.fail_button._id, "click")
            sock.close()
        finally:
            outcome["closed while blocked"] = demo.server is not None
            demo.server.close()

    visitor = threading.Thread(target=visit_then_close)
    visitor.start()
    # debug blocks even with prevent_thread_lock, as in a notebook
    demo.launch(debug=True, prevent_thread_lock=True, quiet=True, server_port=free_port())
    visitor.join(10)
    assert demo.server is None
    assert outcome["closed while blocked"]
    assert outcome["messages"][-1]["stage"] == "error"
    err = capsys.readouterr().err
    assert "Traceback" in err and "the secret reason 42" in err


def test_debug_logging_is_undone_by_close(capsys):
    import logging

    demo = app()

    def close_when_up():
        wait_for(lambda: demo.server is not None, what="the server")
        demo.server.close()

    closer = threading.Thread(target=close_when_up)
    closer.start()
    demo.launch(debug=True, quiet=True, server_port=free_port())
    closer.join(10)
    assert demo.server is None
    assert not [h for h in logging.getLogger("nbblocks").handlers if getattr(h, "nbblocks_debug", False)]


def test_inbrowser_opens_the_url_with_webbrowser(launch, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url, *args, **kwargs: opened.append(url) or True)
    url = launch(app(), inbrowser=True)
    assert opened == [url]
    launch(app())
    assert opened == [url]


def test_inbrowser_uses_the_BROWSER_variable(launch, monkeypatch, tmp_path):
    import webbrowser

    record = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\necho "$1" > {record}\n')
    script.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(script))
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    url = launch(app(), inbrowser=True)
    wait_for(lambda: record.exists() and record.read_text().strip(), what="the browser script")
    assert record.read_text().strip() == url


def test_app_kwargs_reach_the_tornado_application(launch):
    demo = app()
    launch(demo, app_kwargs={"nbblocks_test_setting": 17, "xsrf_cookie_name": "x"})
    settings = demo.server.application.settings
    assert settings["nbblocks_test_setting"] == 17
    assert settings["nbblocks_server"] is demo.server  # cannot be overridden


URL_ATTRIBUTE = re.compile(r'(?:href|src|action)="([^"]*)"|from "([^"]*)"|"root": "([^"]*)"')


def page_urls(html: str) -> list[str]:
    return [next(g for g in match.groups() if g is not None) for match in URL_ATTRIBUTE.finditer(html)]


@pytest.mark.parametrize(
    ("given", "root"),
    [("/myapp/", "/myapp"), ("myapp", "/myapp"), ("https://example.org/proxy/app/", "https://example.org/proxy/app")],
)
def test_root_path_is_in_every_url_of_the_page(launch, wire, tmp_path, given, root):
    favicon = tmp_path / "icon.png"
    favicon.write_bytes(b"\x89PNG")
    url = launch(app(), root_path=given, favicon_path=str(favicon))
    html = wire.http(url).get("/").text
    urls = page_urls(html)
    assert len(urls) >= 4, html  # icon, stylesheet, script, config root
    assert all(u.startswith(root) for u in urls), urls


def test_root_path_from_the_environment(launch, wire, monkeypatch):
    monkeypatch.setenv("GRADIO_ROOT_PATH", "/fromenv")
    url = launch(app())
    urls = page_urls(wire.http(url).get("/").text)
    assert urls and all(u.startswith("/fromenv") for u in urls)
    url = launch(app(), root_path="/argument")
    assert all(u.startswith("/argument") for u in page_urls(wire.http(url).get("/").text))


def test_root_path_on_the_login_form_and_redirects(launch, wire):
    url = launch(app(), root_path="/myapp", auth=("a", "b"))
    client = wire.http(url)
    assert page_urls(client.get("/").text) == ["/myapp/login"]
    form = {"username": "a", "password": "b"}
    assert client.post("/login", data=form, headers={"Accept": "text/html"}).headers["location"] == "/myapp/"
    assert client.get("/logout").headers["location"] == "/myapp/"


def test_ssl_keyfile_without_certfile_is_an_error(launch, tmp_path):
    key = tmp_path / "key.pem"
    key.write_text("not used")
    with pytest.raises(ValueError, match="ssl_certfile"):
        launch(app(), ssl_keyfile=str(key))


def test_favicon_and_show_api(launch, wire, tmp_path):
    favicon = tmp_path / "icon.png"
    favicon.write_bytes(b"\x89PNG icon")
    url = launch(app(), favicon_path=str(favicon), show_api=False)
    client = wire.http(url)
    assert client.get("/favicon.ico").content == b"\x89PNG icon"
    assert '"showApi": false' in client.get("/").text
    assert wire.http(launch(app())).get("/favicon.ico").status_code == 404


def test_ipv6_loopback(launch, wire):
    if not socket.has_ipv6:
        pytest.skip("no IPv6")
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback")
    url = launch(app(), server_name="::1", server_port=0)
    assert url.startswith("http://[::1]:")
    assert wire.http(url).get("/").status_code == 200
    wire.socket(url).ready()
