"""The app page and its assets: the same front-end bundle as the notebook, over a WebSocket.

Every URL the page uses starts with ``root_path``, so the app works behind a reverse proxy at a
sub-path. The bundle files and the lazy chunks are read once and served by name; no path from a
request reaches the disk here.
"""

from __future__ import annotations

import html
import json
import mimetypes
from pathlib import Path

from ..chunks import read_chunk
from .handlers import BaseHandler

STATIC = Path(__file__).resolve().parent.parent / "static"
BUNDLE_TYPES = {"nbblocks.js": "text/javascript; charset=utf-8", "nbblocks.css": "text/css; charset=utf-8"}


class PageHandler(BaseHandler):
    """``GET /``: the HTML page that mounts the app; ``GET /<path>`` the same for a page of a
    multipage app (`nbblocks.pages`), and 404 for a path that is no page."""

    def get(self, page: str = "") -> None:
        if page not in {known.path for known in self.server.app.pages}:
            self.send_error(404)
            return
        self.set_header("Cache-Control", "no-store")
        self.finish(self.server.page_html(page))


class BundleHandler(BaseHandler):
    """``GET /static/nbblocks.js|css``: the built front end, public so the login page stays plain
    (it holds no app data: the tree and values only travel over the authenticated WebSocket)."""

    public = True
    _cache: dict[str, bytes] = {}

    def get(self, name: str) -> None:
        if name not in BUNDLE_TYPES:
            self.send_error(404)
            return
        if name not in self._cache:
            self._cache[name] = (STATIC / name).read_bytes()
        self.set_header("Content-Type", BUNDLE_TYPES[name])
        self.set_header("Cache-Control", "public, max-age=3600")
        self.finish(self._cache[name])


class ChunkHandler(BaseHandler):
    """``GET /static/chunks/<name>.js``: a lazy chunk of the front end (`nbblocks.chunks`), asked
    for by the app only once a tree needs it. Behind login like the app itself (the login page
    needs none); cacheable, and tornado's ETag answers a repeat with 304."""

    def get(self, name: str) -> None:
        source = read_chunk(name)
        if source is None:
            self.send_error(404)
            return
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.set_header("Cache-Control", "private, max-age=3600")
        self.finish(source)


class FaviconHandler(BaseHandler):
    """``GET /favicon.ico``: the file given as ``favicon_path``, if any."""

    public = True

    def get(self) -> None:
        path = self.server.options.favicon_path
        if not path or not Path(path).is_file():
            self.send_error(404)
            return
        self.set_header("Content-Type", mimetypes.guess_type(path)[0] or "image/x-icon")
        self.finish(Path(path).read_bytes())


def page_html(*, title: str, root_path: str, head: str | None, show_api: bool, favicon: bool, page: str = "") -> str:
    """The page: links the bundle, connects the app to ``<root>/ws`` and asks for its ``page``
    (the front end runs the Blocks ``js`` once the app is drawn, as in a notebook)."""
    root = html.escape(root_path, quote=True)
    config = json.dumps({"root": root_path, "showApi": show_api, "page": page}).replace("</", "<\\/")
    icon = f'<link rel="icon" href="{root}/favicon.ico">' if favicon else ""
    return f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{html.escape(title)}</title>
    {icon}
    <link rel="stylesheet" href="{root}/static/nbblocks.css">
    {head or ""}
  </head>
  <body class="nbb-page">
    <main id="nbblocks-app"></main>
    <script type="module">
      import {{ connect }} from "{root}/static/nbblocks.js";
      connect(document.getElementById("nbblocks-app"), {config});
    </script>
  </body>
</html>
"""
