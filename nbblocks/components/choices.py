"""Components that pick among choices: Checkbox, CheckboxGroup, Radio, Dropdown.

Choices are given as values or (display name, value) pairs and always travel as
``[[name, value], ...]``. ``type="index"`` hands the function positions instead of values.
"""

from __future__ import annotations

import warnings
from typing import Any, Literal

from traitlets import Any as AnyTrait
from traitlets import Bool, Enum, Int, List, validate

from ..exceptions import Error
from .base import Component, expect


def normalize_choices(choices: Any) -> list[list[Any]]:
    """Gradio's forms of choices → ``[[display name, value], ...]``."""
    if not choices:
        return []
    return [
        [str(choice[0]), choice[1]] if isinstance(choice, (tuple, list)) else [str(choice), choice]
        for choice in choices
    ]


class Checkbox(Component):
    """A single checkbox; its value is a bool."""

    EVENTS = ("change", "input", "select")
    value = Bool(False, allow_none=True).tag(prop=True)

    def __init__(self, value: bool | Any = False, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)

    def preprocess(self, payload: Any) -> bool | None:
        expect(payload is None or isinstance(payload, bool), self, f"expected true or false, got {payload!r}")
        return payload

    def postprocess(self, value: Any) -> bool:
        return bool(value)


class _ChoiceComponent(Component):
    """Shared choices handling for CheckboxGroup, Radio and Dropdown."""

    choices = List().tag(prop=True)
    type = Enum(("value", "index"), "value").tag(prop=True)

    @validate("choices")
    def _normalize(self, proposal: Any) -> list[list[Any]]:
        return normalize_choices(proposal["value"])

    def _choice_values(self) -> list[Any]:
        return [value for _, value in self.choices]

    def _check_type(self, type: str) -> None:
        if type not in ("value", "index"):
            raise ValueError(f"Invalid value for parameter `type`: {type}. Please choose from one of: ['value', 'index']")

    def _pick(self, payload: Any, allow_custom: bool = False) -> Any:
        """One chosen JSON value → what the function gets, checking it is a choice."""
        values = self._choice_values()
        if payload not in values:
            if not allow_custom:
                raise Error(f"Value: {payload!r} is not in the list of choices: {values}")
            return None if self.type == "index" else payload
        return values.index(payload) if self.type == "index" else payload


class CheckboxGroup(_ChoiceComponent):
    """Several checkboxes; its value is the list of checked choices."""

    EVENTS = ("change", "input", "select")
    value = AnyTrait([]).tag(prop=True)

    def __init__(
        self,
        choices: list[Any] | None = None,
        *,
        value: list[Any] | Any = None,
        type: Literal["value", "index"] = "value",
        **kwargs: Any,
    ) -> None:
        self._check_type(type)
        super().__init__(value, choices=choices or [], type=type, **kwargs)

    def preprocess(self, payload: Any) -> list[Any]:
        if payload is None:
            return []
        expect(isinstance(payload, list), self, f"expected a list of choices, got {payload!r}")
        return [self._pick(item) for item in payload]

    def postprocess(self, value: Any) -> list[Any]:
        if value is None:
            return []
        return list(value) if isinstance(value, (list, tuple, set)) else [value]


class Radio(_ChoiceComponent):
    """Radio buttons; its value is the chosen choice."""

    EVENTS = ("select", "change", "input")

    def __init__(
        self,
        choices: list[Any] | None = None,
        *,
        value: Any = None,
        type: Literal["value", "index"] = "value",
        **kwargs: Any,
    ) -> None:
        self._check_type(type)
        super().__init__(value, choices=choices or [], type=type, **kwargs)

    def preprocess(self, payload: Any) -> Any:
        return None if payload is None else self._pick(payload)


_FIRST_CHOICE = object()


class Dropdown(_ChoiceComponent):
    """A drop-down list, optionally multi-select and accepting typed values."""

    EVENTS = ("change", "input", "select", "focus", "blur", "key_up")
    multiselect = Bool(False).tag(prop=True)
    allow_custom_value = Bool(False).tag(prop=True)
    max_choices = Int(None, allow_none=True).tag(prop=True)
    filterable = Bool(True).tag(prop=True)

    def __init__(
        self,
        choices: list[Any] | None = None,
        *,
        value: Any = _FIRST_CHOICE,
        type: Literal["value", "index"] = "value",
        multiselect: bool | None = None,
        allow_custom_value: bool = False,
        max_choices: int | None = None,
        filterable: bool = True,
        **kwargs: Any,
    ) -> None:
        self._check_type(type)
        normalized = normalize_choices(choices)
        if value is _FIRST_CHOICE:  # Gradio selects the first choice unless told otherwise
            value = normalized[0][1] if normalized and not multiselect else None
        if multiselect and isinstance(value, (str, int, float)):
            value = [value]
        if not multiselect and max_choices is not None:
            warnings.warn("The `max_choices` parameter is ignored when `multiselect` is False.", stacklevel=2)
        super().__init__(
            value, choices=normalized, type=type, multiselect=bool(multiselect),
            allow_custom_value=allow_custom_value, max_choices=max_choices, filterable=filterable, **kwargs,
        )  # fmt: skip
        self._warn_if_not_a_choice()

    def _warn_if_not_a_choice(self) -> None:
        if self.allow_custom_value or self.value_fn is not None or self.value is None:
            return
        chosen = self.value if isinstance(self.value, list) else [self.value]
        values = self._choice_values()
        for item in chosen:
            if item not in values:
                warnings.warn(
                    f"The value passed into gr.Dropdown() is not in the list of choices: {item!r} is not "
                    f"in {values}. Please update the list of choices to include {item!r} or set "
                    "allow_custom_value=True.",
                    stacklevel=3,
                )

    def preprocess(self, payload: Any) -> Any:
        if self.multiselect:
            if payload is None:
                return []
            expect(isinstance(payload, list), self, f"expected a list of choices, got {payload!r}")
            if self.max_choices is not None and len(payload) > self.max_choices:
                raise Error(f"Dropdown: at most {self.max_choices} choices may be selected.")
            return [self._pick(item, self.allow_custom_value) for item in payload]
        if payload is None:
            return None
        return self._pick(payload, self.allow_custom_value)

    def postprocess(self, value: Any) -> Any:
        if self.multiselect:
            if value is None:
                return []
            return list(value) if isinstance(value, (list, tuple, set)) else [value]
        return value
