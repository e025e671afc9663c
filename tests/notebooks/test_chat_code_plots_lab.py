"""Chatbot, Code, Timer and the plots in a real JupyterLab, their functions in the kernel: a chat
turn sent with Enter and its reply streamed token by token, a like; a Code edit read by the
kernel; a Timer ticking; each plot kind drawn, its text in the colours of JupyterLab's light theme
and then of its dark one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import UI_TIMEOUT, JupyterServer, NotebookUI
from .test_jupyter_ui import rendered_app

APP = """\
import time
import nbblocks as gr
import pandas as pd
from matplotlib.figure import Figure

def reply(message, history):
    history = history + [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
    for token in ["Hello", " from", " the", " kernel"]:
        time.sleep(0.2)  # the user's model producing tokens
        history[-1]["content"] += token
        yield "", history

def liked(data: gr.LikeData):
    return f"{data.index} {data.liked}"

sales = pd.DataFrame({"month": [1, 2, 3, 1, 2, 3], "sales": [10, 14, 9, 4, 6, 8], "shop": ["n", "n", "n", "s", "s", "s"]})
figure = Figure(figsize=(3, 2), dpi=60)
figure.add_subplot().plot([1, 2, 3], [2, 3, 1])

with gr.Blocks() as demo:
    bot = gr.Chatbot(type="messages", likeable=True)
    box = gr.Textbox(label="Message")
    box.submit(reply, [box, bot], [box, bot])
    verdict = gr.Textbox(label="Verdict")
    bot.like(liked, None, verdict)
    code = gr.Code("x = 1", language="python", interactive=True)
    code_seen = gr.Textbox(label="Code seen")
    code.change(lambda source: source.upper(), code, code_seen)
    timer = gr.Timer(0.2)
    ticks = gr.Number(0, label="Ticks")
    timer.tick(lambda n: n + 1, ticks, ticks)
    gr.LinePlot(sales, x="month", y="sales", color="shop", elem_id="line")
    gr.ScatterPlot(sales, x="month", y="sales", elem_id="scatter")
    gr.BarPlot(sales.assign(month=sales.month.astype(str)), x="month", y="sales", color="shop", elem_id="bar")
    gr.Plot(figure, format="png", elem_id="figure")
demo.launch()
"""

#: every text the reply (the second chat row) showed, in order
RECORD_REPLIES_JS = """app => {
  window.repliesShown = [];
  new MutationObserver(() => {
    const text = app.querySelectorAll('.nbb-chat-row')[1]?.querySelector('.nbb-chat-content')?.textContent;
    if (text && text !== window.repliesShown.at(-1)) window.repliesShown.push(text);
  }).observe(app, {subtree: true, childList: true, characterData: true});
}"""
THEME_JS = "theme => window.jupyterapp.commands.execute('apputils:change-theme', {theme})"


@pytest.fixture()
def dark_theme_undone(notebook_ui: NotebookUI) -> Iterator[None]:
    """The server and its settings outlive the test: JupyterLab goes back to its light theme."""
    yield
    notebook_ui.page.evaluate(THEME_JS, "JupyterLab Light")


def test_chat_code_timer_and_plots_in_jupyterlab(
    jupyter: JupyterServer, notebook_ui: NotebookUI, dark_theme_undone: None, screenshots: Path
) -> None:
    notebook_ui.run_in_lab(jupyter, "chat_code_plots", APP)
    app = rendered_app(notebook_ui, 0)
    page = notebook_ui.page

    app.evaluate(RECORD_REPLIES_JS)
    app.get_by_label("Message").fill("Hi")
    app.get_by_label("Message").press("Enter")
    last = app.locator(".nbb-chat-row").nth(1).locator(".nbb-chat-content")
    expect(last).to_have_text("Hello from the kernel", timeout=UI_TIMEOUT)
    shown = app.evaluate("() => window.repliesShown")
    assert {"Hello", "Hello from", "Hello from the"} <= set(shown), shown  # token by token
    expect(app.get_by_label("Message")).to_have_value("")
    app.get_by_role("button", name="Like", exact=True).click()
    expect(app.get_by_label("Verdict")).to_have_value("1 True", timeout=UI_TIMEOUT)

    editor = app.locator(".cm-content")
    expect(editor).to_have_text("x = 1", timeout=UI_TIMEOUT)
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("0")
    expect(app.get_by_label("Code seen")).to_have_value("X = 10", timeout=UI_TIMEOUT)

    ticks = app.get_by_label("Ticks")
    expect(ticks).not_to_have_value("0", timeout=UI_TIMEOUT)
    first = float(ticks.input_value())
    page.wait_for_function("([el, n]) => Number(el.value) >= n + 2", arg=[ticks.element_handle(), first], timeout=UI_TIMEOUT)

    for theme, text_rgb in (("JupyterLab Light", "rgb(31, 41, 55)"), ("JupyterLab Dark", "rgb(229, 231, 235)")):
        page.evaluate(THEME_JS, theme)
        check_plots(app, text_rgb)
        app.screenshot(path=screenshots / f"jupyterlab-chat-code-plots-{theme.split()[1].lower()}.png")


def check_plots(app: Any, text_rgb: str) -> None:
    """Each chart has its marks and its axes' text in the theme's colour; the figure loaded."""
    for elem_id, mark, count in (("line", "polyline", 2), ("scatter", "circle", 6), ("bar", "rect", 6)):
        expect(app.locator(f"#{elem_id} svg.nbb-chart .nbb-chart-marks {mark}")).to_have_count(count, timeout=UI_TIMEOUT)
        expect(app.locator(f"#{elem_id} .nbb-chart-axes text").first).to_have_css("fill", text_rgb, timeout=UI_TIMEOUT)
    expect(app).to_have_css("color", text_rgb, timeout=UI_TIMEOUT)
    image = app.locator("#figure img.nbb-plot-image")
    expect(image).to_be_visible(timeout=UI_TIMEOUT)
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
