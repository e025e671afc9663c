"""Multipage apps (Gradio 5's ``Blocks.route``): the pages of an app and their URL paths.

``with demo.route("Settings"):`` builds a page of ``demo``: the blocks made in it are the root
children of that page, drawn instead of the main page's at ``<root>/settings`` when served, or
when the navigation bar's link is followed in a notebook. Listeners work across pages as in one
app (they are one app); a ``demo.load`` made in a page runs when a session first shows that page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .protocol import PageInfo

#: the first segment of the served app's own URLs (and Gradio's), which no page may take
RESERVED_PATHS = frozenset(
    ["gradio_api", "config", "api-docs", "ws", "static", "favicon.ico", "login", "logout", "upload",
     "assets", "theme.css", "robots.txt", "manifest.json", "monitoring"]
)  # fmt: skip
#: the characters Gradio allows in a page's path (an URL path segment's, unescaped)
_PATH = re.compile(r"[a-zA-Z0-9\-._~!$&'()*+,;=:@\[\]]+")


@dataclass(frozen=True)
class Page:
    path: str
    name: str
    show_in_navbar: bool = True

    def info(self) -> PageInfo:
        return {"path": self.path, "name": self.name, "show_in_navbar": self.show_in_navbar}


MAIN_PAGE = Page("", "Home")


def new_page(name: str, path: str | None, show_in_navbar: bool, pages: list[Page]) -> Page:
    """The page ``Blocks.route(name, path, show_in_navbar)`` adds to ``pages``, with Gradio's
    rules: ``path`` without its slashes, or made from ``name`` ("My Page" → "my-page"); a path
    taken by another page or by the server's own URLs gets a leading "_" until it is free."""
    if path:
        path = path.strip("/")
        if not _PATH.fullmatch(path):
            raise ValueError(
                f"Path '{path}' contains invalid characters. Paths can only contain alphanumeric characters "
                "and the following special characters: -._~!$&'()*+,;=:@[]"
            )
        if path in RESERVED_PATHS:
            raise ValueError(f"Route with path '{path}' already exists")
    if path is None:
        path = re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", name.lower())).strip("-_")
        if not path:
            raise ValueError(f"Route with path '{name}' is not valid")
    while path in RESERVED_PATHS or path in {page.path for page in pages}:
        path = "_" + path
    return Page(path, name, show_in_navbar)
