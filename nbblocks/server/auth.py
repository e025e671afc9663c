"""Login for served apps: ``auth`` credentials with a login form and a signed cookie, or an
``auth_dependency`` that names the user from the request.

`Authenticator.visitor` is the only place that decides who a request is; `handlers.BaseHandler`
asks it before every route. Passwords are compared in constant time. The cookie holds a random
token that the server maps to the user, as Gradio does, so ``/logout`` ends every login of that
user: a copied cookie stops working too. Tokens live in memory, so a restart logs everyone out.

A login ends after ``login_idle_timeout`` seconds without a request or an open connection of its
own, and ``login_max_age`` seconds after it began, used or not (``launch(app_kwargs=...)``; by
default a day and a week). Auth is checked when a WebSocket or an event stream opens, so those
connections are held under their login (`Authenticator.hold`) and closed when it ends: by
``/logout`` at once, by expiry within the server's one-second reaper.

Repeated wrong passwords from one client address are slowed down (`LoginThrottle`).
"""

from __future__ import annotations

import hmac
import html
import math
import secrets
from dataclasses import dataclass
from time import monotonic
from typing import TYPE_CHECKING

from .handlers import BaseHandler, client_host

if TYPE_CHECKING:
    from collections.abc import Callable

    from .handlers import ServerMixin
    from .options import ServerOptions

#: wrong passwords a client address may send before it has to wait
FREE_FAILURES = 5
#: seconds the longest wait between two attempts grows to (it doubles from 1 s per failure)
LONGEST_WAIT = 300.0
#: seconds after its last failure that a client address is forgotten
FAILURES_KEPT_FOR = 3600.0
#: client addresses remembered at most; the oldest are forgotten first
CLIENTS_KEPT = 10_000


def cookie_name(port: int) -> str:
    """The login cookie, one per port: cookies ignore ports, so two apps on one host would
    otherwise log each other out."""
    return f"nbblocks-user-{port}"


@dataclass
class Login:
    """One login (one token): whose, when it began and was last used (monotonic seconds), and
    how many connections are open under it (while there are, it is in use)."""

    username: str
    began: float
    used: float
    connections: int = 0


