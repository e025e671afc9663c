"""`Component`: a block with a value, and the preprocess/postprocess pair that converts it.

``postprocess`` turns what a user function returns into the JSON form the front end shows;
``preprocess`` turns that JSON form into what a user function receives. Both raise `gr.Error`
with a clear message for a value of the wrong kind, so the caller sees why.

As in Gradio, ``component.value`` holds the postprocessed (JSON) form: the constructor and every
assignment (``out.value = 3.14159``) run it through ``postprocess``, so ``postprocess`` must give
back what it is given when handed its own output.
"""

from __future__ import annotations

import copy
import numbers
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict

from traitlets import Any as AnyTrait
from traitlets import Bool, Float, Int, TraitType, Unicode, Union, validate

from ..accepted import warn_unused
from ..block import Block
from ..events import block_list
from ..exceptions import Error, MissingFile

if TYPE_CHECKING:
    from ..events import Dependency
    from .timer import Timer


class UnlabelledOptions(TypedDict, total=False):
    """`SharedOptions` but ``label``: for components whose ``label`` comes first, positionally
    (UploadButton, DownloadButton)."""

    info: str | None
    every: Timer | float | None
    inputs: Any
    container: bool
    scale: int | None
    visible: bool
    elem_id: str | None
    elem_classes: list[str] | str | None
    render: bool
    key: int | str | None
    preserved_by_key: list[str] | str | None


class SharedOptions(UnlabelledOptions, total=False):
    """The keyword arguments every component takes (Gradio's names; defaults on `Component`),
    less the three that some components take with a default of their own."""

    label: str | None


class ComponentOptions(SharedOptions, total=False):
    """The keyword arguments of most components: the shared ones and these three."""

    show_label: bool | None
    min_width: int | None
    interactive: bool | None


class ButtonOptions(SharedOptions, total=False):
    """A button's keyword arguments: it takes ``interactive`` and ``min_width`` itself."""

    show_label: bool | None


class HTMLOptions(SharedOptions, total=False):
    """HTML's keyword arguments: it takes ``show_label`` itself."""

    min_width: int | None
    interactive: bool | None


def number_trait(default: float | None = None, *, allow_none: bool = True) -> TraitType:
    """A prop holding an int or a float as given (traitlets' Float would turn 0 into 0.0)."""
    return Union([Int(), Float()], default_value=default, allow_none=allow_none)


def size_trait(default: int | str | None = None) -> TraitType:
    """A size prop (a height, a width): pixels when a number, any CSS length when a string; None
    leaves it to the content."""
    return Union([Int(), Unicode()], default_value=default, allow_none=True)


def warn_if_fractional(scale: float | None, stacklevel: int) -> None:
    """Gradio warns (rather than fails) on a fractional ``scale``: flex ratios need integers."""
    if scale is not None and scale != round(scale):
        warnings.warn(f"'scale' value should be an integer. Using {scale} will cause issues.", stacklevel=stacklevel + 1)


class Component(Block):
    """Shared props of every component (Gradio's names and defaults)."""

    #: set once the constructor is done: an initial value naming a missing file only warns
    _made = False

    value = AnyTrait(None).tag(prop=True)
    label = Unicode(None, allow_none=True).tag(prop=True)
    info = Unicode(None, allow_none=True).tag(prop=True)
    show_label = Bool(True, allow_none=True).tag(prop=True)
    container = Bool(True).tag(prop=True)
    scale = number_trait().tag(prop=True)
    min_width = Int(160, allow_none=True).tag(prop=True)
    interactive = Bool(None, allow_none=True).tag(prop=True)

    def __init__(
        self,
        value: Any = None,
        *,
        label: str | None = None,
        info: str | None = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int | None = 160,
        interactive: bool | None = None,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
        preserved_by_key: list[str] | str | None = "value",
        every: Timer | float | None = None,
        inputs: Any = None,
        buttons: list[Any] | None = None,
        **props: Any,
    ) -> None:
        # Gradio 6's custom buttons in a component's corner; those that read it took it already
        warn_unused(type(self).__name__, buttons=buttons)
        if not container:
            if show_label:
                warnings.warn("show_label has no effect when container is False.", stacklevel=4)
            show_label = False
        warn_if_fractional(scale, stacklevel=4)
        #: a callable ``value`` is re-run for every new session (Gradio: "evaluated at load");
        #: with ``inputs`` it needs their values, so it has no value until a listener runs it.
        #: With ``inputs`` or ``every`` the app makes it a hidden listener (`value_listener`:
        #: `Blocks.attach_value_functions`).
        self.value_fn: Callable[..., Any] | None = value if callable(value) else None
        self.every = every
        self.value_inputs: list[Block] = block_list(inputs)[0]
        self.value_listener: Dependency | None = None
        if callable(value):
            initial = None if inputs else value()
        else:
            initial = value
        super().__init__(
            value=initial, label=label, info=info, show_label=True if show_label is None else show_label,
            container=container, scale=scale, min_width=min_width, interactive=interactive,
            visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render, key=key,
            preserved_by_key=preserved_by_key, **props,
        )  # fmt: skip
        self._made = True

    @validate("value")
    def _postprocess_value(self, proposal: Any) -> Any:
        try:
            return self.postprocess(proposal["value"])
        except MissingFile as missing:
            if self._made:  # set later (a function's return, a notebook cell): the caller's error
                raise
            # an initial value: Gradio starts the app and the page shows nothing there
            warnings.warn(f"{type(self).__name__}: its value {missing.path!r} is not a file that exists; it starts empty", stacklevel=2)
            return None

    def preprocess(self, payload: Any) -> Any:
        """JSON value from the front end → what the user function receives."""
        return payload

    def postprocess(self, value: Any) -> Any:
        """What the user function returned → JSON value for the front end."""
        return value

    def returned_props(self, value: Any) -> dict[str, Any]:
        """The props a function's plain return value sets: the value, postprocessed."""
        return {"value": self.postprocess(value)}

    def api_info(self) -> dict[str, Any]:
        """The JSON schema of this component's value (its JSON form), for the client API's
        description of each endpoint; the empty schema means any JSON value."""
        return {}

    def example_value(self) -> Any:
        """A value (JSON form) to show in the API docs' examples."""
        return None

    def session_value(self) -> Any:
        """This component's value for a new session, in JSON form: a copy, so that a function
        mutating what it receives can't change what the next session starts with."""
        if self.value_fn is not None and not self.needs_value_listener():
            return self.postprocess(self.value_fn())
        return copy.deepcopy(self.value)

    def needs_value_listener(self) -> bool:
        """Whether ``value`` is a function to re-run on its ``inputs``' changes or ``every``
        interval: a listener's work, not only a new session's (`Blocks.attach_value_functions`)."""
        return self.value_fn is not None and bool(self.value_inputs or self.every is not None)


def expect(condition: bool, component: Component, message: str) -> None:
    """Refuse a value of the wrong kind with an error the user can read."""
    if not condition:
        raise Error(f"{type(component).__name__}: {message}")


def as_number(value: Any) -> int | float | None:
    """``value`` as a plain int or float when it is a real number of any kind, else None.

    NumPy's scalars (``np.int64``, ``np.float32``) and ``Fraction`` count, as they do in Gradio,
    whose orjson writes them out; they become Python's own so that the JSON sent is a number.
    A bool is not a number here: ``True`` for a Number is a mistake, not 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    return int(value) if isinstance(value, numbers.Integral) else float(value)
