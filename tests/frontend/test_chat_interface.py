"""gr.ChatInterface on a served page in Chromium: a turn typed and sent with Enter, a streamed
reply with Stop shown while it streams (and Stop ending it), Retry answering the last message
again, Undo putting the message back in the box, and a clicked example sent."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)

WAIT_MS = 30_000  # the machine is shared: generous deadlines, never sleeps


def send(page: Any, text: str) -> None:
    box = page.locator(".nbb-textbox .nbb-input")
    box.fill(text)
    box.press("Enter")


def test_a_turn_then_retry_then_undo(launch, served_page, bundle, screenshots) -> None:
    calls: list[str] = []

    def respond(message: str, history: list[Any]) -> str:
        calls.append(message)
        return f"Answer {len(calls)} to **{message}**"

    served_page.goto(launch(gr.ChatInterface(respond, title="Echo bot")))
    expect(served_page.locator("h1")).to_have_text("Echo bot")
    expect(served_page.get_by_text("not supported here")).to_have_count(0)  # drawn as the app it is
    send(served_page, "hello")
    users = served_page.locator(".nbb-chat-user .nbb-chat-content")
    replies = served_page.locator(".nbb-chat-assistant .nbb-chat-content")
    expect(users).to_have_text(["hello"], timeout=WAIT_MS)
    expect(replies).to_have_text(["Answer 1 to hello"], timeout=WAIT_MS)
    expect(replies.locator("strong")).to_have_text("hello")
    box = served_page.locator(".nbb-textbox .nbb-input")
    expect(box).to_have_value("")

    served_page.get_by_role("button", name="Retry").click()
    expect(replies).to_have_text(["Answer 2 to hello"], timeout=WAIT_MS)
    expect(users).to_have_text(["hello"])
    assert calls == ["hello", "hello"]
    served_page.screenshot(path=screenshots / "served_chat_interface.png")

    served_page.get_by_role("button", name="Undo").click()
    expect(served_page.locator(".nbb-chat-row")).to_have_count(0, timeout=WAIT_MS)
    expect(box).to_have_value("hello", timeout=WAIT_MS)


def test_a_streamed_reply_shows_stop_which_ends_it(launch, served_page, bundle) -> None:
    finish, closed = threading.Event(), threading.Event()

    def stream(message: str, history: list[Any]) -> Iterator[str]:
        try:
            yield "Thinking"
            finish.wait(WAIT_MS / 1000)  # held until the test has pressed Stop
            yield "Thinking, never shown"
        finally:
            closed.set()

    served_page.goto(launch(gr.ChatInterface(stream)))
    submit, stop = served_page.get_by_role("button", name="Submit"), served_page.get_by_role("button", name="Stop")
    expect(stop).to_be_hidden()
    send(served_page, "think")
    reply = served_page.locator(".nbb-chat-assistant .nbb-chat-content")
    expect(reply).to_have_text("Thinking", timeout=WAIT_MS)
    expect(stop).to_be_visible(timeout=WAIT_MS)
    expect(submit).to_be_hidden()
    stop.click()
    expect(submit).to_be_visible(timeout=WAIT_MS)
    expect(stop).to_be_hidden()
    finish.set()  # its next reply comes after the Stop: dropped, and the generator closed
    assert closed.wait(WAIT_MS / 1000)
    expect(reply).to_have_text("Thinking")


def test_a_clicked_example_is_sent(launch, served_page, bundle) -> None:
    demo = gr.ChatInterface(lambda message, history: f"Echo: {message}", examples=["Hello", "Bonjour"])
    served_page.goto(launch(demo))
    served_page.locator(".nbb-dataset .nbb-dataset-sample").nth(1).click()
    expect(served_page.locator(".nbb-chat-user .nbb-chat-content")).to_have_text(["Bonjour"], timeout=WAIT_MS)
    expect(served_page.locator(".nbb-chat-assistant .nbb-chat-content")).to_have_text(["Echo: Bonjour"], timeout=WAIT_MS)
