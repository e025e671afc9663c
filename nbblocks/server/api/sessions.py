"""Sessions driven over HTTP by API clients, keyed by the client's ``session_hash``.

An API session is an ordinary `Session` kept in the server's `SessionStore` next to the pages'
ones, so gr.State persists per session_hash. Its ``emit`` goes to an `ApiSession`, which routes
each message to the `ApiEvent` of the call that caused it; messages of events no API call made
(a ``.then()`` after a call) are dropped.

A session is made only for a call the handler has checked in full (a refused request leaves
nothing behind), and the store refuses it (503) rather than evict a connected page. It is in
use while it has a heartbeat, a queue stream or an event in flight (`ApiSessions.hold`); once
none is left it is idle and expires after the store's grace period, like a closed page.

A curl call without a session_hash gets a session of its own that lives as long as its event
and is kept in no store: nothing can name it again.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import TYPE_CHECKING, Any

from ... import protocol
from ...endpoints import skips_api
from ...request import Request
from ...sessions import Session
from .ids import random_hex
from .streams import CLOSE_STREAM, ApiEvent, Kind, Mailbox

if TYPE_CHECKING:
    from ...events import Dependency
    from ..app import Server
    from ..handlers import ServerMixin

#: finished /call events whose result nobody fetched are forgotten beyond this many
UNREAD_CALLS_KEPT = 1000


class QueueFull(Exception):
    """The app's queue refused the call (``max_size``)."""


class SessionEnded(Exception):
    """The session ended while the call was being submitted."""


class SessionTaken(Exception):
    """The session_hash names a page's session or another visitor's: a hash is a bearer token
    for a session's values, so it is not another client's to use."""


class ApiSession:
    """One API client's session: its events in flight and the frames for its queue stream."""

    def __init__(self, server: Server, session_hash: str, handler: ServerMixin, *, username: str | None) -> None:
        self.server = server
        self.hash = session_hash
        self.username = username
        self.mailbox = Mailbox(server.call_soon)
        # the request's headers are kept only if some function asks for a gr.Request
        if server.app.takes_requests():
            request = handler.visitor_request(session_hash)
        else:
            request = Request(session_hash, username=username)
        self.session = Session(server.app, self.emit, session_hash=session_hash, request=request, run_coroutine=server.run_on_loop)
        self._lock = threading.Lock()
        self._events: dict[int, ApiEvent] = {}
        #: queue-path events not yet completed: the stream closes when there are none
        self._pending: set[str] = set()
        self.heartbeats = 0
        #: heartbeats, queue streams and events in flight (on the loop): in use while above 0
        self.holds = 0

    def emit(self, message: protocol.ServerMessage) -> None:
        """The session's outgoing messages (any thread): each to the call it belongs to."""
        event_id = message.get("event")
        if not isinstance(event_id, int):  # a render message, or one of no event
            return
        with self._lock:
            event = self._events.get(event_id)
            if event is None:
                return
            if event.held is not None:
                event.held.append(message)
            elif event.handle(message):
                self._finished(event)

    def _finished(self, event: ApiEvent) -> None:
        """With the lock held: the event's last frame is out."""
        del self._events[event.session_event]
        if event.kind == "queue":
            self._pending.discard(event.api_id)
            if not self._pending:
                self.mailbox.put(f"data: {CLOSE_STREAM}\n\n", last=True)
        self.server.api.finished(event)
        self.server.call_soon(self.server.api.release, self)

    def submit(self, dep: Dependency, values: list[Any], kind: Kind, file_route: str) -> ApiEvent:
        """Queue a call of ``dep`` with these input values (JSON form, checked by the handler;
        a null in a gr.State's place takes the session's value); its output files are at
        ``file_route`` (`ApiEvent`). On the loop."""
        session = self.session
        values = [
            session.values.get(block._id) if value is None and skips_api(block) else value
            for block, value in zip(dep.inputs, values)
        ]
        event_id = session.new_event_id()
        mailbox = self.mailbox if kind == "queue" else Mailbox(self.server.call_soon)
        event = ApiEvent(random_hex(16), dep, event_id, kind, mailbox, file_route)
        with self._lock:
            self._events[event_id] = event
            if kind == "queue":
                self._pending.add(event.api_id)
        self.server.api.started(self, event)
        self.server.api.hold(self)  # released as the event finishes (`_finished`)
        job = session.submit(dep, None, None, values, event_id=event_id, trigger_mode="multiple", follow_ups=False)
        with self._lock:
            held, event.held = event.held or [], None
            if job is None:
                self._events.pop(event_id, None)
                self._pending.discard(event.api_id)
                self.server.api.forget_event(event.api_id)
                self.server.api.release(self)
                if any(m["type"] == "error" and m["title"] == "Queue full" for m in held):
                    raise QueueFull()
                raise SessionEnded()
            for message in held:
                if event.handle(message):
                    self._finished(event)
                    break
        return event

    def open_stream(self) -> None:
        """A reader opens the queue stream: with nothing pending and nothing waiting, it is
        told at once that there is nothing to read."""
        with self._lock:
            if not self._pending and self.mailbox.empty():
                self.mailbox.put(f"data: {CLOSE_STREAM}\n\n", last=True)

    def stream_dropped(self) -> None:
        """The queue stream's reader left mid-stream: the calls it waited for stop, as Gradio
        cancels a session's events when its stream disconnects (nobody is left to read them)."""
        with self._lock:
            waited = [event for event in self._events.values() if event.kind == "queue"]
            for event in waited:
                event.cancelled = True
        if waited:
            self.session.cancel({event.dep.id for event in waited})


