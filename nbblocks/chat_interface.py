"""`ChatInterface`: a chatbot app around one function, ``fn(message, history, *additional_inputs)``.

Laid out as Gradio 4.34 lays it out (a Chatbot, a textbox with Submit and Stop, then Retry, Undo
and Clear, then the examples and the additional inputs in an accordion), with current Gradio's
defaults: history as ``{"role", "content"}`` messages unless ``type="tuples"``. It is an
ordinary `Blocks` whose listeners are built here, so both transports and the API serve it with
nothing of their own.

A turn runs as one chain of listeners: the message leaves the box and shows in the chat at once
(no queue), then the function runs and each reply it returns or yields is shown, the whole
history each time: the session sends a growing reply as its new text only (`nbblocks.edits`).
The history the function receives is the one before the turn, kept in a State, so the user's
message shown early is never handed back to it.

``/chat`` is Gradio's endpoint: it takes the message and the additional inputs (the history is
the API session's own State) and returns the reply, every partial reply when streaming.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .accepted import warn_unused
from .blocks import Blocks
from .components import JSON, Button, Chatbot, Component, Markdown, MultimodalTextbox, State, Textbox
from .events import on
from .layouts import Accordion, Column, Group, Row
from .shortcuts import get_component_instance
from .updates import skip, update

if TYPE_CHECKING:
    from .examples import Examples

History = list[Any]
#: Gradio 4.34's labels; True (current Gradio's form) means the default label
_LABELS = {"submit_btn": "Submit", "stop_btn": "Stop", "retry_btn": "🔄  Retry", "undo_btn": "↩️ Undo", "clear_btn": "🗑️  Clear"}


class _Default(str):
    """A default label, told apart from the same label given by the user."""


#: Gradio 4.34's arguments that Gradio 5 removed (the Chatbot draws its own buttons there)
_REMOVED = {name: _Default(_LABELS[name]) for name in ("retry_btn", "undo_btn", "clear_btn")}
#: the removed arguments already warned about in this process
_warned: set[str] = set()


class ChatInterface(Blocks):
    """Gradio's chatbot app: ``gr.ChatInterface(fn).launch()``, where ``fn(message, history,
    *additional_inputs)`` returns or yields the reply (text, a message dict, a file, or a list of
    messages); a generator streams its reply, with a Stop button while it runs."""

    def __init__(
        self,
        fn: Callable[..., Any],
        *,
        multimodal: bool = False,
        type: Literal["messages", "tuples"] | None = None,
        chatbot: Chatbot | None = None,
        textbox: Textbox | MultimodalTextbox | None = None,
        additional_inputs: str | Component | list[str | Component] | None = None,
        additional_inputs_accordion: str | Accordion | None = None,
        additional_outputs: Component | list[Component] | None = None,
        examples: list[Any] | None = None,
        examples_label: str | None = None,
        example_labels: list[str] | None = None,
        example_icons: list[str] | None = None,
        cache_examples: bool | Literal["lazy"] | None = None,
        cache_mode: Literal["eager", "lazy"] | None = None,
        title: str | None = None,
        description: str | None = None,
        theme: Any = None,
        css: str | None = None,
        js: str | None = None,
        head: str | None = None,
        css_paths: str | Path | Sequence[str | Path] | None = None,
        head_paths: str | Path | Sequence[str | Path] | None = None,
        analytics_enabled: bool | None = None,
        submit_btn: str | bool | Button | None = "Submit",
        stop_btn: str | bool | Button | None = "Stop",
        retry_btn: str | Button | None = _REMOVED["retry_btn"],
        undo_btn: str | Button | None = _REMOVED["undo_btn"],
        clear_btn: str | Button | None = _REMOVED["clear_btn"],
        autofocus: bool = True,
        concurrency_limit: int | None | Literal["default"] = "default",
        fill_height: bool = True,
        fill_width: bool = False,
        delete_cache: tuple[int, int] | None = None,
        show_progress: Literal["full", "minimal", "hidden"] = "minimal",
        save_history: bool = False,
        editable: bool = False,
        api_name: str | Literal[False] | None = "chat",
        api_description: str | Literal[False] | None = None,
        api_visibility: Literal["public", "private", "undocumented"] = "public",
        flagging_mode: Literal["never", "manual"] | None = None,
        flagging_options: list[str] | tuple[str, ...] | None = ("Like", "Dislike"),
        flagging_dir: str | None = None,
        run_examples_on_click: bool = True,
        autoscroll: bool = True,
        validator: Callable[..., Any] | None = None,
    ) -> None:
        super().__init__(
            theme=theme, analytics_enabled=analytics_enabled, mode="chat_interface", title=title or "Gradio",
            css=css, js=js, head=head, fill_height=fill_height, delete_cache=delete_cache, css_paths=css_paths,
            head_paths=head_paths,
        )  # fmt: skip
        if type not in (None, "messages", "tuples"):
            raise ValueError(f"ChatInterface: type must be 'messages' or 'tuples', got {type!r}")
        _warn_removed(retry_btn=retry_btn, undo_btn=undo_btn, clear_btn=clear_btn)
        # Gradio's flagging of chat messages (a CSV of the replies liked, with flagging_options'
        # choices) is not built here
        flagging = None if flagging_mode in (None, "never") else flagging_mode
        warn_unused("ChatInterface()", flagging_mode=flagging, flagging_dir=flagging_dir)
        _warn_unsupported(save_history=save_history, editable=editable, example_icons=example_icons, fill_width=fill_width)
        self.fn = fn
        #: ``/chat`` as in Gradio 4.34, or as ``api_name`` says (None: Gradio 6's rule, the function's name)
        self.api_name: str | Literal[False] = getattr(fn, "__name__", "chat") if api_name is None else api_name
        self.run_examples_on_click = run_examples_on_click
        #: ``fn`` as the page's and ``/chat``'s listeners call it: a generator of (reply, history)
        self.chat = self._chat_function()
        self.multimodal = multimodal or isinstance(textbox, MultimodalTextbox)
        #: the history's shape: ``type``, else a given chatbot's, else current Gradio's messages
        self.type: Literal["messages", "tuples"] = (
            "tuples" if (type or getattr(chatbot, "type", None)) == "tuples" else "messages"
        )
        listed = [] if additional_inputs is None else _as_list(additional_inputs)
        self.additional_inputs = [get_component_instance(extra) for extra in listed]
        #: components defined by the user that ``fn`` fills too: it returns ``(reply, *their values)``
        outputs = [] if additional_outputs is None else additional_outputs
        self.additional_outputs: list[Component] = list(outputs) if isinstance(outputs, list) else [outputs]
        #: called with the message before a turn starts; a ``gr.validate`` it returns can refuse it
        self.validator = validator
        with self, Column():
            if title:
                Markdown(f"<h1 style='text-align: center; margin-bottom: 1rem'>{title}</h1>")
            if description:
                Markdown(description)
            made = chatbot is None
            self.chatbot = Chatbot(label="Chatbot", type=self.type, scale=1, autoscroll=autoscroll) if made else _placed(chatbot)
            with Group(), Row():
                self.textbox = _placed(textbox) if textbox is not None else self._new_textbox(autofocus)
                # a MultimodalTextbox has its own submit button, as in Gradio 4.34
                self.submit_btn = (
                    None if self.multimodal else _button(submit_btn, "submit_btn", variant="primary", scale=1, min_width=150)
                )
                streams = inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn)
                self.stop_btn = (
                    _button(stop_btn, "stop_btn", variant="stop", visible=False, scale=1, min_width=150) if streams else None
                )
            with Row():
                self.retry_btn, self.undo_btn, self.clear_btn = (
                    _button(given, name, variant="secondary", size="sm", min_width=60)
                    for given, name in ((retry_btn, "retry_btn"), (undo_btn, "undo_btn"), (clear_btn, "clear_btn"))
                )
            self.examples_handler = (
                None if not examples else self._examples(examples, examples_label, example_labels, cache_examples, cache_mode)
            )
            if any(extra.parent is None for extra in self.additional_inputs):
                with _accordion(additional_inputs_accordion):
                    for extra in self.additional_inputs:
                        extra.render()
            if self.examples_handler is not None:  # once every input it fills is in place
                self.examples_handler._start_caching()
            #: the message being answered, and the history before it (what ``fn`` receives)
            self.saved_input, self.history_before = State(), State([])
            #: ``/chat``: the API session's own history, and the reply it returns
            self.api_history = State([])
            self.api_response = JSON(label="Response", visible=False)
            #: Gradio 6's way to set the chat from other listeners (``outputs=chat.chatbot_value``)
            self.chatbot_value = State(self.chatbot.value or [])
            api = {"api_name": self.api_name, "api_visibility": api_visibility, "api_description": api_description}
            self._listen(concurrency_limit, show_progress, api)

    def _examples(
        self,
        examples: list[Any],
        label: str | None,
        labels: list[str] | None,
        cache: bool | Literal["lazy"] | None,
        cache_mode: str | None,
    ) -> Examples:
        """Gradio's examples under the chat: a click sends the example (with its additional
        inputs' values), or, when cached, shows its stored turn and leaves it in the box."""
        from .examples import Examples

        cached = "lazy" if cache and cache_mode == "lazy" else cache
        return Examples(
            examples, [self.textbox, *self.additional_inputs], self.chatbot if cached else None,
            self._first_turn() if cached else None, cache_examples=cached, example_labels=labels,
            label=label or "Examples", _defer_caching=True,
        )  # fmt: skip

    def _new_textbox(self, autofocus: bool) -> Textbox | MultimodalTextbox:
        options: dict[str, Any] = dict(
            show_label=False, placeholder="Type a message...", scale=7, autofocus=autofocus, container=False
        )
        return MultimodalTextbox(**options) if self.multimodal else Textbox(**options)

    # --- listeners -----------------------------------------------------------------------------

    def _listen(self, concurrency_limit: int | None | Literal["default"], show_progress: Any, api: dict[str, Any]) -> None:
        private: dict[str, Any] = {"api_name": False, "queue": False}
        triggers = [self.textbox.submit] + ([self.submit_btn.click] if self.submit_btn else [])
        turn_outputs = [self.saved_input, self.chatbot, self.history_before]
        message = [self.textbox, self.chatbot], [self.textbox, *turn_outputs]
        validator = self._validate_message if self.validator else None
        starts = [
            on(triggers, self._take_message, *message, validator=validator, **private),
            self.retry_btn.click(self._retry, self.chatbot, turn_outputs, **private) if self.retry_btn else None,
        ]
        examples = self.examples_handler
        if examples is not None and not examples.cache_examples and self.run_examples_on_click:  # a click sends it
            dataset = examples.dataset
            starts.append(dataset.click(self._take_example, [dataset, self.chatbot], [self.textbox, *turn_outputs], **private))
        answers = []
        for start in starts:
            if start is None:
                continue
            if self.stop_btn is not None:
                start = start.then(self._running, None, self._turn_buttons(), **private)
            answers.append(
                start.then(
                    self.chat,
                    [self.saved_input, self.history_before, *self.additional_inputs],
                    [State(), self.chatbot, *self.additional_outputs],
                    api_name=False,
                    concurrency_limit=concurrency_limit,
                    show_progress=show_progress,
                )
            )
            if self.stop_btn is not None:
                answers[-1].then(self._idle, None, self._turn_buttons(), **private)
        if self.stop_btn is not None:
            self.stop_btn.click(None, None, None, cancels=answers, api_name=False)
        if self.undo_btn:
            self.undo_btn.click(self._undo, self.chatbot, [self.chatbot, self.textbox], **private)
        if self.clear_btn:
            self.clear_btn.click(lambda: ([], None), None, [self.chatbot, self.saved_input], **private)
        self.chatbot_value.change(lambda history: history, self.chatbot_value, self.chatbot, **private)
        Button("Fake API", visible=False).click(
            self.chat, [self.textbox, self.api_history, *self.additional_inputs],
            [self.api_response, self.api_history, *self.additional_outputs],
            concurrency_limit=concurrency_limit, postprocess=False, **api,
        )  # fmt: skip

    def _turn_buttons(self) -> list[Button]:
        return [button for button in (self.submit_btn, self.stop_btn) if button is not None]

    def _running(self) -> list[dict[str, Any]]:
        """While a reply streams, Stop takes Submit's place."""
        return [update(visible=button is self.stop_btn) for button in self._turn_buttons()]

    def _idle(self) -> list[dict[str, Any]]:
        return [update(visible=button is not self.stop_btn) for button in self._turn_buttons()]

    # --- a turn --------------------------------------------------------------------------------

    def _take_message(self, message: Any, history: History) -> tuple[Any, ...]:
        """Empty the box and show the message in the chat at once; an empty message is no turn."""
        text = message.get("text") if isinstance(message, dict) else message
        if not text and not (isinstance(message, dict) and message.get("files")):
            return skip(), None, skip(), skip()
        return self._empty_box(), message, self._with_turn(history, message), history

    def _validate_message(self, message: Any, history: History) -> Any:
        """The user's ``validator``, given the message alone, as Gradio gives it."""
        assert self.validator is not None  # only set as a listener's validator when given
        return self.validator(message)

    def _take_example(self, index: int, history: History) -> tuple[Any, ...]:
        """A clicked example's message, sent (its additional inputs take their values from
        `Examples` as the click fills them)."""
        assert self.examples_handler is not None  # only its dataset's click calls this
        return self._take_message(self.examples_handler.examples[index][0], history)

    def _retry(self, history: History) -> tuple[Any, ...]:
        """Ask again: the last message without its reply, answered anew."""
        before, message = self._split_last_turn(history)
        if message is None:
            return None, skip(), skip()
        return message, self._with_turn(before, message), before

    def _undo(self, history: History) -> tuple[History, Any]:
        """Remove the last turn and put its message back in the box."""
        before, message = self._split_last_turn(history)
        return before, skip() if message is None else message

    def _empty_box(self) -> Any:
        return {"text": "", "files": []} if self.multimodal else ""

    def _with_turn(self, history: History, message: Any, reply: Any = None, answered: bool = False) -> History:
        """``history`` with the user's message (its files first, one message each, as Gradio
        shows them) and, when ``answered``, the reply."""
        files, text = (
            ([(path,) for path in message.get("files") or []], message.get("text"))
            if isinstance(message, dict)
            else ([], message)
        )
        if self.type == "tuples":
            pairs = [[file, None] for file in files]
            if text or not pairs:
                pairs.append([text, None])
            if answered:
                pairs[-1][1] = reply
            return [*history, *pairs]
        asked = [{"role": "user", "content": content} for content in [*files, *([text] if text else [])]]
        return [*history, *asked, *(_reply_messages(reply) if answered else [])]

    def _split_last_turn(self, history: History) -> tuple[History, Any]:
        """The history before the last user message, and that message as the box holds it
        (None when there is none)."""
        if self.type == "tuples":
            start = len(history) - 1 if history else 0
            while start and _is_file(history[start - 1][0]) and history[start - 1][1] is None:
                start -= 1  # files sent with the message: a pair each, unanswered
            asked = [pair[0] for pair in history[start:]]
        else:
            end = len(history)
            while end and history[end - 1]["role"] != "user":
                end -= 1
            start = end
            while start and history[start - 1]["role"] == "user":
                start -= 1
            asked = [message["content"] for message in history[start:end]]
        if not asked:
            return history, None
        files = [item[0] for item in asked if _is_file(item)]
        text = "".join(item for item in asked if isinstance(item, str))
        return history[:start], {"text": text, "files": files} if self.multimodal else text

    # --- calling fn ----------------------------------------------------------------------------

    def _chat_function(self) -> Callable[..., Any]:
        """``fn`` wrapped to answer a turn, keeping its signature (the API page names its
        parameters, and gr.Request or gr.Progress parameters are still filled), as a generator
        of the same kind: async for an async ``fn``, so that it runs where the transport runs
        coroutines."""
        fn = self.fn

        def turns(message: Any, history: History, *args: Any) -> Iterator[tuple[Any, ...]]:
            if message is not None:
                for result in _results(fn(message, list(history), *args)):
                    yield self._turn(message, history, result)

        async def turns_async(message: Any, history: History, *args: Any) -> AsyncIterator[tuple[Any, ...]]:
            if message is not None:
                async for result in _results_async(fn(message, list(history), *args)):
                    yield self._turn(message, history, result)

        if inspect.iscoroutinefunction(fn) or inspect.isasyncgenfunction(fn):
            return functools.wraps(fn)(turns_async)
        return functools.wraps(fn)(turns)

    def _turn(self, message: Any, history: History, result: Any) -> tuple[Any, ...]:
        """What one result of ``fn`` shows: the reply, the history with it, and, with
        ``additional_outputs``, the values ``fn`` returned after the reply."""
        reply, *extras = result if self.additional_outputs else (result,)
        return reply, self._with_turn(history, message, reply, answered=True), *extras

    def _first_turn(self) -> Callable[..., Any]:
        """A cached example's function: its message answered in an empty chat, as the chat shows it."""
        chat = self.chat
        if inspect.isasyncgenfunction(chat):

            async def first_turn_async(message: Any, *args: Any) -> AsyncIterator[History]:
                async for _, history, *_extras in chat(message, [], *args):
                    yield history

            return first_turn_async

        def first_turn(message: Any, *args: Any) -> Iterator[History]:
            for _, history, *_extras in chat(message, [], *args):
                yield history

        return first_turn


