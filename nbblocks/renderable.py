"""``@gr.render``: a part of the tree that each session builds for itself, again whenever its
triggers fire.

The decorator leaves a container in the app's tree where it runs (a Column, or a Row inside a
Row, as Gradio) and registers one app-level listener on its triggers: by default the app's
``load`` and the ``change`` of each input. When that listener runs for a session, the function
builds blocks and listeners inside a fresh `RenderScope`: blocks join a detached copy of the
container, listeners are registered on the scope, never on the app. The session then swaps the
scope in for the container's previous one (`Session.rerender`), and the page gets one
``rerender`` message with the container's new subtree.

A component made with the ``key`` and type of one in the previous scope takes that one's id, so
the session keeps the value it holds for it (what the user typed survives), as Gradio keeps the
props of ``preserved_by_key`` (``"value"``) and takes every other prop from the new call.
Listeners of a render are not API endpoints, and the render listener is hidden from the API
(``show_api=False``), as in Gradio.

A render builds on a ``with`` stack of its own (`block._Context.apart`): renders of several
sessions run at once, and none mixes with a ``with`` open elsewhere in the process.

What needs the rendering shown before it runs is a listener of the scope's ``load``, which the
session fires as it swaps the scope in: a rendered component's value function (``value=fn``
with ``inputs`` or ``every``, `Blocks.attach_value_functions`) and a ``@gr.render`` nested in the
function (its container is one of the scope's blocks, its rendering goes when the scope goes).
Runs of one render may overlap (``trigger_mode="multiple"``): the one started last wins.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable, Coroutine, Generator, Sequence
from typing import TYPE_CHECKING, Any, Literal

from . import engine
from .block import Block, BlockContext, _Context, _next_id, current_app, current_parent
from .blocks import Blocks
from .events import Dependency, _trigger_pair, block_list
from .layouts import Column, Row

if TYPE_CHECKING:
    from .sessions import Session

#: rendered listeners count down from -1, so they never take an app listener's index (nor its
#: concurrency group, nor an API ``fn_index``)
_rendered_dependency_ids = itertools.count(-1, -1)
#: each run's place in the order runs started: a run finishing after a later one is stale
_generations = itertools.count()


class RenderScope(Blocks):
    """What one run of a render function built for one session: the container's new children
    and the listeners defined meanwhile (registered here: `on` and ``.then`` find this as the
    current app). ``owned`` are the blocks made by this run, by id: the session forgets their
    values when a later run drops them.

    The scope's ``load`` is the moment the session shows it: the listeners on it (the value
    functions of its components, the renders nested in it, a ``demo.load`` called inside) run
    then, for that session (`Session.rerender`)."""

    def __init__(self, container: BlockContext) -> None:
        super().__init__()
        self.container = container
        self.owned: dict[int, Block] = {}
        #: the blocks of the previous run that this one dropped (`Session.just_removed`)
        self.dropped: frozenset[int] = frozenset()
        #: runs of one render overlap with ``trigger_mode="multiple"``: the latest started wins
        self.generation = next(_generations)

    def _register(self, dep: Dependency) -> Dependency:
        dep.id = next(_rendered_dependency_ids)
        return super()._register(dep)

    def _find_components(self) -> dict[int, Block]:
        found = super()._find_components()
        found.update((block._id, block) for block in self.container.walk())
        return found

    def listener_pairs(self) -> list[tuple[int, str]]:
        """The pairs the page reports: not the scope's own ``load``, which the session fires."""
        return [pair for pair in super().listener_pairs() if pair[0] != self._id]

    def keyed(self) -> dict[tuple[type, Any], Block]:
        """The blocks made with a ``key``, by (type, key)."""
        return {(type(block), block.key): block for block in self.owned.values() if block.key is not None}

    def take_ids_of(self, previous: RenderScope | None) -> set[int]:
        """Give each keyed block the id of the block of the same key and type in ``previous``
        (its listeners' targets follow); return the ids kept."""
        earlier = previous.keyed() if previous is not None else {}
        renamed: dict[int, int] = {}
        for key, block in self.keyed().items():
            match = earlier.get(key)
            if match is not None:
                renamed[block._id] = match._id
        if not renamed:
            return set()
        self.owned = {renamed.get(block_id, block_id): block for block_id, block in self.owned.items()}
        for new_id, block in self.owned.items():
            block._id = new_id
        self._listeners = {}
        self._index = None  # `components()` holds the old ids
        for dep in self.dependencies:
            dep.targets = [(renamed.get(block_id, block_id), event) for block_id, event in dep.targets]
            for pair in dep.targets:
                self._listeners.setdefault(pair, []).append(dep)
        return set(renamed.values())


