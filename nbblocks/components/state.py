"""State: a value kept in Python for one session, never shown and never sent to the browser."""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

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
