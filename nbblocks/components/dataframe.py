"""Dataframe: a table of values, editable in a keyboard-driven grid.

The JSON form is Gradio's ``{"headers", "data", "metadata"}``: ``data`` a list of rows of JSON
cells, ``metadata`` None or a pandas ``Styler``'s ``{"display_value", "styling"}`` (per cell: the
formatted text and its CSS). pandas, polars and numpy are imported only when a value of theirs is
converted (or ``type`` asks for one), so an app of lists needs none of them; a missing one stops
with the pip command (`nbblocks.dependencies.needs`).

The grid is the front end's "dataframe" chunk (js/src/components/dataframe*.ts).
"""

from __future__ import annotations

import datetime
import importlib
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from traitlets import Bool, Int, List, Unicode, Union

from ..accepted import warn_unused
from ..dependencies import needs
from ..events import EventListener
from ..exceptions import Error
from .base import Component, as_number, expect

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions

#: the types of a cell that is already JSON as it is (not float: NaN and infinities are not)
_PLAIN = frozenset({str, int, bool, type(None)})
DATATYPES = ("str", "number", "bool", "date", "markdown", "html")
TYPES = ("pandas", "numpy", "array", "polars")


def _count(value: int | tuple[int, str] | list[Any], name: str) -> list[Any]:
    """``row_count``/``col_count`` as ``[n, "fixed" | "dynamic"]``; a bare n is dynamic (Gradio)."""
    pair = [value, "dynamic"] if isinstance(value, int) else list(value)
    if len(pair) != 2 or not isinstance(pair[0], int) or pair[1] not in ("fixed", "dynamic"):
        raise ValueError(f"{name} must be n or (n, 'fixed' | 'dynamic'), got {value!r}")
    return pair


def _gradio6_count(
    count: int | tuple[int, str] | None, limits: tuple[int | None, int | None] | None, name: str
) -> int | tuple[int, str] | None:
    """Gradio 6's ``row_count=n, row_limits=(n, n)`` as Gradio 4's ``(n, "fixed")``; other limits
    (a minimum, a maximum) are accepted and not enforced, as in Gradio 6.31 itself."""
    if limits is None:
        return count
    low, high = limits
    if low is not None and low == high:
        return (low, "fixed")
    warn_unused("Dataframe", **{name: limits})
    return count