class Renderable:
    """One ``@gr.render``: its container in the app's tree and the function that fills it. It is
    the render listener's ``fn``; `execution` runs it through `run`, which needs the session."""

    def __init__(self, fn: Callable[..., Any], container: BlockContext) -> None:
        self.fn = fn
        self.container = container
        self.__name__ = getattr(fn, "__name__", "render")

    def __call__(self, *args: Any) -> Any:
        raise TypeError("a render function runs for a session, through Renderable.run")

    def build(self, args: list[Any], run_coroutine: Callable[[Any], Any] | None) -> RenderScope:
        """Run the function on ``args`` inside a fresh scope; return what it built."""
        copy = type(self.container)(render=False, **self.container.explicit_args())
        copy._id = self.container._id
        copy.parent = self.container.parent  # so its blocks find the app's file cache (`cache_of`)
        scope = RenderScope(copy)
        first_id = _next_id()  # every block made from here on has a larger id
        with _Context.apart(scope, copy):
            result = self.fn(*args)
        if inspect.iscoroutine(result):  # an async render function: it builds where it runs
            (run_coroutine or engine.run_in_background_loop)(_built_apart(result, scope, copy))
        scope.attach_value_functions()
        scope.owned = {block_id: block for block_id, block in scope.components().items() if block_id >= first_id}
        return scope

    def run(self, session: Session, dep: Dependency, invocation: engine.Invocation) -> Generator[list[Any], None, None]:
        """The render listener's run for ``session``: build, then swap the result in (unless the
        run was cancelled meanwhile). Yields no output updates: the page gets a ``rerender``."""
        scope = self.build(engine.gather_arguments(dep, invocation), invocation.run_coroutine)
        if not invocation.cancelled():
            session.rerender(self.container, scope)
        yield from ()


async def _built_apart(coroutine: Coroutine[Any, Any, Any], scope: RenderScope, parent: BlockContext) -> None:
    """Await an async render function with its own ``with`` stack, in the task that runs it."""
    with _Context.apart(scope, parent):
        await coroutine


def render(
    inputs: Any = None,
    triggers: Any = None,
    *,
    queue: bool = True,
    trigger_mode: Literal["once", "multiple", "always_last"] | None = "always_last",
    concurrency_limit: int | None | Literal["default"] = None,
    concurrency_id: str | None = None,
    show_progress: Literal["full", "minimal", "hidden"] = "hidden",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a function that builds blocks and listeners: it runs for each session on page
    load and whenever a trigger fires (by default a ``change`` of any input), and what it builds
    replaces that session's previous rendering at the decorator's place in the tree.
    ``show_progress`` is its status's, as a listener's: "hidden" by default, a rendering having no
    outputs for a progress bar to cover."""
    app = current_app()
    if app is None:
        raise ValueError("Reactive render must be inside a Blocks context.")
    blocks, _ = block_list(inputs)
    pairs: list[tuple[Block, str]]
    if triggers is None:
        pairs = [(app, "load")] + [(block, "change") for block in blocks if "change" in block.EVENTS]
    else:
        listed: Sequence[Any] = triggers if isinstance(triggers, (list, tuple)) else [triggers]
        pairs = [_trigger_pair(trigger) for trigger in listed]

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        container: BlockContext = Row() if isinstance(current_parent(), Row) else Column()
        options = dict(
            show_api=False, queue=queue, trigger_mode=trigger_mode, concurrency_limit=concurrency_limit,
            concurrency_id=concurrency_id, show_progress=show_progress,
        )  # fmt: skip
        app.add_dependency(pairs, Renderable(fn, container), blocks, None, options)
        return fn

    return decorator
