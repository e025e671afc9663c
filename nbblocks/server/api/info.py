"""``GET /gradio_api/info``: every listed endpoint with its parameters and returns (`api.info`)."""

from __future__ import annotations

import json

from ... import api
from ..handlers import BaseHandler


class InfoHandler(BaseHandler):
    """Built once per set of listeners; ``?serialize=False`` and ``?all_endpoints=`` are
    accepted and change nothing (undocumented endpoints stay unlisted, as the brief of
    ``show_api=False`` says)."""

    def get(self) -> None:
        server = self.server
        key = len(server.app.dependencies)
        cached = server.__dict__.get("_api_info")
        if cached is None or cached[0] != key:
            cached = server.__dict__["_api_info"] = (key, json.dumps(api.info(server.app), default=str).encode())
        self.set_header("Content-Type", "application/json")
        self.finish(cached[1])
