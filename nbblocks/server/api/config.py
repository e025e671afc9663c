"""``GET /config``: the app described as Gradio describes it to its clients.

The official client reads ``protocol`` ("sse_v3"), ``api_prefix``, ``version`` (it gates a few
behaviours on it: ``/cancel`` needs > 4.29), ``connect_heartbeat``, ``max_file_size``, every
component (``type``, ``skip_api``, ``api_info``: which values are files) and every dependency
(``inputs``/``outputs`` ids, ``api_name`` and ``api_visibility``, ``backend_fn``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ... import __version__, endpoints, protocol
from ...components.base import Component
from ...events import EventData
from ..handlers import BaseHandler

if TYPE_CHECKING:
    from ...block import Block
    from ..app import Server

API_PREFIX = "/gradio_api"
#: the Gradio release whose client protocol this speaks (the client compares it, not ours)
GRADIO_VERSION = "6.0.0"


def app_config(server: Server) -> dict[str, Any]:
    app = server.app
    blocks = [block for block_id, block in app.components().items() if block_id != app._id]
    return {
        "version": GRADIO_VERSION,
        "nbblocks_version": __version__,
        "api_prefix": API_PREFIX,
        "mode": app.mode,
        "app_id": server.app_id,
        "dev_mode": False,
        "analytics_enabled": False,
        "title": app.title,
        "css": app.css,
        "js": app.js,
        "head": app.head,
        "show_error": app.show_error,
        "show_api": server.options.show_api,
        "enable_queue": True,
        "max_file_size": server.options.max_file_size,
        "protocol": "sse_v3",
        "connect_heartbeat": True,
        "fill_height": app.fill_height,
        "components": [_component(block) for block in blocks],
        "dependencies": [_dependency(endpoint) for endpoint in endpoints.endpoints(app)],
    }


def _component(block: Block) -> dict[str, Any]:
    skip = not isinstance(block, Component) or endpoints.skips_api(block)
    props = {} if endpoints.skips_api(block) else block.props()  # a State's value is Python's, not JSON
    props["name"] = block.type_name
    config: dict[str, Any] = {"id": block._id, "type": block.type_name, "props": props, "skip_api": skip}
    if isinstance(block, Component) and not skip:
        schema = block.api_info()
        config.update(api_info=schema, api_info_as_input=schema, api_info_as_output=schema,
                      example_inputs=block.example_value())
    return config


def _dependency(endpoint: endpoints.Endpoint) -> dict[str, Any]:
    dep = endpoint.dep
    options = dep.options
    return {
        "id": dep.id,
        "targets": dep.targets,
        "inputs": [block._id for block in dep.inputs],
        "outputs": [block._id for block in dep.outputs],
        "backend_fn": dep.fn is not None,
        "js": options.js,
        "queue": options.queue is not False,
        "api_name": endpoint.name if endpoint.name is not None else False,
        "api_visibility": endpoint.visibility,
        "show_api": endpoint.listed,
        "scroll_to_output": options.scroll_to_output,
        "show_progress": options.show_progress,
        "batch": options.batch,
        "max_batch_size": options.max_batch_size,
        "cancels": [other.id for other in options.cancels],
        "types": {"generator": dep.spec.kind in ("generator", "async_generator"), "cancel": False},
        "collects_event_data": any(issubclass(cls, EventData) for _, cls, _ in dep.spec.special),
        "trigger_after": dep.trigger_after,
        "trigger_only_on_success": dep.trigger_only_on_success,
        "trigger_mode": options.trigger_mode,
        "every": options.every,
        "concurrency_limit": options.concurrency_limit,
        "concurrency_id": options.concurrency_id,
    }


@dataclass
class BuiltJson:
    """A JSON answer built once per set of listeners: the app is fixed while served, but
    listeners may still be added to it (``demo.load`` after launch)."""

    listeners: int = -1
    body: bytes = b""

    def get(self, server: Server, build: Callable[[Server], Any]) -> bytes:
        if self.listeners != len(server.app.dependencies):
            self.listeners = len(server.app.dependencies)
            self.body = protocol.encode_json(build(server)).encode()
        return self.body


class ConfigHandler(BaseHandler):
    """``GET /config``: built once per set of listeners (`BuiltJson`)."""

    def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(self.server.config_json.get(self.server, app_config))
