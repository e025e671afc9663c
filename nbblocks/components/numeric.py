"""Numeric inputs: Number (a field with optional precision and bounds) and Slider."""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING, Any

from traitlets import Int, Unicode

from ..events import EventListener
from ..exceptions import Error
from .base import Component, as_number, number_trait

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions


def round_to_precision(number: float | int, precision: int | None) -> float | int:
    """Gradio's rule: no precision leaves the number as it is, 0 makes an int, n rounds to n places."""
    if precision is None:
        return number
    if precision == 0:
        return int(round(number, precision))
    return round(number, precision)


def _finite(component: Component, value: Any) -> float | int:
    """``value`` as a plain finite number, or `gr.Error` saying it isn't one."""
    number = as_number(value)
    if number is None or not math.isfinite(number):
        raise Error(f"{type(component).__name__}: expected a number, got {value!r}")
    return number


class Number(Component):
    """A numeric field. ``precision=0`` hands the function an int; ``minimum``/``maximum`` refuse
    (with `gr.Error`) an input outside them."""

    change = EventListener()
    input = EventListener()
    submit = EventListener()
    focus = EventListener()
    precision = Int(None, allow_none=True).tag(prop=True)
    minimum = number_trait().tag(prop=True)
    maximum = number_trait().tag(prop=True)
    step = number_trait(1, allow_none=False).tag(prop=True)
    placeholder = Unicode(None, allow_none=True).tag(prop=True)

    def __init__(
        self,
        value: float | Any = None,
        *,
        precision: int | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
        step: float = 1,
        placeholder: str | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        super().__init__(
            value, precision=precision, minimum=minimum, maximum=maximum, step=step, placeholder=placeholder, **kwargs
        )

    def api_info(self) -> dict[str, Any]:
        return {"type": "number"}

    def example_value(self) -> Any:
        return 3 if self.minimum is None else self.minimum

    def preprocess(self, payload: Any) -> float | int | None:
        if payload is None:
            return None
        payload = _finite(self, payload)
        if self.minimum is not None and payload < self.minimum:
            raise Error(f"Value {payload} is less than minimum value {self.minimum}.")
        if self.maximum is not None and payload > self.maximum:
            raise Error(f"Value {payload} is greater than maximum value {self.maximum}.")
        return round_to_precision(payload, self.precision)

    def postprocess(self, value: Any) -> float | int | None:
        if value is None:
            return None
        return round_to_precision(_finite(self, value), self.precision)


def default_step(minimum: float, maximum: float) -> float:
    """Gradio's default: a power of ten giving between 100 and 1000 steps over the range."""
    difference = maximum - minimum
    if difference <= 0:  # Gradio fails here (log of a non-positive number); one is harmless
        return 1
    return 10 ** math.floor(math.log10(difference) - 2)


class Slider(Component):
    """A slider from ``minimum`` to ``maximum``; ``randomize=True`` starts each session at a
    random step."""

    change = EventListener()
    input = EventListener()
    release = EventListener()
    minimum = number_trait(0, allow_none=False).tag(prop=True)
    maximum = number_trait(100, allow_none=False).tag(prop=True)
    step = number_trait(1, allow_none=False).tag(prop=True)

    def __init__(
        self,
        minimum: float = 0,
        maximum: float = 100,
        value: float | Any = None,
        *,
        step: float | None = None,
        randomize: bool = False,
        precision: int | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        #: Gradio 5: values rounded to this many decimals, 0 meaning an int (None: as they come)
        self.precision = precision
        if step is None:
            step = default_step(minimum, maximum)
        if randomize:
            value = _random_value_between(minimum, maximum, step)
        super().__init__(value, minimum=minimum, maximum=maximum, step=step, **kwargs)

    def api_info(self) -> dict[str, Any]:
        return {"type": "number", "description": f"numeric value between {self.minimum} and {self.maximum}"}

    def example_value(self) -> Any:
        return self.minimum

    def preprocess(self, payload: Any) -> float | int | None:
        if payload is None:
            return None
        return self._rounded(_finite(self, payload))

    def postprocess(self, value: Any) -> float | int:
        if value is None:
            return self.minimum
        return self._rounded(_finite(self, value))

    def _rounded(self, number: float | int) -> float | int:
        precision = getattr(self, "precision", None)  # postprocess runs in the constructor too
        if precision is None:
            return number
        return int(round(number)) if precision == 0 else round(float(number), precision)


def _random_value_between(minimum: float, maximum: float, step: float) -> Any:
    """A value function (re-run per session) picking a step at random, rounded to the step's
    decimals so the slider doesn't show 0.30000000000000004."""

    def pick() -> float:
        value = minimum + step * random.randint(0, max(int((maximum - minimum) / step), 0))
        decimals = max(str(step)[::-1].find("."), 0)
        return round(value, decimals) if decimals else value

    return pick
