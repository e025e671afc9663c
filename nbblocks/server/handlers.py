"""`BaseHandler`: every route's handler derives from it, so auth and origins are checked in one place.

`prepare` runs before any method of any route (the WebSocket upgrade included): a request
naming a host the app does not answer to gets a 403 (`host_allowed`: DNS rebinding); a visitor the
`Authenticator` does not accept gets the login form (page requests) or a 401 and nothing else;
a state-changing request from another origin gets a 403.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import os
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from tornado.web import HTTPError, RequestHandler

from ..request import Client, Headers, Request
from .options import ALLOWED_HOSTS_VARIABLE

if TYPE_CHECKING:
    from .app import Server

_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
#: proxies whose X-Forwarded-For is believed, as uvicorn (hence Gradio) does: FORWARDED_ALLOW_IPS,
#: a comma-separated list or "*", else the loopback address a local nginx connects from
_LOOPBACK_PROXIES = "127.0.0.1,::1"
logger = logging.getLogger("nbblocks")


class ServerMixin(RequestHandler):
    """Shared by plain and WebSocket handlers (``class SessionSocket(ServerMixin,
    WebSocketHandler)``): the server, the visitor, the checks."""

    #: routes a visitor may use before logging in (the login form and its assets)
    public: ClassVar[bool] = False
    #: routes whose GET makes state for the visitor (the API heartbeat opens a session): such a
    #: GET is origin-checked like a POST
    get_acts_for_visitor: ClassVar[bool] = False

    @property
    def server(self) -> Server:
        return self.application.settings["nbblocks_server"]

    def get_current_user(self) -> str | None:
        """The visitor's name ("" when the app needs no login), or None when refused."""
        return self.server.authenticator.visitor(self)

    def check_access(self) -> bool:
        """The one place hosts, auth and origins are checked; False means the response is already sent."""
        request = self.request
        if not host_allowed(request.headers.get("Host"), self.server):
            self.refuse(403, f"Host {request.headers['Host']!r} is not a name of this app. Bound to a loopback "
                        "address it answers loopback names (localhost, 127.0.0.1) and the hosts it is given "
                        f"(server_name, a full-URL root_path, {ALLOWED_HOSTS_VARIABLE}), so that other web pages "
                        "cannot reach it through DNS rebinding.")  # fmt: skip
            return False
        if acts_for_visitor(request, self.get_acts_for_visitor) and not same_origin(request, self.server.options.root_path):
            self.refuse(403, "Cross-origin request refused")
            return False
        if not self.public and self.current_user is None:
            self.server.authenticator.refuse(self)
            return False
        return True

    def refuse(self, status: int, reason: str) -> None:
        log_refusal(self.request, status, reason)
        self.set_status(status)
        self.finish({"error": reason})

    def visitor_request(self, session_hash: str = "", *, with_username: bool = True) -> Request:
        """The `gr.Request` a user function sees for this HTTP request. ``auth_dependency`` gets
        one ``with_username=False``: it is what decides the username."""
        request = self.request
        return Request(
            session_hash=session_hash,
            headers=Headers(dict(request.headers.get_all())),
            client=Client(client_host(request), None),
            # as starlette's (Gradio's) query_params: bytes that are not UTF-8 become U+FFFD
            query_params={k: v[-1].decode(errors="replace") for k, v in request.query_arguments.items()},
            cookies={name: morsel.value for name, morsel in request.cookies.items()},
            username=(self.current_user or None) if with_username else None,
            path=request.path,
        )


def log_refusal(request: Any, status: int, reason: str) -> None:
    """One line for a refused request, never a traceback: the input was the client's mistake
    and the client was told why. INFO, so a flood of bad requests does not fill the console of
    an app that did not ask for it (``debug=True`` shows them)."""
    reason = " ".join(reason.split())  # one line, whatever the client put in it
    if len(reason) > 300:
        reason = reason[:300] + "…"
    logger.info("Refused %s %s from %s: %s %s", request.method, request.path, client_host(request), status, reason)


def client_host(request: Any) -> str:
    """The visitor's address: the peer's, or behind a trusted reverse proxy the nearest address
    in X-Forwarded-For that is not a trusted proxy itself (the first one if all are)."""
    trusted = _trusted_proxies()
    forwarded = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
    if not forwarded or not _from_trusted_proxy(request, trusted):
        return request.remote_ip
    if "*" in trusted:
        return forwarded[0]
    return next((hop for hop in reversed(forwarded) if hop not in trusted), forwarded[0])


def public_root(request: Any, root_path: str) -> str:
    """The app's absolute URL as this visitor reaches it, for the links in API answers: a
    full-URL ``root_path`` as given; else ``<scheme>://<host><root_path>``, where a trusted
    proxy's X-Forwarded-Proto and X-Forwarded-Host (the first of each) stand for the scheme
    and Host it received, as `client_host` believes its X-Forwarded-For."""
    if root_path.startswith(("http://", "https://")):
        return root_path.rstrip("/")
    scheme, host = request.protocol, request.host
    if _from_trusted_proxy(request, _trusted_proxies()):
        proto = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
        scheme = proto if proto in ("http", "https") else scheme
        host = request.headers.get("X-Forwarded-Host", "").split(",")[0].strip() or host
    return f"{scheme}://{host}{root_path}"


def _trusted_proxies() -> set[str]:
    return {ip.strip() for ip in os.environ.get("FORWARDED_ALLOW_IPS", _LOOPBACK_PROXIES).split(",")}


def _from_trusted_proxy(request: Any, trusted: set[str]) -> bool:
    return "*" in trusted or request.remote_ip in trusted


