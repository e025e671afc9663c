"""``gr.Progress``: a function declares ``progress=gr.Progress()`` and reports how far it is.

The engine hands each run a fresh `Progress` bound to that run's reporter, so the calls reach the
right person. ``progress(0.3, desc=...)``, ``progress((3, 10))`` and ``progress.tqdm(iterable)``
send a progress message; with ``track_tqdm=True`` plain ``tqdm`` loops inside the function are
reported too (when tqdm is installed). However fast a loop reports, its event sends about ten
progress messages a second (`Throttled`): the bar moves as smoothly, the wire carries no more.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .notices import Reporter, reporting
from .queue import timers

#: seconds between two progress messages of one event
PROGRESS_INTERVAL = 0.1


class Progress:
    """Reports progress of the running event: a fraction, (done, total), or an iterable's steps."""

    def __init__(self, track_tqdm: bool = False) -> None:
        self.track_tqdm = track_tqdm
        self._reporter: Reporter | None = None
        self._tracks: list[dict[str, Any]] = []

    def bound(self, reporter: Reporter | None) -> Progress:
        """A fresh Progress for one run (the declared default is shared by every run)."""
        fresh = Progress(self.track_tqdm)
        fresh._reporter = reporter
        return fresh

    def __call__(
        self, progress: float | tuple[int, int | None] | None, desc: str | None = None, total: int | None = None, unit: str = "steps"
    ) -> float | tuple[int, int | None] | None:
        entry: dict[str, Any]
        if isinstance(progress, tuple):
            index, length = progress
            entry = {"index": index, "length": length, "unit": unit, "progress": None, "desc": desc}
        else:
            entry = {"index": None, "length": total, "unit": unit, "progress": progress, "desc": desc}
        self._send([entry])
        return progress

    def tqdm(self, iterable: Iterable[Any], desc: str | None = None, total: int | None = None, unit: str = "steps", **_: Any) -> Iterator[Any]:
        """Yield from ``iterable``, reporting each step (nested calls show as nested bars)."""
        if total is None:
            try:
                total = len(iterable)  # type: ignore[arg-type]
            except TypeError:
                total = None
        track: dict[str, Any] = {"index": 0, "length": total, "unit": unit, "progress": None, "desc": desc}
        self._tracks.append(track)
        try:
            self._send(self._tracks)
            for item in iterable:
                yield item
                track["index"] += 1
                self._send(self._tracks)
        finally:
            self._tracks.remove(track)

    def _send(self, entries: list[dict[str, Any]]) -> None:
        reporter = self._reporter or reporting.get()
        if reporter is not None:
            reporter.progress([dict(entry) for entry in entries])


_patch_lock = threading.Lock()
_patched = False


def track_tqdm() -> None:
    """Make every tqdm bar report to the run in whose context it advances (once per process)."""
    global _patched
    with _patch_lock:
        if _patched:
            return
        try:
            from tqdm import std
        except ImportError:
            return
        original_update, original_iter = std.tqdm.update, std.tqdm.__iter__

        def update(bar: Any, n: float = 1) -> Any:
            result = original_update(bar, n)
            if not getattr(bar, "_nbblocks_iterating", False):  # `iterate` reports those steps
                _report_bar(bar, bar.n)
            return result

        def iterate(bar: Any) -> Iterator[Any]:
            # tqdm's own __iter__ calls update() only every `mininterval` seconds, and not at all
            # when the bar is disabled: report each step here instead
            done = bar.n
            bar._nbblocks_iterating = True
            try:
                _report_bar(bar, done)
                for item in original_iter(bar):
                    yield item
                    done += 1
                    _report_bar(bar, done)
            finally:
                bar._nbblocks_iterating = False

        std.tqdm.update = update
        std.tqdm.__iter__ = iterate
        _patched = True


def _report_bar(bar: Any, index: float) -> None:
    """One tqdm bar's state, to the run in whose context it advances, if that run tracks tqdm."""
    reporter = reporting.get()
    if reporter is not None and getattr(reporter, "tracks_tqdm", False):
        desc = (bar.desc or "").rstrip(": ") or None
        reporter.progress([{"index": index, "length": bar.total, "unit": bar.unit, "progress": None, "desc": desc}])


class Throttled:
    """One event's progress, sent at most once per `PROGRESS_INTERVAL`: a report that comes
    sooner waits for the end of the interval (a timer), replacing any report already waiting
    there, so a tight loop of a thousand steps costs about ten messages a second and its latest
    step is still shown. ``send`` decides whether a late report is still wanted (its event may
    have ended meanwhile)."""

    def __init__(self, send: Callable[[list[dict[str, Any]]], None], clock: Callable[[], float] = time.monotonic) -> None:
        self._send = send
        self._clock = clock
        self._lock = threading.Lock()
        self._last_sent = -math.inf
        self._waiting: list[dict[str, Any]] | None = None

    def __call__(self, entries: list[dict[str, Any]]) -> None:
        with self._lock:
            if self._waiting is not None:  # a timer will send it: latest wins
                self._waiting = entries
                return
            wait = self._last_sent + PROGRESS_INTERVAL - self._clock()
            if wait > 0:
                self._waiting = entries
                timers.call_later(wait, self._release)
                return
            self._last_sent = self._clock()
        self._send(entries)

    def _release(self) -> None:
        with self._lock:
            entries, self._waiting = self._waiting, None
            self._last_sent = self._clock()
        if entries is not None:
            self._send(entries)