class Authenticator:
    """Who a request is, under the app's ``auth`` or ``auth_dependency``. Used on the IO loop
    only, so it needs no lock."""

    def __init__(self, options: ServerOptions) -> None:
        self.options = options
        #: login token (the cookie's value) -> its login
        self._logins: dict[str, Login] = {}
        #: connections that outlive their request (WebSockets, event streams) -> the token they
        #: were opened under, and how to end them
        self._holders: dict[ServerMixin, tuple[str, Callable[[], None]]] = {}
        self.throttle = LoginThrottle()

    def visitor(self, handler: ServerMixin) -> str | None:
        """The user name; "" when the app needs no login; None when the visitor is refused."""
        if self.options.auth_dependency is not None:
            return self.options.auth_dependency(handler.visitor_request(with_username=False)) or None
        if self.options.auth is None:
            return ""
        token = self._token(handler)
        login = self._logins.get(token or "")
        if token is None or login is None:
            return None
        now = monotonic()
        if self._expired(login, now):
            self._end([token])
            return None
        login.used = now
        return login.username

    def log_in(self, handler: ServerMixin, username: str) -> None:
        token = secrets.token_urlsafe(32)
        now = monotonic()
        self._logins[token] = Login(username, began=now, used=now)
        handler.set_signed_cookie(
            cookie_name(handler.server.port), token, expires_days=self.options.login_max_age / 86400,
            httponly=True, samesite="Lax", secure=handler.request.protocol == "https",
        )  # fmt: skip

    def log_out(self, handler: ServerMixin) -> None:
        """End every login of the requesting user (all their tokens, and the connections open
        under them), and drop the cookie."""
        login = self._logins.get(self._token(handler) or "")
        if login is not None:
            self._end([token for token, other in self._logins.items() if other.username == login.username])
        handler.clear_cookie(cookie_name(handler.server.port))

    def hold(self, handler: ServerMixin, end: Callable[[], None]) -> None:
        """Call ``end`` when the login of ``handler``'s request ends, unless ``handler`` is
        `release`d first (its connection closed). Nothing to hold without ``auth``."""
        token = self._token(handler) if self.options.auth is not None else None
        login = self._logins.get(token or "")
        if token is not None and login is not None and handler not in self._holders:
            self._holders[handler] = (token, end)
            login.connections += 1

    def release(self, handler: ServerMixin) -> None:
        token, _ = self._holders.pop(handler, ("", None))
        login = self._logins.get(token)
        if login is not None:
            login.connections -= 1
            login.used = monotonic()  # its idle time starts when its last connection closes

    def end_expired(self) -> None:
        """Called every second: end the logins idle or old for too long, with their connections."""
        now = monotonic()
        self._end([token for token, login in self._logins.items() if self._expired(login, now)])
        self.throttle.forget_before(now - FAILURES_KEPT_FOR)

    def _expired(self, login: Login, now: float) -> bool:
        options = self.options
        idle = not login.connections and now - login.used > options.login_idle_timeout
        return idle or now - login.began > options.login_max_age

    def _end(self, tokens: list[str]) -> None:
        ended = set(tokens)
        for token in ended:
            self._logins.pop(token, None)
        for handler, (token, end) in list(self._holders.items()):
            if token in ended:
                del self._holders[handler]
                end()

    def _token(self, handler: ServerMixin) -> str | None:
        cookie = handler.get_signed_cookie(
            cookie_name(handler.server.port), max_age_days=self.options.login_max_age / 86400
        )
        return cookie.decode() if cookie else None

    def check(self, username: str, password: str) -> bool:
        auth = self.options.auth
        if callable(auth):
            return bool(auth(username, password))
        matched = False
        for known_user, known_password in auth or ():
            # both comparisons always run, for every pair: timing reveals neither field
            user_ok = hmac.compare_digest(known_user.encode(), username.encode())
            password_ok = hmac.compare_digest(known_password.encode(), password.encode())
            matched |= user_ok & password_ok
        return matched

    def refuse(self, handler: ServerMixin) -> None:
        """Answer a visitor who may not see the app: the login form for a page load under
        ``auth``, otherwise a bare 401. Nothing of the app is in either."""
        is_page = handler.request.method == "GET" and handler.request.path.rstrip("/") in ("", "/login")
        if self.options.auth is not None and is_page and not handler.request.headers.get("Upgrade"):
            handler.set_status(200)
            handler.finish(login_page(handler.server.options.root_path, self.options.auth_message))
        else:
            handler.refuse(401, "Not authenticated")


@dataclass
class Failures:
    """A client address's wrong passwords in a row, and until when it must wait."""

    count: int = 0
    last: float = 0.0
    wait_until: float = 0.0


class LoginThrottle:
    """Slows down password guessing from one client address, without locking out others.

    After `FREE_FAILURES` wrong passwords in a row, the address must wait 1 s before its next
    attempt, then twice as long after each further failure (up to `LONGEST_WAIT`); an attempt
    made while it must wait is answered 429 with Retry-After and its credentials are not even
    checked, so waiting is the only way on, and the IO loop never sleeps. The count is per
    address, whatever the user name: the answer says nothing about which names exist. A right
    password forgets the address's failures."""

    def __init__(self) -> None:
        self._clients: dict[str, Failures] = {}

    def wait(self, client: str) -> float:
        """Seconds ``client`` must still wait before its next attempt is checked (0: none)."""
        failures = self._clients.get(client)
        return max(failures.wait_until - monotonic(), 0.0) if failures else 0.0

    def failed(self, client: str) -> None:
        failures = self._clients.pop(client, None) or Failures()
        self._clients[client] = failures  # last in the dict: the newest, forgotten last
        failures.count += 1
        failures.last = monotonic()
        if failures.count >= FREE_FAILURES:
            doublings = min(failures.count - FREE_FAILURES, 30)  # 2 ** 30 s is past any LONGEST_WAIT
            failures.wait_until = failures.last + min(2.0**doublings, LONGEST_WAIT)
        while len(self._clients) > CLIENTS_KEPT:
            del self._clients[next(iter(self._clients))]

    def succeeded(self, client: str) -> None:
        self._clients.pop(client, None)

    def forget_before(self, moment: float) -> None:
        """Forget the addresses whose last failure is older than ``moment`` (monotonic)."""
        for client in [client for client, failures in self._clients.items() if failures.last < moment]:
            del self._clients[client]


