"""gr.Dataframe on the Python side: Gradio 4.34's signature and defaults, every value form out
(pandas, a Styler, polars, numpy, lists, ``{"headers", "data"}``, a CSV path) and every ``type``
in, ragged rows refused, pandas/polars/numpy loaded only when used."""

from __future__ import annotations

import datetime
import inspect
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pytest

import nbblocks as gr

PAYLOAD = {"headers": ["name", "score"], "data": [["ada", 3], ["bob", 1.5]], "metadata": None}


def test_signature_and_defaults_are_gradios() -> None:
    parameters = inspect.signature(gr.Dataframe).parameters
    assert list(parameters)[0] == "value"
    frame = gr.Dataframe()
    assert frame.headers == ["1", "2", "3"]
    assert (frame.row_count, frame.col_count, frame.datatype, frame.type) == ([1, "dynamic"], None, "str", "pandas")
    assert (frame.height, frame.wrap, frame.line_breaks, frame.column_widths) == (500, False, True, None)
    assert frame.value == {"headers": ["1", "2", "3"], "data": [["", "", ""]], "metadata": None}
    assert gr.Dataframe.EVENTS == ("change", "input", "select", "edit")
    assert gr.Dataframe(col_count=(2, "fixed")).headers == ["1", "2"]
    assert gr.Dataframe(row_count=4).row_count == [4, "dynamic"]


@pytest.mark.parametrize(
    ("options", "message"),
    [({"type": "dict"}, "type must be one of"), ({"datatype": ["str", "money"]}, "datatype must be among"),
     ({"row_count": (3, "elastic")}, "row_count must be")],
)  # fmt: skip
def test_bad_options_are_refused(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        gr.Dataframe(**options)  # type: ignore[arg-type]


def test_pandas_out_with_numbers_dates_and_missing_cells() -> None:
    frame = pd.DataFrame(
        {"a": [1, 2], "b": [0.5, float("nan")], "when": pd.to_datetime(["2024-01-02", None]), "ok": [True, False]}
    )
    assert gr.Dataframe().postprocess(frame) == {
        "headers": ["a", "b", "when", "ok"],
        "data": [[1, 0.5, "2024-01-02T00:00:00", True], [2, None, None, False]],
        "metadata": None,
    }


def test_a_styler_sends_its_colours_and_number_formats() -> None:
    frame = pd.DataFrame({"x": [1.0, 2.25], "y": ["a", "b"]})
    styler = frame.style.format({"x": "{:.1f} kg"}).map(lambda v: "color: red" if v == 2.25 else "", subset=["x"])
    value = gr.Dataframe().postprocess(styler)
    assert value["data"] == [[1.0, "a"], [2.25, "b"]]
    assert value["metadata"]["display_value"] == [["1.0 kg", "a"], ["2.2 kg", "b"]]
    assert value["metadata"]["styling"] == [["", ""], ["color: red", ""]]


def test_polars_numpy_lists_dicts_and_csv_out(tmp_path: Path) -> None:
    frame = gr.Dataframe(headers=["p", "q"])
    assert frame.postprocess(pl.DataFrame({"u": [1, 2], "v": ["x", None]}))["data"] == [[1, "x"], [2, None]]
    assert frame.postprocess(np.array([[1, 2, 3]], dtype=np.int64)) == {
        "headers": ["p", "q", "3"],
        "data": [[1, 2, 3]],
        "metadata": None,
    }
    assert frame.postprocess([[np.float32(0.5)]]) == {"headers": ["p"], "data": [[0.5]], "metadata": None}
    assert frame.postprocess([]) == {"headers": ["p", "q"], "data": [[]], "metadata": None}
    assert frame.postprocess({"headers": ["k"], "data": [[datetime.date(2024, 5, 1)]]})["data"] == [["2024-05-01"]]
    csv = tmp_path / "table.csv"
    csv.write_text("c,d\n1,hi\n")
    assert frame.postprocess(str(csv)) == {"headers": ["c", "d"], "data": [[1, "hi"]], "metadata": None}
    assert frame.postprocess(frame.postprocess(PAYLOAD)) == PAYLOAD  # its own output back: unchanged


def test_every_type_in() -> None:
    received = gr.Dataframe(type="pandas").preprocess(PAYLOAD)
    assert list(received.columns) == ["name", "score"] and received["score"].tolist() == [3, 1.5]
    received = gr.Dataframe(type="polars").preprocess(PAYLOAD)
    assert received.columns == ["name", "score"] and received["name"].to_list() == ["ada", "bob"]
    assert gr.Dataframe(type="numpy").preprocess({"headers": ["a"], "data": [[1], [2]]}).tolist() == [[1], [2]]
    assert gr.Dataframe(type="array").preprocess(PAYLOAD) == [["ada", 3], ["bob", 1.5]]
    assert gr.Dataframe(type="pandas").preprocess({"headers": ["a"], "data": [[]]}).empty
    assert gr.Dataframe().preprocess(None) is None


def test_ragged_rows_are_a_clear_error() -> None:
    with pytest.raises(gr.Error, match="Dataframe: every row must have 2 cells .* row 2 has 3"):
        gr.Dataframe().postprocess([[1, 2], [3, 4], [5, 6, 7]])
    with pytest.raises(gr.Error, match="Dataframe: expected a DataFrame"):
        gr.Dataframe().postprocess(object())


def test_infinities_become_null_as_json_has_none() -> None:
    value = gr.Dataframe().postprocess([[math.inf, -math.inf, 1.0]])
    assert value["data"] == [[None, None, 1.0]]


def test_a_missing_library_names_what_to_install() -> None:
    code = (
        "import sys; sys.modules['polars'] = None\n"  # as if not installed
        "import nbblocks as gr\n"
        "try:\n    gr.Dataframe(type='polars').preprocess({'headers': ['a'], 'data': [[1]]})\n"
        "except ImportError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "Dataframe(type='polars') needs polars, which is not installed: pip install polars" in out
