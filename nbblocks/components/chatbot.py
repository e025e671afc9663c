"""Chatbot: a chat log, drawn by the "chat" chunk, in Gradio's two value formats.

``type="messages"`` (current Gradio's only format): a list of ``{"role", "content"}`` dicts or
`ChatMessage`s; ``type="tuples"`` (Gradio 4.34's default): ``[user, bot]`` pairs, either side
None. Without ``type`` a value of either shape is accepted, and the function receives the shape
it last returned to this Chatbot (messages until it returned pairs), so chat code written for
Gradio 4.34 and for current Gradio both run unchanged.

The JSON form, on the page and over the API, is always current Gradio's: a list of
``{"role", "metadata", "content", "options"}``, where ``content`` is Markdown text or
``{"file": FileData, "alt_text"}`` (a file given as ``(path, alt_text)``, shown as an image,
audio, video or a download), and a ``metadata`` with a ``title`` marks a "thought" the page
shows collapsed.
"""

from __future__ import annotations

import copy
import dataclasses
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

from traitlets import Bool, Dict, Enum, List, Unicode

from ..accepted import warn_unused
from ..block import undrawn
from ..events import EventListener
from ..exceptions import Error
from ..filedata import cache_of, is_file_data, is_url, to_file_data, to_local_path
from .base import Component, size_trait
from .buttons import button_flags
from .files import FILE_DATA_SCHEMA

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions

ROLES = ("user", "assistant", "system")
Shape = Literal["messages", "tuples"]


@dataclasses.dataclass
class ChatMessage:
    """One message of a ``type="messages"`` Chatbot; a ``metadata`` with a ``title`` shows it
    as a collapsible "thought" (a tool call, a reasoning step)."""

    content: Any
    role: str = "assistant"
    #: empty unless given, as Gradio's (a function's code may add keys to them)
    metadata: dict[str, Any] = dataclasses.field(default_factory=dict)
    options: list[dict[str, Any]] = dataclasses.field(default_factory=list)


#: Gradio's name (``gradio.components.chatbot.Message``) for a message object, used to annotate a
#: Chatbot's value; a Chatbot here takes it as it takes a `ChatMessage`
Message = ChatMessage


class MessageDict(TypedDict):
    """A message as a dict, Gradio's type for annotating a Chatbot's value."""

    content: Any
    role: Literal["user", "assistant", "system"]
    metadata: NotRequired[dict[str, Any]]
    options: NotRequired[list[dict[str, Any]]]


