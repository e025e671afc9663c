"""gr.ChatInterface in the engine: what ``fn`` receives (messages or tuples history, additional
inputs after it, a multimodal message), what the page is sent (the turn at once, a streamed
reply as its tokens, Stop shown only while it streams), and Retry, Undo and Clear."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr
from nbblocks import chat_interface
from nbblocks.chat_interface import ChatInterface
from nbblocks.edits import apply_append
from tests.helpers import RecordedSession


def wire(role: str, content: Any) -> dict[str, Any]:
    return {"role": role, "metadata": None, "content": content, "options": None}


def started(demo: gr.Blocks) -> RecordedSession:
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    return session


def send(session: RecordedSession, message: Any) -> None:
    demo = session.app
    assert isinstance(demo, ChatInterface)
    session.handle({"type": "value", "id": demo.textbox._id, "value": message})
    session.handle({"type": "trigger", "id": demo.textbox._id, "event": "submit"})


def click(session: RecordedSession, button: gr.Button | None) -> None:
    assert button is not None
    session.handle({"type": "trigger", "id": button._id, "event": "click"})


def shown(session: RecordedSession, block: gr.components.Component) -> Any:
    """The value the page ends with, text appends applied as the page applies them."""
    value: Any = None
    for message in session.of_type("update"):
        for update in message["updates"]:
            if update["id"] == block._id:
                value = apply_append(value, update["append"]) if "append" in update else update["props"].get("value", value)
    return value


def test_history_reaches_fn_as_messages_and_each_turn_is_shown() -> None:
    received: list[Any] = []

    def echo(message: str, history: list[Any]) -> str:
        received.append(list(history))
        history.append({"role": "user", "content": "changed in place"})  # must not change the chat
        return f"Echo: {message}"

    demo = ChatInterface(echo)
    session = started(demo)
    send(session, "Hi")
    send(session, "Again")
    assert received == [[], [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Echo: Hi"}]]
    assert shown(session, demo.chatbot) == [
        wire("user", "Hi"), wire("assistant", "Echo: Hi"), wire("user", "Again"), wire("assistant", "Echo: Again"),
    ]  # fmt: skip
    assert session.values_sent(demo.textbox._id) == ["", ""]  # the box is emptied at each turn


def test_the_message_shows_before_the_reply_comes() -> None:
    demo = ChatInterface(lambda message, history: "Reply")
    session = started(demo)
    send(session, "Hi")
    assert session.values_sent(demo.chatbot._id) == [[wire("user", "Hi")], [wire("user", "Hi"), wire("assistant", "Reply")]]


def test_tuples_history_is_pairs() -> None:
    received: list[Any] = []

    def echo(message: str, history: list[Any]) -> str:
        received.append(history)
        return message.upper()

    demo = ChatInterface(echo, type="tuples")
    session = started(demo)
    send(session, "hi")
    send(session, "yo")
    assert received == [[], [["hi", "HI"]]]
    assert shown(session, demo.chatbot) == [
        wire("user", "hi"),
        wire("assistant", "HI"),
        wire("user", "yo"),
        wire("assistant", "YO"),
    ]


def test_a_reply_may_be_a_message_a_file_several_messages_or_a_component(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("notes")
    replies = iter([
        {"role": "assistant", "content": "a dict"},
        ("notes.txt",),
        ["first", gr.ChatMessage(content="second")],
        gr.File("notes.txt"),
    ])  # fmt: skip
    demo = ChatInterface(lambda message, history: next(replies))
    session = started(demo)
    for message in ("one", "two", "three", "four"):
        send(session, message)
    value = shown(session, demo.chatbot)
    assert [(m["role"], m["content"] if isinstance(m["content"], str) else "file") for m in value] == [
        ("user", "one"), ("assistant", "a dict"), ("user", "two"), ("assistant", "file"),
        ("user", "three"), ("assistant", "first"), ("assistant", "second"), ("user", "four"), ("assistant", "file"),
    ]  # fmt: skip
    assert Path(value[3]["content"]["file"]["path"]).read_text() == "notes"
    assert Path(value[8]["content"]["file"]["path"]).read_text() == "notes"  # a component's file


def test_a_streamed_reply_travels_as_its_tokens_with_stop_shown_meanwhile() -> None:
    tokens = [f"tok{index} " for index in range(10)]

    def stream(message: str, history: list[Any]) -> Iterator[str]:
        reply = ""
        for token in tokens:
            reply += token
            yield reply

    demo = ChatInterface(stream)
    assert demo.stop_btn is not None and demo.submit_btn is not None
    session = started(demo)
    send(session, "Hi")
    updates = [u for m in session.of_type("update") for u in m["updates"] if u["id"] == demo.chatbot._id]
    # the user's message, the reply's first token whole, then each later token alone
    assert [u["append"]["text"] for u in updates[2:]] == tokens[1:]
    assert shown(session, demo.chatbot) == [wire("user", "Hi"), wire("assistant", "".join(tokens))]
    stop_shown = [u["props"]["visible"] for m in session.of_type("update") for u in m["updates"] if u["id"] == demo.stop_btn._id]
    submit_shown = [
        u["props"]["visible"] for m in session.of_type("update") for u in m["updates"] if u["id"] == demo.submit_btn._id
    ]
    assert (stop_shown, submit_shown) == ([True, False], [False, True])


def test_a_function_that_does_not_stream_has_no_stop_button() -> None:
    assert ChatInterface(lambda message, history: "x").stop_btn is None


def test_additional_inputs_come_after_history_in_order_inside_an_accordion() -> None:
    received: list[Any] = []

    def respond(message: str, history: list[Any], system: str, temperature: float) -> str:
        received.append((message, history, system, temperature))
        return "ok"

    system, temperature = gr.Textbox("Be brief", label="System"), gr.Slider(0, 1, value=0.5, label="Temperature")
    demo = ChatInterface(respond, additional_inputs=[system, temperature])
    accordion = system.parent
    assert isinstance(accordion, gr.Accordion) and (accordion.label, accordion.open) == ("Additional Inputs", False)
    assert temperature.parent is accordion
    session = started(demo)
    session.handle({"type": "value", "id": temperature._id, "value": 0.9})
    send(session, "Hi")
    assert received == [("Hi", [], "Be brief", 0.9)]


def test_additional_inputs_may_be_string_shortcuts() -> None:
    received: list[Any] = []

    def respond(message: str, history: list[Any], note: str, count: float) -> str:
        received.append((note, count))
        return "ok"

    demo = ChatInterface(respond, additional_inputs=["textbox", "number"])
    note, count = demo.additional_inputs
    assert (type(note), type(count)) == (gr.Textbox, gr.Number) and isinstance(note.parent, gr.Accordion)
    session = started(demo)
    session.handle({"type": "value", "id": note._id, "value": "hi"})
    send(session, "go")
    assert received == [("hi", None)]


def test_the_accordion_may_be_named_or_given() -> None:
    named = ChatInterface(lambda m, h, x: "", additional_inputs=gr.Number(), additional_inputs_accordion="Settings")
    assert named.additional_inputs[0].parent.label == "Settings"  # type: ignore[union-attr]
    given = gr.Accordion("Mine", open=True, render=False)
    ChatInterface(lambda m, h, x: "", additional_inputs=[gr.Number()], additional_inputs_accordion=given)
    assert given.parent is not None and given.open


def test_multimodal_passes_text_and_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "photo.txt").write_text("a file")
    received: list[Any] = []

    def respond(message: dict[str, Any], history: list[Any]) -> str:
        received.append(([Path(path).read_text() for path in message["files"]], message["text"], history))
        return "seen"

    demo = ChatInterface(respond, multimodal=True)
    assert isinstance(demo.textbox, gr.MultimodalTextbox) and demo.submit_btn is None
    session = started(demo)
    send(session, demo.textbox.postprocess({"text": "look", "files": ["photo.txt"]}))
    send(session, {"text": "and?", "files": []})
    assert received[0] == (["a file"], "look", [])
    history = received[1][2]
    assert [m["role"] for m in history] == ["user", "user", "assistant"]
    assert Path(history[0]["content"][0]).read_text() == "a file" and history[1:] == [
        {"role": "user", "content": "look"}, {"role": "assistant", "content": "seen"},
    ]  # fmt: skip
    assert session.values_sent(demo.textbox._id)[-1] == {"text": "", "files": []}


def test_an_empty_message_is_no_turn() -> None:
    calls: list[str] = []

    def respond(message: str, history: list[Any]) -> str:
        calls.append(message)
        return "x"

    demo = ChatInterface(respond)
    session = started(demo)
    send(session, "")
    assert calls == [] and session.values_sent(demo.chatbot._id) == []


@pytest.mark.parametrize("chat_type", ["messages", "tuples"])
def test_retry_answers_the_last_message_again(chat_type: str) -> None:
    calls: list[tuple[str, int]] = []

    def respond(message: str, history: list[Any]) -> str:
        calls.append((message, len(history)))
        return f"answer {len(calls)}"

    demo = ChatInterface(respond, type=chat_type)  # type: ignore[arg-type]
    session = started(demo)
    send(session, "first")
    send(session, "second")
    click(session, demo.retry_btn)
    turns = 1 if chat_type == "tuples" else 2
    assert calls == [("first", 0), ("second", turns), ("second", turns)]
    assert shown(session, demo.chatbot) == [
        wire("user", "first"), wire("assistant", "answer 1"), wire("user", "second"), wire("assistant", "answer 3"),
    ]  # fmt: skip


@pytest.mark.parametrize("chat_type", ["messages", "tuples"])
def test_undo_removes_the_last_turn_and_puts_the_message_back(chat_type: str) -> None:
    demo = ChatInterface(lambda message, history: "ok", type=chat_type)  # type: ignore[arg-type]
    session = started(demo)
    send(session, "first")
    send(session, "second")
    click(session, demo.undo_btn)
    assert shown(session, demo.chatbot) == [wire("user", "first"), wire("assistant", "ok")]
    assert session.values_sent(demo.textbox._id)[-1] == "second"


def test_clear_empties_the_chat_and_the_next_turn_starts_afresh() -> None:
    histories: list[Any] = []

    def respond(message: str, history: list[Any]) -> str:
        histories.append(history)
        return "ok"

    demo = ChatInterface(respond)
    session = started(demo)
    send(session, "first")
    click(session, demo.clear_btn)
    assert shown(session, demo.chatbot) == []
    send(session, "second")
    assert histories == [[], []]


def test_async_functions_and_async_generators() -> None:
    async def reply(message: str, history: list[Any]) -> str:
        await asyncio.sleep(0)
        return f"async {message}"

    async def stream(message: str, history: list[Any]) -> AsyncIterator[str]:
        for reply in ("a", "ab", "abc"):
            await asyncio.sleep(0)
            yield reply

    for fn, expected in ((reply, "async Hi"), (stream, "abc")):
        demo = ChatInterface(fn)
        session = started(demo)
        send(session, "Hi")
        assert shown(session, demo.chatbot) == [wire("user", "Hi"), wire("assistant", expected)]


def test_buttons_take_gradio_434_labels_or_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chat_interface, "_warned", set())
    with pytest.warns(UserWarning, match="removed in Gradio 5") as warned:
        demo = ChatInterface(lambda m, h: "", submit_btn="Send", retry_btn=None, undo_btn="Back", clear_btn=None, title="Bot")
    assert sorted(str(w.message).split()[1] for w in warned) == ["clear_btn", "retry_btn", "undo_btn"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ChatInterface(lambda m, h: "", retry_btn=None)  # said once per process
    assert demo.submit_btn is not None and demo.submit_btn.value == "Send"
    assert (demo.retry_btn, demo.clear_btn) == (None, None)
    assert demo.undo_btn is not None and demo.undo_btn.value == "Back"
    assert demo.title == "Bot"


def test_a_custom_chatbot_and_textbox_are_used_as_given() -> None:
    bot, box = gr.Chatbot(height=300, type="tuples"), gr.Textbox(placeholder="Ask me")
    demo = ChatInterface(lambda m, h: "", chatbot=bot, textbox=box)
    assert (demo.chatbot, demo.textbox, demo.type) == (bot, box, "tuples")
    assert bot in demo.walk() and box in demo.walk()


def test_unsupported_options_warn() -> None:
    with pytest.warns(UserWarning, match="save_history is accepted but not supported"):
        ChatInterface(lambda m, h: "", save_history=True)


def click_example(session: RecordedSession, index: int) -> None:
    demo = session.app
    assert isinstance(demo, ChatInterface) and demo.examples_handler is not None
    dataset = demo.examples_handler.dataset
    session.handle({"type": "value", "id": dataset._id, "value": index})
    session.handle({"type": "trigger", "id": dataset._id, "event": "click"})


def test_a_clicked_example_is_sent() -> None:
    demo = ChatInterface(lambda message, history: f"Echo: {message}", examples=["Hello", "Hola"])
    session = started(demo)
    click_example(session, 1)
    assert shown(session, demo.chatbot) == [wire("user", "Hola"), wire("assistant", "Echo: Hola")]
    assert session.values_sent(demo.textbox._id)[-1] == ""


def test_an_example_gives_its_additional_inputs_their_values() -> None:
    received: list[Any] = []

    def respond(message: str, history: list[Any], voice: str) -> str:
        received.append((message, history, voice))
        return "Arr"

    voice = gr.Textbox("plain", label="Voice")
    demo = ChatInterface(respond, additional_inputs=voice, examples=[["Hi", "pirate"]])
    session = started(demo)
    session.handle({"type": "value", "id": voice._id, "value": "pirate"})  # as the page fills it on the click
    click_example(session, 0)
    assert received == [("Hi", [], "pirate")]


def test_a_cached_example_shows_its_stored_turn_without_calling_fn_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_EXAMPLES_CACHE", str(tmp_path))
    calls: list[str] = []

    def stream(message: str, history: list[Any]) -> Iterator[str]:
        calls.append(message)
        yield "Bon"
        yield "Bonjour"

    demo = ChatInterface(stream, examples=["Hello"], cache_examples=True)
    assert calls == ["Hello"]  # cached as the app is built
    session = started(demo)
    click_example(session, 0)
    assert shown(session, demo.chatbot) == [wire("user", "Hello"), wire("assistant", "Bonjour")]
    assert calls == ["Hello"]


def test_a_multimodal_textbox_given_makes_it_multimodal() -> None:
    demo = ChatInterface(lambda message, history: "", textbox=gr.MultimodalTextbox(file_types=["image"]))
    assert demo.multimodal and demo.submit_btn is None


def test_current_gradios_true_and_false_buttons() -> None:
    def stream(message: str, history: list[Any]) -> Iterator[str]:
        yield message

    demo = ChatInterface(stream, submit_btn=True, stop_btn=False)
    assert demo.submit_btn is not None and demo.submit_btn.value == "Submit" and demo.stop_btn is None


def answer(message: str, history: list[Any]) -> str:
    return message


@pytest.mark.parametrize(
    ("options", "listed"),
    [({}, ["/chat"]), ({"api_name": "ask"}, ["/ask"]), ({"api_name": False}, []), ({"api_name": None}, ["/answer"]),
     ({"api_visibility": "undocumented"}, []), ({"api_visibility": "private"}, [])],
)  # fmt: skip
def test_the_endpoint_is_named_by_api_name(options: dict[str, Any], listed: list[str]) -> None:
    """Gradio 4.34's ``/chat`` by default; Gradio 6's ``api_name=None`` (the function's name) and
    ``api_visibility``."""
    from nbblocks import endpoints

    demo = ChatInterface(answer, **options)
    assert list(endpoints.info(demo)["named_endpoints"]) == listed
    callable_names = [endpoint.name for endpoint in endpoints.endpoints(demo) if endpoint.callable]
    assert ("chat" in callable_names) == (options.get("api_visibility") != "private" and "api_name" not in options)


def test_gradio_6_keywords_label_the_examples_keep_the_scroll_and_may_leave_a_click_unsent() -> None:
    demo = ChatInterface(answer, examples=["hello"], examples_label="Try", autoscroll=False, run_examples_on_click=False)
    assert demo.examples_handler is not None and demo.examples_handler.dataset.label == "Try"
    assert demo.chatbot.autoscroll is False
    session = started(demo)
    click_example(session, 0)
    assert shown(session, demo.chatbot) is None and not session.of_type("error")  # it only fills the box (on the page)
    sent = started(ChatInterface(answer, examples=["hello"]))
    click_example(sent, 0)
    assert isinstance(sent.app, ChatInterface)
    assert shown(sent, sent.app.chatbot) == [wire("user", "hello"), wire("assistant", "hello")]


def test_chat_interfaces_rendered_into_a_blocks_each_answer() -> None:
    from nbblocks import endpoints

    rendered = ChatInterface(lambda message, history: f"first {message}")
    with gr.Blocks() as demo:
        with gr.Tab("Rendered"):
            rendered.render()
        with gr.Tab("Built inside"):
            inside = ChatInterface(lambda message, history: f"second {message}")
    session = started(demo)
    for chat, reply in ((rendered, "first hi"), (inside, "second hi")):
        session.handle({"type": "value", "id": chat.textbox._id, "value": "hi"})
        session.handle({"type": "trigger", "id": chat.textbox._id, "event": "submit"})
        assert shown(session, chat.chatbot) == [wire("user", "hi"), wire("assistant", reply)]
    assert list(endpoints.info(demo)["named_endpoints"]) == ["/chat", "/chat_1"]


def test_additional_outputs_take_the_values_fn_returns_after_its_reply() -> None:
    """Gradio 5's artifacts: ``fn`` returns ``(reply, *values)``, each streamed result too, and
    ``/chat`` returns them with the reply."""
    from nbblocks import endpoints

    def write(message: str, history: list[Any]) -> Iterator[tuple[str, str]]:
        yield "Writing", "# draft"
        yield "Written", f"# {message}"

    with gr.Blocks() as demo:
        code = gr.Code(render=False)
        chat = ChatInterface(write, additional_outputs=[code])
        code.render()
    session = started(demo)
    session.handle({"type": "value", "id": chat.textbox._id, "value": "poem"})
    session.handle({"type": "trigger", "id": chat.textbox._id, "event": "submit"})
    assert shown(session, chat.chatbot) == [wire("user", "poem"), wire("assistant", "Written")]
    assert session.values_sent(code._id) == ["# draft", "# poem"]
    (chat_endpoint,) = endpoints.info(demo)["named_endpoints"].values()
    assert len(chat_endpoint["returns"]) == 2  # the reply, then the code


def test_a_validator_refuses_a_message_before_it_shows() -> None:
    replies: list[str] = []
    demo = ChatInterface(
        lambda message, history: replies.append(message) or "ok",
        validator=lambda message: gr.validate(len(message) > 2, "Too short"),
    )
    session = started(demo)
    send(session, "Hi")
    assert [m for m in session.sent if "Too short" in str(m)] and replies == [] and shown(session, demo.chatbot) is None
    send(session, "Hello")
    assert replies == ["Hello"] and shown(session, demo.chatbot) == [wire("user", "Hello"), wire("assistant", "ok")]


def test_chat_flagging_is_accepted_and_warned_once() -> None:
    with pytest.warns(UserWarning, match="flagging_mode='manual'.*no effect"):
        ChatInterface(lambda m, h: "", flagging_mode="manual", flagging_options=["Like"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ChatInterface(lambda m, h: "", flagging_mode="manual")
        ChatInterface(lambda m, h: "", flagging_mode="never")
