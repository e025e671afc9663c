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


def test_sort_and_limits_shape_the_axes(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        gr.BarPlot(SALES.assign(month=SALES.month.astype(str)), x="month", y="sales", sort=["3", "1", "2"], elem_id="bar")
        gr.LinePlot(SALES, x="month", y="sales", x_lim=[0, 4], y_lim=[0, 20], elem_id="line")
        gr.LinePlot(SALES.head(3), x="month", y="sales", sort="-y", elem_id="by_y")
    served_page.goto(launch(demo))
    expect(served_page.locator("#bar .nbb-chart-axes text").first).to_be_visible()
    bar_ticks = served_page.locator("#bar .nbb-chart-axes > text[text-anchor=middle]").all_text_contents()
    assert bar_ticks == ["3", "1", "2"]  # the categories in the order sort gives
    line_ticks = served_page.locator("#line .nbb-chart-axes > text").all_text_contents()
    assert line_ticks == ["0", "1", "2", "3", "4", "0", "5", "10", "15", "20"]  # x then y, within the limits
    # sort="-y": the line runs from the highest sales (month 2: 14) to the lowest (month 3: 9)
    points = served_page.locator("#by_y polyline").get_attribute("points") or ""
    xs = [float(point.split(",")[0]) for point in points.split()]
    assert xs[0] > xs[1] < xs[2] and xs[2] > xs[0], points  # month 2, then 1, then 3


def library_figures() -> list[Any]:
    """A Plotly bar chart, a Bokeh line and an Altair bar chart."""
    import altair as alt
    import plotly.graph_objects as go
    from bokeh.plotting import figure as bokeh_figure

    line = bokeh_figure(width=400, height=250)
    line.line([1, 2, 3], [3, 1, 2], line_width=3)
    bars = alt.Chart(pd.DataFrame({"a": ["x", "y"], "b": [3, 4]})).mark_bar().encode(x="a", y="b")
    return [go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])), line, bars]


#: whether some canvas inside the element (through nested shadow roots, as Bokeh draws) shows more
#: than one colour
CANVAS_DRAWN = """el => {
    const canvases = [];
    const walk = (root) => { for (const node of root.querySelectorAll('*')) {
        if (node instanceof HTMLCanvasElement && node.width > 0) canvases.push(node);
        if (node.shadowRoot) walk(node.shadowRoot);
    } };
    walk(el);
    return canvases.some((canvas) => {
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 4; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 3] !== data[3]) return true;
        return false;
    });
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_plotly_bokeh_and_altair_figures_are_drawn(launch, served_page, bundle, screenshots: Path, theme: str) -> None:
    plotly_figure, bokeh_line, altair_bars = library_figures()
    with gr.Blocks() as demo:
        gr.Plot(plotly_figure, elem_id="plotly")
        gr.Plot(bokeh_line, elem_id="bokeh")
        gr.Plot(altair_bars, elem_id="altair")
    responses: list[str] = []
    served_page.on("response", lambda response: responses.append(response.url))
    served_page.goto(launch(demo) + f"?__theme={theme}")
    # Plotly: drawn by the user's own plotly.js, its text in the page's colour
    expect(served_page.locator("#plotly .nbb-plot-plotly svg.main-svg").first).to_be_visible()
    expect(served_page.locator("#plotly .barlayer .point")).to_have_count(3)
    app_colour = served_page.locator(".nbb-app").evaluate("el => getComputedStyle(el).color")
    expect(served_page.locator("#plotly .xtick text").first).to_have_css("fill", app_colour)
    # Bokeh: drawn by the user's own BokehJS on a canvas
    served_page.locator("#bokeh .nbb-plot-bokeh").wait_for()
    served_page.wait_for_function(f"() => ({CANVAS_DRAWN})(document.querySelector('#bokeh'))")
    # Altair: an SVG picture made in Python
    served_page.wait_for_function(
        "() => { const img = document.querySelector('#altair img.nbb-plot-image');"
        " return img && img.complete && img.naturalWidth > 0 && img.src.startsWith('data:image/svg+xml'); }"
    )
    served_page.screenshot(path=screenshots / f"served_plot_libraries_{theme}.png", full_page=True)
    libraries = sorted(url.rsplit("/", 1)[-1] for url in responses if "/static/chunks/" in url)
    assert libraries == ["lib-bokeh.js", "lib-plotly.js", "plots.js"]  # from the app's own route, no CDN


def test_in_a_notebook_the_libraries_and_charts_come_over_the_comm(notebook_page, page) -> None:
    plotly_figure, bokeh_line, _ = library_figures()
    with gr.Blocks() as demo:
        gr.Plot(plotly_figure, elem_id="plotly")
        gr.Plot(bokeh_line, elem_id="bokeh")
        gr.ScatterPlot(SALES, x="month", y="sales", elem_id="scatter")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    notebook_page(demo)
    # a few MB of plotly.js through this test's base64 relay take seconds on a loaded machine
    expect(page.locator("#plotly .barlayer .point")).to_have_count(3, timeout=30_000)
    page.wait_for_function(f"() => ({CANVAS_DRAWN})(document.querySelector('#bokeh'))", timeout=30_000)
    expect(marks(page, "scatter", "circle")).to_have_count(6)
    assert not [url for url in requests if "/static/chunks/" in url]  # no server: all over the comm


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
        "Plot: expected a matplotlib, Plotly, Bokeh or Altair figure (or matplotlib.pyplot), got int: 42"
    )
    served_page.get_by_label("figure").check()
    show_button.click()
    served_page.wait_for_function(
        "() => { const img = document.querySelector('#figure img.nbb-plot-image');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    expect(served_page.locator("#figure").get_by_role("alert")).to_have_count(0)
