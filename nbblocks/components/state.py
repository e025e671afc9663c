"""State: a value kept in Python for one session, never shown and never sent to the browser."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from .base import Component


class State(Component):
    """Each session starts with a deep copy of ``value`` and keeps what functions return to it."""

    EVENTS = ("change",)

    def __init__(
        self,
        value: Any = None,
        render: bool = True,
        *,
        time_to_live: float | None = None,
        delete_callback: Callable[[Any], None] | None = None,
    ) -> None:
        self.time_to_live = time_to_live
        self.delete_callback = delete_callback
        super().__init__(value, render=render)

    def session_value(self) -> Any:
        return self.value_fn() if self.value_fn is not None else copy.deepcopy(self.value)
