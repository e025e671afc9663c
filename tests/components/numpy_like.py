"""Stand-ins for NumPy's scalars, which the tests can't import (NumPy is not a dependency).

Like ``np.int64`` and ``np.float32`` they are registered with `numbers` but subclass neither int
nor float, so ``json.dumps`` can't write them; what a model's output hands to a component.
"""

from __future__ import annotations

import numbers


class Int64:
    """Like ``np.int64(3)``: an Integral that is not an int."""

    def __init__(self, value: int) -> None:
        self._value = value

    def __int__(self) -> int:
        return self._value

    __index__ = __int__

    def __float__(self) -> float:
        return float(self._value)

    def __str__(self) -> str:
        return str(self._value)

    def __repr__(self) -> str:
        return f"np.int64({self._value})"


class Float32:
    """Like ``np.float32(0.5)``: a Real that is not a float."""

    def __init__(self, value: float) -> None:
        self._value = value

    def __float__(self) -> float:
        return self._value

    def __str__(self) -> str:
        return str(self._value)

    def __repr__(self) -> str:
        return f"np.float32({self._value})"


numbers.Integral.register(Int64)
numbers.Real.register(Float32)
