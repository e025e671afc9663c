"""gr.Chatbot on the Python side: both of Gradio's value formats in and out, the JSON form always
current Gradio's messages, files in messages through the app's cache, and clear errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr
from nbblocks.filedata import cache_of
from tests.helpers import RecordedSession


def wire(role: str, content: object, metadata: object = None) -> dict[str, object]:
    return {"role": role, "metadata": metadata, "content": content, "options": None}


def test_messages_dicts_and_chat_messages_become_gradios_messages() -> None:
    bot = gr.Chatbot(type="messages")
    thought = gr.ChatMessage("Searched the web", metadata={"title": "🔧 search"})
    value = [{"role": "user", "content": "Hi"}, thought, gr.ChatMessage(content="Hello **there**")]
    assert bot.postprocess(value) == [
        wire("user", "Hi"),
        wire("assistant", "Searched the web", {"title": "🔧 search"}),
        wire("assistant", "Hello **there**"),
    ]


def test_gradio_6_content_parts_become_one_message_each(tmp_path: Path) -> None:
    picture = tmp_path / "cat.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    bot = gr.Chatbot()
    sent = bot.postprocess(
        [
            {"role": "user", "content": [{"type": "text", "text": "What is this?"}, {"type": "file", "file": {"path": str(picture)}}]},
            {"role": "assistant", "content": ["A cat", {"type": "text", "text": "on a mat"}], "metadata": {"title": "look"}},
            {"role": "assistant", "content": [str(picture), "a cat"]},  # Gradio 4's (path, alt_text)
        ]
    )
    assert [message["content"] if isinstance(message["content"], str) else message["content"]["alt_text"] for message in sent] == [
        "What is this?", None, "A cat", "on a mat", "a cat",
    ]  # fmt: skip
    assert [message["role"] for message in sent] == ["user", "user", "assistant", "assistant", "assistant"]
    assert sent[2]["metadata"] == sent[3]["metadata"] == {"title": "look"}
    assert Path(sent[1]["content"]["file"]["path"]).read_bytes() == picture.read_bytes()


def test_messages_reach_the_function_as_role_content_dicts() -> None:
    bot = gr.Chatbot(type="messages")
    received = bot.preprocess([wire("user", "Hi"), wire("assistant", "Yes", {"title": "tool"})])
    assert received == [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Yes", "metadata": {"title": "tool"}}]


def test_tuples_are_sent_as_messages_and_received_as_pairs() -> None:
    bot = gr.Chatbot(type="tuples")
    pairs = [["Hi", "Hello"], ["Only a question", None], [None, "An aside"]]
    sent = bot.postprocess(pairs)
    assert sent == [
        wire("user", "Hi"),
        wire("assistant", "Hello"),
        wire("user", "Only a question"),
        wire("assistant", "An aside"),
    ]
    assert bot.preprocess(sent) == [["Hi", "Hello"], ["Only a question", "An aside"]]


def test_without_type_the_function_gets_the_shape_it_returned() -> None:
    bot = gr.Chatbot()
    assert bot.preprocess([]) == []
    bot.postprocess([["Hi", "Hello"]])  # Gradio 4.34 code
    assert bot.preprocess([wire("user", "Hi"), wire("assistant", "Hello")]) == [["Hi", "Hello"]]
    bot.postprocess([{"role": "user", "content": "Hi"}])  # current Gradio code
    assert bot.preprocess([wire("user", "Hi")]) == [{"role": "user", "content": "Hi"}]


@pytest.mark.parametrize(
    ("chat_type", "value", "message"),
    [
        ("messages", [{"role": "bot", "content": "x"}], "unknown role 'bot'"),
        (None, [{"role": "robot", "content": "x"}], "unknown role 'robot'"),
        ("messages", [["Hi", "Hello"]], "must be {'role', 'content'} dicts"),
        ("tuples", [{"role": "user", "content": "x"}], r"must be \[user, bot\] pairs"),
        ("tuples", [["a", "b", "c"]], r"a \[user, bot\] pair"),
        (None, [["a", "b"], {"role": "user", "content": "x"}], "mixes"),
        (None, "hello", "expected a list of messages"),
        ("messages", [{"role": "user", "content": object()}], "content must be text or a file"),
    ],
)
def test_a_bad_value_is_a_clear_error(chat_type: str | None, value: object, message: str) -> None:
    with pytest.raises(gr.Error, match=message):
        gr.Chatbot(type=chat_type).postprocess(value)  # type: ignore[arg-type]


def test_an_unknown_role_sent_by_a_client_is_refused() -> None:
    with pytest.raises(gr.Error, match="unknown role 'bot'"):
        gr.Chatbot().preprocess([wire("bot", "x")])


def test_a_file_in_a_message_goes_through_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cat.png").write_bytes(b"\x89PNG not really")
    for bot, value in [
        (gr.Chatbot(type="tuples"), [[("cat.png", "a cat"), None]]),
        (gr.Chatbot(type="messages"), [{"role": "user", "content": {"path": "cat.png", "alt_text": "a cat"}}]),
    ]:
        [sent] = bot.postprocess(value)
        file = sent["content"]["file"]
        assert sent["content"]["alt_text"] == "a cat"
        assert (file["orig_name"], file["mime_type"]) == ("cat.png", "image/png")
        assert Path(file["path"]).is_relative_to(cache_of(bot).root)
        received = bot.preprocess([sent])
        path = received[0][0][0] if bot.type == "tuples" else received[0]["content"][0]
        assert Path(path).read_bytes() == b"\x89PNG not really"


def test_a_client_cannot_name_a_file_outside_the_cache(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("no")
    with pytest.raises(gr.Error, match="not an upload of this app"):
        gr.Chatbot().preprocess([wire("user", {"file": {"path": str(secret)}, "alt_text": None})])


def test_props_and_events_are_gradios() -> None:
    bot = gr.Chatbot(likeable=True, layout="panel", placeholder="Ask me", height=300, rtl=True)
    assert (bot.likeable, bot.layout, bot.placeholder, bot.height, bot.rtl) == (True, "panel", "Ask me", 300, True)
    assert bot.value == [] and bot.avatar_images == [None, None]
    assert bot.latex_delimiters == [{"left": "$$", "right": "$$", "display": True}]  # Gradio's default
    for event in ("change", "select", "like"):
        assert callable(getattr(bot, event)), event
    with pytest.raises(ValueError, match="type must be"):
        gr.Chatbot(type="pairs")  # type: ignore[arg-type]


def test_like_data_carries_index_value_and_liked() -> None:
    like = gr.LikeData(None, {"index": 3, "value": "Hello", "liked": False})
    assert (like.index, like.value, like.liked) == (3, "Hello", False)


def test_a_history_changed_in_place_is_seen_again() -> None:
    # a streamed reply re-yields one list it mutates; only its changed end is converted again,
    # yet a change anywhere (an earlier message edited, a role changed) must show
    bot = gr.Chatbot(type="messages")
    history = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": ""}]
    assert bot.postprocess(history)[-1]["content"] == ""
    history[-1]["content"] += "Hello"
    assert bot.postprocess(history) == [wire("user", "Hi"), wire("assistant", "Hello")]
    history[0]["content"] = "Edited"
    history[1]["role"] = "bot"
    with pytest.raises(gr.Error, match="unknown role 'bot'"):
        bot.postprocess(history)
    history[1]["role"] = "assistant"
    assert bot.postprocess(history) == [wire("user", "Edited"), wire("assistant", "Hello")]
    assert bot.postprocess(history[:1]) == [wire("user", "Edited")]


@pytest.mark.parametrize(
    ("chat_type", "message", "index"),
    [("tuples", 0, [0, 0]), ("tuples", 1, [0, 1]), ("tuples", 2, [1, 1]), ("tuples", 4, [2, 1]), ("messages", 4, 4)],
)
def test_like_and_select_name_a_message_as_the_function_sees_the_history(chat_type: str, message: int, index: Any) -> None:
    """Gradio 4.34 names a message of a tuples Chatbot by ``[pair, side]``: pair 1 has no user side."""
    pairs = [["hi", "hello"], [None, "anything else?"], ["bye", "goodbye"]]
    roles = ("user", "assistant")
    messages = [{"role": roles[side], "content": text} for pair in pairs for side, text in enumerate(pair) if text]
    seen: list[Any] = []

    def liked(data: gr.LikeData) -> None:
        seen.append(data.index)

    def selected(data: gr.SelectData) -> None:
        seen.append(data.index)

    with gr.Blocks() as demo:
        bot = gr.Chatbot(pairs if chat_type == "tuples" else messages, type=chat_type, likeable=True)  # type: ignore[arg-type]
        bot.like(liked)
        bot.select(selected)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    for event in ("like", "select"):
        session.handle({"type": "trigger", "id": bot._id, "event": event, "data": {"index": message, "value": "x", "liked": True}})
    assert seen == [index, index]
