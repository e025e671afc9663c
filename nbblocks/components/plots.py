"""LinePlot, ScatterPlot and BarPlot: a DataFrame drawn as a chart by the front end's own SVG code.

Python sends the columns the chart needs and the front end's "plots" chunk draws them (no charting
library: the chunk is a few KB, and its colours are the theme's CSS variables, so the chart reads
in light and dark mode). The value is the table, as Gradio's native plots send it:
``{"columns": [...], "data": [[row], ...], "datatypes": {column: "quantitative" | "temporal" |
"nominal"}, "mark": "line" | "point" | "bar"}``; dates travel as ISO 8601 text.

nbblocks never imports pandas or polars: a pandas DataFrame converts itself (``to_json``), which
also turns NaN into null and numpy's numbers into JSON's; a polars one gives its rows, converted
as a `Dataframe`'s are.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from traitlets import Bool, Int, List, Unicode, Union

from ..block import undrawn
from ..events import EventListener
from .base import Component, expect, number_trait
from .dataframe import json_rows

_NOT_DRAWN = "accepted for Gradio's signature; the chart's own SVG does not draw it yet"


def _text(**tags: Any) -> Any:
    """A prop holding a column name or a title, None by default."""
    return Unicode(None, allow_none=True).tag(prop=True, **tags)


def _limits() -> Any:
    return List(number_trait(), default_value=None, allow_none=True, minlen=2, maxlen=2).tag(prop=True)


def _datatype(kind: str) -> str:
    """Vega-Lite's name for a column of numpy dtype ``kind``: what the chart's axes are made from."""
    return "quantitative" if kind in "iuf" else "temporal" if kind == "M" else "nominal"


def _polars_datatype(dtype: Any) -> str:
    """`_datatype` for a polars column."""
    return "quantitative" if dtype.is_numeric() else "temporal" if dtype.is_temporal() else "nominal"


class NativePlot(Component):
    """What the three charts share: the DataFrame's columns for ``x``, ``y`` and ``color``, the
    titles, the axes' limits and the ``tooltip`` columns shown when a mark is hovered."""

    mark: ClassVar[str]
    change = EventListener()
    clear = EventListener(not_fired="Gradio declares it; a chart has no control that clears it")
    x = _text()
    y = _text()
    color = _text()
    title = _text()
    tooltip = List(Unicode(), default_value=None, allow_none=True).tag(prop=True)
    x_title = _text()
    y_title = _text()
    color_legend_title = _text()
    x_lim = _limits()
    y_lim = _limits()
    sort = Union([Unicode(), List(Unicode())], default_value=None, allow_none=True).tag(prop=True)
    caption = _text()
    height = Union([Int(), Unicode()], default_value=None, allow_none=True).tag(prop=True)
    width = Union([Int(), Unicode()], default_value=None, allow_none=True).tag(prop=True)
    x_label_angle = number_trait().tag(prop=True, not_drawn=_NOT_DRAWN)
    y_label_angle = number_trait().tag(prop=True, not_drawn=_NOT_DRAWN)
    color_legend_position = _text(not_drawn=_NOT_DRAWN)
    show_actions_button = Bool(False).tag(prop=True, not_drawn="no Vega actions menu: the chart is our own SVG")
    interactive = undrawn(Component.interactive, "display only: a chart is not edited")

    def __init__(self, value: Any = None, x: str | None = None, y: str | None = None, **props: Any) -> None:
        tooltip = props.get("tooltip")
        if isinstance(tooltip, str):
            props["tooltip"] = [tooltip]
        for name in ("x_lim", "y_lim"):
            if props.get(name) is not None:
                props[name] = list(props[name])
        super().__init__(value, x=x, y=y, **props)

    def api_info(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {
                "columns": {"type": "array", "items": {"type": "string"}},
                "data": {"type": "array", "items": {"type": "array", "items": {}}},
                "datatypes": {"type": "object", "additionalProperties": {"type": "string"}},
                "mark": {"type": "string"},
            },
            "required": ["columns", "data", "datatypes", "mark"],
        }

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, dict) and set(value) == {"columns", "data", "datatypes", "mark"}:  # JSON form
            return value
        polars = type(value).__module__.partition(".")[0] == "polars"
        expect(
            polars or (callable(getattr(value, "to_json", None)) and hasattr(value, "dtypes")), self,
            f"expected a pandas or polars DataFrame, got {type(value).__name__}: {value!r:.80}",
        )  # fmt: skip
        columns = [str(column) for column in value.columns]
        named = {"x": [self.x], "y": [self.y], "color": [self.color], "tooltip": self.tooltip or []}
        for prop, names in named.items():
            for name in names:
                expect(name is None or name in columns, self, f"{prop}={name!r} is not a column of the DataFrame {columns}")
        expect(self.x is not None and self.y is not None, self, "x and y must name columns of the DataFrame")
        if polars:
            data = json_rows(value.rows(), self)
            datatypes = {column: _polars_datatype(dtype) for column, dtype in zip(columns, value.dtypes)}
        else:
            data = json.loads(value.to_json(orient="split", index=False, date_format="iso", date_unit="ms"))["data"]
            datatypes = {str(column): _datatype(dtype.kind) for column, dtype in value.dtypes.items()}
        return {"columns": columns, "data": data, "datatypes": datatypes, "mark": self.mark}


class LinePlot(NativePlot):
    """A line per ``color`` group through the points (``x``, ``y``), in ``x`` order unless
    ``sort`` says otherwise."""

    mark = "line"
    stroke_dash = _text(not_drawn=_NOT_DRAWN)
    overlay_point = Bool(None, allow_none=True).tag(prop=True, not_drawn=_NOT_DRAWN)
    stroke_dash_legend_title = _text(not_drawn=_NOT_DRAWN)
    stroke_dash_legend_position = _text(not_drawn=_NOT_DRAWN)


class ScatterPlot(NativePlot):
    """A dot per row at (``x``, ``y``), coloured by ``color``."""

    mark = "point"
    size = _text(not_drawn=_NOT_DRAWN)
    shape = _text(not_drawn=_NOT_DRAWN)
    size_legend_title = _text(not_drawn=_NOT_DRAWN)
    shape_legend_title = _text(not_drawn=_NOT_DRAWN)
    size_legend_position = _text(not_drawn=_NOT_DRAWN)
    shape_legend_position = _text(not_drawn=_NOT_DRAWN)


class BarPlot(NativePlot):
    """A bar per ``x`` category, its height the sum of ``y`` there, stacked by ``color``."""

    mark = "bar"
    vertical = Bool(True).tag(prop=True, not_drawn=_NOT_DRAWN)
    group = _text(not_drawn=_NOT_DRAWN)
    group_title = _text(not_drawn=_NOT_DRAWN)
