"""``@gr.render`` on a served page in Chromium: a slider set to N shows N textboxes, a value typed
into a keyed one survives a re-render, two visitors see their own renderings at once, a rendered
``every=1`` value updates, a long rendered table scrolls to its end, and a render nested in a
render shows in its section and goes with it."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

import nbblocks as gr

from ..helpers import frame_messages
from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)
from .test_dataframe import MAX_DOM_ROWS, cells

WAIT = 30_000  # ms: the machine is shared


def boxes_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        count = gr.Slider(0, 10, step=1, value=2, label="How many")

        @gr.render(inputs=count)
        def boxes(n: float) -> None:
            for i in range(int(n)):
                gr.Textbox(label=f"box {i}", key=i)

    return demo


def set_count(page: Any, n: int) -> None:
    page.locator(".nbb-slider-number").fill(str(n))


def textboxes(page: Any) -> Any:
    return page.locator(".nbb-textbox")


def test_a_slider_set_to_n_shows_n_textboxes_and_typed_text_stays(launch, served_page, bundle, screenshots: Path) -> None:
    served_page.goto(launch(boxes_app()))
    expect(textboxes(served_page)).to_have_count(2, timeout=WAIT)
    set_count(served_page, 5)
    expect(textboxes(served_page)).to_have_count(5, timeout=WAIT)
    served_page.get_by_label("box 1").fill("kept by key")
    set_count(served_page, 7)
    expect(textboxes(served_page)).to_have_count(7, timeout=WAIT)
    expect(served_page.get_by_label("box 1")).to_have_value("kept by key")
    expect(served_page.get_by_label("box 6")).to_have_value("")
    set_count(served_page, 1)
    expect(textboxes(served_page)).to_have_count(1, timeout=WAIT)
    served_page.screenshot(path=screenshots / "served_render.png")


def test_two_visitors_render_differently_at_once(launch, browser, bundle) -> None:
    url = launch(boxes_app())
    contexts = [browser.new_context() for _ in range(2)]
    try:
        pages = [context.new_page() for context in contexts]
        for page in pages:
            page.goto(url)
            expect(textboxes(page)).to_have_count(2, timeout=WAIT)
        for page, n in zip(pages, (6, 3)):
            set_count(page, n)
        for page, n in zip(pages, (6, 3)):
            expect(textboxes(page)).to_have_count(n, timeout=WAIT)
    finally:
        for context in contexts:
            context.close()


def test_text_typed_into_a_box_a_re_render_removed_is_not_sent_later(launch, served_page, bundle) -> None:
    """A render set off by Python (a Timer) removes the box being typed in: the page forgets what
    it had not sent of it (removing a focused field fires focusout, which sends unsent values)."""
    ticks = itertools.count()
    with gr.Blocks() as demo:
        timer = gr.Timer(1)
        elsewhere, echo = gr.Textbox(label="Elsewhere"), gr.Textbox(label="Echo")
        elsewhere.submit(lambda text: text, elsewhere, echo)

        @gr.render(triggers=[timer.tick])
        def fleeting() -> None:
            if next(ticks) % 2 == 0:
                gr.Textbox(label="Fleeting")
            else:
                gr.Markdown("gone")

    sent: list[dict[str, Any]] = []
    served_page.on("websocket", lambda socket: socket.on("framesent", lambda frame: sent.append(json.loads(frame))))
    served_page.goto(launch(demo))
    box = served_page.get_by_label("Fleeting")
    box_id = int(box.evaluate("el => el.closest('[data-nbb-id]').dataset.nbbId"))
    box.press_sequentially("typed")  # stays in the box
    expect(served_page.get_by_text("gone")).to_be_visible(timeout=WAIT)
    served_page.get_by_label("Elsewhere").fill("next message")
    served_page.get_by_label("Elsewhere").press("Enter")  # sends what is unsent, then the trigger
    expect(served_page.get_by_label("Echo")).to_have_value("next message", timeout=WAIT)
    assert [m for m in sent if m["type"] == "value" and m["id"] == box_id] == []
    expect(served_page.get_by_text("Refused message")).to_have_count(0)


def test_a_rendered_every_1_box_updates_on_its_own(launch, served_page, bundle) -> None:
    ticks = itertools.count()
    with gr.Blocks() as demo:
        show = gr.Checkbox(value=True, label="Show the clock")

        @gr.render(inputs=show)
        def clock(on: bool) -> None:
            if on:
                gr.Textbox(value=lambda: f"tick {next(ticks)}", every=1, label="Clock")

    served_page.goto(launch(demo))
    clock_box = served_page.get_by_label("Clock", exact=True)
    expect(clock_box).to_have_value("tick 2", timeout=WAIT)  # tick 0 the constructor's, 1 the rendering's
    expect(clock_box).to_have_value("tick 3", timeout=WAIT)


def test_a_rendered_5000_row_frame_scrolls_to_its_end(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:

        @gr.render()
        def table() -> None:
            gr.Dataframe([[i, f"name {i}"] for i in range(5000)], headers=["i", "name"])

    received: list[dict[str, Any]] = []
    served_page.on("websocket", lambda socket: socket.on("framereceived", lambda frame: received.extend(frame_messages(frame))))
    served_page.goto(launch(demo))
    expect(served_page.get_by_role("grid")).to_have_attribute("aria-rowcount", "5001", timeout=WAIT)
    (rerender,) = [message for message in received if message["type"] == "rerender"]
    assert len(rerender["tree"]["children"][0]["props"]["value"]["data"]) == 200  # its first window only
    served_page.locator(".nbb-dataframe-scroll").evaluate("el => { el.scrollTop = el.scrollHeight; }")
    expect(cells(served_page, 2).last).to_have_text("name 4999", timeout=WAIT)
    assert served_page.locator("[role=grid] tbody tr[role=row]").count() <= MAX_DOM_ROWS
    expect(served_page.get_by_text("Refused message")).to_have_count(0)


def test_a_render_nested_in_a_render_shows_and_goes_with_its_section(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        count = gr.Slider(0, 10, step=1, value=2, label="How many")

        @gr.render(inputs=count)
        def sections(n: float) -> None:
            for i in range(int(n)):
                box = gr.Textbox(label=f"box {i}", key=i)

                @gr.render(inputs=box, triggers=[box.submit, demo.load])
                def echo(text: str | None, i: int = i) -> None:
                    gr.Markdown(f"echo {i}: {text or ''}")

    served_page.goto(launch(demo))
    expect(served_page.get_by_text("echo 1:")).to_be_visible(timeout=WAIT)
    served_page.get_by_label("box 1").fill("typed")
    served_page.get_by_label("box 1").press("Enter")
    expect(served_page.get_by_text("echo 1: typed")).to_be_visible(timeout=WAIT)
    set_count(served_page, 1)
    expect(textboxes(served_page)).to_have_count(1, timeout=WAIT)
    expect(served_page.get_by_text("echo 0:")).to_be_visible(timeout=WAIT)
    expect(served_page.get_by_text("echo 1:")).to_have_count(0)
