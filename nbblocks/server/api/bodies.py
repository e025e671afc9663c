"""Reading API request bodies: every check a call's data goes through before it is queued.

Everything in a body is checked before an API session is made for it: a refused request leaves
nothing behind (no session to fill the store and push out others).

A refused request is an `ApiRequestError`, answered by `ApiHandler` as JSON with a FastAPI-like
``detail`` list (each item also in the form the official client prints: ``"__type__":
"validate"``), so ``gradio_client`` raises a ValidationError that says what was wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import endpoints, protocol
from ...sessions import StoreFull
from ..handlers import BaseHandler, log_refusal, public_root
from .config import API_PREFIX
from .sessions import QueueFull, SessionEnded, SessionTaken

if TYPE_CHECKING:
    from ...events import Dependency
    from .sessions import ApiSession
    from .streams import Kind

#: the session_hash API clients may use: the official client's is a UUID, curl users pick theirs
MAX_SESSION_HASH = 128


class ApiRequestError(Exception):
    """A request the API refuses: its HTTP status, and a message naming what was wrong."""

    def __init__(self, status: int, message: str, field: str = "body") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


class ApiHandler(BaseHandler):
    """A JSON API route: refusals as Gradio-shaped JSON errors."""

    def refuse_request(self, error: ApiRequestError) -> None:
        log_refusal(self.request, error.status, error.message)
        self.set_status(error.status)
        detail = {
            "loc": ["body", error.field], "msg": error.message, "type": "value_error",
            "__type__": "validate", "is_valid": False, "parameter_name": error.field, "message": error.message,
        }  # fmt: skip
        self.finish({"detail": [detail], "error": error.message})

    def start_event(self, session_hash: str | None, endpoint: endpoints.Endpoint, data: Any, kind: Kind) -> None:
        """Queue a call of ``endpoint`` in the session of ``session_hash`` (made now if new; a
        session of its own when None) and answer its event id, or why not: shared by the
        client's queue route and the curl route."""
        try:
            kept = None if session_hash is None else self.server.api.get(session_hash, self)
            values = input_values(endpoint.dep, data, kept)
            event = (kept or self.api_session(session_hash)).submit(endpoint.dep, values, kind, self.file_route())
        except ApiRequestError as error:
            self.refuse_request(error)
            return
        except QueueFull:
            self.set_status(503)
            self.finish({"detail": "Queue is full.", "error": "Queue is full."})
            return
        except SessionEnded:
            self.refuse_request(ApiRequestError(410, "the session has ended", "session_hash"))
            return
        self.finish({"event_id": event.api_id})

    def file_route(self) -> str:
        """Where this client reaches the app's files: ``<its root URL>/gradio_api/file=``."""
        return f"{public_root(self.request, self.server.options.root_path)}{API_PREFIX}/file="

    def api_session(self, session_hash: str | None) -> ApiSession:
        """A new API session for a request checked in full; `ApiRequestError` when the hash is
        not the visitor's to use or the store has no room for it."""
        try:
            return self.server.api.create(session_hash, self)
        except SessionTaken:
            raise ApiRequestError(403, "this session_hash belongs to another session", "session_hash") from None
        except StoreFull:
            raise ApiRequestError(503, "too many sessions in use; try again later", "session_hash") from None

    def json_body(self) -> dict[str, Any]:
        """The body as a JSON object, or an `ApiRequestError` saying why not (422, as FastAPI
        answers a body it cannot decode)."""
        try:
            body = protocol.decode_json(self.request.body or b"null")
        except protocol.ProtocolError as exc:
            raise ApiRequestError(422, f"the body is {exc}") from None
        if not isinstance(body, dict):
            raise ApiRequestError(422, "the body must be a JSON object")
        return body


def session_hash_of(body: dict[str, Any], required: bool) -> str | None:
    value = body.get("session_hash")
    if value is None and not required:
        return None
    return checked_session_hash(value)


def checked_session_hash(value: Any) -> str:
    if not isinstance(value, str) or not 1 <= len(value) <= MAX_SESSION_HASH:
        raise ApiRequestError(422, f"'session_hash' must be a string of 1 to {MAX_SESSION_HASH} characters", "session_hash")
    return value


def input_values(dep: Dependency, data: Any, kept: ApiSession | None) -> list[Any]:
    """The values of ``dep``'s inputs from a call's ``data`` (one per input, in order), checked
    against the components as the session ``kept`` sees them (the app's own, for a session not
    made yet). A gr.State's place takes any value (null: the session's, see `ApiSession.submit`);
    every other value must be of the JSON type its component takes, so a call of the wrong
    shape is refused before it is queued (a value of the right type that the component refuses,
    a number above its maximum, say, fails the call instead, with the component's gr.Error, as
    in Gradio)."""
    if not isinstance(data, list):
        raise ApiRequestError(422, "'data' must be a list with one value per input", "data")
    if len(data) != len(dep.inputs):
        raise ApiRequestError(
            422, f"this endpoint takes {len(dep.inputs)} input value(s) (gr.State included, as null), got {len(data)}", "data"
        )
    for index, (block, value) in enumerate(zip(dep.inputs, data)):
        if endpoints.skips_api(block):
            continue
        view = block if kept is None else kept.session.view(block)
        reason = endpoints.type_error(endpoints.schema_of(view), value)
        if reason is not None:
            name = getattr(block, "label", None) or f"parameter {index}"
            raise ApiRequestError(422, f"{name} ({type(block).__name__}): {reason}", f"data[{index}]")
    return data


def keyword_data(endpoint: endpoints.Endpoint, given: dict[str, Any]) -> list[Any]:
    """``/call/v2``'s data by parameter name → one value per input (null for States), with
    the parameters' defaults, as the official client builds its arguments."""
    params = endpoints.describe(endpoint)["parameters"]
    known = {p["parameter_name"] for p in params}
    unknown = sorted(set(given) - known)
    if unknown:
        raise ApiRequestError(422, f"unknown parameter(s) {unknown}; this endpoint takes {sorted(known)}", "data")
    listed = iter(params)
    values: list[Any] = []
    for block in endpoint.dep.inputs:
        if endpoints.skips_api(block):
            values.append(None)
            continue
        param = next(listed)
        name = param["parameter_name"]
        if name in given:
            values.append(given[name])
        elif param["parameter_has_default"]:
            values.append(param["parameter_default"])
        else:
            raise ApiRequestError(422, f"no value for required parameter {name!r}", name)
    return values
