"""The WebSocket that carries one page's session: protocol messages as JSON text frames.

A page connects to ``<root>/ws?session=<hash>``. A hash the store still holds re-attaches that
session (a dropped connection or a reload in the same tab keeps its values); otherwise a new
session starts under that hash. Messages of one session run in order on the server's thread
pool, never on the IO loop, so one busy function holds up nobody else.
"""

from __future__ import annotations

import json
import logging
import re
from typing import TYPE_CHECKING

from tornado.websocket import WebSocketClosedError, WebSocketHandler

from .. import protocol, windows
from ..sessions import Session
from .handlers import ServerMixin

if TYPE_CHECKING:
    from .app import Server

logger = logging.getLogger("nbblocks")
_SESSION_HASH = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
#: the close code of a page whose login ended; the handshake of its reconnection gets 401
LOGGED_OUT = 4401


class SessionLink:
    """A session and the page socket showing it now (None while disconnected).

    Incoming messages are handled right on the loop: they only store values or queue jobs; the
    app's queue runs user functions on worker threads, whose messages come back through `emit`.
    """

    __slots__ = ("server", "session", "socket")

    def __init__(self, server: Server) -> None:
        self.server = server
        self.session: Session
        self.socket: SessionSocket | None = None

    def emit(self, message: protocol.ServerMessage) -> None:
        """Called from any thread: hand the message to the loop, which owns the socket."""
        self.server.send_soon(self, protocol.encode_json(windows.for_page(message, self.session)))

    def write(self, text: str) -> None:
        """On the loop: send one message to the page, if one is connected."""
        socket = self.socket
        if socket is not None:
            try:
                socket.write_message(text)
            except WebSocketClosedError:
                pass  # the page went away; it gets the whole state again on reconnect


class SessionSocket(ServerMixin, WebSocketHandler):
    """``GET /ws``: one page's connection to its session."""

    link: SessionLink | None = None

    def prepare(self) -> None:
        self.check_access()

    def check_origin(self, origin: str) -> bool:
        return True  # already checked with the rest in ServerMixin.check_access

    def open(self) -> None:
        # raw bytes decoded leniently: a hash that is not UTF-8 is refused below like any bad one
        requested = self.request.query_arguments.get("session", [b""])[-1].decode("utf-8", "replace")
        if not _SESSION_HASH.match(requested):
            self.close(code=4400, reason="a session hash of 8-64 letters, digits, - or _ is needed")
            return
        self.set_nodelay(True)  # small frames (status, update) must not wait for Nagle's algorithm
        self.link = self.server.attach(requested, self)
        if self.link is not None:
            self.server.authenticator.hold(self, self._end_login)

    def on_message(self, message: str | bytes) -> None:
        if self.link is None:
            return
        limit = self.server.options.max_message_bytes
        size = len(message.encode()) if isinstance(message, str) else len(message)
        if size > limit:
            reason = f"message of {size} bytes is over the limit of {limit}"
            logger.info("Refused a message from a page: %s", reason)
            self.write_message(json.dumps(protocol.error_message(reason, title="Refused message")))
            return
        self.server.store.attach(self.link.session.hash)  # in use: the last to evict at capacity
        self.link.session.handle(message)

    def on_close(self) -> None:
        self.server.authenticator.release(self)
        if self.link is not None:
            self.server.detach(self.link, self)

    def _end_login(self) -> None:
        """The login this page connected under ended (logout, expiry): nothing more it sends is
        handled, and the socket closes. Its session is kept for the reconnect grace, as for any
        dropped page, but only that user can take it back, after logging in again."""
        link, self.link = self.link, None
        if link is not None:
            self.server.detach(link, self)
        self.close(code=LOGGED_OUT, reason="logged out")
