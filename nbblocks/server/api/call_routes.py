"""The curl path, under ``/gradio_api``: one POST to start a call, one GET for its result.

``POST call/<api_name>`` {"data": [...], "session_hash"?} → {"event_id"}; the data holds one
value per input, gr.State included (null: the session's value). ``POST call/v2/<api_name>``
takes the data by parameter name instead ({"data": {"name": ...}} or the names at the top
level), States left out. ``GET call[/v2]/<api_name>/<event_id>`` answers named events:
``generating`` (a generator's outputs so far), then ``complete`` (the outputs) or ``error``,
with ``heartbeat`` every 15 s while waiting.
"""

from __future__ import annotations

from typing import Any

from ... import endpoints
from .bodies import ApiHandler, ApiRequestError, keyword_data, session_hash_of
from .sse import EventStreamHandler
from .streams import CALL_HEARTBEAT


class CallHandler(ApiHandler):
    """``POST /gradio_api/call[/v2]/<api_name>``."""

    def post(self, v2: str | None, api_name: str) -> None:
        try:
            endpoint = endpoints.find(self.server.app, api_name)
            if endpoint is None:
                raise ApiRequestError(404, f"no endpoint named /{api_name}", "api_name")
            body = self.json_body()
            session_hash = session_hash_of(body, required=False)
            data = self._keyword_data(endpoint, body) if v2 else body.get("data")
        except ApiRequestError as error:
            self.refuse_request(error)
            return
        self.start_event(session_hash, endpoint, data, "call")

    @staticmethod
    def _keyword_data(endpoint: endpoints.Endpoint, body: dict[str, Any]) -> list[Any]:
        given = body.get("data")
        if isinstance(given, dict):
            return keyword_data(endpoint, given)
        return keyword_data(endpoint, {k: v for k, v in body.items() if k != "session_hash"})


class CallResultHandler(EventStreamHandler, ApiHandler):
    """``GET /gradio_api/call[/v2]/<api_name>/<event_id>``: the call's result as SSE."""

    async def get(self, v2: str | None, api_name: str, event_id: str) -> None:
        registry = self.server.api
        found = registry.event(event_id)
        endpoint = endpoints.find(self.server.app, api_name)
        if (
            found is None or found[1].kind != "call" or endpoint is None or endpoint.dep is not found[1].dep
            or found[0].username != (self.current_user or None)
        ):  # fmt: skip
            self.refuse_request(ApiRequestError(404, f"no call with event id {event_id!r} (results are read once)", "event_id"))
            return
        api_session, event = found
        await self.stream(event.mailbox, CALL_HEARTBEAT)
        if self.gone and not event.done:
            # the reader left mid-stream: the call stops, as Gradio's does (a call without a
            # session_hash would otherwise run on, its frames piling up for nobody)
            event.cancelled = True  # and is forgotten when it ends: nobody is left to read it
            api_session.session.cancel({event.dep.id})
        if event.done and event.mailbox.empty():
            registry.forget_event(event_id)


def call_routes(prefix: str) -> list[tuple[str, Any]]:
    return [
        (rf"{prefix}/call(/v2)?/([\w-]+)/?", CallHandler),
        (rf"{prefix}/call(/v2)?/([\w-]+)/([0-9a-f]{{32}})/?", CallResultHandler),
    ]
