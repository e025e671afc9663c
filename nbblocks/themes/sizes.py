"""Gradio's size scales (``gr.themes.sizes``): radius, spacing and text, each seven steps.

The values are Gradio 4.x's; a theme's ``radius_size="sm"`` picks `radius_sm` here.
"""

from __future__ import annotations

STEPS = ("xxs", "xs", "sm", "md", "lg", "xl", "xxl")

_named: dict[str, Size] = {}


class Size:
    """A scale of seven CSS lengths, ``xxs`` to ``xxl``."""

    def __init__(
        self, xxs: str, xs: str, sm: str, md: str, lg: str, xl: str, xxl: str, name: str | None = None
    ) -> None:
        self.xxs, self.xs, self.sm, self.md, self.lg, self.xl, self.xxl = xxs, xs, sm, md, lg, xl, xxl
        self.name = name
        if name:
            _named.setdefault(name, self)

    def expand(self) -> list[str]:
        """The lengths, smallest first."""
        return [getattr(self, step) for step in STEPS]

    def __repr__(self) -> str:
        return f"Size(name={self.name!r}, md={self.md!r})"


def as_size(value: Size | str, kind: str) -> Size:
    """A `Size`, or the ``kind`` scale named ``value``: "sm" (Gradio's shortcut) or "radius_sm"."""
    if isinstance(value, Size):
        return value
    if isinstance(value, str):
        name = value if value.startswith(f"{kind}_") else f"{kind}_{value}"
        if name in _named:
            return _named[name]
    known = ", ".join(name.split("_", 1)[1] for name in _named if name.startswith(f"{kind}_"))
    raise ValueError(f"unknown {kind} size {value!r}: use a gr.themes.Size or one of {known}")


# fmt: off
radius_none = Size("0px", "0px", "0px", "0px", "0px", "0px", "0px", name="radius_none")
radius_sm = Size("1px", "1px", "2px", "4px", "6px", "8px", "12px", name="radius_sm")
radius_md = Size("1px", "2px", "4px", "6px", "8px", "12px", "22px", name="radius_md")
radius_lg = Size("2px", "4px", "6px", "8px", "12px", "16px", "24px", name="radius_lg")
spacing_sm = Size("1px", "1px", "2px", "4px", "6px", "9px", "12px", name="spacing_sm")
spacing_md = Size("1px", "2px", "4px", "6px", "8px", "10px", "16px", name="spacing_md")
spacing_lg = Size("2px", "4px", "6px", "8px", "10px", "14px", "28px", name="spacing_lg")
text_sm = Size("8px", "9px", "11px", "13px", "16px", "20px", "24px", name="text_sm")
text_md = Size("9px", "10px", "12px", "14px", "16px", "22px", "26px", name="text_md")
text_lg = Size("10px", "12px", "14px", "16px", "20px", "24px", "28px", name="text_lg")
# fmt: on
