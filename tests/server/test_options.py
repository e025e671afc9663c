"""`ServerOptions.from_launch`: launch() arguments and environment variables resolved once."""

from __future__ import annotations

import os

import pytest

from nbblocks.server.options import MULTIPART_FRAMING_BYTES, ServerOptions, normalize_root_path, parse_size


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, None),
        (0, 0),
        (1234, 1234),
        ("5kb", 5 * 1024),
        ("5KB", 5 * 1024),
        ("200 kb", 200 * 1024),
        ("5mb", 5 * 1024**2),
        ("1gb", 1024**3),
        ("1tb", 1024**4),
        ("17b", 17),
        ("17", 17),
        (" 3 MB ", 3 * 1024**2),
    ],
)
def test_max_file_size_parsing(given, expected):
    assert parse_size(given) == expected
    assert ServerOptions.from_launch(max_file_size=given).max_file_size == expected


@pytest.mark.parametrize("bad", ["five mb", "5 xb", "-5kb", "5.5mb", "", "mb"])
def test_bad_max_file_size_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="max_file_size"):
        ServerOptions.from_launch(max_file_size=bad)


@pytest.mark.parametrize("bad", [-1, True, 2.5])
def test_max_file_size_must_be_a_whole_number_of_bytes(bad):
    with pytest.raises((ValueError, TypeError), match="max_file_size"):
        ServerOptions.from_launch(max_file_size=bad)


def test_body_limits_come_from_max_file_size():
    assert ServerOptions.from_launch(max_file_size="1kb").max_body_bytes == 1024 + MULTIPART_FRAMING_BYTES
    assert ServerOptions.from_launch().max_body_bytes == 100 * 1024 * 1024
    options = ServerOptions.from_launch(max_file_size=10)
    assert options.drain_bytes > options.max_body_bytes


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("", ""),
        ("/", ""),
        ("/myapp/", "/myapp"),
        ("myapp", "/myapp"),
        ("/a/b/", "/a/b"),
        ("https://example.org/app/", "https://example.org/app"),
        ("http://example.org", "http://example.org"),
    ],
)
def test_root_path_normalised(given, expected):
    assert normalize_root_path(given) == expected


def test_environment_variables(monkeypatch):
    monkeypatch.setenv("GRADIO_SERVER_NAME", "0.0.0.0")
    monkeypatch.setenv("GRADIO_SERVER_PORT", "8123")
    monkeypatch.setenv("GRADIO_ROOT_PATH", "/env")
    options = ServerOptions.from_launch()
    assert (options.server_name, options.server_port, options.root_path) == ("0.0.0.0", 8123, "/env")
    given = ServerOptions.from_launch(server_name="localhost", server_port=9000, root_path="/arg")
    assert (given.server_name, given.server_port, given.root_path) == ("localhost", 9000, "/arg")
    monkeypatch.setenv("GRADIO_SERVER_PORT", "not a port")
    with pytest.raises(ValueError, match="GRADIO_SERVER_PORT"):
        ServerOptions.from_launch()


def test_defaults(monkeypatch):
    for name in ("GRADIO_SERVER_NAME", "GRADIO_SERVER_PORT", "GRADIO_ROOT_PATH"):
        monkeypatch.delenv(name, raising=False)
    options = ServerOptions.from_launch()
    assert options.server_name == "127.0.0.1" and options.server_port is None and options.root_path == ""
    assert options.max_threads == 40 and options.state_session_capacity == 10000
    assert options.auth is None and not options.needs_login and options.scheme == "http"


def test_auth_forms():
    assert ServerOptions.from_launch(auth=("a", "b")).auth == [("a", "b")]
    assert ServerOptions.from_launch(auth=[("a", "b"), ["c", "d"]]).auth == [("a", "b"), ("c", "d")]
    check = lambda u, p: True  # noqa: E731
    assert ServerOptions.from_launch(auth=check).auth is check
    for bad in [("a",), [("a", 1)], "ab", [("a", "b", "c")]]:
        with pytest.raises(TypeError, match="auth"):
            ServerOptions.from_launch(auth=bad)
    with pytest.raises(ValueError, match="auth_dependency"):
        ServerOptions.from_launch(auth=("a", "b"), auth_dependency=lambda request: "a")
    assert ServerOptions.from_launch(auth_dependency=lambda request: "a").needs_login


def test_ssl_arguments():
    with pytest.raises(ValueError, match="ssl_certfile"):
        ServerOptions.from_launch(ssl_keyfile="key.pem")
    assert ServerOptions.from_launch(ssl_certfile="cert.pem").scheme == "https"


def test_paths_are_made_absolute():
    options = ServerOptions.from_launch(allowed_paths=["data"], blocked_paths=["data/private"])
    assert options.allowed_paths == [os.path.abspath("data")]
    assert options.blocked_paths == [os.path.abspath("data/private")]


def test_capacity_and_threads_must_be_positive():
    with pytest.raises(ValueError, match="state_session_capacity"):
        ServerOptions.from_launch(state_session_capacity=0)
    with pytest.raises(ValueError, match="max_threads"):
        ServerOptions.from_launch(max_threads=0)


def test_our_app_kwargs_are_picked_out_the_rest_go_to_tornado(monkeypatch):
    monkeypatch.setenv("NBBLOCKS_ALLOWED_HOSTS", " app.example.org, other.example:8443 ,")
    given = {"idle_connection_timeout": 5, "body_timeout": 60, "max_header_size": 8192, "login_idle_timeout": 60,
             "login_max_age": 3600, "websocket_ping_interval": 5}  # fmt: skip
    options = ServerOptions.from_launch(app_kwargs=given)
    assert options.app_kwargs == {"websocket_ping_interval": 5}
    assert (options.idle_connection_timeout, options.body_timeout, options.max_header_size) == (5, 60, 8192)
    assert (options.login_idle_timeout, options.login_max_age) == (60, 3600)
    assert options.allowed_hosts == ["app.example.org", "other.example:8443"]
    assert given["idle_connection_timeout"] == 5, "the caller's dict is left as it was"


@pytest.mark.parametrize("key", ["idle_connection_timeout", "body_timeout", "max_header_size", "login_idle_timeout", "login_max_age"])
@pytest.mark.parametrize("bad", [0, -1, "10", True, None])
def test_our_app_kwargs_must_be_positive_numbers(key, bad):
    with pytest.raises(ValueError, match=key):
        ServerOptions.from_launch(app_kwargs={key: bad})


def test_connection_limits_and_login_expiry_have_bounded_defaults(monkeypatch):
    monkeypatch.delenv("NBBLOCKS_ALLOWED_HOSTS", raising=False)
    options = ServerOptions.from_launch()
    assert options.idle_connection_timeout <= 60 and options.body_timeout <= 3600  # tornado's: an hour, none
    assert options.max_header_size <= 32 * 1024  # tornado's: 64 KiB
    assert options.login_idle_timeout <= 86400 and options.login_max_age <= 7 * 86400
    assert options.allowed_hosts == []
