"""Pickers: ColorPicker (a "#rrggbb" colour) and DateTime (a date, and optionally a time)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Bool, Enum, Unicode

from ..events import EventListener
from ..exceptions import Error
from .base import Component, as_number, expect

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions


class ColorPicker(Component):
    """A colour chosen in the browser's own colour dialog; the value is a "#rrggbb" string."""

    change = EventListener()
    input = EventListener()
    submit = EventListener()
    focus = EventListener()
    blur = EventListener()

    def __init__(self, value: str | Any = None, **kwargs: Unpack[ComponentOptions]) -> None:
        super().__init__(value, **kwargs)

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_value(self) -> Any:
        return "#000000"

    def preprocess(self, payload: Any) -> str | None:
        return None if payload is None else str(payload)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)


_DATETIME_TYPES = ("timestamp", "datetime", "string")
#: Gradio's relative times: "now", or "now - 2h" (a count of d, h, m or s before now)
_NOW = re.compile(r"^\s*now\s*(?:-\s*(\d+)\s*([dhms]))?\s*$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}


class DateTime(Component):
    """A date (with a time unless ``include_time=False``) typed as "YYYY-MM-DD HH:MM:SS" or picked
    in the browser's calendar; "now" and "now - 2h" are read at the time of the run, as in Gradio.

    The function receives a POSIX timestamp (``type="timestamp"``), a `datetime` or the text; a
    ``timezone`` ("Europe/Paris") is where the text's wall-clock time is read, else the kernel's."""

    change = EventListener()
    submit = EventListener()
    include_time = Bool(True).tag(prop=True)
    type = Enum(_DATETIME_TYPES, "timestamp").tag(prop=True, not_drawn="what the function receives: converted in Python")
    timezone = Unicode(None, allow_none=True).tag(prop=True, not_drawn="where Python reads the wall-clock time")

    def __init__(
        self,
        value: float | str | datetime | None = None,
        *,
        include_time: bool = True,
        type: Literal["timestamp", "datetime", "string"] = "timestamp",
        timezone: str | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        if type not in _DATETIME_TYPES:
            raise ValueError(f"DateTime: type must be one of {', '.join(map(repr, _DATETIME_TYPES))}, got {type!r}")
        self.include_time = include_time  # postprocess (run by the constructor) formats with it
        self.timezone = timezone
        super().__init__(value, include_time=include_time, type=type, timezone=timezone, **kwargs)

    @property
    def time_format(self) -> str:
        return "%Y-%m-%d %H:%M:%S" if self.include_time else "%Y-%m-%d"

    def api_info(self) -> dict[str, Any]:
        return {"type": "string", "description": f"Formatted as YYYY-MM-DD{' HH:MM:SS' if self.include_time else ''}"}

    def example_value(self) -> Any:
        return "2020-10-01 05:20:15" if self.include_time else "2020-10-01"

    def preprocess(self, payload: Any) -> float | datetime | str | None:
        if payload is None or payload == "":
            return None
        expect(isinstance(payload, str), self, f"expected a date as text, got {payload!r}")
        if self.type == "string" and "now" not in payload:
            return payload
        moment = self._read(payload)
        if self.type == "string":
            return moment.strftime(self.time_format)
        return moment if self.type == "datetime" else moment.timestamp()

    def postprocess(self, value: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, datetime):
            return value.strftime(self.time_format)
        seconds = as_number(value)
        expect(seconds is not None, self, f"expected a timestamp, a datetime or a string, got {value!r}")
        return datetime.fromtimestamp(seconds, tz=self._zone()).strftime(self.time_format)  # type: ignore[arg-type]

    def _read(self, text: str) -> datetime:
        """The moment ``text`` names: "now" (less a few units), else a date in `time_format`."""
        relative = _NOW.match(text)
        if relative:
            count, unit = relative.groups()
            return datetime.now(tz=self._zone()) - timedelta(**{_UNITS[unit or "s"]: int(count or 0)})
        expect("now" not in text, self, f"expected 'now' or 'now - <count><d|h|m|s>', got {text!r}")
        try:
            moment = datetime.strptime(text.strip(), self.time_format)
        except ValueError:
            raise Error(f"DateTime: expected a date formatted as {self.time_format}, got {text!r}") from None
        zone = self._zone()
        return moment.replace(tzinfo=zone) if zone is not None else moment

    def _zone(self) -> tzinfo | None:
        if self.timezone is None:
            return None
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.timezone)
