"""`gr.Request`: what a function may learn about the person who triggered it.

A function gets one by declaring a parameter annotated ``gr.Request``. The transport fills it in
when the session starts: the served transport from the page's WebSocket handshake, the notebook
transport with the kernel's own session only.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple


class Headers(Mapping[str, str]):
    """Read-only HTTP headers, looked up without regard to case."""

    def __init__(self, items: Mapping[str, str] | None = None) -> None:
        # interned: every session holding its headers shares one copy of each header name
        self._items = {sys.intern(key.lower()): value for key, value in (items or {}).items()}

    def __getitem__(self, key: str) -> str:
        return self._items[key.lower()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


class Client(NamedTuple):
    host: str | None
    port: int | None



class Header(str):
    """Gradio 5's annotation for a function parameter that receives one header of the request
    that ran the event: ``x_api_token: gr.Header`` gets ``X-Api-Token`` (None when absent)."""


@dataclass(frozen=True)
class Request:
    """The caller of an event: session hash, client address, headers, query params, username."""

    session_hash: str
    headers: Headers = field(default_factory=Headers)
    client: Client = Client(None, None)
    query_params: Mapping[str, str] = field(default_factory=dict)
    cookies: Mapping[str, str] = field(default_factory=dict)
    username: str | None = None
    path: str = "/"