class LoginHandler(BaseHandler):
    """``POST /login`` with username and password: sets the cookie and goes to the app."""

    public = True

    def get(self) -> None:
        if self.current_user:
            self.redirect(self.server.options.root_path + "/")
        else:
            self.finish(login_page(self.server.options.root_path, self.server.options.auth_message))

    def post(self) -> None:
        """A browser's form (it accepts HTML) is redirected to the app or shown the form again;
        a program (gradio_client's ``Client(url, auth=...)``) gets JSON, as from Gradio."""
        username = self.get_body_argument("username", "")
        password = self.get_body_argument("password", "")
        authenticator = self.server.authenticator
        client = client_host(self.request)
        wait = authenticator.throttle.wait(client)
        if wait:
            seconds = math.ceil(wait)
            self.set_header("Retry-After", str(seconds))
            self._refuse_login(429, f"Too many failed logins: try again in {seconds} s.")
            return
        if self.server.options.auth is None or not authenticator.check(username, password):
            authenticator.throttle.failed(client)
            self._refuse_login(401, "Incorrect credentials.")
            return
        authenticator.throttle.succeeded(client)
        authenticator.log_in(self, username)
        if "text/html" in self.request.headers.get("Accept", ""):
            self.redirect(self.server.options.root_path + "/")
        else:
            self.finish({"success": True})

    def _refuse_login(self, status: int, error: str) -> None:
        """The form again with ``error`` for a browser, ``{"error": ...}`` for a program."""
        self.set_status(status)
        if "text/html" in self.request.headers.get("Accept", ""):
            self.finish(login_page(self.server.options.root_path, self.server.options.auth_message, error=error))
        else:
            self.finish({"error": error})


class LogoutHandler(BaseHandler):
    """``GET /logout``: end the user's logins, back to the login form."""

    public = True

    def get(self) -> None:
        self.server.authenticator.log_out(self)
        self.redirect(self.server.options.root_path + "/")


def login_page(root_path: str, message: str | None, error: str | None = None) -> str:
    """The login form: the only thing an unauthenticated visitor sees."""
    error = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    note = f'<div class="message">{message}</div>' if message else ""  # auth_message is HTML by design
    action = html.escape(root_path + "/login", quote=True)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Login</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #f9fafb; display: grid; place-items: center; min-height: 100vh; margin: 0; }}
form {{ background: white; padding: 2rem; border-radius: 12px; border: 1px solid #e5e7eb; width: min(22rem, 90vw); display: grid; gap: .75rem; }}
label {{ display: grid; gap: .25rem; font-size: .9rem; color: #374151; }}
input {{ padding: .55rem .7rem; border: 1px solid #d1d5db; border-radius: 8px; font-size: 1rem; }}
button {{ padding: .6rem; border: 0; border-radius: 8px; background: #f97316; color: white; font-weight: 600; font-size: 1rem; cursor: pointer; }}
.error {{ color: #b91c1c; margin: 0; }} h1 {{ margin: 0 0 .5rem; font-size: 1.4rem; }}
</style></head>
<body><form method="post" action="{action}">
<h1>Login</h1>{note}{error}
<label for="username">Username<input id="username" name="username" autocomplete="username" required></label>
<label for="password">Password<input id="password" name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Login</button>
</form></body></html>"""
