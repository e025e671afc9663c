"""The front end against the real engine: a `Session` answers what the page sends, so the render
tree, the listeners and the update/status/error messages are the engine's own, not hand-made."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

import nbblocks as gr
from nbblocks.sessions import Session

from .harness import UI


class Link:
    """Carries messages between the page and a Session until both sides are quiet."""

    def __init__(self, ui: UI, app: gr.Blocks) -> None:
        self.ui = ui
        self.outbox: list[Any] = []
        self.session = Session(app, self.outbox.append)
        self.session.handle({"type": "ready"})  # the page's own `ready` was taken by the fixture
        self.deliver()

    def deliver(self) -> None:
        # Events run on the queue's workers: wait for them (and what they chain) to finish first.
        assert self.session.app.event_queue().join(timeout=5), "the engine's queue did not drain"
        for message in list(self.outbox):
            self.ui.push(message)
        self.outbox.clear()

    def pump(self) -> None:
        while sent := self.ui.page.evaluate("window.sent.splice(0)"):
            for message in sent:
                self.session.handle(message)
            self.deliver()


def _greeter() -> tuple[gr.Blocks, gr.Textbox]:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        greet = gr.Button("Greet", variant="primary")
        out = gr.Textbox(label="Greeting")

        def hello(who: str) -> str:
            if who == "nobody":
                raise gr.Error("Tell me your name")
            return f"Hello {who}!"

        greet.click(hello, name, out)
        name.submit(hello, name, out)
    return demo, out


def test_click_runs_the_function_and_shows_its_output(ui: UI) -> None:
    demo, _ = _greeter()
    link = Link(ui, demo)
    ui.page.get_by_label("Name").fill("Ada")
    ui.page.get_by_role("button", name="Greet").click()
    ui.page.wait_for_function("window.sent.some((m) => m.type === 'trigger')")
    link.pump()
    expect(ui.page.get_by_label("Greeting")).to_have_value("Hello Ada!")
    expect(ui.page.get_by_label("Greeting")).not_to_be_editable()  # an output only
    expect(ui.page.locator(".nbb-pending")).to_have_count(0)
    # Gradio's buttons take `container` but never draw the panel box; textboxes do.
    expect(ui.page.locator(".nbb-button")).not_to_have_class(re.compile(r"\bnbb-box\b"))
    expect(ui.page.locator(".nbb-textbox").first).to_have_class(re.compile(r"\bnbb-box\b"))


def test_enter_submits_through_the_engine(ui: UI) -> None:
    demo, _ = _greeter()
    link = Link(ui, demo)
    ui.page.get_by_label("Name").fill("Grace")
    ui.page.get_by_label("Name").press("Enter")
    ui.page.wait_for_function("window.sent.some((m) => m.type === 'trigger')")
    link.pump()
    expect(ui.page.get_by_label("Greeting")).to_have_value("Hello Grace!")


def test_gr_error_shows_at_the_output_and_as_a_toast(ui: UI) -> None:
    demo, out = _greeter()
    link = Link(ui, demo)
    ui.page.get_by_label("Name").fill("nobody")
    ui.page.get_by_role("button", name="Greet").click()
    ui.page.wait_for_function("window.sent.some((m) => m.type === 'trigger')")
    link.pump()
    expect(ui.block(out._id).locator(".nbb-error")).to_contain_text("Tell me your name")
    expect(ui.page.locator(".nbb-toast")).to_contain_text("Tell me your name")
    expect(ui.block(out._id)).not_to_have_class(re.compile("nbb-pending"))


def test_change_chain_and_visibility_update(ui: UI) -> None:
    with gr.Blocks() as demo:
        amount = gr.Slider(0, 10, value=2, step=1, label="Amount")
        double = gr.Number(label="Double")
        show = gr.Checkbox(label="Show details")
        with gr.Accordion("Details", visible=False) as details:
            gr.Markdown("**Secret**")
        amount.change(lambda x: x * 2, amount, double)
        show.change(lambda on: gr.update(visible=on), show, details)
    link = Link(ui, demo)
    ui.page.get_by_label("Amount", exact=True).press("ArrowRight")
    ui.page.wait_for_function("window.sent.some((m) => m.type === 'trigger')")
    link.pump()
    expect(ui.page.get_by_label("Double")).to_have_value("6")
    expect(ui.page.get_by_role("button", name="Details")).to_be_hidden()
    ui.page.get_by_label("Show details").check()
    ui.page.wait_for_function("window.sent.some((m) => m.type === 'trigger')")
    link.pump()
    expect(ui.page.get_by_role("button", name="Details")).to_be_visible()
    expect(ui.page.locator("strong", has_text="Secret")).to_be_visible()


def test_listener_js_runs_in_the_page_before_and_instead_of_fn(ui: UI) -> None:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        shout = gr.Button("Shout")
        copy = gr.Button("Copy")
        out = gr.Textbox(label="Out")
        shout.click(lambda who: f"Hello {who}", name, out, js="(who) => who.toUpperCase()")
        copy.click(None, name, out, js="(who, old) => who + ' (was ' + old + ')'")
    link = Link(ui, demo)
    session = link.session
    ui.page.get_by_label("Name").fill("Ada")
    ui.page.get_by_role("button", name="Shout").click()
    ui.page.wait_for_function("window.sent.some((m) => m.type === 'trigger')")
    link.pump()
    expect(ui.page.get_by_label("Out")).to_have_value("Hello ADA")
    ui.page.get_by_role("button", name="Copy").click()
    ui.page.wait_for_function("window.sent.some((m) => m.type === 'trigger')")
    link.pump()
    expect(ui.page.get_by_label("Out")).to_have_value("Ada (was Hello ADA)")
    assert session.values[out._id] == "Ada (was Hello ADA)"
    expect(ui.page.locator(".nbb-toast")).to_have_count(0)


def test_info_and_warning_from_fn_are_toasts(ui: UI) -> None:
    with gr.Blocks() as demo:
        go = gr.Button("Go")
        out = gr.Textbox(label="Out")

        def work() -> str:
            gr.Info("Started")
            gr.Warning("Careful")
            return "done"

        go.click(work, None, out)
    link = Link(ui, demo)
    ui.page.get_by_role("button", name="Go").click()
    ui.page.wait_for_function("window.sent.some((m) => m.type === 'trigger')")
    link.pump()
    expect(ui.page.get_by_label("Out")).to_have_value("done")
    expect(ui.page.locator(".nbb-toast-info")).to_contain_text("Started")
    expect(ui.page.locator(".nbb-toast-warning")).to_contain_text("Careful")


def test_progress_from_fn_shows_a_bar_then_completes(ui: UI) -> None:
    with gr.Blocks() as demo:
        go = gr.Button("Go")
        out = gr.Textbox(label="Out")

        def work(progress: gr.Progress = gr.Progress()) -> str:
            progress(0.4, desc="Thinking")
            return "done"

        go.click(work, None, out)
    link = Link(ui, demo)
    ui.page.get_by_role("button", name="Go").click()
    ui.page.wait_for_function("window.sent.some((m) => m.type === 'trigger')")
    for message in ui.page.evaluate("window.sent.splice(0)"):
        link.session.handle(message)
    assert demo.event_queue().join(timeout=5)
    # Play the engine's messages up to its progress report, look, then play the rest.
    cut = next(i for i, m in enumerate(link.outbox) if m["type"] == "progress") + 1
    for message in link.outbox[:cut]:
        ui.push(message)
    bar = ui.block(out._id).get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "40")
    expect(ui.block(out._id).locator(".nbb-bar-text")).to_have_text("Thinking 40%")
    del link.outbox[:cut]
    link.deliver()
    expect(ui.page.get_by_label("Out")).to_have_value("done")
    expect(bar).to_have_count(0)
