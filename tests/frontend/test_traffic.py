"""Traffic that scales with listeners, not keystrokes: the frames a served page sends and gets on
its WebSocket, counted in Chromium."""

from __future__ import annotations

import json
import re
import threading
import time
from typing import Any

import pytest
from playwright.sync_api import expect

import nbblocks as gr
from nbblocks.notebook.widget import BlocksWidget
from nbblocks.sessions import Session
from tests.notebook.test_widget import recording_comms  # noqa: F401 (an autouse fixture: every comm records)

from ..helpers import TIMEOUT, Gate, button_app, frame_messages, hello_app
from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)
from ..server.wire import wait_for
from .harness import UI
from .test_load_js import WidgetViews

TYPED = "".join(chr(ord("a") + i % 26) for i in range(200))


class Frames:
    """The JSON frames of the page's WebSocket, both ways, from the moment it opens."""

    def __init__(self, page: Any) -> None:
        self.sent: list[dict[str, Any]] = []
        self.received: list[dict[str, Any]] = []
        page.on("websocket", self._watch)

    def _watch(self, ws: Any) -> None:
        ws.on("framesent", lambda frame: self.sent.append(json.loads(frame)))
        ws.on("framereceived", lambda frame: self.received.extend(frame_messages(frame)))

    def sent_after_ready(self) -> list[dict[str, Any]]:
        return [msg for msg in self.sent if msg["type"] != "ready"]


def test_typing_where_nobody_listens_sends_nothing_until_the_click(launch, served_page, bundle) -> None:
    demo, inp, out, btn = hello_app()
    frames = Frames(served_page)
    served_page.goto(launch(demo))
    box = served_page.get_by_placeholder("What is your name?")
    box.press_sequentially(TYPED)
    expect(box).to_have_value(TYPED)
    served_page.get_by_role("button", name="Run").click()
    expect(served_page.locator(f'[data-nbb-id="{out._id}"] .nbb-input')).to_have_value(f"Welcome to Gradio, {TYPED}!")
    # Leaving the box sent its value once, then the click: nothing per keystroke.
    value, trigger = frames.sent_after_ready()
    assert (value["type"], value["id"], value["value"]) == ("value", inp._id, TYPED)
    assert trigger == {"type": "trigger", "id": btn._id, "event": "click", "data": None}


@pytest.mark.parametrize(("trigger_mode", "runs"), [("always_last", 2), ("once", 1), ("multiple", 20)])
def test_a_change_listener_runs_as_its_trigger_mode_says(launch, served_page, bundle, monkeypatch, trigger_mode, runs) -> None:
    gate = Gate(compute=lambda text: len(text))
    with gr.Blocks() as demo:
        box = gr.Textbox(label="Name")
        count = gr.Number(label="Count")
        box.change(gate, box, count, trigger_mode=trigger_mode)
    handled: list[str] = []
    trigger = Session.trigger

    def counted(session: Session, block_id: int, event: str, *args: Any) -> Any:
        jobs = trigger(session, block_id, event, *args)
        handled.append(event)
        return jobs

    monkeypatch.setattr(Session, "trigger", counted)
    frames = Frames(served_page)
    served_page.goto(launch(demo))
    served_page.get_by_label("Name").press_sequentially(TYPED[:20])
    expect(served_page.get_by_label("Name")).to_have_value(TYPED[:20])
    gate.started(1)  # the first keystroke's run holds the others back
    wait_for(lambda: sum(msg["type"] == "trigger" for msg in frames.sent) == 20, what="20 change triggers")
    # the server has them all: a trigger handled after the gate opens would rightly run once more
    wait_for(lambda: handled.count("change") == 20, what="20 change triggers handled")
    gate.open()
    if trigger_mode != "once":  # the last run saw everything typed
        expect(served_page.get_by_label("Count")).to_have_value("20")
    wait_for(lambda: demo.event_queue().join(timeout=0), what="every run over")
    assert len(gate.calls) == runs
    # one value per keystroke, carried right before its trigger, nothing else
    assert len(frames.sent_after_ready()) == 40


def test_a_tight_progress_loop_sends_about_ten_bars_a_second_and_shows_its_last(launch, served_page, bundle) -> None:
    finish = threading.Event()
    loop_time: list[float] = []

    def work(progress=gr.Progress()):
        start = time.monotonic()
        for step in range(1, 1001):
            progress((step, 1000), unit="steps")
        loop_time.append(time.monotonic() - start)
        finish.wait(TIMEOUT)  # still running: the bar stays, showing the last step
        return "done"

    demo, btn, out = button_app(work)
    frames = Frames(served_page)
    served_page.goto(launch(demo))
    served_page.get_by_role("button").click()
    expect(served_page.locator(".nbb-bar-text")).to_have_text("1000/1000 steps")
    bars = [msg["progress"][0]["index"] for msg in frames.received if msg["type"] == "progress"]
    assert bars[-1] == 1000
    # one at once, then at most one per tenth of a second of the loop, and the last one after it
    assert len(bars) <= 2 + loop_time[0] * 10, (len(bars), loop_time)
    finish.set()
    expect(served_page.locator(f'[data-nbb-id="{out._id}"] .nbb-input')).to_have_value("done")


