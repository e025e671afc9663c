"""``gr.Info``, ``gr.Warning`` and Gradio 6's ``gr.Success``: toasts a running function shows to the person who triggered it.

A function reaches "its" person through the event that is running it: the session sets
`reporting` around every run (worker thread or event loop alike), and these helpers, like
`gr.Progress`, send through whatever reporter is current.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any, Protocol

logger = logging.getLogger("nbblocks")


class Reporter(Protocol):
    """Sends what a running function reports to its session (implemented by the session)."""

    def toast(self, level: str, message: str, title: str, duration: float | None, visible: bool) -> None: ...

    def progress(self, entries: list[dict[str, Any]]) -> None: ...


#: the reporter of the event running in this thread or task, if any
reporting: ContextVar[Reporter | None] = ContextVar("nbblocks_reporting", default=None)


def _toast(level: str, message: str, title: str, duration: float | None, visible: bool) -> None:
    reporter = reporting.get()
    if reporter is None:  # called outside an event: say it where a developer will see it
        logger.warning("%s outside an event: %s", title, message)
        return
    reporter.toast(level, message, title, duration, visible)


def Info(message: str = "Info issued.", duration: float | None = 10, visible: bool = True, title: str = "Info") -> None:
    """Show an information toast to the person whose event is running."""
    _toast("info", message, title, duration, visible)


def Warning(message: str = "Warning issued.", duration: float | None = 10, visible: bool = True, title: str = "Warning") -> None:
    """Show a warning toast to the person whose event is running."""
    _toast("warning", message, title, duration, visible)


def Success(message: str = "Success.", duration: float | None = 10, visible: bool = True, title: str = "Success") -> None:
    """Show a success toast (green) to the person whose event is running."""
    _toast("success", message, title, duration, visible)
