"""Chatbot on a served page in Chromium: a chat turn sent with Enter (Markdown, LaTeX and an image
in the reply), a streamed reply growing in the page as its tokens arrive (each a small WebSocket
frame, the earlier messages' rows untouched), and a like reaching Python as a `gr.LikeData`."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)
from .harness import UI, node

TIMEOUT = 10


def test_a_chat_turn_with_enter(launch, served_page, bundle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    monkeypatch.chdir(tmp_path)
    Image.new("RGB", (40, 30), "red").save(tmp_path / "red.png")

    def respond(message: str, history: list[Any]) -> tuple[str, list[Any]]:
        reply = f"You said **{message}**; $$x^2$$"
        return "", [*history, [message, reply], [None, ("red.png", "a red square")]]

    with gr.Blocks() as demo:
        bot = gr.Chatbot(type="tuples", avatar_images=(None, str(tmp_path / "red.png")))
        box = gr.Textbox()
        box.submit(respond, [box, bot], [box, bot])
    served_page.goto(launch(demo))
    box_input = served_page.locator(".nbb-textbox .nbb-input")
    box_input.fill("hello")
    box_input.press("Enter")
    user = served_page.locator(".nbb-chat-user .nbb-chat-content")
    expect(user).to_have_text("hello")
    reply = served_page.locator(".nbb-chat-assistant .nbb-chat-content").first
    expect(reply.locator("strong")).to_have_text("hello")
    expect(reply.locator(".katex")).to_have_count(1)
    expect(box_input).to_have_value("")
    picture = served_page.locator(".nbb-chat-file img")
    expect(picture).to_have_attribute("alt", "a red square")
    served_page.wait_for_function("img => img.complete && img.naturalWidth === 40", arg=picture.element_handle())
    expect(served_page.locator(".nbb-chat-assistant .nbb-chat-avatar")).to_have_count(2)


def test_a_streamed_reply_grows_in_the_page_token_by_token(launch, served_page, bundle) -> None:
    history = [{"role": "user", "content": "earlier question"}, {"role": "assistant", "content": "earlier answer"}]
    tokens = ["one ", "two ", "three"]
    may_send = [threading.Event() for _ in tokens]

    def stream(history: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
        history = [*history, {"role": "assistant", "content": ""}]
        for token, allowed in zip(tokens, may_send, strict=True):
            assert allowed.wait(TIMEOUT)
            history[-1]["content"] += token
            yield history

    with gr.Blocks() as demo:
        bot = gr.Chatbot(history, type="messages")
        gr.Button("Go").click(stream, bot, bot)
    frames: list[str] = []
    served_page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: frames.append(str(frame))))
    served_page.goto(launch(demo))
    rows = served_page.locator(".nbb-chat-row")
    expect(rows).to_have_count(2)
    served_page.evaluate("() => { document.querySelector('.nbb-chat-row').dataset.mark = 'kept'; }")
    served_page.get_by_role("button", name="Go").click()
    last = rows.nth(2).locator(".nbb-chat-content")
    for count, allowed in enumerate(may_send, start=1):
        allowed.set()
        expect(last).to_have_text("".join(tokens[:count]).strip())
    # the earlier rows were never drawn again, and the tokens after the first came alone
    expect(served_page.locator(".nbb-chat-row[data-mark=kept]")).to_have_count(1)
    token_frames = [frame for frame in frames if '"append"' in frame]
    assert len(token_frames) == 2
    assert all("earlier" not in frame for frame in token_frames)


def test_a_like_reaches_python(launch, served_page, bundle) -> None:
    def liked(data: gr.LikeData) -> str:
        return f"{data.index} {data.value} {data.liked}"

    with gr.Blocks() as demo:
        bot = gr.Chatbot([["Hi", "Hello there"]], likeable=True)
        out = gr.Textbox()
        bot.like(liked, None, out)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Dislike").click()
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("[0, 1] Hello there False")  # a tuples history: [pair, side], as Gradio 4.34
    expect(served_page.get_by_role("button", name="Like", exact=True)).to_have_count(1)  # only the bot's message


def test_a_multimodal_turn_with_a_file_and_enter(launch, served_page, bundle) -> None:
    def respond(message: dict[str, Any], history: list[dict[str, Any]]) -> tuple[None, list[dict[str, Any]]]:
        turn = [{"role": "user", "content": (path,)} for path in message["files"]]
        turn.append({"role": "user", "content": message["text"]})
        contents = " + ".join(Path(path).read_text() for path in message["files"])
        turn.append({"role": "assistant", "content": f"Got {message['text']} with {contents}"})
        return None, [*history, *turn]

    with gr.Blocks() as demo:
        bot = gr.Chatbot(type="messages")
        box = gr.MultimodalTextbox(file_types=[".txt"])
        box.submit(respond, [box, bot], [box, bot])
    served_page.goto(launch(demo))
    with served_page.expect_file_chooser() as chosen:
        served_page.get_by_role("button", name="Attach files").click()
    chosen.value.set_files({"name": "notes.txt", "mimeType": "text/plain", "buffer": b"my notes"})
    expect(served_page.locator(".nbb-multimodal-file")).to_contain_text("notes.txt")
    text = served_page.locator(".nbb-multimodal-text")
    text.fill("look")
    text.press("Enter")
    expect(served_page.locator(".nbb-chat-assistant .nbb-chat-content")).to_have_text("Got look with my notes")
    expect(served_page.locator(".nbb-chat-user .nbb-chat-file a")).to_have_text("notes.txt")
    expect(text).to_have_value("")
    expect(served_page.locator(".nbb-multimodal-file")).to_have_count(0)


CHAT_PROPS: dict[str, Any] = {
    "value": [], "height": 300, "rtl": False, "show_copy_button": False, "avatar_images": [None, None],
    "sanitize_html": True, "render_markdown": True, "latex_delimiters": [], "bubble_full_width": True,
    "line_breaks": True, "likeable": False, "layout": None, "placeholder": None, "label": "Chat",
    "show_label": True, "info": None,
}  # fmt: skip


def message(role: str, content: str, metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"role": role, "metadata": metadata, "content": content, "options": None}


def test_thoughts_placeholder_layout_and_copy_are_drawn(ui: UI) -> None:
    ui.render(node(1, "chatbot", **{**CHAT_PROPS, "placeholder": "Ask **anything**"}))
    expect(ui.block(1).locator(".nbb-chat-placeholder strong")).to_have_text("anything")
    value = [
        message("user", "Hi"),
        message("assistant", "Looked it up", {"title": "Using a tool", "status": "done"}),
        message("assistant", "Thinking", {"title": "Reasoning"}),
        message("assistant", "Answer <img src=x onerror=alert(1)>"),
    ]
    ui.update(1, value=value, layout="panel", rtl=True, show_copy_button=True)
    expect(ui.block(1).locator(".nbb-chat-placeholder")).to_be_hidden()
    thoughts = ui.block(1).locator("details.nbb-chat-thought")
    expect(thoughts.locator("summary")).to_have_text(["Using a tool", "Reasoning"])
    expect(thoughts.nth(0)).not_to_have_attribute("open", "")  # done: closed
    expect(thoughts.nth(1)).to_have_attribute("open", "")
    thoughts.nth(0).locator("summary").click()
    expect(thoughts.nth(0).locator(".nbb-chat-content")).to_have_text("Looked it up")
    log = ui.block(1).locator(".nbb-chat-log")
    expect(log).to_have_attribute("data-layout", "panel")
    expect(log).to_have_attribute("dir", "rtl")
    expect(ui.block(1).get_by_role("button", name="Copy")).to_have_count(4)
    image = ui.block(1).locator(".nbb-chat-content img")
    assert image.evaluate("img => img.getAttributeNames()") == ["src"]  # sanitized: no handler
    ui.update(1, render_markdown=False)
    expect(ui.block(1).locator(".nbb-chat-content").last).to_have_text("Answer <img src=x onerror=alert(1)>")


def test_a_text_append_grows_the_last_message_and_keeps_the_others(ui: UI) -> None:
    history = [message("user", "Hi"), message("assistant", "Hel")]
    ui.render(node(1, "chatbot", **{**CHAT_PROPS, "value": history}), listeners=((1, "select"),))
    rows = ui.block(1).locator(".nbb-chat-row")
    expect(rows).to_have_count(2)
    ui.page.evaluate("() => { document.querySelector('.nbb-chat-row').dataset.mark = 'kept'; }")
    for text in ("lo", " there"):
        ui.push({"type": "update", "updates": [{"id": 1, "props": {}, "append": {"path": [1, "content"], "text": text}}]})
    expect(rows.nth(1)).to_have_text("Hello there")
    expect(ui.block(1).locator(".nbb-chat-row[data-mark=kept]")).to_have_count(1)
    rows.nth(1).locator(".nbb-chat-message").click()
    assert ui.take(1) == [
        {"type": "trigger", "id": 1, "event": "select", "data": {"index": 1, "value": "Hello there", "selected": True}}
    ]


def test_a_chat_turn_streams_in_a_notebook(notebook_page, page) -> None:
    tokens = ["Hello ", "from ", "the kernel"]

    def respond(message: str, history: list[Any]) -> Iterator[tuple[str, list[Any]]]:
        history = [*history, [message, ""]]
        for token in tokens:
            history[-1][1] += token
            yield "", history

    with gr.Blocks() as demo:
        bot = gr.Chatbot()
        box = gr.Textbox()
        box.submit(respond, [box, bot], [box, bot])
    notebook_page(demo)
    box_input = page.locator("#notebook .nbb-textbox .nbb-input")
    box_input.fill("hi")
    box_input.press("Enter")
    expect(page.locator("#notebook .nbb-chat-user")).to_have_text("hi")
    expect(page.locator("#notebook .nbb-chat-assistant .nbb-chat-content")).to_have_text("Hello from the kernel")
    box_input.fill("again")
    box_input.press("Enter")  # the function gets the tuples it returned, as in Gradio 4.34
    expect(page.locator("#notebook .nbb-chat-user")).to_have_text(["hi", "again"])
    expect(page.locator("#notebook .nbb-chat-assistant")).to_have_count(2)
    demo.close()
