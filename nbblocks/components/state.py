"""State: a value kept in Python for one session, never shown and never sent to the browser;
BrowserState: one kept in the visitor's browser, which outlives the session."""

from __future__ import annotations

import copy
import math
import secrets
import warnings
from collections.abc import Callable
from typing import Any

from traitlets import Bool, Unicode

from ..events import EventListener
from .base import Component


class State(Component):
    """Each session starts with a deep copy of ``value`` and keeps what functions return to it.

    ``time_to_live`` (seconds, default forever) and ``delete_callback`` are Gradio's: when the
    value is dropped, ``delete_callback`` receives it.
    """

    NOT_DRAWN = "its value lives only in Python, one per session: it is never sent to the page"
    change = EventListener()

    def __init__(
        self,
        value: Any = None,
        render: bool = True,
        *,
        time_to_live: float | None = None,
        delete_callback: Callable[[Any], None] | None = None,
    ) -> None:
        self.time_to_live: float = math.inf if time_to_live is None else time_to_live
        self.delete_callback: Callable[[Any], None] = delete_callback or _ignore
        try:
            copy.deepcopy(value)  # fail now, not when the first session starts
        except TypeError as err:
            raise TypeError(
                f"The initial value of `gr.State` must be able to be deepcopied. The initial value of "
                f"type {type(value)} cannot be deepcopied."
            ) from err
        super().__init__(value, render=render)

    def api_info(self) -> dict[str, Any]:
        """Any value: a State is left out of the API description, as in Gradio (the client sends
        null in its place on the queue path and the session's value is used)."""
        return {}


def _ignore(value: Any) -> None:
    """The default ``delete_callback``."""


class BrowserState(Component):
    """A value kept in the visitor's browser (its localStorage, under ``storage_key``), so that it
    outlives a reload: the page reads it when it loads and hands it to the session, and writes
    there what a function returns to it. Never shown.

    Load listeners reading it run once the page has sent the stored value (`sessions`), so they see
    it, as in Gradio. A function receives ``default_value`` while nothing is stored. Unlike Gradio,
    the value is stored as plain JSON: Gradio's ``secret`` only obfuscates it in the same browser
    that holds the key, so it is accepted and warned about rather than imitated."""

    change = EventListener()
    storage_key = Unicode().tag(prop=True)
    label = Unicode(None, allow_none=True).tag(prop=True, not_drawn="never shown")
    info = Unicode(None, allow_none=True).tag(prop=True, not_drawn="never shown")
    show_label = Bool(True, allow_none=True).tag(prop=True, not_drawn="never shown")
    interactive = Bool(None, allow_none=True).tag(prop=True, not_drawn="never shown")

    def __init__(
        self,
        default_value: Any = None,
        *,
        storage_key: str | None = None,
        secret: str | None = None,
        render: bool = True,
    ) -> None:
        if secret is not None:
            warnings.warn("gr.BrowserState(secret=) is ignored: nbblocks stores the value as plain JSON", stacklevel=3)
        self.default_value = default_value
        # a random key, as in Gradio: two apps on one host don't read each other's value
        key = storage_key or secrets.token_urlsafe(12)
        super().__init__(default_value, render=render, visible=False, storage_key=key)

    def preprocess(self, payload: Any) -> Any:
        return self.default_value if payload is None else payload

    def example_value(self) -> Any:
        return "test"
