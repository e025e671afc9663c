"""Listeners: ``btn.click(fn, inputs, outputs, ...)`` registers a `Dependency` on the open app.

Every listener argument of Gradio's API is accepted and recorded in `ListenerOptions`; the engine
(`engine.py`) and the queue read them from there. Event payloads reach functions through
`EventData` parameters (``def f(evt: gr.SelectData)``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import MethodType, SimpleNamespace
from typing import TYPE_CHECKING, Any, Literal, overload

from .accepted import warn_unused
from .block import Block, current_app
from .protocol import FileData

if TYPE_CHECKING:
    from .blocks import Blocks
    from .engine import FunctionSpec

ShowProgress = Literal["full", "minimal", "hidden"]
TriggerMode = Literal["once", "multiple", "always_last"]
ApiVisibility = Literal["public", "private", "undocumented"]
_SHOW_PROGRESS = ("full", "minimal", "hidden")
_TRIGGER_MODES = ("once", "multiple", "always_last")


@dataclass(frozen=True)
class ListenerOptions:
    """The keyword arguments of a listener, validated once (Gradio's names and defaults)."""

    api_name: str | None | Literal[False] = None
    scroll_to_output: bool = False
    show_progress: ShowProgress = "full"
    queue: bool | None = True
    batch: bool = False
    max_batch_size: int = 4
    preprocess: bool = True
    postprocess: bool = True
    cancels: tuple[Dependency, ...] = ()
    every: float | None = None
    trigger_mode: TriggerMode = "once"
    js: str | None = None
    concurrency_limit: int | None | Literal["default"] = "default"
    concurrency_id: str | None = None
    show_api: bool = True
    #: Gradio 6: called with the function's arguments before it; a ``gr.validate(False, ...)``
    #: among its returns stops the event with that message
    validator: Callable[..., Any] | None = None

    def __post_init__(self) -> None:
        if self.show_progress not in _SHOW_PROGRESS:
            raise ValueError(f"show_progress must be one of {_SHOW_PROGRESS}, not {self.show_progress!r}")
        if self.trigger_mode not in _TRIGGER_MODES:
            raise ValueError(f"trigger_mode must be one of {_TRIGGER_MODES}, not {self.trigger_mode!r}")
        if self.every is not None and self.every <= 0:
            raise ValueError("Parameter every must be positive or None")
        limit = self.concurrency_limit
        if limit != "default" and limit is not None and (not isinstance(limit, int) or limit < 1):
            raise ValueError(f"concurrency_limit must be a positive int, None or 'default', not {limit!r}")
        if self.max_batch_size < 1:
            raise ValueError("max_batch_size must be at least 1")


class EventListener:
    """An event of a block class, declared in its body (``click = EventListener()``). On an
    instance it is the listener method, ``btn.click(fn, inputs, outputs, ...)`` with Gradio's
    signature. Declared rather than generated from a list, so type checkers and editors see
    every event a block has; `Block.EVENTS` is collected from these."""

    name: str
    _method: Callable[..., Any] | None = None

    def __init__(self, *, not_fired: str | None = None, show_progress: ShowProgress = "full") -> None:
        #: why no front end fires this event although Gradio declares it, or None: it is fired
        #: (tests/components/test_declarations.py holds each block to this)
        self.not_fired = not_fired
        #: the listener method's default ``show_progress`` (a Timer's ``tick``: "hidden", as in Gradio)
        self.show_progress = show_progress

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> EventListener: ...
    @overload
    def __get__(self, instance: object, owner: type) -> Callable[..., Any]: ...
    def __get__(self, instance: object | None, owner: type) -> EventListener | Callable[..., Any]:
        if instance is None:
            return self
        if self._method is None:  # made on first use: `_make_listener` is defined below
            self._method = _make_listener(self.name, self.show_progress)
        return MethodType(self._method, instance)


@dataclass(eq=False)
class Dependency:
    """One listener: what triggers it, the function, its inputs and outputs, its options.

    Returned by every listener method so that ``.then()``/``.success()`` chain after it and
    ``cancels=[dep]`` can name it.
    """

    app: Blocks
    id: int
    targets: list[tuple[int, str]]
    fn: Callable[..., Any] | None
    inputs: list[Block]
    outputs: list[Block]
    inputs_as_dict: bool
    options: ListenerOptions
    #: what the engine read of ``fn``'s signature once, at registration
    spec: FunctionSpec = field(repr=False)
    trigger_after: int | None = None
    trigger_only_on_success: bool = False
    trigger_only_on_failure: bool = False
    #: the path of the app's page it was made on (`nbblocks.pages`): a ``load`` runs there
    page: str = ""

    #: listener methods with every argument of one, run after this listener finishes
    then = EventListener()
    success = EventListener()
    failure = EventListener()


#: Gradio 5/6 listener keywords with no effect here (`nbblocks.accepted`)
_UNUSED_OPTIONS = ("api_description", "show_progress_on", "time_limit", "stream_every", "key")


def listener_options(event: str, has_fn: bool, **given: Any) -> ListenerOptions:
    """Options from a listener call, read as Gradio reads them: ``trigger_mode`` None is the
    event's default; ``show_progress`` True/False (Gradio 3's form) are "full"/"hidden"; an
    ``every`` listener needs a function, can't batch, and has no concurrency limit (its repeats
    would otherwise take turns with every other session's under the default limit of 1)."""
    given["api_name"], given["show_api"] = _visibility(
        given.get("api_name"), given.get("show_api", True), given.pop("api_visibility", None)
    )
    warn_unused(f"{event}()", **{name: given.pop(name, None) for name in _UNUSED_OPTIONS})
    if isinstance(given.get("show_progress"), bool):
        given["show_progress"] = "full" if given["show_progress"] else "hidden"
    if given.get("trigger_mode") is None:
        given["trigger_mode"] = "always_last" if event in ("change", "key_up") else "once"
    cancels = given.get("cancels")
    if cancels is None:
        given["cancels"] = ()
    elif isinstance(cancels, Dependency):
        given["cancels"] = (cancels,)
    else:
        given["cancels"] = tuple(cancels)
    every = given.get("every")
    if every is not None and every > 0:
        if not has_fn:
            raise ValueError("Cannot set a value for `every` without a `fn`.")
        if given.get("batch"):
            raise ValueError(
                f"Cannot run event in a batch and every {every} seconds. "
                "Either batch is True or every is non-zero but not both."
            )
        limit = given.get("concurrency_limit", "default")
        if limit == "default":
            given["concurrency_limit"] = None
        elif limit is not None:
            raise ValueError("Cannot set a value for `concurrency_limit` with `every`.")
    return ListenerOptions(**given)


_DOCS = {
    "then": "Run ``fn`` after this listener finishes, whether or not it failed; returns its Dependency.",
    "success": "Run ``fn`` after this listener finishes without an error; returns its Dependency.",
    "failure": "Run ``fn`` after this listener fails (raises); returns its Dependency (Gradio 5).",
}


def _make_listener(event: str, default_progress: ShowProgress = "full") -> Callable[..., Any]:
    """A listener method with Gradio's signature, for a block's event or a Dependency's
    ``then``/``success``: ``fn`` omitted makes it a decorator."""

    def listener(
        self: Block | Dependency,
        fn: Callable[..., Any] | None | Literal["decorator"] = "decorator",
        inputs: Any = None,
        outputs: Any = None,
        api_name: str | None | Literal[False] = None,
        scroll_to_output: bool = False,
        show_progress: ShowProgress | bool = default_progress,
        queue: bool | None = True,
        batch: bool = False,
        max_batch_size: int = 4,
        preprocess: bool = True,
        postprocess: bool = True,
        cancels: Dependency | Sequence[Dependency] | None = None,
        every: float | None = None,
        trigger_mode: TriggerMode | None = None,
        js: str | None = None,
        concurrency_limit: int | None | Literal["default"] = "default",
        concurrency_id: str | None = None,
        show_api: bool = True,
        api_visibility: ApiVisibility | None = None,
        api_description: str | None | Literal[False] = None,
        show_progress_on: Any = None,
        time_limit: int | None = None,
        stream_every: float | None = None,
        key: Any = None,
        validator: Callable[..., Any] | None = None,
        inputs_kwargs: dict[str, Block] | None = None,
    ) -> Any:
        options = dict(
            api_name=api_name, scroll_to_output=scroll_to_output, show_progress=show_progress,
            queue=queue, batch=batch, max_batch_size=max_batch_size, preprocess=preprocess,
            postprocess=postprocess, cancels=cancels, every=every, trigger_mode=trigger_mode, js=js,
            concurrency_limit=concurrency_limit, concurrency_id=concurrency_id, show_api=show_api,
            api_visibility=api_visibility, api_description=api_description, show_progress_on=show_progress_on,
            time_limit=time_limit, stream_every=stream_every, key=key, validator=validator, inputs_kwargs=inputs_kwargs,
        )  # fmt: skip
        if isinstance(self, Dependency):
            chain = self.app.add_dependency
            after, on_success, on_failure = self.id, event == "success", event == "failure"
            return _registering(fn, lambda f: chain([], f, inputs, outputs, options, after, on_success, on_failure))
        return on([(self, event)], fn, inputs, outputs, **options)

    listener.__name__ = listener.__qualname__ = event
    listener.__doc__ = _DOCS.get(event, f"Run ``fn`` when the {event} event fires on this block; returns its Dependency.")
    listener.event_name = event  # type: ignore[attr-defined]
    return listener


def _visibility(api_name: Any, show_api: bool, api_visibility: ApiVisibility | None) -> tuple[Any, bool]:
    """Gradio 6's ``api_visibility`` as Gradio 4's ``api_name``/``show_api``: "private" is not
    callable by name (``api_name=False``), "undocumented" callable but not listed."""
    if api_visibility is None or api_visibility == "public":
        return api_name, show_api
    if api_visibility == "private":
        return False, False
    if api_visibility == "undocumented":
        return api_name, False
    raise ValueError(f"api_visibility must be 'public', 'private' or 'undocumented', not {api_visibility!r}")


def _registering(fn: Any, register: Callable[[Callable[..., Any] | None], Dependency]) -> Any:
    """Register ``fn`` now, or, when it is "decorator" (not given), return a decorator that
    registers the function it decorates and returns it unchanged."""
    if fn != "decorator":
        return register(fn)

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        register(func)
        return func

    return decorator


def _trigger_pair(trigger: Any) -> tuple[Block, str]:
    if isinstance(trigger, tuple):
        return trigger
    block, event = getattr(trigger, "__self__", None), getattr(getattr(trigger, "__func__", None), "event_name", None)
    if not isinstance(block, Block) or event is None:
        raise TypeError(f"triggers must be listener methods such as btn.click, not {trigger!r}")
    return block, event


def on(
    triggers: Any = None,
    fn: Callable[..., Any] | None | Literal["decorator"] = "decorator",
    inputs: Any = None,
    outputs: Any = None,
    **options: Any,
) -> Any:
    """Bind one function to several triggers: ``gr.on([btn.click, txt.submit], fn, ...)``.

    ``triggers=None`` means the ``change`` event of every input, as in Gradio.
    """
    app = current_app()
    if app is None:
        raise AttributeError("Cannot add a listener outside of a gr.Blocks() context (use `with demo:`).")
    if triggers is None:
        pairs = [(block, "change") for block in block_list(inputs)[0] if "change" in block.EVENTS]
    else:
        pairs = [_trigger_pair(t) for t in (triggers if isinstance(triggers, (list, tuple)) else [triggers])]
    return _registering(fn, lambda f: app.add_dependency(pairs, f, inputs, outputs, options))


def with_keyword_inputs(fn: Callable[..., Any], inputs: Any, by_name: dict[str, Block]) -> list[Block]:
    """Gradio 6's ``inputs_kwargs`` (``fn``'s parameter name -> component) as plain inputs: the
    function's parameters in order, each the component named for it or else the next of
    ``inputs``, so the engine passes them all by position."""
    from .engine import special_positions

    positional, named = block_list(inputs)[0], dict(by_name)
    specials = special_positions(fn)
    ordered: list[Block] = []
    for position, parameter in enumerate(inspect.signature(fn).parameters.values()):
        if position in specials or parameter.kind not in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
            continue
        if parameter.name in named:
            ordered.append(named.pop(parameter.name))
        elif positional:
            ordered.append(positional.pop(0))
    if named:
        raise TypeError(f"inputs_kwargs names {sorted(named)}, which {getattr(fn, '__name__', fn)!r} takes by position nowhere")
    return ordered + positional


def block_list(blocks: Any) -> tuple[list[Block], bool]:
    """Inputs/outputs as a list, and whether they were given as a set (fn then gets a dict)."""
    if blocks is None:
        return [], False
    if isinstance(blocks, Block):
        return [blocks], False
    if isinstance(blocks, (set, frozenset)):
        return sorted(blocks, key=lambda b: b._id), True
    listed = list(blocks)
    for block in listed:
        if not isinstance(block, Block):
            raise TypeError(f"inputs and outputs must be components, not {block!r}")
    return listed, False


class EventData:
    """The payload of an event, given to a fn parameter annotated with this class."""

    def __init__(self, target: Block | None, data: Any) -> None:
        self.target = target
        self._data = data

    def __getattr__(self, name: str) -> Any:
        """A key of the payload, as Gradio gives it: ``evt.key`` for a template's
        ``trigger('keypress', {key})``."""
        data = self.__dict__.get("_data")
        if isinstance(data, dict) and name in data:
            return data[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")


class SelectData(EventData):
    """Payload of ``select``: which item (``index``), its ``value``, and ``selected``."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        data = data if isinstance(data, dict) else {}
        self.index: int | tuple[int, int] | None = data.get("index")
        self.value: Any = data.get("value")
        self.selected: bool = data.get("selected", True)


class DeletedFileData(EventData):
    """Payload of a File's ``delete``: ``file``, the file the user removed, with FileData's
    attributes (``file.path``, ``file.orig_name``...), as Gradio gives it."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        data = data if isinstance(data, dict) else {}
        # only FileData's own fields: the payload comes from the page
        self.file = SimpleNamespace(**{field: data.get(field) for field in FileData.__annotations__})


class KeyUpData(EventData):
    """Payload of ``key_up``: the ``key`` pressed and the ``input_value`` typed so far."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        data = data if isinstance(data, dict) else {}
        self.key: str | None = data.get("key")
        self.input_value: str | None = data.get("input_value")


class LikeData(EventData):
    """Payload of a Chatbot's ``like``: which message (``index``), its ``value`` (content), and
    ``liked`` (True for a thumbs up, False for a thumbs down)."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        data = data if isinstance(data, dict) else {}
        self.index: int | tuple[int, int] | None = data.get("index")
        self.value: Any = data.get("value")
        self.liked: bool = data.get("liked", True)


class RetryData(EventData):
    """Payload of a Chatbot's ``retry``: the ``index`` and ``value`` of the message to answer again."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        data = data if isinstance(data, dict) else {}
        self.index: int | tuple[int, int] | None = data.get("index")
        self.value: Any = data.get("value")


class UndoData(EventData):
    """Payload of a Chatbot's ``undo``: the ``index`` and ``value`` of the message taken back."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        data = data if isinstance(data, dict) else {}
        self.index: int | tuple[int, int] | None = data.get("index")
        self.value: Any = data.get("value")


class EditData(EventData):
    """Payload of an ``edit`` (a Dataframe's cell, a Chatbot's message): where (``index``), the
    ``previous_value`` and the new ``value``."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        data = data if isinstance(data, dict) else {}
        self.index: int | tuple[int, int] | None = data.get("index")
        self.previous_value: Any = data.get("previous_value")
        self.value: Any = data.get("value")


class CopyData(EventData):
    """Payload of a ``copy``: the ``value`` copied to the clipboard."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        self.value: Any = data.get("value") if isinstance(data, dict) else None
