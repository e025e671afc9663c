"""The served transport: ``launch(inline=False)`` (or any launch outside a notebook) serves the
app from tornado. Imported only when a server starts, so ``import nbblocks`` never loads tornado.

Modules: `options` (launch() arguments resolved), `app` (the Server: loop thread, sessions,
pool), `handlers` (the base handler: the one auth and origin check), `auth` (login), `page`
(the HTML page and bundle), `socket` (the session WebSocket), `files` (``/file=`` and uploads).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .app import Server
from .options import ServerOptions

if TYPE_CHECKING:
    from ..blocks import Blocks

__all__ = ["Server", "ServerOptions", "serve"]


def serve(app: Blocks, options: ServerOptions) -> Server:
    """Start serving ``app`` with launch()'s options; returns the running server."""
    server = Server(app, options)
    server.start()
    return server
