"""`ServerOptions`: every launch() argument the served transport uses, resolved once.

Environment variables (GRADIO_SERVER_NAME, GRADIO_SERVER_PORT, GRADIO_ROOT_PATH,
NBBLOCKS_ALLOWED_HOSTS) and Gradio's defaults are applied here, and bad combinations are refused
here, so the rest of the server reads plain values. ``app_kwargs`` are split here too: our keys
(`APP_KWARGS_OPTIONS`: connection timeouts, header size, login expiry) become fields, the rest
stay tornado Application settings.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..cache import parse_size

Credentials = Callable[[str, str], bool] | Sequence[tuple[str, str]]
#: room for the multipart boundaries and part headers around the files of one upload
MULTIPART_FRAMING_BYTES = 64 * 1024
#: ``app_kwargs`` keys that are ours (connection limits for tornado's HTTPServer, login expiry),
#: not tornado Application settings
APP_KWARGS_OPTIONS = ("idle_connection_timeout", "body_timeout", "max_header_size", "login_idle_timeout", "login_max_age")
#: more Host names to answer on a loopback address, comma-separated (a reverse proxy's public name)
ALLOWED_HOSTS_VARIABLE = "NBBLOCKS_ALLOWED_HOSTS"


def normalize_root_path(root_path: str | None) -> str:
    """"/myapp/" → "/myapp"; a full URL stays a full URL (without its trailing slash)."""
    root_path = root_path if root_path is not None else os.environ.get("GRADIO_ROOT_PATH", "")
    root_path = root_path.strip().rstrip("/")
    if root_path and not root_path.startswith(("/", "http://", "https://")):
        root_path = "/" + root_path
    return root_path


def _credentials(auth: Any) -> Credentials | None:
    if auth is None or callable(auth):
        return auth
    pairs = [auth] if isinstance(auth, tuple) else list(auth)
    for pair in pairs:
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise TypeError("auth must be a (username, password) tuple, a list of them, or a callable")
    return [(user, password) for user, password in pairs]


@dataclass
class ServerOptions:
    """What the server needs from launch(), with environment variables applied."""

    server_name: str = "127.0.0.1"
    server_port: int | None = None
    root_path: str = ""
    max_threads: int = 40
    auth: Credentials | None = None
    auth_message: str | None = None
    auth_dependency: Callable[[Any], str | None] | None = None
    ssl_keyfile: str | None = None
    ssl_certfile: str | None = None
    ssl_keyfile_password: str | None = None
    ssl_verify: bool = True
    allowed_paths: list[str] = field(default_factory=list)
    blocked_paths: list[str] = field(default_factory=list)
    max_file_size: int | None = None
    favicon_path: str | None = None
    show_api: bool = True
    state_session_capacity: int = 10000
    app_kwargs: dict[str, Any] = field(default_factory=dict)
    quiet: bool = False
    debug: bool = False
    #: open an SSH reverse tunnel (`share.py`) to ``share_server_address`` ("[user@]host:port"; by
    #: default localhost.run, see `share_server.py`)
    share: bool = False
    share_server_address: str | None = None
    share_server_protocol: str | None = None
    #: seconds a session outlives its dropped connection, so a reconnect or reload keeps it
    reconnect_grace: float = 60.0
    #: the largest WebSocket message a page may send; larger ones get an error reply
    max_message_bytes: int = 1024 * 1024
    #: the connection limits and login expiry below come from ``app_kwargs`` under these names
    #: (`APP_KWARGS_OPTIONS`); the rest of ``app_kwargs`` are tornado Application settings.
    #: Seconds a connection may wait for its next request's headers, a kept-alive one included
    #: (tornado's default is an hour, which lets idle and half-open clients hold connections)
    idle_connection_timeout: float = 30.0
    #: seconds a whole request body may take to arrive: a large upload on a slow link needs more
    body_timeout: float = 600.0
    #: the largest request head (request line and headers) in bytes; a larger one is cut off
    max_header_size: int = 32 * 1024
    #: seconds a login lasts without a request or an open connection of its own
    login_idle_timeout: float = 24 * 3600.0
    #: seconds a login lasts at most, used or not
    login_max_age: float = 7 * 24 * 3600.0
    #: Host names the server answers besides loopback ones (NBBLOCKS_ALLOWED_HOSTS, see
    #: `handlers.host_allowed`)
    allowed_hosts: list[str] = field(default_factory=list)

    @classmethod
    def from_launch(
        cls,
        *,
        server_name: str | None = None,
        server_port: int | None = None,
        root_path: str | None = None,
        max_threads: int = 40,
        auth: Any = None,
        auth_message: str | None = None,
        auth_dependency: Callable[[Any], str | None] | None = None,
        ssl_keyfile: str | None = None,
        ssl_certfile: str | None = None,
        ssl_keyfile_password: str | None = None,
        ssl_verify: bool = True,
        allowed_paths: Sequence[str] | None = None,
        blocked_paths: Sequence[str] | None = None,
        max_file_size: str | int | None = None,
        favicon_path: str | None = None,
        show_api: bool = True,
        state_session_capacity: int = 10000,
        app_kwargs: dict[str, Any] | None = None,
        quiet: bool = False,
        debug: bool = False,
        share: bool = False,
        share_server_address: str | None = None,
        share_server_protocol: str | None = None,
    ) -> ServerOptions:
        """launch()'s arguments, each by name (a renamed one is a TypeError here, never silently
        dropped), checked and completed from the environment. ``share`` comes resolved
        (GRADIO_SHARE, Colab) from launch()."""
        if auth is not None and auth_dependency is not None:
            raise ValueError("You cannot provide both `auth` and `auth_dependency` in launch(). Please choose one.")
        if ssl_keyfile is not None and ssl_certfile is None:
            raise ValueError("ssl_certfile must be provided if ssl_keyfile is provided.")
        if server_port is None and os.environ.get("GRADIO_SERVER_PORT"):
            try:
                server_port = int(os.environ["GRADIO_SERVER_PORT"])
            except ValueError:
                raise ValueError(f"GRADIO_SERVER_PORT must be a port number, not {os.environ['GRADIO_SERVER_PORT']!r}") from None
        for name, count in (("max_threads", max_threads), ("state_session_capacity", state_session_capacity)):
            if count < 1:
                raise ValueError(f"{name} must be at least 1, not {count}")
        tornado_settings = dict(app_kwargs or {})
        picked = {name: tornado_settings.pop(name) for name in APP_KWARGS_OPTIONS if name in tornado_settings}
        for name, value in picked.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"app_kwargs[{name!r}] must be a positive number, not {value!r}")
        return cls(
            server_name=server_name or os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
            server_port=server_port,
            root_path=normalize_root_path(root_path),
            max_threads=max_threads,
            auth=_credentials(auth),
            auth_message=auth_message,
            auth_dependency=auth_dependency,
            ssl_keyfile=ssl_keyfile,
            ssl_certfile=ssl_certfile,
            ssl_keyfile_password=ssl_keyfile_password,
            ssl_verify=ssl_verify,
            allowed_paths=[os.path.abspath(p) for p in allowed_paths or []],
            blocked_paths=[os.path.abspath(p) for p in blocked_paths or []],
            max_file_size=parse_size(max_file_size),
            favicon_path=favicon_path,
            show_api=show_api,
            state_session_capacity=state_session_capacity,
            app_kwargs=tornado_settings,
            quiet=quiet,
            debug=debug,
            share=bool(share),
            share_server_address=share_server_address,
            share_server_protocol=share_server_protocol,
            allowed_hosts=[host.strip() for host in os.environ.get(ALLOWED_HOSTS_VARIABLE, "").split(",") if host.strip()],
            **picked,
        )

    @property
    def max_body_bytes(self) -> int:
        """The largest HTTP body any route accepts: one upload of ``max_file_size`` with its
        multipart framing, or tornado's 100 MiB when there is no limit. The upload route then
        checks every file against ``max_file_size`` exactly."""
        if self.max_file_size is None:
            return 100 * 1024 * 1024
        return self.max_file_size + MULTIPART_FRAMING_BYTES

    @property
    def drain_bytes(self) -> int:
        """How much of a refused upload the server still reads (and drops) after answering 413.
        A client that sends its body without waiting for an answer (most do) only sees the 413
        if the server does not close on it mid-body: that would reset the connection and lose
        the answer. Bodies beyond this are cut off."""
        return self.max_body_bytes + 16 * 1024 * 1024

    @property
    def scheme(self) -> str:
        return "https" if self.ssl_certfile else "http"

    @property
    def needs_login(self) -> bool:
        return self.auth is not None or self.auth_dependency is not None
