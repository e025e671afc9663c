"""The queue path of ``gradio_client`` (protocol "sse_v3"), under ``/gradio_api``.

``POST queue/join`` queues a call and answers its event id; ``GET queue/data`` streams every
event of the session as ``data:`` frames until none is pending; ``GET heartbeat/<hash>`` holds
the session while the client lives; ``POST cancel`` stops a call. Every call goes through the
app's queue (`Session.submit`), so ``max_size`` and concurrency limits apply to API clients as
to pages, and nothing reaches a function around it (``api_open=False`` has nothing to close).
"""

from __future__ import annotations

import asyncio
from typing import Any

from tornado.iostream import StreamClosedError

from ... import endpoints
from .bodies import ApiHandler, ApiRequestError, checked_session_hash, session_hash_of
from .sse import EventStreamHandler
from .streams import HEARTBEAT_SECONDS, QUEUE_HEARTBEAT


class JoinHandler(ApiHandler):
    """``POST /gradio_api/queue/join`` {data, fn_index, session_hash} → {event_id}."""

    def post(self) -> None:
        try:
            body = self.json_body()
            session_hash = session_hash_of(body, required=True)
            fn_index = body.get("fn_index")
            listed = endpoints.endpoints(self.server.app)
            if not isinstance(fn_index, int) or isinstance(fn_index, bool) or not 0 <= fn_index < len(listed):
                raise ApiRequestError(422, f"no endpoint with fn_index {fn_index!r}", "fn_index")
            endpoint = listed[fn_index]
            if not endpoint.callable:
                raise ApiRequestError(422, f"the endpoint with fn_index {fn_index} is not open to the API", "fn_index")
        except ApiRequestError as error:
            self.refuse_request(error)
            return
        self.start_event(session_hash, endpoint, body.get("data"), "queue")


class QueueDataHandler(EventStreamHandler, ApiHandler):
    """``GET /gradio_api/queue/data?session_hash=``: the session's events as SSE."""

    async def get(self) -> None:
        session_hash = self.get_query_argument("session_hash", "")
        registry = self.server.api
        api_session = registry.get(session_hash, self)
        if api_session is None:
            self.refuse_request(ApiRequestError(404, "no API session with this session_hash", "session_hash"))
            return
        registry.hold(api_session)
        try:
            api_session.open_stream()
            await self.stream(api_session.mailbox, QUEUE_HEARTBEAT)
            if self.gone:
                api_session.stream_dropped()
        finally:
            registry.release(api_session)


class HeartbeatHandler(EventStreamHandler, ApiHandler):
    """``GET /gradio_api/heartbeat/<session_hash>``: ``data: ALIVE`` every 15 s while the client
    lives; when the connection closes, the session ends (after the store's grace period).

    The official client opens it first, so it makes the session; being a GET that makes state
    with the visitor's cookie, it is origin-checked like a POST (`get_acts_for_visitor`)."""

    get_acts_for_visitor = True

    async def get(self, session_hash: str) -> None:
        registry = self.server.api
        try:
            api_session = registry.get(session_hash, self) or self.api_session(checked_session_hash(session_hash))
        except ApiRequestError as error:
            self.refuse_request(error)
            return
        self.closed = asyncio.Event()
        registry.heartbeat_opened(api_session)
        self.start_stream()
        try:
            while not self.closed.is_set():
                self.write("data: ALIVE\n\n")
                await self.flush()
                try:
                    await asyncio.wait_for(self.closed.wait(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    pass
        except StreamClosedError:
            pass
        finally:
            registry.heartbeat_closed(api_session)

    def on_connection_close(self) -> None:
        super().on_connection_close()
        closed = getattr(self, "closed", None)
        if closed is not None:
            closed.set()


class CancelHandler(ApiHandler):
    """``POST /gradio_api/cancel`` {session_hash, fn_index, event_id}: stop that call."""

    def post(self) -> None:
        try:
            body = self.json_body()
        except ApiRequestError as error:
            self.refuse_request(error)
            return
        found = self.server.api.event(str(body.get("event_id")))
        session_hash = body.get("session_hash")
        if found is not None:
            api_session, event = found
            if api_session.hash == session_hash and api_session.username == (self.current_user or None):
                event.cancelled = True
                api_session.session.cancel({event.dep.id})
        elif isinstance(session_hash, str) and isinstance(body.get("fn_index"), int):
            # cancelled before the client knew its event id: that listener's runs in the session
            kept = self.server.api.get(session_hash, self)
            if kept is not None:
                kept.session.cancel({body["fn_index"]})
        self.finish({"success": True})


class ResetHandler(ApiHandler):
    """``POST /gradio_api/reset``: the client sends it after cancelling; `CancelHandler` has
    done the work already (as in Gradio, where it is a no-op)."""

    def post(self) -> None:
        self.finish({"success": True})


def queue_routes(prefix: str) -> list[tuple[str, Any]]:
    return [
        (rf"{prefix}/queue/join/?", JoinHandler),
        (rf"{prefix}/queue/data/?", QueueDataHandler),
        (rf"{prefix}/heartbeat/([^/]+)/?", HeartbeatHandler),
        (rf"{prefix}/cancel/?", CancelHandler),
        (rf"{prefix}/reset/?", ResetHandler),
    ]
