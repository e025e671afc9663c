"""Running one listener: inputs → preprocess → fn → return conventions → postprocess → props.

Pure functions of a `Dependency` and a mapping of current values; the session (`sessions.py`)
applies what comes out and turns it into protocol messages. Nothing here knows a transport.
"""

from __future__ import annotations

import inspect
import re
import threading
import typing
import warnings
from collections.abc import Callable, Coroutine, Generator, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .block import Block
from .events import (
    CopyData,
    DeletedFileData,
    Dependency,
    EditData,
    EventData,
    KeyUpData,
    LikeData,
    RetryData,
    SelectData,
    UndoData,
)
from .exceptions import refuse_invalid
from .notices import Reporter, reporting
from .oauth import OAuthProfile, OAuthToken
from .progress import Progress, track_tqdm
from .request import Header, Request
from .updates import is_update

if TYPE_CHECKING:
    import asyncio

#: maps a block to the one whose props convert its values (a session's own view of it)
View = Callable[[Block], Block]
FunctionKind = Literal["none", "sync", "async", "generator", "async_generator"]
#: parameter annotations the engine fills in itself instead of with an input's value
_SPECIAL_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (EventData, SelectData, KeyUpData, LikeData, DeletedFileData, RetryData, UndoData, EditData, CopyData, Request, Header)
}
#: Hugging Face sign-in types: a parameter annotated with one (or with it "| None") gets None
_OAUTH_TYPES: dict[str, type] = {cls.__name__: cls for cls in (OAuthProfile, OAuthToken)}


@dataclass(frozen=True)
class FunctionSpec:
    """What the engine needs to know about a user function, computed once at registration."""

    name: str
    kind: FunctionKind
    #: (position, class, default) of parameters the engine fills: event payload, `Request`, `Progress`
    special: tuple[tuple[int, type, Any], ...] = ()


def analyze(fn: Callable[..., Any] | None) -> FunctionSpec:
    if fn is None:
        return FunctionSpec("None", "none")
    if inspect.isasyncgenfunction(fn):
        kind: FunctionKind = "async_generator"
    elif inspect.isgeneratorfunction(fn):
        kind = "generator"
    elif inspect.iscoroutinefunction(fn) or inspect.iscoroutinefunction(getattr(fn, "__call__", None)):  # noqa: B004 (an object whose __call__ is async)
        kind = "async"
    else:
        kind = "sync"
    return FunctionSpec(getattr(fn, "__name__", type(fn).__name__), kind, _special_params(fn))


def special_positions(fn: Callable[..., Any]) -> set[int]:
    """Where in ``fn``'s parameters the engine puts a gr.Request, gr.Progress or event data."""
    return {position for position, _, _ in _special_params(fn)}


def _special_params(fn: Callable[..., Any]) -> tuple[tuple[int, type, Any], ...]:
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):  # builtins without a signature
        return ()
    found: list[tuple[int, type, Any]] = []
    for position, param in enumerate(params):
        annotation = param.annotation
        oauth = _oauth_type(annotation)
        if oauth is not None:
            found.append((position, oauth, None))
            continue
        if isinstance(annotation, str):  # `from __future__ import annotations` in user code
            annotation = _SPECIAL_TYPES.get(annotation.rsplit(".", 1)[-1])
        if isinstance(param.default, Progress):
            found.append((position, Progress, param.default))
        elif annotation is Header:  # the header named by the parameter, its underscores as dashes
            found.append((position, Header, param.name.replace("_", "-")))
        elif isinstance(annotation, type) and issubclass(annotation, (EventData, Request)):
            found.append((position, annotation, None))
    return tuple(found)


def _oauth_type(annotation: Any) -> type | None:
    """OAuthProfile or OAuthToken if ``annotation`` names one: alone, in a union (Gradio's
    demos write ``gr.OAuthProfile | None``), or as the text of either."""
    if isinstance(annotation, str):
        named = re.search(r"\bOAuth(?:Profile|Token)\b", annotation)
        return _OAUTH_TYPES[named.group(0)] if named else None
    for candidate in (annotation, *typing.get_args(annotation)):
        if candidate in (OAuthProfile, OAuthToken):
            return candidate
    return None


# --- inputs ----------------------------------------------------------------------------------


def _same(block: Block) -> Block:
    return block


@dataclass
class Invocation:
    """One run's circumstances: the session's values, what fired, for whom, and how to run
    coroutines (the transport decides: a server's loop, or a background loop in a notebook)."""

    values: Mapping[int, Any]
    target: Block | None = None
    data: Any = None
    request: Request | None = None
    #: the block whose props convert a value: a session's own view after its updates
    view: View = _same
    run_coroutine: Callable[[Coroutine[Any, Any, Any]], Any] | None = None
    #: where gr.Info/gr.Warning/gr.Progress of this run report (the session's, for its event)
    reporter: Reporter | None = None
    #: whether the run was cancelled: an async function awaiting then is cancelled too
    cancelled: Callable[[], bool] = lambda: False


