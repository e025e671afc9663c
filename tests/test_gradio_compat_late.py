"""The last gaps found by building Gradio's demo folder (benchmarks/gradio_demos.py): Blocks.clear,
ChatInterface(chatbot_value=), gr.Message, and the benchmark's launch() stub answering as launch()
does."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import nbblocks as gr
from benchmarks.gradio_demos import run_child
from nbblocks import endpoints
from tests.helpers import RecordedSession
from tests.test_gradio_compat import props_of, rendered


def test_a_demo_unpacking_launch_builds_in_the_benchmark(tmp_path: Path) -> None:
    """image_editor_story unpacks ``app, _, _ = demo.launch(...)``: the stubbed launch returns
    Gradio's triple, as the real one does, so the demo counts as built."""
    (tmp_path / "run.py").write_text(
        "import gradio as gr\n"
        "with gr.Blocks() as demo:\n"
        "    gr.Textbox()\n"
        "app, local_url, _ = demo.launch(prevent_thread_lock=True)\n"
        "assert local_url.startswith('http://')\n"
    )
    assert run_child(Path(sys.executable), tmp_path, "nbblocks")["status"] == "built"


def test_clear_empties_an_app_to_build_it_again() -> None:
    """Gradio's ``with demo.clear():`` (blocks_neural_instrument_coding): the page gets only what
    was built after it, and the old listeners are gone from the API."""
    with gr.Blocks() as demo:
        old = gr.Textbox()
        old.submit(lambda text: text, old, old, api_name="old")
    with demo.clear():
        new = gr.Markdown("rebuilt")
    render = rendered(demo)
    assert [child["id"] for child in render["tree"]["children"]] == [new._id]
    assert render["listeners"] == []
    assert endpoints.info(demo)["named_endpoints"] == {}


def test_chatbot_value_sets_the_chat_and_the_history_fn_receives() -> None:
    """chatinterface_prefill: a listener outside the chat fills it through ``chatbot_value``, and
    the next turn's function receives that history."""
    prefill = [{"role": "user", "content": "Hi there!"}, {"role": "assistant", "content": "Hello!"}]
    received: list[Any] = []

    def reply(message: str, history: list[Any]) -> str:
        received.append([{"role": turn["role"], "content": turn["content"]} for turn in history])
        return "Yes"

    with gr.Blocks() as demo:
        radio = gr.Radio(["Greeting", "Blank"])
        chat = gr.ChatInterface(reply)
        radio.change(lambda choice: prefill if choice == "Greeting" else [], radio, chat.chatbot_value)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.type_and_trigger(radio._id, "Greeting")
    shown = session.values_sent(chat.chatbot._id)[-1]
    assert [(turn["role"], turn["content"]) for turn in shown] == [("user", "Hi there!"), ("assistant", "Hello!")]
    session.type_and_trigger(chat.textbox._id, "Again", "submit")
    assert received == [prefill]


def test_gradio_6_message_types_import_and_a_message_object_is_shown() -> None:
    """copy_events imports ``Message, MessageDict`` from ``gradio.components.chatbot`` to annotate
    a Chatbot's value; a ``Message`` given in it is shown as a dict message is."""
    from nbblocks.components.chatbot import Message, MessageDict

    value: list[MessageDict | Message] = [
        {"role": "user", "content": "Hello"},
        Message(role="assistant", content="World"),
    ]
    with gr.Blocks() as demo:
        chatbot = gr.Chatbot(value)
    shown = props_of(rendered(demo), chatbot)["value"]
    assert [(message["role"], message["content"]) for message in shown] == [("user", "Hello"), ("assistant", "World")]
