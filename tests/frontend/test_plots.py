"""Plot, LinePlot, ScatterPlot and BarPlot on a served page in Chromium, in light and dark mode:
each chart is an SVG with its marks, its text in the theme's colour; a matplotlib figure is an
image that loaded; a non-figure returned to a Plot is an error at that output, and the app keeps
working."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from matplotlib.figure import Figure
from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)

SALES = pd.DataFrame({
    "month": [1, 2, 3, 1, 2, 3],
    "sales": [10, 14, 9, 4, 6, 8],
    "shop": ["north", "north", "north", "south", "south", "south"],
})  # fmt: skip


def figure() -> Figure:
    fig = Figure(figsize=(3, 2), dpi=60)
    fig.add_subplot().plot([1, 2, 3], [2, 3, 1])
    return fig


def charts_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.LinePlot(SALES, x="month", y="sales", color="shop", title="Line", tooltip=["shop", "sales"], elem_id="line")
        gr.ScatterPlot(SALES, x="month", y="sales", x_title="Month", elem_id="scatter")
        gr.BarPlot(SALES.assign(month=SALES.month.astype(str)), x="month", y="sales", color="shop", elem_id="bar")
        gr.Plot(figure(), format="png", elem_id="figure")
    return demo


def marks(page: Any, elem_id: str, mark: str) -> Any:
    return page.locator(f"#{elem_id} svg.nbb-chart .nbb-chart-marks {mark}")


@pytest.mark.parametrize(("theme", "text_rgb"), [("light", "rgb(31, 41, 55)"), ("dark", "rgb(229, 231, 235)")])
def test_each_plot_kind_is_drawn_in_both_themes(
    launch, served_page, bundle, screenshots: Path, theme: str, text_rgb: str
) -> None:
    served_page.goto(launch(charts_app()) + f"?__theme={theme}")
    expect(marks(served_page, "line", "polyline")).to_have_count(2)  # one line per shop
    expect(marks(served_page, "line", "circle")).to_have_count(6)
    expect(marks(served_page, "scatter", "circle")).to_have_count(6)
    expect(marks(served_page, "bar", "rect")).to_have_count(6)  # three months, two shops stacked
    expect(served_page.locator("#line .nbb-chart-title")).to_have_text("Line")
    expect(served_page.locator("#line .nbb-chart-legend")).to_contain_text("north")
    expect(served_page.locator("#scatter .nbb-chart-titles")).to_contain_text("Month")
    # a tooltip names the columns asked for
    assert marks(served_page, "line", "circle title").first.text_content() == "shop: north\nsales: 10"
    # the axes' text takes the theme's text colour, so it reads on either background
    axis_text = served_page.locator("#scatter .nbb-chart-axes text").first
    expect(axis_text).to_have_css("fill", served_page.locator(".nbb-app").evaluate("el => getComputedStyle(el).color"))
    expect(served_page.locator(".nbb-app")).to_have_css("color", text_rgb)
    # the bars stand on the axis, the tallest stack (month 2: 14 + 6) the highest
    heights = [box["height"] for box in (marks(served_page, "bar", "rect").nth(i).bounding_box() for i in range(6))]
    stacks = [heights[month] + heights[month + 3] for month in range(3)]  # rows: north's months, then south's
    assert min(heights) > 0 and stacks[1] > max(stacks[0], stacks[2]), heights
    served_page.wait_for_function(
        "() => { const img = document.querySelector('#figure img.nbb-plot-image');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    served_page.screenshot(path=screenshots / f"served_plots_{theme}.png", full_page=True)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_plotly_figure_is_drawn_by_the_users_own_plotly_js(launch, served_page, bundle, screenshots: Path, theme: str) -> None:
    import plotly.graph_objects as go

    with gr.Blocks() as demo:
        gr.Plot(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])), elem_id="plotly")
    responses: list[str] = []
    served_page.on("response", lambda response: responses.append(response.url))
    served_page.goto(launch(demo) + f"?__theme={theme}")
    expect(served_page.locator("#plotly .nbb-plot-plotly svg.main-svg").first).to_be_visible()
    expect(served_page.locator("#plotly .barlayer .point")).to_have_count(3)
    # its text in the page's colour, so it reads on either background
    app_colour = served_page.locator(".nbb-app").evaluate("el => getComputedStyle(el).color")
    expect(served_page.locator("#plotly .xtick text").first).to_have_css("fill", app_colour)
    served_page.locator("#plotly").screenshot(path=screenshots / f"served_plotly_{theme}.png")
    libraries = [url.rsplit("/", 1)[-1] for url in responses if "/static/chunks/" in url]
    assert libraries == ["plots.js", "lib-plotly.js"]  # from the app's own route, no CDN


def test_a_non_figure_returned_to_a_plot_is_an_error_there_and_the_app_keeps_working(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        kind = gr.Radio(["figure", "number"], value="number", label="Return")
        plot = gr.Plot(format="png", elem_id="figure")
        show = gr.Button("Show")
        show.click(lambda k: figure() if k == "figure" else 42, kind, plot)
    served_page.goto(launch(demo))
    show_button = served_page.get_by_role("button", name="Show")
    show_button.click()
    expect(served_page.locator("#figure").get_by_role("alert")).to_contain_text(
        "Plot: expected a matplotlib or Plotly figure (or matplotlib.pyplot), got int: 42"
    )
    served_page.get_by_label("figure").check()
    show_button.click()
    served_page.wait_for_function(
        "() => { const img = document.querySelector('#figure img.nbb-plot-image');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    expect(served_page.locator("#figure").get_by_role("alert")).to_have_count(0)
