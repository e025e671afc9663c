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
import statistics
from collections.abc import Callable
from typing import Any, ClassVar

from traitlets import Bool, Int, List, Unicode, Union

from ..accepted import warn_unused
from ..block import undrawn
from ..events import EventListener
from .base import Component, expect, number_trait, size_trait
from .dataframe import json_rows

_NOT_DRAWN = "accepted for Gradio's signature; the chart's own SVG does not draw it yet"
_IN_PYTHON = "applied in Python to the rows sent (grouped by x and color)"
#: Gradio 5's ``y_aggregate``s: how the y values of rows falling on the same x (and color) combine
AGGREGATES: dict[str, Callable[[list[float]], float]] = {
    "sum": sum, "mean": statistics.fmean, "median": statistics.median, "min": min, "max": max, "count": len,
}  # fmt: skip
#: Gradio 5/6 keywords the chart has nothing to do with yet (`nbblocks.accepted`)
_UNUSED = ("color_map", "colors_in_legend", "x_axis_format", "y_axis_format", "buttons")


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
    select = EventListener()  # Gradio 5's: a range dragged on a numeric or temporal x axis, gr.SelectData's index [min, max]
    double_click = EventListener()
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
    height = size_trait().tag(prop=True)
    width = size_trait().tag(prop=True)
    x_label_angle = number_trait().tag(prop=True, not_drawn=_NOT_DRAWN)
    y_label_angle = number_trait().tag(prop=True, not_drawn=_NOT_DRAWN)
    color_legend_position = _text(not_drawn=_NOT_DRAWN)
    x_bin = Union([Int(), Unicode()], default_value=None, allow_none=True).tag(prop=True, not_drawn=_IN_PYTHON)
    y_aggregate = Unicode(None, allow_none=True).tag(prop=True, not_drawn=_IN_PYTHON)
    show_actions_button = Bool(False).tag(prop=True, not_drawn="no Vega actions menu: the chart is our own SVG")
    interactive = undrawn(Component.interactive, "display only: a chart is not edited")

    def __init__(self, value: Any = None, x: str | None = None, y: str | None = None, **props: Any) -> None:
        warn_unused(type(self).__name__, **{name: props.pop(name, None) for name in _UNUSED})
        labels_visible = props.pop("x_axis_labels_visible", True)
        warn_unused(type(self).__name__, x_axis_labels_visible=None if labels_visible else False)
        if "color_title" in props:  # Gradio 5's name
            props["color_legend_title"] = props.pop("color_title")
        if props.get("y_aggregate") not in (None, *AGGREGATES):
            raise ValueError(f"y_aggregate must be one of {', '.join(AGGREGATES)}, got {props['y_aggregate']!r}")
        tooltip = props.get("tooltip")
        if tooltip in ("axis", "all", "none"):  # Gradio 5's modes: all columns, as without tooltip
            props["tooltip"] = None
        elif isinstance(tooltip, str):
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
        if self.y_aggregate is not None or isinstance(self.x_bin, int):
            columns, data = self._aggregated(columns, data)
        return {"columns": columns, "data": data, "datatypes": datatypes, "mark": self.mark}

    def _aggregated(self, columns: list[str], data: list[list[Any]]) -> tuple[list[str], list[list[Any]]]:
        """The rows grouped by x (numbers in bins of ``x_bin``: each at its bin's start) and
        color, their y values combined by ``y_aggregate`` (a sum, as Gradio's default)."""
        x_at, y_at = columns.index(str(self.x)), columns.index(str(self.y))
        color_at = None if self.color is None else columns.index(self.color)
        groups: dict[tuple[Any, ...], list[float]] = {}
        for row in data:
            x = row[x_at]
            if isinstance(self.x_bin, int) and isinstance(x, (int, float)):
                x = x // self.x_bin * self.x_bin
            key = (x,) if color_at is None else (x, row[color_at])
            if row[y_at] is not None:
                groups.setdefault(key, []).append(row[y_at])
        kept = [str(self.x)] + ([] if self.color is None else [self.color]) + [str(self.y)]
        combine = AGGREGATES[self.y_aggregate or "sum"]
        return kept, [[*key, combine(values)] for key, values in groups.items()]


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
    select = EventListener(not_fired="bars stand on categories: there is no range between them to drag")
    vertical = Bool(True).tag(prop=True, not_drawn=_NOT_DRAWN)
    group = _text(not_drawn=_NOT_DRAWN)
    group_title = _text(not_drawn=_NOT_DRAWN)
