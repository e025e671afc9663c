"""Timer: fires ``tick`` every ``value`` seconds while ``active``, in each session on its own."""

from __future__ import annotations

from typing import Any

from traitlets import Bool

from ..events import EventListener
from .base import Component, number_trait


class Timer(Component):
    """A clock with no look: ``timer.tick(fn, inputs, outputs)`` runs ``fn`` every ``value``
    seconds in each session whose page is connected, while ``active``. ``gr.update(active=False)``
    (or ``gr.Timer(value=0.5)``) returned to it from a listener stops it (or changes its interval)
    for that session only.

    The ticks come from Python (the engine's timers, as ``every`` repeats do), not from the page:
    a session shown in two notebook cells ticks once, and a page gone away stops its ticks until
    it is back."""

    NOT_DRAWN = "a clock in Python: it has nothing to show, and its ticks come from the session, not the page"
    tick = EventListener(show_progress="hidden")  # a clock's runs show no progress, as in Gradio
    value = number_trait(1.0).tag(prop=True)
    active = Bool(True).tag(prop=True)

    def __init__(self, value: float = 1.0, *, active: bool = True, render: bool = True) -> None:
        super().__init__(value, active=active, render=render)

    def api_info(self) -> dict[str, Any]:
        return {"type": "number"}

    def example_value(self) -> Any:
        return 1

    def preprocess(self, payload: Any) -> float | None:
        return None if payload is None else float(payload)

    def postprocess(self, value: Any) -> float | None:
        return None if value is None else float(value)
