"""Button: its value is its text; ``click`` is its event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from traitlets import Bool, Enum, Unicode

from ..block import undrawn
from ..events import EventListener
from .base import Component

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ButtonOptions


class Button(Component):
    """A button. ``variant`` "primary" (accent), "secondary" or "stop" (red)."""

    click = EventListener()
    variant = Enum(("primary", "secondary", "stop"), "secondary").tag(prop=True)
    size = Enum(("sm", "lg"), None, allow_none=True).tag(prop=True)
    icon = Unicode(None, allow_none=True).tag(prop=True)
    link = Unicode(None, allow_none=True).tag(prop=True)
    interactive = Bool(True, allow_none=True).tag(prop=True)
    label = undrawn(Component.label, "a button shows its value, as Gradio's does")
    show_label = undrawn(Component.show_label, "a button shows its value, as Gradio's does")
    info = undrawn(Component.info, "a button shows its value, as Gradio's does")

    def __init__(
        self,
        value: str | Any = "Run",
        *,
        variant: Literal["primary", "secondary", "stop"] = "secondary",
        size: Literal["sm", "lg"] | None = None,
        icon: str | None = None,
        link: str | None = None,
        interactive: bool = True,
        min_width: int | None = None,
        **kwargs: Unpack[ButtonOptions],
    ) -> None:
        # min_width None leaves a button its natural width
        super().__init__(
            value, variant=variant, size=size, icon=icon, link=link, interactive=interactive,
            min_width=min_width, **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_value(self) -> Any:
        return self.value or "Run"

    def preprocess(self, payload: Any) -> str | None:
        return None if payload is None else str(payload)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)