def _results(result: Any) -> Iterator[Any]:
    """Each reply of a sync ``fn``: the one it returned, or each it yields."""
    if inspect.isgenerator(result):
        yield from result
    else:
        yield result


async def _results_async(result: Any) -> AsyncIterator[Any]:
    if inspect.isasyncgen(result):
        async for reply in result:
            yield reply
    else:
        yield await result


def _reply_messages(reply: Any) -> list[Any]:
    """What ``fn`` returned as assistant messages: text, a message dict or gr.ChatMessage, a
    file (a path tuple, FileData, or a component holding one), or a list of those."""
    if reply is None:
        return []
    if isinstance(reply, list):
        return [message for item in reply for message in _reply_messages(item)]
    if isinstance(reply, Component):
        reply = reply.value
    if isinstance(reply, dict) and "content" in reply:
        return [{**reply, "role": "assistant"}]
    if hasattr(reply, "content") and hasattr(reply, "role"):  # gr.ChatMessage
        return [reply]
    return [{"role": "assistant", "content": reply}]


def _is_file(content: Any) -> bool:
    return isinstance(content, tuple)


def _as_list(given: str | Component | list[str | Component]) -> list[str | Component]:
    return list(given) if isinstance(given, (list, tuple)) else [given]


def _placed(component: Any) -> Any:
    """A component given by the user, moved to where the interface lays it out."""
    component.unrender()
    component.render()
    return component


