"""Plot, LinePlot, ScatterPlot and BarPlot in Python: what postprocess makes of a figure or a
DataFrame (what the page and gradio_client receive), and the clear errors for anything else."""

from __future__ import annotations

import base64
import datetime
import io
import json
import sys

import pandas as pd
import pytest
from matplotlib.figure import Figure
from PIL import Image as PILImage

import nbblocks as gr
from nbblocks.dependencies import MissingDependency


def figure() -> Figure:
    fig = Figure(figsize=(2, 1), dpi=50)
    fig.add_subplot().plot([1, 2, 3], [3, 1, 2])
    return fig


def decoded(data_url: str) -> bytes:
    head, _, data = data_url.partition(",")
    assert head.endswith(";base64")
    return base64.b64decode(data)


@pytest.mark.parametrize(("fmt", "pil_format"), [("webp", "WEBP"), ("png", "PNG"), ("jpeg", "JPEG")])
def test_a_matplotlib_figure_becomes_an_image_in_format(fmt: str, pil_format: str) -> None:
    value = gr.Plot(format=fmt).postprocess(figure())
    assert value["type"] == "matplotlib"
    assert value["plot"].startswith(f"data:image/{fmt};base64,")
    picture = PILImage.open(io.BytesIO(decoded(value["plot"])))
    assert picture.format == pil_format and picture.width > 0


def test_a_figure_saved_as_svg_is_svg_text() -> None:
    value = gr.Plot(format="svg").postprocess(figure())
    assert value["plot"].startswith("data:image/svg+xml;base64,")
    assert b"<svg" in decoded(value["plot"])


def test_pyplot_itself_gives_its_current_figure() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.figure()
    plt.plot([1, 2])
    try:
        assert gr.Plot(plt, format="png").value["plot"].startswith("data:image/png;base64,iVBOR")
    finally:
        plt.close("all")


def test_a_plotly_figure_travels_as_its_json() -> None:
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=["a", "b"], y=[3, 1]), layout={"title": {"text": "Votes"}})
    value = gr.Plot(fig).value
    assert value["type"] == "plotly"
    figure = json.loads(value["plot"])
    assert figure["data"][0]["type"] == "bar" and figure["data"][0]["y"] == [3, 1]
    assert figure["layout"]["title"]["text"] == "Votes"


def test_a_bokeh_figure_travels_as_its_json_item() -> None:
    from bokeh.plotting import figure as bokeh_figure

    fig = bokeh_figure(title="Level")
    fig.line([1, 2, 3], [3, 1, 2])
    value = gr.Plot(fig).value
    assert value["type"] == "bokeh"
    item = json.loads(value["plot"])
    assert item["root_id"] == fig.id and item["doc"]["roots"][0]["id"] == fig.id


def altair_chart() -> object:
    import altair as alt

    return alt.Chart(pd.DataFrame({"a": ["x", "y"], "b": [3, 4]})).mark_bar().encode(x="a", y="b")


def test_an_altair_chart_is_drawn_as_svg_in_python() -> None:
    value = gr.Plot(altair_chart()).value
    assert value["type"] == "altair"
    assert value["plot"].startswith("data:image/svg+xml;base64,")
    svg = decoded(value["plot"])
    assert svg.startswith(b"<svg") and b"<path" in svg


def test_an_altair_chart_without_vl_convert_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "vl_convert", None)  # as if it were not installed
    with pytest.raises(
        MissingDependency, match=r"^An Altair chart in gr.Plot needs vl_convert, .*: pip install vl-convert-python$"
    ):
        gr.Plot(altair_chart())


def test_the_json_form_and_none_pass_through() -> None:
    value = gr.Plot(figure()).value
    assert gr.Plot().postprocess(value) == value
    assert gr.Plot().postprocess(None) is None
    assert gr.Plot().preprocess(value) == value


@pytest.mark.parametrize("returned", [3, "a string", [1, 2], pd.DataFrame({"a": [1]})])
def test_a_non_figure_is_a_clear_error(returned: object) -> None:
    with pytest.raises(gr.Error, match=r"Plot: expected a matplotlib, Plotly, Bokeh or Altair figure .*, got "):
        gr.Plot().postprocess(returned)


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(gr.Error, match="format must be one of"):
        gr.Plot(format="gif")


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "day": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
        "sales": [3, float("nan"), 5.5],
        "shop": ["north", "south", "north"],
        "n": [1, 2, 3],
    })  # fmt: skip


@pytest.mark.parametrize(("cls", "mark"), [(gr.LinePlot, "line"), (gr.ScatterPlot, "point"), (gr.BarPlot, "bar")])
def test_a_dataframe_becomes_the_table_the_chart_draws(cls: type[gr.LinePlot], mark: str) -> None:
    chart = cls(frame(), x="day", y="sales", color="shop")
    assert chart.value == {
        "columns": ["day", "sales", "shop", "n"],
        # dates as ISO text, NaN as null, numpy numbers as JSON's
        "data": [
            ["2024-01-01T00:00:00.000", 3.0, "north", 1],
            ["2024-01-02T00:00:00.000", None, "south", 2],
            ["2024-01-03T00:00:00.000", 5.5, "north", 3],
        ],
        "datatypes": {"day": "temporal", "sales": "quantitative", "shop": "nominal", "n": "quantitative"},
        "mark": mark,
    }
    assert cls(x="day", y="sales").postprocess(chart.value) == chart.value
    assert chart.preprocess(chart.value) == chart.value


def test_a_polars_dataframe_is_drawn_as_a_pandas_one_is() -> None:
    import polars as pl

    chart = gr.BarPlot(
        pl.from_dict({"day": [datetime.date(2024, 1, 1)], "sales": [None], "shop": ["north"], "n": [1]}), x="shop", y="n"
    )
    assert chart.value == {
        "columns": ["day", "sales", "shop", "n"],
        "data": [["2024-01-01", None, "north", 1]],
        "datatypes": {"day": "temporal", "sales": "nominal", "shop": "nominal", "n": "quantitative"},
        "mark": "bar",
    }


def test_chart_props_as_gradio_takes_them() -> None:
    chart = gr.LinePlot(x="a", y="b", tooltip="b", x_lim=(0, 10), y_lim=[1, 2.5], sort="-x", title="T")
    assert (chart.tooltip, chart.x_lim, chart.y_lim, chart.sort, chart.title) == (["b"], [0, 10], [1, 2.5], "-x", "T")
    assert gr.BarPlot(x="a", y="b", sort=["z", "y"]).sort == ["z", "y"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"x": "when", "y": "sales"}, r"x='when' is not a column of the DataFrame \['day', 'sales', 'shop', 'n'\]"),
        ({"x": "day", "y": "sales", "color": "region"}, "color='region' is not a column"),
        ({"x": "day", "y": "sales", "tooltip": ["n", "price"]}, "tooltip='price' is not a column"),
        ({"x": "day"}, "x and y must name columns of the DataFrame"),
    ],
)
def test_columns_that_are_not_in_the_dataframe_are_a_clear_error(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(gr.Error, match=f"LinePlot: {message}"):
        gr.LinePlot(**kwargs).postprocess(frame())


def test_a_chart_given_something_else_than_a_dataframe_says_so() -> None:
    with pytest.raises(gr.Error, match=r"ScatterPlot: expected a pandas or polars DataFrame, got list"):
        gr.ScatterPlot(x="a", y="b").postprocess([[1, 2]])