def gather_arguments(dep: Dependency, invocation: Invocation) -> list[Any]:
    """The positional arguments of ``dep.fn`` for the current values of its inputs. A
    gr.Warning a component gives while converting (a recording kept as it is) reaches the page
    as one from the function would: the run's reporter is current meanwhile."""
    values, view = invocation.values, invocation.view
    if dep.options.preprocess:
        token = reporting.set(invocation.reporter)
        try:
            args = [_preprocess(view(block), values.get(block._id)) for block in dep.inputs]
        finally:
            reporting.reset(token)
    else:
        args = [values.get(block._id) for block in dep.inputs]
    if dep.inputs_as_dict:
        args = [dict(zip(dep.inputs, args))]
    for position, cls, default in dep.spec.special:
        args.insert(position, _special_argument(cls, default, invocation))
    return args


def _special_argument(cls: type, default: Any, invocation: Invocation) -> Any:
    if cls is Request:
        return invocation.request
    if cls is Header:
        request = invocation.request
        return None if request is None else request.headers.get(default)
    if cls in (OAuthProfile, OAuthToken):
        return None  # sign-in with Hugging Face happens on Spaces only: nobody is signed in here
    if cls is Progress:
        if default.track_tqdm:
            track_tqdm()
        return default.bound(invocation.reporter)
    return cls(invocation.target, invocation.data)


def _preprocess(block: Block, payload: Any) -> Any:
    preprocess = getattr(block, "preprocess", None)
    return payload if preprocess is None else preprocess(payload)


# --- calling ---------------------------------------------------------------------------------


def call(dep: Dependency, args: list[Any], invocation: Invocation) -> Iterator[Any]:
    """Each result of the function: one for a plain function, one per yield for a generator.

    gr.Info/gr.Warning/gr.Progress inside the function find this run's reporter: it is current
    in this thread while the function runs, and carried into coroutines run on another loop."""
    fn, kind = dep.fn, dep.spec.kind
    if fn is None:
        return
    reporter = invocation.reporter
    run_coroutine = invocation.run_coroutine or run_in_background_loop

    def awaited(awaitable: Any) -> Any:
        return run_coroutine(_as_this_run(awaitable, reporter, invocation.cancelled))

    token = reporting.set(reporter)
    try:
        if kind == "sync":
            yield fn(*args)
        elif kind == "generator":
            yield from fn(*args)  # closing this closes the user's generator too
        elif kind == "async":
            yield awaited(fn(*args))
        else:
            agen = fn(*args)
            try:
                while True:
                    try:
                        item = awaited(agen.__anext__())
                    except StopAsyncIteration:
                        return
                    yield item
            finally:
                awaited(agen.aclose())
    finally:
        reporting.reset(token)


class RunCancelled(Exception):
    """The run was cancelled while its async function awaited, and the function with it."""


#: how often an awaiting async function looks whether its run was cancelled (seconds)
CANCEL_CHECK_SECONDS = 0.05


async def _as_this_run(awaitable: Any, reporter: Reporter | None, cancelled: Callable[[], bool]) -> Any:
    """Await ``awaitable`` for one run: gr.Info/gr.Warning/gr.Progress inside it report to the
    run, and cancelling the run cancels it where it awaits, as Gradio cancels an async function's
    task: its ``finally`` runs and the worker waiting for it is free (a sync function cannot be
    stopped midway; its result is dropped when it returns)."""
    import asyncio

    reporting.set(reporter)  # a task runs in a copy of the context: this stays inside it
    task = asyncio.ensure_future(awaitable)
    while not task.done():
        await asyncio.wait({task}, timeout=CANCEL_CHECK_SECONDS)
        if not task.done() and cancelled():
            task.cancel()
            await asyncio.wait({task})  # its finally (and any await in it) runs first
            raise RunCancelled()
    return task.result()


_loop: asyncio.AbstractEventLoop | None = None
_loop_lock = threading.Lock()


