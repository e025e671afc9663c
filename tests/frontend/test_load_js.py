"""`js` that runs when the app is drawn: the Blocks ``js`` and the ``js`` of load listeners, in the
page, before the load functions (which get what the js returned), once per view of the app.

The first tests play a real `Session` to the harness page; the last drives the notebook widget's
own code path: a `BlocksWidget` in Python and the bundle's anywidget ``render`` in the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

import nbblocks as gr
from nbblocks.notebook.widget import BlocksWidget
from tests.notebook.test_widget import recording_comms  # noqa: F401 (an autouse fixture: every comm records)

from .harness import TIMEOUT_MS, UI
from .test_engine_roundtrip import Link

ORDER = "(window.order = window.order || []).push"


def test_a_js_only_load_listener_runs_in_the_page(ui: UI) -> None:
    with gr.Blocks() as demo:
        gr.Textbox(label="Name")
        demo.load(None, None, None, js="() => { document.body.classList.add('loaded-by-js') }")
    link = Link(ui, demo)
    expect(ui.page.locator("body")).to_have_class("loaded-by-js")
    ui.page.wait_for_function("window.sent.some((m) => m.type === 'trigger')")
    link.pump()  # its .then and friends would run now; there is no function to run twice
    expect(ui.page.locator(".nbb-toast")).to_have_count(0)


def test_load_js_result_is_what_fn_receives_after_the_app_js(ui: UI) -> None:
    received: list[Any] = []

    def greet(who: str, n: float) -> str:
        received.append((who, n))
        return f"Hello {who} x{n:g}"

    with gr.Blocks(js=f"() => {{ {ORDER}('app') }}") as demo:
        name = gr.Textbox("ada", label="Name")
        times = gr.Number(2, label="Times")
        out = gr.Textbox(label="Greeting")
        demo.load(greet, [name, times], out, js=f"(who, n) => {{ {ORDER}('load'); return [who.toUpperCase(), n * 10] }}")
        demo.load(lambda: "at once", None, gr.Textbox(label="Plain"))
    link = Link(ui, demo)
    assert link.session.values[out._id] in ("", None)  # the fn waits for the page's js
    expect(ui.page.get_by_label("Plain")).to_have_value("at once")  # a load without js starts at once
    ui.page.wait_for_function("window.sent.some((m) => m.type === 'trigger')")
    link.pump()
    expect(ui.page.get_by_label("Greeting")).to_have_value("Hello ADA x20")
    assert received == [("ADA", 20)]
    assert ui.page.evaluate("window.order") == ["app", "load"]


def test_a_failing_load_js_is_a_toast_and_the_app_stays_usable(ui: UI) -> None:
    with gr.Blocks(js="() => { throw new Error('app boom') }") as demo:
        out = gr.Textbox(label="Out")
        demo.load(None, None, out, js="() => { throw new Error('load boom') }")
    Link(ui, demo)
    expect(ui.page.locator(".nbb-toast")).to_have_count(2)
    expect(ui.page.locator(".nbb-toast", has_text="The js function of the app failed: Error: app boom")).to_be_visible()
    expect(ui.page.locator(".nbb-toast", has_text="load boom")).to_be_visible()
    expect(ui.page.get_by_label("Out")).to_be_visible()


class WidgetViews:
    """Views of one `BlocksWidget` in the harness page, made by the bundle's anywidget ``render``
    over one fake model, as anywidget does: every view hears every message Python sends."""

    def __init__(self, ui: UI, widget: BlocksWidget) -> None:
        self.page = ui.page
        self.widget = widget
        self.delivered = 0
        #: every message the views sent to Python, in order
        self.received: list[dict[str, Any]] = []
        self.page.evaluate("""() => {
          const handlers = new Set();
          window.model = {
            sent: [],
            handlers,
            send(msg) { this.sent.push(JSON.parse(JSON.stringify(msg))); },
            on(_event, cb) { handlers.add(cb); },
            off(_event, cb) { handlers.delete(cb); },
          };
        }""")

    def add(self) -> Any:
        """A new view (a new output area showing the widget); returns its element."""
        count = self.page.evaluate("""() => {
          const el = document.createElement("div");
          el.className = "widget-view";
          document.body.append(el);
          window.widget.render({ model: window.model, el });
          return document.querySelectorAll(".widget-view").length;
        }""")
        return self.page.locator(".widget-view").nth(count - 1)

    def pump_until(self, done: Callable[[], bool]) -> None:
        """Carries messages both ways until ``done()``, waiting for the page's next message
        between rounds (what the views send is what moves the app on)."""
        while True:
            for content in self.page.evaluate("window.model.sent.splice(0)"):
                self.received.append(content)
                self.widget.comm.from_front_end(content)  # waits for the events it sets off
            messages = self.widget.comm.custom_messages()[self.delivered :]
            self.delivered += len(messages)
            for message in messages:
                self.page.evaluate("(msg) => window.model.handlers.forEach((cb) => cb(msg))", message)
            if done():
                return
            self.page.wait_for_function("window.model.sent.length > 0", timeout=TIMEOUT_MS)

    def triggers(self) -> int:
        return sum(message["type"] == "trigger" for message in self.received)


def test_the_widget_runs_the_blocks_js_and_load_js_once_per_view(ui: UI) -> None:
    runs: list[str] = []
    with gr.Blocks(js="() => { window.appJsRuns = (window.appJsRuns || 0) + 1 }") as demo:
        name = gr.Textbox("ada", label="Name")
        out = gr.Textbox(label="Greeting")
        demo.load(lambda who: runs.append(who) or f"Hello {who}", name, out, js="(who) => who.toUpperCase()")
    views = WidgetViews(ui, BlocksWidget(demo))

    first = views.add()
    views.pump_until(lambda: runs == ["ADA"])  # its `ready`, the render, then its `load`
    expect(first.get_by_label("Greeting")).to_have_value("Hello ADA")
    assert ui.page.evaluate("window.appJsRuns") == 1

    # A second view: its `ready` gets a render for it alone (the first view hears it and keeps its own).
    second = views.add()
    views.pump_until(lambda: views.triggers() == 2)  # its `load` reaches Python, which ran the function already
    expect(second.get_by_label("Greeting")).to_have_value("Hello ADA")
    expect(first.get_by_label("Greeting")).to_have_value("Hello ADA")
    assert ui.page.evaluate("window.appJsRuns") == 2
    assert runs == ["ADA"]