def _cell(value: Any) -> Any:
    """One cell as JSON: numbers plain (NaN is null, as orjson writes it), dates ISO text,
    anything else its text. The fast path first: a 100,000-row frame has a million cells."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    number = as_number(value)  # numpy scalars
    if number is not None:
        return _cell(number) if isinstance(number, float) else number
    if type(value).__name__ in ("NaTType", "NAType"):  # pandas' missing markers (NaT is a datetime)
        return None
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    item = getattr(value, "item", None)  # numpy bool_, datetime64
    return _cell(item()) if callable(item) and type(value).__module__ == "numpy" else str(value)


def _pandas(purpose: str) -> Any:
    """The pandas module, for ``purpose``; typed Any as pandas ships no type information."""
    with needs(purpose):
        return importlib.import_module("pandas")


def json_rows(rows: Sequence[Any], component: Component) -> list[list[Any]]:
    """Rows of JSON cells; ragged rows are refused here, at the output, rather than drawn askew."""
    rows = [list(row) if isinstance(row, (list, tuple)) else [row] for row in rows]
    if rows:
        width = len(rows[0])
        ragged = next((i for i, row in enumerate(rows) if len(row) != width), None)
        if ragged is not None:
            raise Error(f"{type(component).__name__}: every row must have {width} cells (as row 0 has), "
                        f"row {ragged} has {len(rows[ragged])}")  # fmt: skip
    # a row of plain cells (most rows of most tables) is kept as it is: 3x faster on 100,000 rows
    return [row if all(type(cell) in _PLAIN for cell in row) else [_cell(cell) for cell in row] for row in rows]


class Dataframe(Component):
    """A table from a pandas or polars DataFrame, a numpy array, a list of rows or
    ``{"headers", "data"}``; ``type`` is what a function receives ("pandas", "numpy", "array",
    "polars"). ``row_count``/``col_count``: ``(n, "fixed" | "dynamic")``, dynamic letting the user
    add and remove rows or columns; ``datatype``: one for all columns or one per column."""

    #: a long value reaches a page a window of rows at a time (`nbblocks.windows`)
    ROW_WINDOWS: ClassVar[bool] = True
    change = EventListener()
    input = EventListener()
    select = EventListener()
    edit = EventListener()  # Gradio 5's: a cell typed into, with a gr.EditData
    headers = List(Unicode(), default_value=None, allow_none=True).tag(prop=True)
    row_count = List[Any](default_value=[1, "dynamic"]).tag(prop=True)
    col_count = List[Any](default_value=None, allow_none=True).tag(prop=True)
    datatype = Union([Unicode(), List(Unicode())], default_value="str").tag(prop=True)
    type = Unicode("pandas").tag(prop=True, not_drawn="what the function receives, converted in Python")
    latex_delimiters = List[Any](default_value=None, allow_none=True).tag(
        prop=True, not_drawn="LaTeX needs KaTeX, not shipped yet; markdown cells show it as text"
    )
    height = Union([Int(), Unicode()], default_value=500).tag(prop=True)
    wrap = Bool(False).tag(prop=True)
    line_breaks = Bool(True).tag(prop=True)
    column_widths = List(Union([Int(), Unicode()]), default_value=None, allow_none=True).tag(prop=True)
    max_chars = Int(None, allow_none=True).tag(prop=True)
    show_row_numbers = Bool(False).tag(prop=True)

    def __init__(
        self,
        value: Any = None,
        *,
        headers: list[str] | None = None,
        row_count: int | tuple[int, str] | None = (1, "dynamic"),
        col_count: int | tuple[int, str] | None = None,
        datatype: str | list[str] = "str",
        type: Literal["pandas", "numpy", "array", "polars"] = "pandas",
        latex_delimiters: list[dict[str, str | bool]] | None = None,
        height: int | str = 500,
        wrap: bool = False,
        line_breaks: bool = True,
        column_widths: list[str | int] | None = None,
        row_limits: tuple[int | None, int | None] | None = None,
        column_count: int | tuple[int, str] | None = None,
        column_limits: tuple[int | None, int | None] | None = None,
        max_height: int | str | None = None,
        buttons: list[Any] | None = None,
        show_row_numbers: bool = False,
        max_chars: int | None = None,
        show_search: Literal["none", "search", "filter"] = "none",
        pinned_columns: int | None = None,
        static_columns: list[int] | None = None,
        show_fullscreen_button: bool = False,
        show_copy_button: bool = False,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        # Gradio 6's names: column_count for col_count, (n, n) limits for "fixed", max_height for height
        row_count = _gradio6_count(row_count, row_limits, "row_limits")
        col_count = _gradio6_count(column_count if column_count is not None else col_count, column_limits, "column_limits")
        height = max_height if max_height is not None else height
        warn_unused(
            "Dataframe", pinned_columns=pinned_columns, static_columns=static_columns,
            show_search=None if show_search == "none" else show_search, buttons=buttons or None,
            show_fullscreen_button=show_fullscreen_button or None, show_copy_button=show_copy_button or None,
        )  # fmt: skip
        if type not in TYPES:
            raise ValueError(f"Dataframe: type must be one of {', '.join(TYPES)}, got {type!r}")
        for kind in [datatype] if isinstance(datatype, str) else datatype:
            if kind not in DATATYPES:
                raise ValueError(f"Dataframe: datatype must be among {', '.join(DATATYPES)}, got {kind!r}")
        columns = _count(col_count, "col_count") if col_count is not None else None
        if headers is None:  # Gradio numbers the columns: as many as col_count, else 3
            headers = [str(i) for i in range(1, (columns[0] if columns else 3) + 1)]
        super().__init__(
            value, headers=list(headers), row_count=_count((1, "dynamic") if row_count is None else row_count, "row_count"), col_count=columns,
            datatype=datatype, type=type, latex_delimiters=latex_delimiters, height=height, wrap=wrap,
            line_breaks=line_breaks, column_widths=column_widths, max_chars=max_chars, show_row_numbers=show_row_numbers,
            **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {
                "headers": {"type": "array", "items": {"type": "string"}},
                "data": {"type": "array", "items": {"type": "array", "items": {}}},
                "metadata": {"anyOf": [{"type": "object", "additionalProperties": {"type": "array"}}, {"type": "null"}]},
            },
            "required": ["headers", "data"],
            "title": "DataframeData",
        }

    def example_value(self) -> Any:
        return {"headers": ["a", "b"], "data": [["foo", "bar"]]}

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        expect(isinstance(payload, dict) and isinstance(payload.get("data"), list), self,
               f"expected {{'headers', 'data'}}, got {payload!r}")  # fmt: skip
        headers = payload.get("headers")
        data = [] if payload["data"] == [[]] else payload["data"]
        if self.type == "array":
            return payload["data"]
        if self.type == "numpy":
            with needs("Dataframe(type='numpy')"):
                import numpy as np
            return np.array(payload["data"])
        if self.type == "polars":
            with needs("Dataframe(type='polars')"):
                import polars as pl
            return pl.DataFrame(data, schema=headers, orient="row")
        pd = _pandas("Dataframe(type='pandas')")
        return pd.DataFrame(data, columns=headers) if headers is not None else pd.DataFrame(data)

    def postprocess(self, value: Any) -> dict[str, Any]:
        if value is None:
            return {"headers": list(self.headers or []), "data": [["" for _ in self.headers or []]], "metadata": None}
        if isinstance(value, dict):
            expect(isinstance(value.get("data", []), list), self, f"'data' must be a list of rows, got {value.get('data')!r}")
            data = json_rows(value.get("data", [[]]), self) if value.get("data") != [[]] else [[]]
            return {"headers": [str(h) for h in value.get("headers", [])], "data": data, "metadata": value.get("metadata")}
        if isinstance(value, str):  # Gradio reads a string as a CSV file's path
            value = _pandas("Dataframe with a CSV path").read_csv(value)
        module = type(value).__module__.partition(".")[0]
        if module == "pandas":
            return self._from_pandas(value)
        if module == "polars":
            return {"headers": [str(c) for c in value.columns], "data": json_rows(value.rows(), self), "metadata": None}
        if hasattr(value, "tolist") or isinstance(value, (list, tuple)):
            return self._from_rows(value.tolist() if hasattr(value, "tolist") else list(value))
        raise Error(
            f"Dataframe: expected a DataFrame, an array, a list of rows or {{'headers', 'data'}}, got {type(value).__name__}"
        )

    def _from_rows(self, rows: list[Any]) -> dict[str, Any]:
        """A list of rows under this component's headers, numbered past them for extra columns."""
        headers = list(self.headers or [])
        if not rows:
            return {"headers": headers, "data": [[]], "metadata": None}
        data = json_rows(rows, self)
        width = len(data[0])
        headers = [*headers, *(str(i) for i in range(len(headers) + 1, width + 1))][:width]
        return {"headers": headers, "data": data, "metadata": None}

    def _from_pandas(self, value: Any) -> dict[str, Any]:
        """A DataFrame, or a Styler whose colours and number formats go along as ``metadata``."""
        styler = value if type(value).__name__ == "Styler" else None
        frame = styler.data if styler is not None else value
        headers = [str(c) for c in frame.columns]
        if len(frame) == 0:
            return {"headers": headers, "data": [[]], "metadata": None}
        data = json_rows(frame.to_numpy(dtype=object).tolist(), self)  # Python's own values, 6x faster than itertuples
        return {"headers": headers, "data": data, "metadata": _styling(styler) if styler is not None else None}


def _styling(styler: Any) -> dict[str, list[list[str]]]:
    """Each body cell's shown text and CSS, from the Styler's own rendering model (what its
    ``to_html`` draws), so ``format`` and ``background_gradient`` look as in pandas."""
    model = styler._copy(deepcopy=True)._compute()._translate(False, False)  # pandas' render model
    css = {
        selector: "; ".join(f"{key}: {val}" for key, val in entry["props"])
        for entry in model.get("cellstyle", []) for selector in entry["selectors"]
    }  # fmt: skip
    shown: list[list[str]] = []
    styling: list[list[str]] = []
    for row in model["body"]:
        cells = [cell for cell in row if cell.get("type") == "td"]
        shown.append([str(cell.get("display_value", "")) for cell in cells])
        styling.append([css.get(cell.get("id", ""), "") for cell in cells])
    return {"display_value": shown, "styling": styling}


DataFrame = Dataframe  # Gradio's other spelling of the same class
