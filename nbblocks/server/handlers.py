"""`BaseHandler`: every route's handler derives from it, so auth and origins are checked in one place.

`prepare` runs before any method of any route (the WebSocket upgrade included): a visitor the
`Authenticator` does not accept gets the login form (page requests) or a 401 and nothing else;
a state-changing request from another origin gets a 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from tornado.web import RequestHandler

from ..request import Client, Headers, Request

if TYPE_CHECKING:
    from .app import Server

_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class ServerMixin:
    """Shared by plain and WebSocket handlers: the server, the visitor, the two checks."""

    #: routes a visitor may use before logging in (the login form and its assets)
    public: ClassVar[bool] = False

    application: Any
    request: Any

    @property
    def server(self) -> Server:
        return self.application.settings["nbblocks_server"]

    def get_current_user(self) -> str | None:
        """The visitor's name ("" when the app needs no login), or None when refused."""
        return self.server.authenticator.visitor(self)

    def check_access(self) -> bool:
        """The one place auth and origins are checked; False means the response is already sent."""
        if self.request.method not in _SAFE_METHODS and not same_origin(self.request):
            self.refuse(403, "Cross-origin request refused")
            return False
        if not self.public and self.current_user is None:  # type: ignore[attr-defined]
            self.server.authenticator.refuse(self)
            return False
        return True

    def refuse(self, status: int, reason: str) -> None:
        self.set_status(status)  # type: ignore[attr-defined]
        self.finish({"error": reason})  # type: ignore[attr-defined]

    def visitor_request(self, session_hash: str = "") -> Request:
        """The `gr.Request` a user function sees for this HTTP request."""
        request = self.request
        return Request(
            session_hash=session_hash,
            headers=Headers(dict(request.headers.get_all())),
            client=Client(request.remote_ip, None),
            query_params={k: v[-1].decode() for k, v in request.query_arguments.items()},
            cookies={name: morsel.value for name, morsel in request.cookies.items()},
            username=self.current_user or None,  # type: ignore[attr-defined]
            path=request.path,
        )


def same_origin(request: Any) -> bool:
    """True when the Origin header is absent (not a browser's cross-site request) or names this
    host. Browsers send Origin on every cross-site POST and WebSocket, so comparing it with Host
    stops other sites from acting with a visitor's cookie."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc.lower() == request.headers.get("Host", "").lower()


class BaseHandler(ServerMixin, RequestHandler):
    """A plain HTTP route."""

    def prepare(self) -> None:
        self.set_header("X-Content-Type-Options", "nosniff")
        self.check_access()

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.finish({"error": self._reason})
