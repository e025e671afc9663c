"""Button: its value is its text; ``click`` is its event."""

from __future__ import annotations

from typing import Any, Literal

from traitlets import Bool, Enum, Unicode

from .base import Component


class Button(Component):
    """A button. ``variant`` "primary" (accent), "secondary" or "stop" (red)."""

    EVENTS = ("click",)
    value = Unicode("Run", allow_none=True).tag(prop=True)
    variant = Enum(("primary", "secondary", "stop", "huggingface"), "secondary").tag(prop=True)
    size = Enum(("sm", "lg"), None, allow_none=True).tag(prop=True)
    icon = Unicode(None, allow_none=True).tag(prop=True)
    link = Unicode(None, allow_none=True).tag(prop=True)
    interactive = Bool(True).tag(prop=True)

    def __init__(
        self,
        value: str | Any = "Run",
        *,
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "secondary",
        size: Literal["sm", "lg"] | None = None,
        icon: str | None = None,
        link: str | None = None,
        interactive: bool = True,
        scale: int | None = None,
        min_width: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            value, variant=variant, size=size, icon=icon, link=link, interactive=interactive,
            scale=scale, min_width=min_width if min_width is not None else 160, **kwargs,
        )  # fmt: skip

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)