def test_a_second_view_is_drawn_alone_and_values_typed_in_one_view_appear_in_the_other(ui: UI) -> None:
    with gr.Blocks() as demo:
        gr.Textbox(label="Name")
    views = WidgetViews(ui, BlocksWidget(demo))  # two displays of one widget: one comm reaches both
    first = views.add()
    views.pump_until(lambda: first.get_by_label("Name").count() == 1)
    box = first.get_by_label("Name")
    box.fill("ada")
    box.blur()
    box.evaluate("el => { el.dataset.drawn = 'once' }")
    second = views.add()
    views.pump_until(lambda: second.get_by_label("Name").count() == 1)
    expect(second.get_by_label("Name")).to_have_value("ada")
    expect(first.get_by_label("Name")).to_have_attribute("data-drawn", "once")  # the same element: not redrawn
    assert [msg["type"] for msg in views.received] == ["ready", "value", "ready"]
    second.get_by_label("Name").fill("grace")
    second.get_by_label("Name").blur()
    views.pump_until(lambda: first.get_by_label("Name").input_value() == "grace")
    expect(second.get_by_label("Name")).to_have_value("grace")


def test_a_run_that_starts_at_once_sends_no_pending_status(launch, served_page, bundle) -> None:
    demo, _, out, btn = hello_app()
    frames = Frames(served_page)
    served_page.goto(launch(demo))
    served_page.get_by_placeholder("What is your name?").fill("Ada")
    served_page.get_by_role("button", name="Run").click()
    expect(served_page.locator(f'[data-nbb-id="{out._id}"] .nbb-input')).to_have_value("Welcome to Gradio, Ada!")
    wait_for(lambda: [msg.get("stage") for msg in frames.received if msg["type"] == "status"] == ["running", "complete"],
             what="running then complete, and no pending")  # fmt: skip


def test_the_page_draws_every_message_a_frame_carries(launch, served_page, bundle) -> None:
    """A run's update and complete held in the server's outbox reach the page as one frame (a
    list): the page shows the value and takes the spinner away."""
    gate = Gate(result="done")
    demo, btn, out = button_app(gate, concurrency_limit=None)
    raw: list[str] = []
    served_page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: raw.append(str(frame))))
    served_page.goto(launch(demo))
    box = served_page.locator(f'[data-nbb-id="{out._id}"]')
    served_page.get_by_role("button").click()
    gate.started(1)
    expect(box).to_have_class(re.compile(r"\bnbb-pending\b"))  # "running" arrived
    loop_held, release_loop = threading.Event(), threading.Event()
    demo.server.loop.add_callback(lambda: loop_held.set() or release_loop.wait(TIMEOUT))
    assert loop_held.wait(TIMEOUT)
    gate.open()
    assert demo.event_queue().join(TIMEOUT)
    release_loop.set()
    expect(box.locator(".nbb-input")).to_have_value("done")
    expect(box).not_to_have_class(re.compile(r"\bnbb-pending\b"))
    lists = [json.loads(frame) for frame in raw if frame.startswith("[")]
    assert [[(m["type"], m.get("stage")) for m in frame] for frame in lists] == [[("update", None), ("status", "complete")]]


def test_a_run_that_starts_and_ends_in_one_frame_draws_no_spinner(launch, served_page, bundle) -> None:
    """Its running, update and complete are handled before anything is drawn: the page sets the
    value and never builds the loading overlay (nor marks the block pending) for it. The run is
    a `.then` of a held one, so that it starts and ends while the server's loop is held."""
    gate = Gate(result="first")
    with gr.Blocks() as demo:
        first, second = gr.Textbox(), gr.Textbox()
        gr.Button().click(gate, None, first, concurrency_limit=None).then(lambda: "second", None, second)
    served_page.goto(launch(demo))
    box = served_page.locator(f'[data-nbb-id="{second._id}"]')
    expect(box).to_be_visible()
    box.evaluate("""el => {
        window.__drawn = [];
        new MutationObserver((records) => {
            for (const r of records) {
                if (r.type === "attributes" && el.classList.contains("nbb-pending")) window.__drawn.push("pending");
                for (const node of r.addedNodes) if (node.getAttribute?.("role") === "status") window.__drawn.push("overlay");
            }
        }).observe(el, {childList: true, subtree: true, attributes: true, attributeFilter: ["class"]});
    }""")
    served_page.get_by_role("button").click()
    gate.started(1)
    expect(served_page.locator(f'[data-nbb-id="{first._id}"]')).to_have_class(re.compile(r"\bnbb-pending\b"))
    loop_held, release_loop = threading.Event(), threading.Event()
    demo.server.loop.add_callback(lambda: loop_held.set() or release_loop.wait(TIMEOUT))
    assert loop_held.wait(TIMEOUT)
    gate.open()  # the first run ends and the second runs, all while the loop is held: one frame
    assert demo.event_queue().join(TIMEOUT)
    release_loop.set()
    expect(box.locator(".nbb-input")).to_have_value("second")
    assert served_page.evaluate("window.__drawn") == []
