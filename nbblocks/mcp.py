"""``gr.mcp``: Gradio 6's decorators that mark a function as an MCP tool, resource or prompt.

nbblocks serves no MCP server (``launch(mcp_server=True)`` is accepted and warned about), so each
decorator takes Gradio's signature, returns the function unchanged, and warns once per process
(`nbblocks.accepted`) so a user knows the marking has no effect here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .accepted import warn_unused

__all__ = ["prompt", "resource", "tool"]

F = TypeVar("F", bound=Callable[..., Any])


def _unchanged(kind: str) -> Callable[[F], F]:
    """A decorator that warns once that ``gr.mcp.<kind>`` has no effect and returns ``fn`` as it is."""

    def decorator(fn: F) -> F:
        warn_unused("gr.mcp", **{kind: getattr(fn, "__name__", repr(fn))})
        return fn

    return decorator


def tool(
    name: str | None = None,
    description: str | None = None,
    structured_output: bool = False,
    _meta: dict[str, Any] | None = None,
) -> Callable[[F], F]:
    """Gradio's mark of a function as an MCP tool: accepted, no effect (no MCP server here)."""
    return _unchanged("tool")


def resource(uri_template: str, description: str | None = None, mime_type: str | None = None) -> Callable[[F], F]:
    """Gradio's mark of a function as an MCP resource at ``uri_template``: accepted, no effect."""
    return _unchanged("resource")


def prompt(name: str | None = None, description: str | None = None) -> Callable[[F], F]:
    """Gradio's mark of a function as an MCP prompt: accepted, no effect."""
    return _unchanged("prompt")
