"""Gradio's client API on the served transport: what ``gradio_client`` 2.x and curl speak.

Modules: `config` (``/config``), `info` (``/gradio_api/info``), `sessions` (API sessions by
session_hash, in the server's store), `streams` (our protocol messages → Gradio's SSE frames),
`sse` (the streaming handler), `bodies` (request checks and refusals), `queue_routes` (the
client's queue path), `call_routes` (the curl path), `docs` (the "Use via API" page).
Every handler derives from `BaseHandler`: auth and origins are checked as for any route.
"""

from __future__ import annotations

from typing import Any

from ..files import FileHandler, UploadHandler
from .call_routes import call_routes
from .config import API_PREFIX, ConfigHandler
from .docs import ApiDocsHandler
from .info import InfoHandler
from .queue_routes import queue_routes
from .sessions import ApiSessions

__all__ = ["ApiSessions", "api_routes"]


def api_routes() -> list[tuple[Any, ...]]:
    """The API's routes, those of each call first: tornado tries routes in order, each a regex
    match, and calls are most of an API server's requests. No two of these match one path."""
    prefix = API_PREFIX
    return [
        *call_routes(prefix),
        *queue_routes(prefix),
        (r"/config/?", ConfigHandler),
        (r"/api-docs/?", ApiDocsHandler),
        (rf"{prefix}/info/?", InfoHandler),
        (rf"{prefix}/upload/?", UploadHandler),
        (rf"{prefix}/file=(.*)", FileHandler, {"path": "/"}),
    ]
