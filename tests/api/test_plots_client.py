"""The plots through the official `gradio_client`: a chart's table and a figure's image come back
as the values the page draws, and a non-figure returned to a Plot is the client's error."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from gradio_client.exceptions import AppError
from matplotlib.figure import Figure
from PIL import Image as PILImage

import nbblocks as gr


def test_a_lineplot_value_out(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    def sales(shops: float) -> pd.DataFrame:
        rows = 2 * int(shops)
        return pd.DataFrame({"month": [1, 2] * int(shops), "sales": [3.5, 4] * int(shops), "shop": ["a", "a", "b", "b"][:rows]})

    with gr.Blocks() as demo:
        count = gr.Number(2)
        chart = gr.LinePlot(x="month", y="sales", color="shop")
        gr.Button().click(sales, count, chart, api_name="sales")
    client = connect(launch(demo))
    assert client.predict(2, api_name="/sales") == {
        "columns": ["month", "sales", "shop"],
        "data": [[1, 3.5, "a"], [2, 4.0, "a"], [1, 3.5, "b"], [2, 4.0, "b"]],
        "datatypes": {"month": "quantitative", "sales": "quantitative", "shop": "nominal"},
        "mark": "line",
    }
    returns = client.view_api(return_format="dict")["named_endpoints"]["/sales"]["returns"][0]
    assert returns["type"]["required"] == ["columns", "data", "datatypes", "mark"]


def test_a_matplotlib_plot_out_and_a_non_figure_refused(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    def draw(points: float) -> Any:
        if points < 0:
            return "not a figure"
        fig = Figure(figsize=(2, 1), dpi=50)
        fig.add_subplot().plot(range(int(points)))
        return fig

    with gr.Blocks() as demo:
        count = gr.Number()
        gr.Button().click(draw, count, gr.Plot(format="png"), api_name="draw")
    client = connect(launch(demo))
    value = client.predict(3, api_name="/draw")
    assert value["type"] == "matplotlib"
    picture = PILImage.open(io.BytesIO(base64.b64decode(value["plot"].partition(",")[2])))
    assert (picture.format, picture.width > 0) == ("PNG", True)
    with pytest.raises(AppError, match="Plot: expected a matplotlib, Plotly, Bokeh or Altair figure"):
        client.predict(-1, api_name="/draw")
    assert client.predict(1, api_name="/draw")["type"] == "matplotlib"  # the app keeps working
