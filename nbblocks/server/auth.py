"""Login for served apps: ``auth`` credentials with a login form and a signed cookie, or an
``auth_dependency`` that names the user from the request.

`Authenticator.visitor` is the only place that decides who a request is; `handlers.BaseHandler`
asks it before every route. Passwords are compared in constant time. The cookie holds a random
token that the server maps to the user, as Gradio does, so ``/logout`` ends every login of that
user: a copied cookie stops working too. Tokens live in memory, so a restart logs everyone out.
"""

from __future__ import annotations

import hmac
import html
import secrets
from typing import TYPE_CHECKING

from .handlers import BaseHandler

if TYPE_CHECKING:
    from .handlers import ServerMixin
    from .options import ServerOptions

def cookie_name(port: int) -> str:
    """The login cookie, one per port: cookies ignore ports, so two apps on one host would
    otherwise log each other out."""
    return f"nbblocks-user-{port}"


class Authenticator:
    """Who a request is, under the app's ``auth`` or ``auth_dependency``."""

    def __init__(self, options: ServerOptions) -> None:
        self.options = options
        #: login token (the cookie's value) -> user name
        self._tokens: dict[str, str] = {}

    def visitor(self, handler: ServerMixin) -> str | None:
        """The user name; "" when the app needs no login; None when the visitor is refused."""
        if self.options.auth_dependency is not None:
            return self.options.auth_dependency(handler.visitor_request(with_username=False)) or None
        if self.options.auth is None:
            return ""
        return self._tokens.get(self._token(handler) or "")

    def log_in(self, handler: ServerMixin, username: str) -> None:
        token = secrets.token_urlsafe(32)
        self._tokens[token] = username
        handler.set_signed_cookie(  # type: ignore[attr-defined]
            cookie_name(handler.server.port), token, httponly=True, samesite="Lax",
            secure=handler.request.protocol == "https",
        )  # fmt: skip

    def log_out(self, handler: ServerMixin) -> None:
        """End every login of the requesting user (all their tokens), and drop the cookie."""
        username = self._tokens.get(self._token(handler) or "")
        if username is not None:
            self._tokens = {token: user for token, user in self._tokens.items() if user != username}
        handler.clear_cookie(cookie_name(handler.server.port))  # type: ignore[attr-defined]

    def _token(self, handler: ServerMixin) -> str | None:
        cookie = handler.get_signed_cookie(cookie_name(handler.server.port), max_age_days=30)  # type: ignore[attr-defined]
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
            handler.set_status(200)  # type: ignore[attr-defined]
            handler.finish(login_page(handler.server.options.root_path, self.options.auth_message))  # type: ignore[attr-defined]
        else:
            handler.refuse(401, "Not authenticated")


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
        from_browser = "text/html" in self.request.headers.get("Accept", "")
        authenticator = self.server.authenticator
        if self.server.options.auth is None or not authenticator.check(username, password):
            self.set_status(401)
            if from_browser:
                self.finish(login_page(self.server.options.root_path, self.server.options.auth_message, failed=True))
            else:
                self.finish({"error": "Incorrect credentials."})
            return
        authenticator.log_in(self, username)
        if from_browser:
            self.redirect(self.server.options.root_path + "/")
        else:
            self.finish({"success": True})


class LogoutHandler(BaseHandler):
    """``GET /logout``: end the user's logins, back to the login form."""

    public = True

    def get(self) -> None:
        self.server.authenticator.log_out(self)
        self.redirect(self.server.options.root_path + "/")


def login_page(root_path: str, message: str | None, failed: bool = False) -> str:
    """The login form: the only thing an unauthenticated visitor sees."""
    error = '<p class="error" role="alert">Incorrect credentials.</p>' if failed else ""
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