def _button(given: str | bool | Button | None, name: str, **options: Any) -> Button | None:
    """Gradio 4.34's button argument: a label, a Button, or None/False for none (True: the default label)."""
    if given is None or given is False:
        return None
    if isinstance(given, Button):
        return _placed(given)
    return Button(_LABELS[name] if given is True else given, **options)


def _warn_unsupported(**asked: Any) -> None:
    """Keywords of current Gradio's ChatInterface with nothing here behind them yet."""
    for name, value in asked.items():
        if value:
            warnings.warn(f"ChatInterface: {name} is accepted but not supported by nbblocks yet; it is ignored.", stacklevel=3)


def _warn_removed(**given: Any) -> None:
    """Gradio 5 refuses retry_btn, undo_btn and clear_btn; nbblocks draws them as Gradio 4.34
    did, and says once per process that code passing them runs only on Gradio 4."""
    for name, value in given.items():
        if not isinstance(value, _Default) and name not in _warned:
            _warned.add(name)
            warnings.warn(
                f"ChatInterface: {name} is Gradio 4's and was removed in Gradio 5 (its Chatbot has the "
                "button built in); nbblocks draws it as Gradio 4.34 did.",
                UserWarning,
                stacklevel=3,
            )


def _accordion(given: str | Accordion | None) -> Accordion:
    if isinstance(given, Accordion):
        return _placed(given)
    if given is None or isinstance(given, str):
        return Accordion(given or "Additional Inputs", open=False)
    raise ValueError(f"The `additional_inputs_accordion` parameter must be a string or gr.Accordion, not {type(given)}")