def run_in_background_loop(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine to completion from synchronous code, even inside a running loop (a
    notebook kernel's): on one background loop shared by all async user functions."""
    import asyncio  # lazily: it costs a third of `import nbblocks`, and most apps never need it

    global _loop
    with _loop_lock:
        if _loop is None:
            _loop = asyncio.new_event_loop()
            threading.Thread(target=_loop.run_forever, name="nbblocks-async", daemon=True).start()
    return asyncio.run_coroutine_threadsafe(coroutine, _loop).result()


# --- outputs ---------------------------------------------------------------------------------


def assign_outputs(dep: Dependency, result: Any) -> list[tuple[Block, Any]]:
    """Pair a function's return value with the outputs, by Gradio's conventions: one value for
    one output, a tuple/list for several, or a dict keyed by output components."""
    outputs = dep.outputs
    if not outputs:
        return []
    if type(result) is dict and result:
        keyed = _keyed_by_blocks(dep, result)
        if keyed is not None:
            return keyed
    if len(outputs) == 1:
        return [(outputs[0], result)]
    if not isinstance(result, (tuple, list)):
        raise ValueError(
            f"An event handler ({dep.spec.name}) didn't receive enough output values "
            f"(needed: {len(outputs)}, received: 1).\nWanted outputs: {outputs}\nReceived outputs: [{result!r}]"
        )
    if len(result) < len(outputs):
        raise ValueError(
            f"An event handler ({dep.spec.name}) didn't receive enough output values "
            f"(needed: {len(outputs)}, received: {len(result)}).\nWanted outputs: {outputs}\n"
            f"Received outputs: {list(result)!r}"
        )
    if len(result) > len(outputs):
        warnings.warn(
            f"An event handler ({dep.spec.name}) returned too many output values (needed: "
            f"{len(outputs)}, returned: {len(result)}). Ignoring extra values.",
            stacklevel=2,
        )
    return list(zip(outputs, result))


def _keyed_by_blocks(dep: Dependency, result: dict[Any, Any]) -> list[tuple[Block, Any]] | None:
    are_blocks = [isinstance(key, Block) for key in result]
    if not any(are_blocks):
        return None  # a plain dict value (for a JSON output, say)
    if not all(are_blocks):
        raise ValueError(
            "Returned dictionary included some keys as Components. Either all keys must be Components "
            "to assign Component values, or return a List of values to assign output values in order."
        )
    for block in result:
        if block not in dep.outputs:
            raise ValueError(f"Returned component {block} not specified as output of function.")
    return [(block, result[block]) for block in dep.outputs if block in result]


def to_props(block: Block, value: Any, postprocess: bool = True) -> dict[str, Any]:
    """The props an output gets from one returned value: a plain value sets ``value``; a
    `gr.update(...)` or a component instance (``gr.Textbox(visible=False)``) sets props."""
    if isinstance(value, Block):
        given = value.explicit_args()
        props = {k: v for k, v in given.items() if k == "value" or k in block.prop_names()}
        return _update_props(block, props, postprocess)
    if is_update(value):
        # as Gradio: a prop given as None is left as it is (gr.update(label=None)), but not the value
        props = {k: v for k, v in value.items() if k != "__type__" and (v is not None or k == "value")}
        unknown = [k for k in props if k != "value" and k not in block.prop_names()]
        if unknown:
            raise ValueError(f"gr.update() got props that {type(block).__name__} does not have: {unknown}")
        return _update_props(block, props, postprocess)
    returned = getattr(block, "returned_props", None)
    return returned(value) if postprocess and returned is not None else {"value": value}


def _update_props(block: Block, props: dict[str, Any], postprocess: bool) -> dict[str, Any]:
    """The props of an update, the value converted by the block as the update leaves it (as
    Gradio builds the updated block first): ``gr.Number(value=3.14159, precision=2)`` gives 3.14,
    ``gr.update(multiselect=True, value="a")`` gives ["a"]."""
    result = {name: block.normalize_prop(name, prop) for name, prop in props.items() if name != "value"}
    if "value" in props:
        updated = block.with_props(result) if result else block
        result["value"] = _postprocess(updated, props["value"]) if postprocess else props["value"]
    return result


def _postprocess(block: Block, value: Any) -> Any:
    postprocess = getattr(block, "postprocess", None)
    return value if postprocess is None else postprocess(value)


def run(dep: Dependency, invocation: Invocation) -> Generator[list[tuple[Block, dict[str, Any]]], None, None]:
    """Run ``dep`` once; yield the props to apply to its outputs after each result."""
    view = invocation.view
    args = gather_arguments(dep, invocation)
    if dep.options.validator is not None:
        refuse_invalid(dep.options.validator(*args))
    for result in call(dep, args, invocation):
        yield [
            (block, to_props(view(block), value, dep.options.postprocess))
            for block, value in assign_outputs(dep, result)
        ]


def run_batch(dep: Dependency, invocations: list[Invocation]) -> list[list[tuple[Block, dict[str, Any]]]]:
    """One call of a ``batch=True`` function for several runs: each parameter gets the list of
    that input's values, and the function returns one list per output, split back per run."""
    rows = [
        [_preprocess(i.view(b), i.values.get(b._id)) if dep.options.preprocess else i.values.get(b._id) for b in dep.inputs]
        for i in invocations
    ]
    columns = [list(column) for column in zip(*rows)] if rows and dep.inputs else [[] for _ in dep.inputs]
    (result,) = list(call(dep, columns, invocations[0]))
    outputs = dep.outputs
    if len(outputs) == 1 and not isinstance(result, tuple):
        result = (result,)
    if not isinstance(result, (tuple, list)) or len(result) != len(outputs):
        raise ValueError(f"A batch function ({dep.spec.name}) must return a tuple of {len(outputs)} list(s), one per output.")
    for column in result:
        if len(column) != len(invocations):
            raise ValueError(
                f"A batch function ({dep.spec.name}) returned {len(column)} values for an output, "
                f"for a batch of {len(invocations)}."
            )
    return [
        [(block, to_props(i.view(block), column[row], dep.options.postprocess)) for block, column in zip(outputs, result)]
        for row, i in enumerate(invocations)
    ]
