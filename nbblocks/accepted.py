"""Gradio keywords that mean nothing here: accepted, so code written for Gradio 5 or 6 runs, and
warned about once, so a user who set one knows it had no effect.

A keyword lands here only when nbblocks has nothing it could do with it (``launch(pwa=True)``: no
service worker; ``launch(mcp_server=True)``: no MCP server). One that can work is made to work
where it belongs instead.
"""

from __future__ import annotations

import warnings
from typing import Any

#: (where, keyword) pairs already warned about in this process
_warned: set[tuple[str, str]] = set()


def warn_unused(where: str, **given: Any) -> None:
    """Warn about the keywords of ``where`` (``"launch()"``) given a value other than None, each
    once per process: they are accepted, as Gradio's, and have no effect here."""
    new = {name: value for name, value in given.items() if value is not None and (where, name) not in _warned}
    if not new:
        return
    _warned.update((where, name) for name in new)
    listed = ", ".join(f"{name}={value!r}" for name, value in new.items())
    warnings.warn(f"{where}: {listed}: accepted for Gradio's sake, no effect in nbblocks.", stacklevel=3)
