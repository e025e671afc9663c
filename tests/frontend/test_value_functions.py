"""Component values that are functions and `gr.ClearButton`, served, in Chromium: what the page shows."""

from __future__ import annotations

import itertools
import re

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)

WAIT_MS = 30_000  # the machine is shared: a repeat a second apart may come late


def test_a_value_function_with_every_shows_a_new_value_each_time(launch, served_page) -> None:
    ticks = itertools.count(1)
    with gr.Blocks() as demo:
        gr.Textbox(value=lambda: f"tick {next(ticks)}", every=1, label="Clock")
        name = gr.Textbox("Ada", label="Name")
        gr.Textbox(value=lambda who: f"Hello {who}", inputs=name, label="Greeting")
    served_page.goto(launch(demo))
    clock = served_page.get_by_label("Clock")
    expect(clock).to_have_value(re.compile(r"tick \d+"))
    seen = int(clock.input_value().split()[1])
    expect(clock).to_have_value(re.compile(rf"tick (?!{seen}$)\d+"), timeout=WAIT_MS)
    later = int(clock.input_value().split()[1])
    assert later > seen
    expect(clock).to_have_value(re.compile(rf"tick (?!{later}$)\d+"), timeout=WAIT_MS)
    expect(served_page.get_by_label("Greeting")).to_have_value("Hello Ada")
    served_page.get_by_label("Name").fill("Bo")
    expect(served_page.get_by_label("Greeting")).to_have_value("Hello Bo")


def test_clear_button_empties_a_textbox_and_a_number(launch, served_page) -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")
        number = gr.Number(label="Count")
        seen = gr.Textbox(label="Seen")
        gr.ClearButton([text, number], value="Clear all")
        gr.Button("Show").click(lambda t, n: f"text={t or ''} number={n}", [text, number], seen)
    served_page.goto(launch(demo))
    served_page.get_by_label("Text").fill("hello")
    served_page.get_by_label("Count").fill("42")
    served_page.get_by_role("button", name="Show").click()
    expect(served_page.get_by_label("Seen")).to_have_value("text=hello number=42")
    served_page.get_by_role("button", name="Clear all").click()
    expect(served_page.get_by_label("Text")).to_have_value("")
    expect(served_page.get_by_label("Count")).to_have_value("")
    served_page.get_by_role("button", name="Show").click()  # Python was told too
    expect(served_page.get_by_label("Seen")).to_have_value("text= number=None")


def test_queue_then_launch_returns_gradios_triple_and_the_load_chain_reaches_the_page(served_page) -> None:
    with gr.Blocks() as demo:
        first = gr.Textbox(label="First")
        second = gr.Textbox(label="Second")
        demo.load(lambda: "loaded", None, first).then(lambda x: f"{x}, then chained", first, second)
    try:
        app, url, share_url = demo.queue(max_size=4, default_concurrency_limit=2).launch(prevent_thread_lock=True, quiet=True)
        assert app is not None and url.startswith("http://127.0.0.1:") and share_url is None
        assert demo.queue_settings.max_size == 4 and demo.queue_settings.default_concurrency_limit == 2
        served_page.goto(url)
        expect(served_page.get_by_label("First")).to_have_value("loaded")
        expect(served_page.get_by_label("Second")).to_have_value("loaded, then chained")
    finally:
        demo.close()
