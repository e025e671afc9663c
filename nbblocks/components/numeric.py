"""Numeric inputs: Number (a field with optional precision and bounds) and Slider."""

from __future__ import annotations

import math
import random
from typing import Any

from traitlets import Any as AnyTrait
from traitlets import Float, Int

from ..exceptions import Error
from .base import Component, expect, is_number


def round_to_precision(number: float | int, precision: int | None) -> float | int:
    """Gradio's rule: no precision gives a float, 0 an int, n a float rounded to n places."""
    if precision is None:
        return float(number)
    if precision == 0:
        return int(round(number, precision))
    return round(number, precision)


class Number(Component):
    """A numeric field. ``precision=0`` hands the function an int."""

    EVENTS = ("change", "input", "submit", "focus", "blur")
    value = AnyTrait(None).tag(prop=True)
    precision = Int(None, allow_none=True).tag(prop=True)
    minimum = Float(None, allow_none=True).tag(prop=True)
    maximum = Float(None, allow_none=True).tag(prop=True)
    step = Float(1).tag(prop=True)

    def __init__(
        self,
        value: float | Any = None,
        *,
        precision: int | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
        step: float = 1,
        **kwargs: Any,
    ) -> None:
        super().__init__(value, precision=precision, minimum=minimum, maximum=maximum, step=step, **kwargs)

    def preprocess(self, payload: Any) -> float | int | None:
        if payload is None:
            return None
        expect(is_number(payload) and math.isfinite(payload), self, f"expected a number, got {payload!r}")
        if self.minimum is not None and payload < self.minimum:
            raise Error(f"Value {payload} is less than minimum value {self.minimum}.")
        if self.maximum is not None and payload > self.maximum:
            raise Error(f"Value {payload} is greater than maximum value {self.maximum}.")
        return round_to_precision(payload, self.precision)

    def postprocess(self, value: Any) -> float | int | None:
        if value is None:
            return None
        return round_to_precision(float(value), self.precision)


def default_step(minimum: float, maximum: float) -> float:
    """Gradio's default: a power of ten giving about a hundred steps over the range."""
    difference = maximum - minimum
    if difference <= 0:
        return 1
    return 10 ** math.floor(math.log10(difference) - 2)


class Slider(Component):
    """A range slider between ``minimum`` and ``maximum``."""

    EVENTS = ("change", "input", "release")
    value = AnyTrait(None).tag(prop=True)
    minimum = Float(0).tag(prop=True)
    maximum = Float(100).tag(prop=True)
    step = Float(1).tag(prop=True)

    def __init__(
        self,
        minimum: float = 0,
        maximum: float = 100,
        value: float | Any = None,
        *,
        step: float | None = None,
        randomize: bool = False,
        **kwargs: Any,
    ) -> None:
        if step is None:
            step = default_step(minimum, maximum)
        if randomize:
            value = self._random_value_between(minimum, maximum, step)
        super().__init__(value, minimum=minimum, maximum=maximum, step=step, **kwargs)

    @staticmethod
    def _random_value_between(minimum: float, maximum: float, step: float) -> Any:
        def pick() -> float:
            steps = int((maximum - minimum) / step)
            return minimum + step * random.randint(0, max(steps, 0))

        return pick

    def preprocess(self, payload: Any) -> float | int | None:
        if payload is None:
            return None
        expect(is_number(payload) and math.isfinite(payload), self, f"expected a number, got {payload!r}")
        return payload

    def postprocess(self, value: Any) -> float | int:
        return self.minimum if value is None else value
