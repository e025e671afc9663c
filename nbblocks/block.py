"""The block tree: `Block` (a node with props as traitlets) and `BlockContext` (a node with children).

`with gr.Row():` pushes a context; every block created inside it is appended to that context's
children. The innermost enclosing `Blocks` is the app that collects listeners. Props are traits
tagged ``prop=True``: those are what the front end renders, and what a transport observes so that
``out.label = "Result"`` in a notebook updates the page.

A block class is the one place that declares its props (traits tagged ``prop=True``) and its
events (``click = EventListener()``). The front end declares what it draws and fires next to each
factory (`ComponentSpec` in js/src/block.ts); tests/components/test_declarations.py fails when a
prop is neither drawn nor tagged ``not_drawn="why"`` (`undrawn` for an inherited one), when an
event is never fired and not declared ``EventListener(not_fired="why")``, and when a block has no
front end and no `Block.NOT_DRAWN`. Adding a component: its class in a module of
`nbblocks.components` (listed in that module's ``__all__``), and its module in js/src/components/.
"""

from __future__ import annotations

import copy
import functools
import inspect
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from traitlets import Bool, Enum, HasTraits, List, TraitType, Unicode, Union

if TYPE_CHECKING:
    from .blocks import Blocks
    from .notebook.widget import BlocksWidget

_next_id = itertools.count(1).__next__
_Trait = TypeVar("_Trait", bound=TraitType[Any, Any])


class _WithStack:
    """The ``with`` stack: the open contexts and apps. Shared by all threads of the process, as
    in Gradio, except where a render builds (`nbblocks.renderable`): that code has a stack of its
    own (`apart`), so it never mixes with a ``with`` open elsewhere at the time (a notebook cell
    building another app while a session renders, or another session's render)."""

    def __init__(self) -> None:
        self._shared: tuple[list[BlockContext], list[Blocks]] = ([], [])
        self._own: ContextVar[tuple[list[BlockContext], list[Blocks]] | None] = ContextVar("nbblocks_with", default=None)

    def _stacks(self) -> tuple[list[BlockContext], list[Blocks]]:
        return self._own.get() or self._shared

    @property
    def parents(self) -> list[BlockContext]:
        return self._stacks()[0]

    @property
    def apps(self) -> list[Blocks]:
        return self._stacks()[1]

    @contextmanager
    def apart(self, app: Blocks, parent: BlockContext) -> Iterator[None]:
        """Within it, in this thread (or this task), ``app`` and ``parent`` are the only open app
        and context, whatever the rest of the process has open."""
        token = self._own.set(([parent], [app]))
        try:
            yield
        finally:
            self._own.reset(token)


_Context = _WithStack()


def current_parent() -> BlockContext | None:
    return _Context.parents[-1] if _Context.parents else None


def current_app() -> Blocks | None:
    return _Context.apps[-1] if _Context.apps else None


_tree_changes = itertools.count(1).__next__
_tree_version = 0


def tree_version() -> int:
    """A number that changes whenever a block joins or leaves a parent in any tree: an app keeps
    its index of blocks (`Blocks.components`) while it stays the same."""
    return _tree_version


def tree_changed() -> None:
    global _tree_version
    _tree_version = _tree_changes()  # a fresh number even when two threads race here


class ClassList(List):
    """``elem_classes``: a list of class names; one name alone is accepted, as in Gradio."""

    def __init__(self) -> None:
        super().__init__(Unicode())

    def validate(self, obj: Any, value: Any) -> Any:
        return super().validate(obj, [value] if isinstance(value, str) else [] if value is None else value)


class Visibility(Union):
    """``visible``: True, False, or Gradio 6's "hidden" (not shown, yet kept on the page, so
    its value and events still work; here a hidden block is always kept so)."""

    def __init__(self) -> None:
        super().__init__([Bool(), Enum(["hidden"])], default_value=True)