class Chatbot(Component):
    """A chat log of Markdown messages and files; ``likeable`` adds thumbs that fire ``like``
    with a `gr.LikeData`, and clicking a message fires ``select``."""

    TEXT_APPENDS = True  # a streamed reply's tokens travel alone (nbblocks.edits)
    change = EventListener()
    select = EventListener()
    like = EventListener()
    copy = EventListener()  # a message's copy button (show_copy_button, Gradio 6's buttons=["copy"])
    #: Gradio 5's turn buttons, drawn under the log where a listener is set: retry and undo carry
    #: the last user message (gr.RetryData, gr.UndoData), clear empties the log
    retry = EventListener()
    undo = EventListener()
    edit = EventListener()  # a message edited in place (``editable``): gr.EditData
    clear = EventListener()
    example_select = EventListener()  # an example clicked: gr.SelectData with its index and the example
    option_select = EventListener()  # a message's option clicked: gr.SelectData (the message's index, the option's value)
    type = Unicode(None, allow_none=True).tag(prop=True, not_drawn="the value's format in Python; the page always gets messages")
    height = size_trait(400).tag(prop=True)
    latex_delimiters = List[Any]().tag(prop=True)  # typeset by KaTeX (the katex chunk)
    rtl = Bool(False).tag(prop=True)
    show_share_button = Bool(None, allow_none=True).tag(
        prop=True, not_drawn="sharing to Hugging Face Spaces is not offered offline"
    )
    show_copy_button = Bool(False).tag(prop=True)
    avatar_images = List[Any](default_value=[None, None], minlen=2, maxlen=2).tag(prop=True)
    sanitize_html = Bool(True).tag(prop=True)
    render_markdown = Bool(True).tag(prop=True)
    bubble_full_width = Bool(True).tag(prop=True)
    line_breaks = Bool(True).tag(prop=True)
    likeable = Bool(False).tag(prop=True)  # thumbs also show wherever a `like` listener is set, as in Gradio 5
    like_user_message = Bool(False).tag(prop=True)
    min_height = size_trait().tag(prop=True)
    max_height = size_trait().tag(prop=True)
    autoscroll = Bool(True).tag(prop=True)
    #: Gradio 5's example messages (``{"text", "display_text", "files", "icon"}``, files as
    #: FileData), offered while the log is empty
    examples = List(Dict(), default_value=None, allow_none=True).tag(prop=True)
    editable = Enum(["user", "all"], default_value=None, allow_none=True).tag(prop=True)
    layout = Enum(["bubble", "panel"], default_value=None, allow_none=True).tag(prop=True)
    placeholder = Unicode(None, allow_none=True).tag(prop=True)
    interactive = undrawn(Component.interactive, "display only: messages come from the app's functions")

    def __init__(
        self,
        value: list[Any] | Any = None,
        *,
        type: Shape | None = None,
        height: int | str | None = 400,
        latex_delimiters: list[dict[str, str | bool]] | None = None,
        rtl: bool = False,
        show_share_button: bool | None = None,
        show_copy_button: bool = False,
        avatar_images: tuple[Any, Any] | None = None,
        sanitize_html: bool = True,
        render_markdown: bool = True,
        bubble_full_width: bool = True,
        line_breaks: bool = True,
        likeable: bool = False,
        layout: Literal["panel", "bubble"] | None = None,
        placeholder: str | None = None,
        like_user_message: bool = False,
        min_height: int | str | None = None,
        max_height: int | str | None = None,
        autoscroll: bool = True,
        buttons: list[Any] | None = None,
        resizable: bool = False,
        editable: Literal["user", "all"] | None = None,
        watermark: str | None = None,
        feedback_options: list[str] | tuple[str, ...] | None = ("Like", "Dislike"),
        feedback_value: list[str | None] | None = None,
        examples: list[Any] | None = None,
        allow_file_downloads: bool = True,
        group_consecutive_messages: bool = True,
        allow_tags: list[str] | bool = True,
        reasoning_tags: list[tuple[str, str]] | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        warn_unused(
            "Chatbot", resizable=resizable or None, watermark=watermark, feedback_value=feedback_value,
            feedback_options=None if feedback_options is None or list(feedback_options) == ["Like", "Dislike"] else feedback_options,
            allow_file_downloads=None if allow_file_downloads else False,
            group_consecutive_messages=None if group_consecutive_messages else False,
            allow_tags=None if allow_tags is True else allow_tags, reasoning_tags=reasoning_tags,
        )  # fmt: skip
        shown = button_flags("Chatbot", buttons, show_copy_button=show_copy_button, show_share_button=show_share_button)
        show_copy_button, show_share_button = bool(shown["show_copy_button"]), shown["show_share_button"]
        if type not in (None, "messages", "tuples"):
            raise ValueError(f"Chatbot: type must be 'messages' or 'tuples', got {type!r}")
        #: the shape the function gets without ``type``: the one it last returned
        self._shape: Shape = type or "messages"
        #: the last value postprocessed: a streamed reply re-yields the whole history, and only
        #: its changed end is converted again
        self._last = _Converted()
        self.type = type  # before the value: postprocess reads it
        if latex_delimiters is None:  # Gradio's default
            latex_delimiters = [{"left": "$$", "right": "$$", "display": True}]
        avatars = [None if avatar is None else to_file_data(avatar, cache_of(None)) for avatar in avatar_images or (None, None)]
        super().__init__(
            value, type=type, height=height, latex_delimiters=latex_delimiters, rtl=rtl,
            show_share_button=show_share_button, show_copy_button=show_copy_button, avatar_images=avatars,
            sanitize_html=sanitize_html, render_markdown=render_markdown, bubble_full_width=bubble_full_width,
            line_breaks=line_breaks, likeable=likeable, layout=layout, placeholder=placeholder,
            like_user_message=like_user_message, min_height=min_height, max_height=max_height, autoscroll=autoscroll,
            examples=None if examples is None else [_example(example) for example in examples], editable=editable,
            **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        file_message = {
            "type": "object",
            "properties": {"file": FILE_DATA_SCHEMA, "alt_text": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
            "required": ["file"],
        }
        message = {
            "type": "object",
            "properties": {
                "role": {"type": "string", "enum": list(ROLES)},
                "metadata": {"anyOf": [{"type": "object"}, {"type": "null"}]},
                "content": {"anyOf": [{"type": "string"}, file_message]},
                "options": {"anyOf": [{"type": "array", "items": {"type": "object"}}, {"type": "null"}]},
            },
            "required": ["role", "content"],
        }
        return {"type": "array", "items": message}

    def example_value(self) -> Any:
        return [{"role": "user", "metadata": None, "content": "Hello!", "options": None}]

    # --- postprocess: what the function returned -> messages ------------------------------

    def postprocess(self, value: Any) -> list[dict[str, Any]]:
        """Messages (dicts or `ChatMessage`s) or ``[user, bot]`` pairs → current Gradio's messages."""
        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            raise Error(f"Chatbot: expected a list of messages, got {type(value).__name__}")
        last = self._last
        same = last.unchanged_prefix(value)
        shape = self._shape_of(value[same:], last.shape if same else None)
        if self.type is None and value:
            self._shape = shape
        convert = self._pair if shape == "tuples" else self._messages
        self._last = converted = last.extended(same, value, convert, shape)
        return converted.messages

    def _shape_of(self, items: Sequence[Any], known: Shape | None) -> Shape:
        """The shape of newly converted ``items``, following ``known``, the shape of the items
        before them."""
        pairs = {isinstance(item, (list, tuple)) for item in items}
        if known is not None:
            pairs.add(known == "tuples")
        if self.type is not None:
            wanted = self.type == "tuples"
            if pairs - {wanted}:
                example = "[user, bot] pairs" if wanted else "{'role', 'content'} dicts or gr.ChatMessage"
                wrong = next(item for item in items if isinstance(item, (list, tuple)) != wanted)
                raise Error(f"Chatbot(type={self.type!r}): each message must be {example}, got {wrong!r}")
            return "tuples" if wanted else "messages"
        if len(pairs) > 1:
            raise Error("Chatbot: a value mixes [user, bot] pairs and messages; use one format")
        return "tuples" if pairs == {True} else "messages"

    def _pair(self, pair: list[Any] | tuple[Any, ...]) -> list[dict[str, Any]]:
        if len(pair) != 2:
            raise Error(f"Chatbot(type='tuples'): each item must be a [user, bot] pair, got {pair!r}")
        return [
            _wire("user" if side == 0 else "assistant", self._content(part)) for side, part in enumerate(pair) if part is not None
        ]

    def _messages(self, item: Any) -> list[dict[str, Any]]:
        """One message, or one per part of a Gradio 6 message whose content is a list of parts."""
        if isinstance(item, ChatMessage):
            item = dataclasses.asdict(item)
        if not isinstance(item, dict) or "content" not in item:
            raise Error(f"Chatbot: each message must be a {{'role', 'content'}} dict or gr.ChatMessage, got {item!r}")
        role = item.get("role")
        if role not in ROLES:
            raise Error(f"Chatbot: unknown role {role!r}; a message's role is one of {', '.join(ROLES)}")
        metadata, options = item.get("metadata") or None, item.get("options") or None
        return [_wire(role, self._content(part), metadata, options) for part in _parts(item["content"])]

    def _content(self, content: Any) -> str | dict[str, Any]:
        """Text, or a file: ``(path, alt_text)``, ``{"path"}``, or one in JSON form already;
        Gradio 6's parts ``{"type": "text", "text"}`` and ``{"type": "file", "file"}`` too."""
        if isinstance(content, str):
            return content
        if isinstance(content, dict) and content.get("type") == "text" and isinstance(content.get("text"), str):
            return content["text"]
        if isinstance(content, dict) and "file" in content:
            return {"file": to_file_data(content["file"], cache_of(self)), "alt_text": content.get("alt_text")}
        if is_file_data(content):
            return {"file": to_file_data(content, cache_of(self)), "alt_text": content.get("alt_text")}
        if isinstance(content, (list, tuple)) and 1 <= len(content) <= 2:
            alt_text = content[1] if len(content) == 2 else None
            return {"file": to_file_data(content[0], cache_of(self)), "alt_text": alt_text}
        if isinstance(content, (int, float)):
            return str(content)
        raise Error(f"Chatbot: a message's content must be text or a file (path, alt_text), got {content!r}")

    def event_data(self, data: Any, value: Any) -> Any:
        """``like``/``select`` name a message by its index among the page's messages; for a
        function given ``[user, bot]`` pairs, Gradio 4.34 names it ``[pair, side]`` instead."""
        index = data.get("index") if isinstance(data, dict) else None
        if self._shape != "tuples" or not isinstance(index, int) or not isinstance(value, list) or index >= len(value):
            return data
        pair, bot_said = -1, True
        for message in value[: index + 1]:
            user = isinstance(message, dict) and message.get("role") == "user"
            if user or bot_said:
                pair, bot_said = pair + 1, False
            bot_said = bot_said or not user
        return {**data, "index": [pair, 0 if user else 1]}

    # --- preprocess: messages -> what the function receives --------------------------------

    def preprocess(self, payload: Any) -> list[Any]:
        """Messages (JSON form) → messages dicts, or ``[user, bot]`` pairs for ``type="tuples"``
        (without ``type``: the shape the function last returned); a file is ``(path, alt_text)``."""
        if payload is None:
            return []
        if not isinstance(payload, list) or not all(isinstance(item, dict) for item in payload):
            raise Error(f"Chatbot: expected a list of messages, got {payload!r:.80}")
        messages = [self._received(item) for item in payload]
        if self._shape == "messages":
            return messages
        pairs: list[list[Any]] = []
        for message in messages:
            if message["role"] == "user" or not pairs or pairs[-1][1] is not None:
                pairs.append([None, None])
            pairs[-1][0 if message["role"] == "user" else 1] = message["content"]
        return pairs

    def _received(self, item: dict[str, Any]) -> dict[str, Any]:
        role, content = item.get("role"), item.get("content")
        if role not in ROLES:
            raise Error(f"Chatbot: unknown role {role!r}; a message's role is one of {', '.join(ROLES)}")
        if isinstance(content, dict):
            if not is_file_data(content.get("file")):
                raise Error(f"Chatbot: a message's content must be text or {{'file': FileData}}, got {content!r:.80}")
            path = str(to_local_path(content["file"], cache_of(self)))
            alt_text = content.get("alt_text")
            content = (path, alt_text) if alt_text is not None else (path,)
        elif not isinstance(content, str):
            raise Error(f"Chatbot: a message's content must be text or {{'file': FileData}}, got {content!r:.80}")
        message = {"role": role, "content": content}
        if item.get("metadata"):
            message["metadata"] = item["metadata"]
        return message


@dataclasses.dataclass(frozen=True)
class _Converted:
    """A postprocessed value remembered item by item, so that the next value, usually the same
    history with its last message grown, converts only what changed and shares the rest.

    The checks stay linear in the history, but run in C (list comparison, slicing): a token costs
    about the same with 2 messages or 200. Items holding a file are never kept: the file at a
    path may have changed."""

    sources: list[Any] = dataclasses.field(default_factory=list)  # shallow copies of the items
    messages: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    ends: list[int] = dataclasses.field(default_factory=list)  # messages[:ends[i]] came from items[:i + 1]
    text_until: int = 0  # items before this index converted to text only
    shape: Shape = "messages"

    def unchanged_prefix(self, value: Sequence[Any]) -> int:
        """How many leading items of ``value`` equal those last converted (text only)."""
        limit = min(len(self.sources), len(value), self.text_until)
        same = 0
        try:  # the usual case first, compared in C: all but the last unchanged
            if limit > 1 and self.sources[: limit - 1] == list(value[: limit - 1]):
                same = limit - 1
        except Exception:  # items whose comparison fails or is ambiguous (arrays): one by one
            pass
        for source, item in zip(self.sources[same:limit], value[same:limit]):
            try:
                if source != item:
                    break
            except Exception:
                break
            same += 1
        return same

    def extended(
        self, same: int, value: Sequence[Any], convert: Callable[[Any], list[dict[str, Any]]], shape: Shape
    ) -> _Converted:
        """This conversion's first ``same`` items followed by the rest of ``value``, converted."""
        kept = self.ends[same - 1] if same else 0
        messages, ends, text_until = self.messages[:kept], self.ends[:same], same
        for item in value[same:]:
            converted = convert(item)
            messages.extend(converted)
            ends.append(len(messages))
            if text_until == len(ends) - 1 and all(isinstance(message["content"], str) for message in converted):
                text_until += 1
        sources = self.sources[:same] + [copy.copy(item) for item in value[same:]]
        return _Converted(sources, messages, ends, text_until, shape)


def _parts(content: Any) -> list[Any]:
    """A message's contents: Gradio 6 lists them (text, files, ``{"type": ...}`` parts); a
    tuple, or a list of one or two strings naming an existing file or a URL, is Gradio 4's
    ``(path, alt_text)``: one file."""
    if not isinstance(content, list) or not content:
        return [content]
    head, rest = content[0], content[1:]
    file_pair = (
        len(content) <= 2
        and isinstance(head, (str, Path))
        and (is_url(str(head)) or Path(head).is_file())
        and all(alt is None or isinstance(alt, str) for alt in rest)
    )
    return [content] if file_pair else content


def _example(example: dict[str, Any]) -> dict[str, Any]:
    """One of Gradio 5's example messages, its files (paths or URLs) as FileData. A file missing
    from the disk is left out with a warning: Gradio serves example files only when asked, so an
    app whose example names a missing file still starts there."""
    files = example.get("files") or []
    icon = example.get("icon")
    return {
        **example,
        "files": [data for file in ([files] if isinstance(files, str) else files) if (data := _example_file(file)) is not None],
        "icon": None if icon is None else _example_file(icon),
    }


def _example_file(file: Any) -> dict[str, Any] | None:
    if isinstance(file, (str, Path)) and not is_url(str(file)) and not Path(file).is_file():
        warnings.warn(f"Chatbot: the example file {str(file)!r} does not exist; the example goes without it", stacklevel=4)
        return None
    return dict(to_file_data(file, cache_of(None)))


def _wire(role: str, content: Any, metadata: dict[str, Any] | None = None, options: Any = None) -> dict[str, Any]:
    return {"role": role, "metadata": metadata, "content": content, "options": options}
