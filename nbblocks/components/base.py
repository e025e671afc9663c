"""`Component`: a block with a value, and the preprocess/postprocess pair that converts it.

``postprocess`` turns what a user function returns into the JSON form the front end shows;
``preprocess`` turns that JSON form into what a user function receives. Both raise `gr.Error`
with a clear message for a value of the wrong kind, so the caller sees why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from traitlets import Any as AnyTrait
from traitlets import Bool, Int, Unicode

from ..block import Block
from ..exceptions import Error


class Component(Block):
    """Shared props of every component (Gradio's names and defaults)."""

    value = AnyTrait(None).tag(prop=True)
    label = Unicode(None, allow_none=True).tag(prop=True)
    info = Unicode(None, allow_none=True).tag(prop=True)
    show_label = Bool(None, allow_none=True).tag(prop=True)
    container = Bool(True).tag(prop=True)
    scale = Int(None, allow_none=True).tag(prop=True)
    min_width = Int(160).tag(prop=True)
    interactive = Bool(None, allow_none=True).tag(prop=True)

    def __init__(
        self,
        value: Any = None,
        *,
        label: str | None = None,
        info: str | None = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        every: float | None = None,
        inputs: Any = None,
        **kwargs: Any,
    ) -> None:
        #: a callable ``value`` is re-run for every new session (Gradio: "evaluated at load")
        self.value_fn: Callable[[], Any] | None = value if callable(value) else None
        self.every = every
        self.value_inputs = inputs
        initial = value() if callable(value) else value
        super().__init__(
            value=initial, label=label, info=info, show_label=show_label, container=container,
            scale=scale, min_width=min_width, interactive=interactive, **kwargs,
        )  # fmt: skip

    def preprocess(self, payload: Any) -> Any:
        """JSON value from the front end → what the user function receives."""
        return payload

    def postprocess(self, value: Any) -> Any:
        """What the user function returned → JSON value for the front end."""
        return value

    def session_value(self) -> Any:
        """This component's value for a new session, in JSON form."""
        return self.postprocess(self.value_fn() if self.value_fn is not None else self.value)


def expect(condition: bool, component: Component, message: str) -> None:
    """Refuse a value of the wrong kind with an error the user can read."""
    if not condition:
        raise Error(f"{type(component).__name__}: {message}")


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