class Block(HasTraits):
    """A node of the tree. Subclasses declare their props as traits tagged ``prop=True``."""

    visible = Visibility().tag(prop=True)
    elem_id = Unicode(None, allow_none=True).tag(prop=True)
    elem_classes = ClassList().tag(prop=True)

    #: Events this block can fire: the names of its `EventListener`s (``click = EventListener()``)
    EVENTS: ClassVar[tuple[str, ...]] = ()
    #: why this block never reaches the front end (`gr.State`), or None: it is drawn
    NOT_DRAWN: ClassVar[str | None] = None
    #: a streamed value that only grows a text is sent as the text added (`nbblocks.edits`):
    #: only for display blocks, whose value the user cannot change under a stream
    TEXT_APPENDS: ClassVar[bool] = False
    #: `prop_names`' cache, set on each class by its first call
    _prop_names: ClassVar[tuple[str, ...]]
    #: the constructor's explicit arguments, recorded by the outermost ``__init__``
    _explicit_args: dict[str, Any] | None = None
    #: the notebook widget showing this block, once displayed (`nbblocks.notebook.widget_for`)
    _widget: BlocksWidget | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__init__" in cls.__dict__:
            cls.__init__ = _recording_explicit_args(cls.__dict__["__init__"])  # type: ignore[method-assign]
        from .events import EventListener

        declared = (name for klass in reversed(cls.__mro__) for name, attr in vars(klass).items() if isinstance(attr, EventListener))
        cls.EVENTS = tuple(dict.fromkeys(declared))  # in the order declared, a base class's first

    def __init__(
        self,
        *,
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: Any = None,
        preserved_by_key: list[str] | str | None = "value",
        **props: Any,
    ) -> None:
        unknown = [name for name in props if name not in self.prop_names()]
        if unknown:
            raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {unknown[0]!r}")
        self._id: int = _next_id()
        self.parent: BlockContext | None = None
        self.key = key
        if preserved_by_key not in (None, "value", ["value"]):
            # a re-render keeps a keyed component's value, Gradio's default: nothing else is kept
            from .accepted import warn_unused

            warn_unused(type(self).__name__, preserved_by_key=preserved_by_key)
        super().__init__(visible=visible, elem_id=elem_id, elem_classes=elem_classes or [], **props)
        if render:
            self.render()

    @classmethod
    def prop_names(cls) -> tuple[str, ...]:
        """Names of the traits the front end renders (cached per class: traits are only
        complete once the class is built, so this can't run in __init_subclass__)."""
        names = cls.__dict__.get("_prop_names")
        if names is None:
            names = tuple(name for name, t in cls.class_traits().items() if t.metadata.get("prop"))
            cls._prop_names = names
        return names

    @property
    def type_name(self) -> str:
        """The node type the front end knows this block by."""
        return type(self).__name__.lower()

    def render(self) -> Block:
        """Add this block to the innermost open context (no-op outside any)."""
        parent = current_parent()
        if parent is not None and self.parent is None:
            parent.add_child(self)
        return self

    def unrender(self) -> Block:
        """Remove this block from its parent."""
        if self.parent is not None:
            self.parent.children.remove(self)
            self.parent = None
            tree_changed()
        return self

    def props(self) -> dict[str, Any]:
        """The current props as the front end receives them."""
        return {name: getattr(self, name) for name in self.prop_names()}

    def normalize_prop(self, name: str, value: Any) -> Any:
        """Validate a prop value from an update the way setting the trait would, without setting it."""
        trait = self.traits().get(name)
        if trait is None or not trait.metadata.get("prop"):
            raise ValueError(f"{type(self).__name__} has no prop {name!r}")
        return trait._validate(self, value)

    def event_data(self, data: Any, value: Any) -> Any:
        """The payload of an event this block fired, as its listener's `gr.EventData` reads it,
        given the session's ``value`` of the block: the page's payload unless the block's Python
        value is shaped otherwise (a tuples Chatbot names a message by ``[pair, side]``)."""
        return data

    def with_props(self, props: dict[str, Any]) -> Block:
        """A detached copy with some props replaced: a session whose ``gr.update(choices=...)``
        changed a prop converts values with its own props, never touching the shared block.
        The copy has no observers (setting nothing notifies a transport) and is not in the tree."""
        view = object.__new__(type(self))
        view.__dict__.update(self.__dict__)
        view._trait_values = {**self._trait_values, **props}
        view._trait_notifiers = {}
        return view

    def explicit_args(self) -> dict[str, Any]:
        """The constructor arguments that were passed explicitly: what a component instance
        returned from a function updates (``return gr.Textbox(visible=False)``)."""
        return dict(self._explicit_args or {})

    def __repr__(self) -> str:
        label = getattr(self, "label", None)
        return f"{type(self).__name__}(id={self._id}{f', label={label!r}' if label else ''})"

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
        from .notebook import mimebundle_for

        return mimebundle_for(self)

    def _display_(self) -> BlocksWidget:
        """What marimo shows for a block that is a cell's last expression: its widget, which
        marimo draws as it draws any anywidget (see `nbblocks.notebook`)."""
        from .notebook import widget_for

        return widget_for(self)


def undrawn(trait: _Trait, reason: str) -> _Trait:
    """An inherited prop, re-declared in a subclass as accepted but not drawn there, for ``reason``
    (``label = undrawn(Component.label, "...")``); a class's own prop takes ``not_drawn=`` in
    its tag instead. A copy, so the base class's trait keeps its own metadata."""
    twin = copy.copy(trait)
    twin.metadata = {**trait.metadata, "not_drawn": reason}
    return twin


def _recording_explicit_args(init: Callable[..., None]) -> Callable[..., None]:
    signature = inspect.signature(init)

    @functools.wraps(init)
    def wrapper(self: Block, *args: Any, **kwargs: Any) -> None:
        if self._explicit_args is None:  # the outermost __init__ records
            bound = signature.bind(self, *args, **kwargs).arguments
            bound.pop(next(iter(bound)))  # self
            extra = bound.pop("kwargs", None) or bound.pop("props", None) or {}
            bound.update(extra)
            bound.pop("render", None)
            self._explicit_args = bound
        init(self, *args, **kwargs)

    return wrapper


class BlockContext(Block):
    """A block with children: used as ``with ctx:``."""

    def __init__(self, **kwargs: Any) -> None:
        self.children: list[Block] = []
        super().__init__(**kwargs)

    def add_child(self, child: Block) -> None:
        child.parent = self
        self.children.append(child)
        tree_changed()

    def __enter__(self) -> BlockContext:
        _Context.parents.append(self)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        _Context.parents.pop()

    def walk(self) -> list[Block]:
        """Every block below this one, depth first."""
        found: list[Block] = []
        stack = list(reversed(self.children))
        while stack:
            block = stack.pop()
            found.append(block)
            if isinstance(block, BlockContext):
                stack.extend(reversed(block.children))
        return found

