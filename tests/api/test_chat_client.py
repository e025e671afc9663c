"""Chatbot through the official `gradio_client`: a chat turn in both of Gradio's formats (the
client sees current Gradio's messages either way), a streamed reply, a file in a message, and an
unknown role refused with a clear error while the app keeps answering."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr


def wire(role: str, content: Any) -> dict[str, Any]:
    return {"role": role, "metadata": None, "content": content, "options": None}


def chat_app(chat_type: str | None) -> gr.Blocks:
    """A Textbox and a Chatbot; the reply says what the function received as history."""

    def respond(message: str, history: list[Any]) -> tuple[str, list[Any]]:
        seen = f"{type(history[0]).__name__} history of {len(history)}" if history else "empty history"
        if chat_type == "tuples" or (history and isinstance(history[0], list)):
            return "", [*history, [message, f"Echo: {message} ({seen})"]]
        return "", [*history, {"role": "user", "content": message}, {"role": "assistant", "content": f"Echo: {message} ({seen})"}]

    with gr.Blocks() as demo:
        box, bot = gr.Textbox(), gr.Chatbot(type=chat_type)  # type: ignore[arg-type]
        box.submit(respond, [box, bot], [box, bot], api_name="chat")
    return demo


@pytest.mark.parametrize(("chat_type", "shape"), [("messages", "dict"), ("tuples", "list")])
def test_a_chat_turn_in_both_formats_looks_like_current_gradio(
    launch: Callable[..., str], connect: Callable[..., Any], chat_type: str, shape: str
) -> None:
    client = connect(launch(chat_app(chat_type)))
    text, history = client.predict("Hi", [], api_name="/chat")
    assert (text, history) == ("", [wire("user", "Hi"), wire("assistant", "Echo: Hi (empty history)")])
    text, history = client.predict("Again", history, api_name="/chat")
    assert history[-1] == wire("assistant", f"Echo: Again ({shape} history of {2 if shape == 'dict' else 1})")
    assert len(history) == 4


def test_a_streamed_reply_arrives_token_by_token(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    tokens = [f"tok{index} " for index in range(20)]

    def stream(message: str, history: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
        history = [*history, {"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        for token in tokens:
            history[-1]["content"] += token
            yield history

    with gr.Blocks() as demo:
        box, bot = gr.Textbox(), gr.Chatbot(type="messages")
        box.submit(stream, [box, bot], bot, api_name="stream")
    job = connect(launch(demo)).submit("Hi", [], api_name="/stream")
    final = job.result(timeout=30)
    assert final == [wire("user", "Hi"), wire("assistant", "".join(tokens))]
    replies = [outputs[-1]["content"] for outputs in job.outputs()]
    assert replies == ["".join(tokens[: count + 1]) for count in range(len(tokens))]


def test_a_file_in_a_message_is_downloaded_by_the_client(
    launch: Callable[..., str], connect: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("chat attachment")
    from gradio_client import handle_file

    received: list[str] = []

    def attach(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
        received.append(Path(history[0]["content"][0]).read_text())
        return [{"role": "assistant", "content": ("notes.txt", "my notes")}]

    with gr.Blocks() as demo:
        bot = gr.Chatbot(type="messages")
        gr.Button().click(attach, bot, bot, api_name="attach")
    upload = tmp_path / "upload.txt"
    upload.write_text("sent by the client")
    sent = [{"role": "user", "metadata": None, "content": {"file": handle_file(str(upload)), "alt_text": None}, "options": None}]
    [message] = connect(launch(demo)).predict(sent, api_name="/attach")
    assert received == ["sent by the client"]
    assert message["role"] == "assistant" and message["content"]["alt_text"] == "my notes"
    assert Path(message["content"]["file"]).read_text() == "chat attachment"


def test_an_unknown_role_is_a_clear_error_and_the_app_keeps_working(
    launch: Callable[..., str], connect: Callable[..., Any]
) -> None:
    from gradio_client.exceptions import AppError

    def reply(message: str) -> list[dict[str, str]]:
        return [{"role": "bot" if message == "bad" else "assistant", "content": message}]

    with gr.Blocks() as demo:
        box, bot = gr.Textbox(), gr.Chatbot()
        box.submit(reply, box, bot, api_name="reply")
    client = connect(launch(demo))
    with pytest.raises(AppError, match="unknown role 'bot'"):
        client.predict("bad", api_name="/reply")
    assert client.predict("good", api_name="/reply") == [wire("assistant", "good")]


def test_a_multimodal_message_with_a_file_through_the_client(
    launch: Callable[..., str], connect: Callable[..., Any], tmp_path: Path
) -> None:
    from gradio_client import handle_file

    def respond(message: dict[str, Any]) -> list[dict[str, Any]]:
        contents = [Path(path).read_text() for path in message["files"]]
        return [{"role": "assistant", "content": f"{message['text']}: {contents}"}]

    with gr.Blocks() as demo:
        box, bot = gr.MultimodalTextbox(), gr.Chatbot(type="messages")
        box.submit(respond, box, bot, api_name="send")
    upload = tmp_path / "upload.txt"
    upload.write_text("attached")
    result = connect(launch(demo)).predict({"text": "read", "files": [handle_file(str(upload))]}, api_name="/send")
    assert result == [wire("assistant", "read: ['attached']")]