def host_allowed(host: str | None, server: Server) -> bool:
    """On a loopback address, True only for a Host header naming a loopback host or one the
    user gave the server; elsewhere always True.

    DNS rebinding: a web page the user visits can make its own name resolve to 127.0.0.1; the
    browser then sends the page's requests to the local app as to the page's own origin, so no
    CORS rule nor Origin check stops it from reading the app and driving it. Only the Host
    header still shows the name the browser used. A loopback name cannot be rebound by another
    site (browsers resolve ``*.localhost`` to loopback themselves). Bound to a non-loopback
    address (0.0.0.0, a LAN address) the app is meant to be reached by names it cannot know,
    and whoever can reach it there can name it directly anyway, so no Host is refused. A request
    without Host (HTTP/1.0) is no browser's."""
    if not server.loopback_only or host is None:
        return True
    name = _host_name(host)
    if _is_loopback(name):
        return True
    known = known_hosts(server)
    return known is None or name in known


def known_hosts(server: Server) -> set[str] | None:
    """The host names the user gave the server besides loopback ones; None for any name: "*"
    in NBBLOCKS_ALLOWED_HOSTS, or a Jupyter proxy whose public name the kernel does not know (a
    hub that announces none; the app's port is then inside the user's server, which the browser
    only reaches through the hub)."""
    options = server.options
    if "*" in options.allowed_hosts or (server.proxied_url is not None and not urlsplit(server.proxied_url).hostname):
        return None
    urls = (options.root_path, server.share_url or "", server.proxied_url or "")
    named = {
        _host_name(options.server_name),
        *(_host_name(host) for host in options.allowed_hosts),
        *(_host_name(urlsplit(url).netloc) for url in urls if url.startswith(("http://", "https://"))),
    }
    return named - {""}  # a malformed name given must not let malformed Host headers in


@functools.lru_cache(maxsize=256)  # pure; a browser sends the same Host on every request
def _host_name(host: str) -> str:
    """"Example.COM:8080" -> "example.com", "[::1]:80" -> "::1", "localhost." -> "localhost";
    "" for a malformed one ("[::1"), which names nothing."""
    try:
        return (urlsplit(f"//{host.strip()}").hostname or "").rstrip(".")
    except ValueError:
        return ""


@functools.lru_cache(maxsize=256)  # pure; parsing both per request was ~4% of a /call's server CPU
def _is_loopback(name: str) -> bool:
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def acts_for_visitor(request: Any, get_acts: bool = False) -> bool:
    """A request that changes something or opens a session with the visitor's cookie: every
    non-GET method, a GET of a route that declares it makes state (``get_acts``), and the
    WebSocket handshake: each of those GETs is sent cross-site by browsers without asking (no
    CORS preflight), so it must be origin-checked like a POST."""
    if get_acts and request.method == "GET":
        return True
    return request.method not in _SAFE_METHODS or request.headers.get("Upgrade", "").lower() == "websocket"


def same_origin(request: Any, root_path: str = "") -> bool:
    """True when the Origin header names this host (the Host header, the X-Forwarded-Host a
    reverse proxy sets, or the host of a full-URL ``root_path``), or is absent from a request
    that is not a browser's cross-site one. Browsers send Origin on every cross-site POST and
    WebSocket and scripts cannot forge it nor add X-Forwarded-Host without a preflight, so this
    stops other sites (and sandboxed pages, whose Origin is "null") from acting with a visitor's
    cookie. A cross-site GET from an ``<img>`` or a link carries no Origin, but browsers mark it
    in Sec-Fetch-Site: that matters for the GETs that make state (the API heartbeat).

    A host named without a port matches the Origin's host name on any port: nginx's usual
    ``proxy_set_header Host $host`` drops the port the browser used."""
    origin = request.headers.get("Origin")
    if origin is None:  # "none": typed in the address bar; absent: not a browser
        return request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")
    try:
        parts = urlsplit(origin)
    except ValueError:  # "http://[::1": no browser sends it, and it names no host of ours
        return False
    netloc, hostname = parts.netloc.lower(), (parts.hostname or "").lower()
    ours = [request.headers.get("Host", ""), *request.headers.get("X-Forwarded-Host", "").split(",")]
    if root_path.startswith(("http://", "https://")):
        ours.append(urlsplit(root_path).netloc)
    for host in (h.strip().lower() for h in ours):
        if not host:
            continue
        if host == netloc or (_without_port(host) and host.strip("[]") == hostname):
            return True
    return False


def _without_port(host: str) -> bool:
    try:
        return not urlsplit(f"//{host}").port
    except ValueError:  # "host:abc" in a malformed Host header: it has a (bad) port, matches nothing
        return False


class BaseHandler(ServerMixin, RequestHandler):
    """A plain HTTP route."""

    def prepare(self) -> None:
        self.set_header("X-Content-Type-Options", "nosniff")
        self.check_access()

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        error = kwargs.get("exc_info", (None, None))[1]
        detail = _detail(error) if status_code < 500 else None
        self.finish({"error": f"{self._reason}: {detail}" if detail else self._reason})

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """tornado's own refusals (a query argument that is not UTF-8, a form it cannot parse)
        are the client's mistakes: one line, as ours. Anything else keeps tornado's log, with
        its traceback: that one is ours to fix."""
        if isinstance(value, HTTPError) and value.status_code < 500:
            log_refusal(self.request, value.status_code, _detail(value) or self._reason)
        else:
            super().log_exception(typ, value, tb)


def _detail(error: BaseException | None) -> str | None:
    """What a tornado HTTPError says went wrong ("Invalid unicode in session_hash: ...")."""
    if not isinstance(error, HTTPError) or not error.log_message:
        return None
    return error.log_message % error.args if error.args else error.log_message
