"""Components that pick among choices: Checkbox, CheckboxGroup, Radio, Dropdown.

Choices are given as values or (display name, value) pairs and always travel as
``[[name, value], ...]``. ``type="index"`` hands the function positions instead of values
(None for a value that is not a choice).

As in Gradio 4, a chosen value is not checked against the choices: a listener may have given
this session new choices with ``gr.update(choices=...)``, and the component only knows the ones
it was built with. What is checked is the kind of value (one value, or a list of them).
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Bool, Enum, Int, List

from ..accepted import warn_unused
from ..events import EventListener
from ..exceptions import Error
from .base import Component, as_number, expect

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions

ChoiceValue = str | int | float
_TYPES = ("value", "index")


def normalize_choices(choices: Any) -> list[list[Any]]:
    """Gradio's forms of choices (values, or (name, value) pairs) → ``[[name, value], ...]``.

    Any iterable will do, as in Gradio: a dict gives its keys, ``df["year"].unique()`` its
    values (NumPy's numbers made plain, so that the page sends back a number, not text)."""
    if choices is None:
        return []
    if isinstance(choices, str):
        raise Error(f"choices must be a list of values or (name, value) pairs, got {choices!r}")
    normalized = []
    for choice in choices:
        if isinstance(choice, (tuple, list)):
            if len(choice) != 2:
                raise Error(f"a choice given as a pair must be (name, value), got {choice!r}")
            normalized.append([choice[0], _plain(choice[1])])
        else:
            normalized.append([str(choice), _plain(choice)])
    return normalized


def _plain(value: Any) -> Any:
    """A choice value as JSON can hold it: a NumPy number as int or float, the rest as it is."""
    number = as_number(value)
    return value if number is None else number


class _Choices(List):
    """The ``choices`` prop: any of Gradio's forms (None is none) stored as ``[[name, value], ...]``."""

    def validate(self, obj: Any, value: Any) -> Any:
        return super().validate(obj, normalize_choices(value))


def _is_choice_value(value: Any) -> bool:
    """A value one choice can hold: text, a number, or a bool (``("Yes", True)`` is a choice)."""
    return isinstance(value, (str, int, float))  # bool is an int


def _json_kind(value: Any) -> str | None:
    """The JSON schema type of one choice value (None for a kind a choice shouldn't be)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    return "number" if isinstance(value, (int, float)) else None


def _check_type(type: str) -> None:
    if type not in _TYPES:
        raise ValueError(f"Invalid value for parameter `type`: {type}. Please choose from one of: {list(_TYPES)}")


def _as_list(value: Any) -> list[Any]:
    """A returned selection as a list of plain values: None is none chosen, one value a one-item list."""
    if value is None:
        return []
    return [_plain(v) for v in value] if isinstance(value, (list, tuple, set)) else [_plain(value)]


class Checkbox(Component):
    """A single checkbox; its value is a bool."""

    change = EventListener()
    input = EventListener()
    select = EventListener()

    def __init__(self, value: bool | Any = False, **kwargs: Unpack[ComponentOptions]) -> None:
        super().__init__(value, **kwargs)

    def api_info(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def example_value(self) -> Any:
        return True

    def preprocess(self, payload: Any) -> bool | None:
        expect(payload is None or isinstance(payload, bool), self, f"expected true or false, got {payload!r}")
        return payload

    def postprocess(self, value: Any) -> bool:
        return bool(value)


class _ChoiceComponent(Component):
    """Shared choices handling for CheckboxGroup, Radio and Dropdown."""

    choices = _Choices().tag(prop=True)
    type = Enum(_TYPES, "value").tag(prop=True, not_drawn="what the function receives (value or index): preprocess")

    def postprocess(self, value: Any) -> Any:
        return _plain(value)

    def _choice_schema(self) -> dict[str, Any]:
        """One chosen value: any of the choices (a value even with ``type="index"``: indexes
        are what the function gets, not what a client sends)."""
        values = self._choice_values()
        schema: dict[str, Any] = {"enum": values} if values else {}
        kinds = {_json_kind(v) for v in values}
        if len(kinds) == 1 and None not in kinds:
            schema["type"] = kinds.pop()
        return schema

    def _first_choice(self) -> Any:
        values = self._choice_values()
        return values[0] if values else None

    def _choice_values(self) -> list[Any]:
        return [value for _, value in self.choices]

    def _chosen(self, payload: Any) -> Any:
        """One chosen JSON value → what the function gets: the value, or its index."""
        expect(_is_choice_value(payload), self, f"expected a choice (text, a number or a bool), got {payload!r}")
        if self.type == "value":
            return payload
        values = self._choice_values()
        return values.index(payload) if payload in values else None

    def _chosen_list(self, payload: Any) -> list[Any]:
        expect(isinstance(payload, list), self, f"expected a list of choices, got {payload!r}")
        return [self._chosen(item) for item in payload]


class CheckboxGroup(_ChoiceComponent):
    """Several checkboxes; its value is the list of checked choices."""

    change = EventListener()
    input = EventListener()
    select = EventListener()
    #: Gradio 5: a "Select All" box before the choices (half-checked when some are)
    show_select_all = Bool(False).tag(prop=True)

    def __init__(
        self,
        choices: list[Any] | None = None,
        *,
        value: list[ChoiceValue] | ChoiceValue | Any = None,
        type: Literal["value", "index"] = "value",
        show_select_all: bool = False,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        _check_type(type)
        super().__init__(value, choices=choices, type=type, show_select_all=show_select_all, **kwargs)

    def api_info(self) -> dict[str, Any]:
        return {"type": "array", "items": self._choice_schema()}

    def example_value(self) -> Any:
        first = self._first_choice()
        return [] if first is None else [first]

    def preprocess(self, payload: Any) -> list[Any]:
        return [] if payload is None else self._chosen_list(payload)

    def postprocess(self, value: Any) -> list[Any]:
        return _as_list(value)


class Radio(_ChoiceComponent):
    """Radio buttons; its value is the chosen choice."""

    select = EventListener()
    change = EventListener()
    input = EventListener()
    #: Gradio 5: the choices right to left
    rtl = Bool(False).tag(prop=True)

    def __init__(
        self,
        choices: list[Any] | None = None,
        *,
        value: ChoiceValue | Any = None,
        type: Literal["value", "index"] = "value",
        rtl: bool = False,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        _check_type(type)
        super().__init__(value, choices=choices, type=type, rtl=rtl, **kwargs)

    def api_info(self) -> dict[str, Any]:
        return self._choice_schema()

    def example_value(self) -> Any:
        return self._first_choice()

    def preprocess(self, payload: Any) -> Any:
        return None if payload is None else self._chosen(payload)


class Dropdown(_ChoiceComponent):
    """A drop-down list, optionally multi-select (up to ``max_choices``) and accepting typed
    values (``allow_custom_value``). Nothing is selected unless ``value`` says so."""

    change = EventListener()
    input = EventListener()
    select = EventListener()
    focus = EventListener()
    blur = EventListener()
    key_up = EventListener()
    multiselect = Bool(None, allow_none=True).tag(prop=True)
    allow_custom_value = Bool(False).tag(prop=True)
    max_choices = Int(None, allow_none=True).tag(prop=True)
    filterable = Bool(True).tag(prop=True)

    def __init__(
        self,
        choices: list[Any] | None = None,
        *,
        value: list[ChoiceValue] | ChoiceValue | Any = None,
        type: Literal["value", "index"] = "value",
        multiselect: bool | None = None,
        allow_custom_value: bool = False,
        max_choices: int | None = None,
        filterable: bool = True,
        num_choices_shown: int | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        _check_type(type)
        warn_unused("Dropdown", num_choices_shown=num_choices_shown)  # Gradio 6: the list's height, in choices
        if not multiselect and max_choices is not None:
            warnings.warn("The `max_choices` parameter is ignored when `multiselect` is False.", stacklevel=3)
        if not filterable and allow_custom_value:
            warnings.warn(
                "The `filterable` parameter cannot be set to False when `allow_custom_value` is True. "
                "Setting `filterable` to True.",
                stacklevel=3,
            )
            filterable = True
        super().__init__(
            value, choices=choices, type=type, multiselect=multiselect, allow_custom_value=allow_custom_value,
            max_choices=max_choices, filterable=filterable, **kwargs,
        )  # fmt: skip
        self._warn_if_not_a_choice()

    def _warn_if_not_a_choice(self) -> None:
        """Gradio warns when a returned value isn't a choice; here only the initial value is
        checked, since an output's choices may have been changed for its session."""
        if self.allow_custom_value or self.value_fn is not None:
            return
        values = self._choice_values()
        for item in _as_list(self.value):
            if item not in values:
                warnings.warn(
                    f"The value passed into gr.Dropdown() is not in the list of choices. Please update the "
                    f"list of choices to include: {item!r} or set allow_custom_value=True.",
                    stacklevel=4,
                )

    def api_info(self) -> dict[str, Any]:
        # a typed value need not be a choice: only its kind is known then
        one = {"type": "string"} if self.allow_custom_value else self._choice_schema()
        return {"type": "array", "items": one} if self.multiselect else one

    def example_value(self) -> Any:
        first = self._first_choice()
        if self.multiselect:
            return [] if first is None else [first]
        return first

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return [] if self.multiselect else None
        if not self.multiselect:
            return self._chosen(payload)
        if self.max_choices is not None and isinstance(payload, list) and len(payload) > self.max_choices:
            raise Error(f"Dropdown: at most {self.max_choices} choices may be selected, got {len(payload)}.")
        return self._chosen_list(payload)

    def postprocess(self, value: Any) -> Any:
        return _as_list(value) if self.multiselect else _plain(value)


#: Gradio's other name for CheckboxGroup
Checkboxgroup = CheckboxGroup
