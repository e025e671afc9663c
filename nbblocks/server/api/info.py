"""``GET /gradio_api/info``: every listed endpoint with its parameters and returns (`endpoints.info`)."""

from __future__ import annotations

from ... import endpoints
from ..handlers import BaseHandler


class InfoHandler(BaseHandler):
    """Built once per set of listeners (`config.BuiltJson`); ``?serialize=False`` and
    ``?all_endpoints=`` are accepted and change nothing (undocumented endpoints stay unlisted,
    as the brief of ``show_api=False`` says)."""

    def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(self.server.info_json.get(self.server, lambda server: endpoints.info(server.app)))