class ApiSessions:
    """The server's API sessions by hash, and every API event in flight by its id."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self._lock = threading.Lock()
        self._sessions: dict[str, ApiSession] = {}
        self._events: dict[str, tuple[ApiSession, ApiEvent]] = {}
        self._unread: deque[str] = deque()

    def __contains__(self, session_hash: object) -> bool:
        return session_hash in self._sessions

    def get(self, session_hash: str, handler: ServerMixin) -> ApiSession | None:
        """The kept session of that hash, if it is this visitor's (on the loop)."""
        api_session = self._sessions.get(session_hash)
        if api_session is None or api_session.username != (handler.current_user or None):
            return None
        return api_session

    def create(self, session_hash: str | None, handler: ServerMixin) -> ApiSession:
        """A new session under that hash (none kept: `get` first), or for a curl call without
        one, a session kept in no store. Raises `SessionTaken` when the hash is a page's or
        another visitor's, `StoreFull` when the store has no room (on the loop)."""
        username = handler.current_user or None
        if session_hash is None:
            return ApiSession(self.server, random_hex(16), handler, username=username)
        if session_hash in self._sessions or session_hash in self.server.links:
            raise SessionTaken()
        api_session = ApiSession(self.server, session_hash, handler, username=username)
        for evicted in self.server.store.add(api_session.session, api=True):
            self.server._end(evicted)
        with self._lock:
            self._sessions[session_hash] = api_session
        return api_session

    def forget(self, session_hash: str) -> None:
        """The store ended this session (expired, evicted, server closing)."""
        with self._lock:
            self._sessions.pop(session_hash, None)

    # --- in use or idle (on the loop) ------------------------------------------------------

    def hold(self, api_session: ApiSession) -> None:
        """Something uses the session now (a heartbeat, a queue stream, an event)."""
        api_session.holds += 1
        if self._sessions.get(api_session.hash) is api_session:
            self.server.store.attach(api_session.hash)

    def release(self, api_session: ApiSession) -> None:
        """One use is over; with none left, the session is idle and its grace period starts.
        A session the store ended meanwhile (whose hash may name a newer one now) is left alone."""
        api_session.holds -= 1
        if api_session.holds == 0 and self._sessions.get(api_session.hash) is api_session:
            self.server.store.detach(api_session.hash)

    # --- events ----------------------------------------------------------------------------

    def started(self, api_session: ApiSession, event: ApiEvent) -> None:
        with self._lock:
            self._events[event.api_id] = (api_session, event)

    def event(self, api_id: str) -> tuple[ApiSession, ApiEvent] | None:
        return self._events.get(api_id)

    def forget_event(self, api_id: str) -> None:
        with self._lock:
            self._events.pop(api_id, None)

    def finished(self, event: ApiEvent) -> None:
        """A queue-path event is forgotten once over, and so is a cancelled one; a /call one
        waits for its GET, up to `UNREAD_CALLS_KEPT` of them."""
        with self._lock:
            if event.kind == "queue" or event.cancelled:
                self._events.pop(event.api_id, None)
                return
            self._unread.append(event.api_id)
            while len(self._unread) > UNREAD_CALLS_KEPT:
                self._events.pop(self._unread.popleft(), None)

    # --- heartbeats ------------------------------------------------------------------------

    def heartbeat_opened(self, api_session: ApiSession) -> None:
        api_session.heartbeats += 1
        self.hold(api_session)
        if not api_session.session.connected:
            api_session.session.reconnect()

    def heartbeat_closed(self, api_session: ApiSession) -> None:
        """The client is gone: its runs stop, and its session ends after the same grace as a
        page's (a client whose heartbeat reconnects keeps its state)."""
        api_session.heartbeats -= 1
        if api_session.heartbeats <= 0:
            api_session.session.disconnect()
        self.release(api_session)
