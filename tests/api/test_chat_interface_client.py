"""gr.ChatInterface through the official `gradio_client`: ``/chat`` takes the message and the
additional inputs (the history is the client's session's own, as in Gradio) and returns the
reply; a streamed reply arrives as growing partial replies."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import nbblocks as gr


def test_chat_returns_the_reply_and_keeps_the_clients_history(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    def echo(message: str, history: list[dict[str, Any]]) -> str:
        return f"{message} after {len(history)} messages"

    client = connect(launch(gr.ChatInterface(echo)))
    assert client.predict("Hi", api_name="/chat") == "Hi after 0 messages"
    assert client.predict("Again", api_name="/chat") == "Again after 2 messages"
    [endpoint] = [name for name in client.view_api(print_info=False, return_format="dict")["named_endpoints"]]
    assert endpoint == "/chat"  # the page's own listeners are not endpoints


def test_a_chat_message_reply_arrives_as_a_dict_of_its_fields(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    """As Gradio's JSON (orjson) gives a dataclass: its fields, not its repr."""

    def think(message: str, history: list) -> gr.ChatMessage:
        return gr.ChatMessage(content=f"Looked up {message}", metadata={"title": "search"})

    client = connect(launch(gr.ChatInterface(think)))
    assert client.predict("rain", api_name="/chat") == {
        "content": "Looked up rain", "role": "assistant", "metadata": {"title": "search"}, "options": [],
    }  # fmt: skip


def test_chat_takes_additional_inputs_after_the_message(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    def respond(message: str, history: list[Any], system: str, times: float) -> str:
        return f"{system}: {message * int(times)}"

    demo = gr.ChatInterface(respond, additional_inputs=[gr.Textbox("Bot", label="System"), gr.Number(1, label="Times")])
    client = connect(launch(demo))
    assert client.predict("ha", "Echo", 3, api_name="/chat") == "Echo: hahaha"
    parameters = client.view_api(print_info=False, return_format="dict")["named_endpoints"]["/chat"]["parameters"]
    assert [p["parameter_name"] for p in parameters] == ["message", "system", "times"]


def test_a_streamed_reply_arrives_as_growing_partial_replies(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    tokens = [f"tok{index} " for index in range(10)]

    def stream(message: str, history: list[Any]) -> Iterator[str]:
        reply = ""
        for token in tokens:
            reply += token
            yield reply

    job = connect(launch(gr.ChatInterface(stream))).submit("Hi", api_name="/chat")
    assert job.result(timeout=30) == "".join(tokens)
    assert [outputs for outputs in job.outputs()] == ["".join(tokens[: count + 1]) for count in range(len(tokens))]


def test_an_async_function_answers_too(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    async def respond(message: str, history: list[Any]) -> str:
        return message[::-1]

    assert connect(launch(gr.ChatInterface(respond))).predict("abc", api_name="/chat") == "cba"


def test_a_multimodal_message_with_a_file(launch: Callable[..., str], connect: Callable[..., Any], tmp_path: Path) -> None:
    from gradio_client import handle_file

    def respond(message: dict[str, Any], history: list[Any]) -> str:
        return f"{message['text']}: {[Path(path).read_text() for path in message['files']]}"

    upload = tmp_path / "notes.txt"
    upload.write_text("from the client")
    client = connect(launch(gr.ChatInterface(respond, multimodal=True)))
    assert client.predict({"text": "read", "files": [handle_file(str(upload))]}, api_name="/chat") == "read: ['from the client']"
