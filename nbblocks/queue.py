"""The queue: settings from ``Blocks.queue()`` and the scheduler that applies them.

Every triggered listener becomes a `Job`. The app's `EventQueue` decides when each runs (its
concurrency group has room, its turn in line has come) and runs it on a worker thread, so no
transport thread (a notebook kernel's, a server's IO loop) ever waits for a user function.
"""

from __future__ import annotations

import heapq
import logging
import os
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from queue import SimpleQueue
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .block import Block
    from .blocks import Blocks
    from .events import Dependency


@dataclass
class QueueSettings:
    """What ``demo.queue(...)`` was given, with Gradio's defaults and environment variables."""

    status_update_rate: float | Literal["auto"] = "auto"
    api_open: bool | None = None
    max_size: int | None = None
    default_concurrency_limit: int | None = 1

    @classmethod
    def from_arguments(
        cls,
        status_update_rate: float | Literal["auto"] = "auto",
        api_open: bool | None = None,
        max_size: int | None = None,
        concurrency_count: int | None = None,
        default_concurrency_limit: int | None | Literal["not_set"] = "not_set",
    ) -> QueueSettings:
        if concurrency_count is not None:
            warnings.warn(
                "queue(concurrency_count=...) is deprecated: set concurrency_limit on each listener "
                "(btn.click(fn, ..., concurrency_limit=10)) or default_concurrency_limit in queue(); "
                "the total number of worker threads is launch(max_threads=...).",
                DeprecationWarning,
                stacklevel=3,
            )
        if default_concurrency_limit == "not_set":
            default_concurrency_limit = _limit_from_env()
        if max_size is not None and max_size < 0:
            raise ValueError("max_size must be None or a non-negative int")
        return cls(status_update_rate, api_open, max_size, default_concurrency_limit)


def _limit_from_env() -> int | None:
    raw = os.environ.get("GRADIO_DEFAULT_CONCURRENCY_LIMIT")
    if raw is None:
        return 1
    if raw.strip().lower() == "none":
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"GRADIO_DEFAULT_CONCURRENCY_LIMIT must be an int or 'None', not {raw!r}") from None


# --- the scheduler ---------------------------------------------------------------------------


class Job:
    """One triggered listener for one session, waiting or running."""

    __slots__ = (
        "session", "dep", "target", "data", "values", "event_id", "cancelled", "started", "ended", "changed",
        "enqueued_at", "announced", "follow_ups",
    )  # fmt: skip

    def __init__(self, session: Any, dep: Dependency, target: Any, data: Any, values: dict[int, Any], event_id: int) -> None:
        self.session = session
        #: whether `.then`, `change` and `every` listeners follow this run (not for an API call:
        #: a client calls one function, as in Gradio)
        self.follow_ups = True
        self.dep = dep
        self.target = target
        self.data = data
        #: the inputs' values when the event fired: later typing does not change this run
        self.values = values
        self.event_id = event_id
        self.cancelled = False
        #: set (under the session's lock) as its run starts: no place in line is announced after
        self.started = False
        #: its last status is sent (under the session's lock): by its worker, or by a cancel
        #: that came first (`Session.conclude`)
        self.ended = False
        #: the blocks whose value its run changed so far: their ``change`` listeners follow it
        self.changed: dict[int, Block] = {}
        self.enqueued_at = time.perf_counter()
        #: the place in line the page was last told (None: not yet)
        self.announced: int | None = None


class Run:
    """What one worker runs: a job, or a batch of one listener's jobs, in one concurrency slot."""

    __slots__ = ("group", "jobs", "freed")

    def __init__(self, group: str | None, jobs: list[Job]) -> None:
        #: the concurrency group whose slot it holds (None: a ``queue=False`` job holds none)
        self.group = group
        self.jobs = jobs
        #: its slot was given back: all its jobs were cancelled, or its worker returned
        self.freed = False


class EventQueue:
    """Runs jobs on worker threads under the app's concurrency rules.

    A listener's ``concurrency_limit`` bounds how many of its runs go at once across all sessions
    ("default" reads `QueueSettings.default_concurrency_limit`, None is unbounded); listeners
    sharing a ``concurrency_id`` share one limit (`group_limits`). ``queue=False`` jobs skip both
    the limits and ``max_size``. A ``batch`` listener's waiting jobs are taken together, up to
    ``max_batch_size``, as one run. Workers are threads, started as needed up to ``max_threads``.

    A cancelled run gives its concurrency slot back at once, as Gradio frees a cancelled task's
    (`cancel`), but a sync function cannot be stopped: its worker stays busy until the function
    returns, and still counts towards ``max_threads``. Other workers take the next jobs meanwhile;
    only when every one of ``max_threads`` threads is stuck in a cancelled function that never
    returns does the queue wait, until one of them does.
    """

    def __init__(self, app: Blocks, execute: Callable[[list[Job]], None]) -> None:
        self.app = app
        self._execute = execute
        self._lock = threading.Lock()
        #: `join` waits on this for jobs to end
        self._settled = threading.Condition(self._lock)
        #: an idle worker sleeps in ``get`` until `_wake_worker` (or `close`) puts a token: a C
        #: queue, not a Condition, whose Python-level wait and notify held the GIL the server's
        #: loop needs (32 clients get about 30% more events per second without it)
        self._wakeups: SimpleQueue[None] = SimpleQueue()
        self._waiting: list[Job] = []
        #: each job taken by a worker, until its worker returns
        self._runs: dict[Job, Run] = {}
        self._running: Counter[str] = Counter()
        self._unfinished = 0
        self._workers = 0
        #: workers running a job (a cancelled sync function included, until it returns)
        self._busy = 0
        #: workers waiting for a job that no `_wake_worker` has claimed yet
        self._idle = 0
        #: workers `_wake_worker` woke or started that have not yet looked for their job
        self._claimed = 0
        self._closed = False
        self._durations: dict[int, float] = {}
        self._limits_key: tuple[int, int | None] | None = None
        self._limits: dict[str, int | None] = {}
        #: one announcement at a time, each from a fresh look at the line: a slower one must not
        #: tell a page an older place after a newer one
        self._announcing = threading.Lock()
        self._ticking = False

    # --- submitting ----------------------------------------------------------------------------

    def submit(self, job: Job) -> bool:
        """Queue ``job``; False when the queue is full (``max_size`` waiting jobs)."""
        max_size = self.app.queue_settings.max_size
        with self._lock:
            if self._closed:
                return False
            if job.dep.options.queue is not False and max_size is not None and self._queued_count() >= max_size:
                return False
            self._waiting.append(job)
            self._unfinished += 1
            if self._next_index() is not None:
                self._wake_worker()
            # joining at the end moves nobody: only the new job may have a place to hear, and not
            # when a free thread takes it at once (its group unbounded, threads for all in line)
            at_once = len(self._waiting) <= self.app.max_threads - self._busy and self._unbounded(job.dep)
        if not at_once:
            self._line_moved()
        return True

    def cancel(self, session: Any, dep_ids: set[int]) -> tuple[list[Job], list[Job]]:
        """Drop ``session``'s waiting jobs of those listeners and mark its running ones cancelled;
        a run whose jobs are all cancelled frees its concurrency slot now (a batch serving other
        jobs goes on). Returns (the waiting jobs dropped, the running ones cancelled)."""
        with self._lock:
            dropped = [j for j in self._waiting if j.session is session and j.dep.id in dep_ids]
            for job in dropped:
                job.cancelled = True
                self._waiting.remove(job)
                self._unfinished -= 1
            stopped = [j for j in self._runs if j.session is session and j.dep.id in dep_ids and not j.cancelled]
            for job in stopped:
                job.cancelled = True
            done = [run for run in {self._runs[job] for job in stopped} if all(j.cancelled for j in run.jobs)]
            for run in done:
                self._free(run)
            if done and self._next_index() is not None:
                self._wake_worker()  # its worker may be stuck in a sync function: another takes over
            self._settled.notify_all()
        if dropped or stopped:
            self._line_moved()
        return dropped, stopped

    def join(self, timeout: float | None = None, jobs: list[Job] | None = None) -> bool:
        """Wait until no job waits or runs (a cancelled one runs until its worker returns), or
        only until ``jobs`` are done and their workers have put them away; False on timeout."""

        def done() -> bool:
            if jobs is None:
                return not self._unfinished
            return not any(job in self._runs or job in self._waiting for job in jobs)

        with self._settled:
            return self._settled.wait_for(done, timeout)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._unfinished -= len(self._waiting)
            self._waiting.clear()
            for _ in range(self._idle):  # every idle worker wakes, finds the queue closed, and ends
                self._wake_worker()
            self._settled.notify_all()

    def announce(self) -> None:
        """Tell each waiting job's session its place in line and estimated wait, when changed.

        A job a free worker takes at once is not told: it waits microseconds, and a burst of
        clicks would otherwise cost each page a message per job ahead of it. A job that waits
        for a thread (all ``max_threads`` busy) is told, even first in line."""
        with self._announcing:
            with self._lock:
                waiting = [job for job in self._waiting if job.dep.options.queue is not False]
                starting = self._starting_now() if waiting else set()
            for place, job in enumerate(waiting):
                if job.announced == place or (job.announced is None and job in starting):
                    continue  # nothing new, or it starts without notice
                job.announced = place
                duration = self._durations.get(job.dep.id)
                job.session.queued(job, place, None if duration is None else duration * (place + 1))

    def announce_every(self, seconds: float) -> None:
        """``status_update_rate`` in seconds: announce on a timer, while jobs wait."""

        def tick() -> None:
            rate = self.app.queue_settings.status_update_rate
            if self._closed or rate == "auto":
                self._ticking = False
                return
            self.announce()
            timers.call_later(float(rate), tick)

        if not self._ticking:  # queue() called again: the running ticker reads the new rate
            self._ticking = True
            timers.call_later(seconds, tick)

    # --- running -------------------------------------------------------------------------------

    def _line_moved(self) -> None:
        # an empty line has no place to tell (a job that joins it announces itself)
        if self._waiting and self.app.queue_settings.status_update_rate == "auto":
            self.announce()

    def _queued_count(self) -> int:
        return sum(1 for job in self._waiting if job.dep.options.queue is not False)

    def _wake_worker(self) -> None:
        """Hand a runnable job to an idle worker, or start one (up to ``max_threads``). Called
        with the lock held. The waker, not the woken, counts the worker as no longer idle: a
        burst of submits before any worker wakes must not all go to the same one."""
        if self._idle:
            self._idle -= 1
            self._claimed += 1
            self._wakeups.put(None)
        elif self._workers < self.app.max_threads:
            self._workers += 1
            self._claimed += 1
            threading.Thread(target=self._work, name="nbblocks-worker", daemon=True).start()

    def _work(self) -> None:
        woken = True  # started by `_wake_worker`, for a job
        while True:
            with self._lock:
                if woken:
                    self._claimed -= 1
                taken = self._take()
                if taken is None:
                    if self._closed:
                        self._workers -= 1
                        return
                    self._idle += 1
                else:
                    if self._claimed == 0 and self._next_index() is not None:
                        self._wake_worker()  # more can start and no other worker is on its way
                    self._busy += 1
                    # the jobs behind moved up: only those told a place have a new one to hear (a
                    # job never told one starts without waiting, and still does)
                    moved = any(job.announced is not None for job in self._waiting)
            woken = taken is None
            if taken is None:
                self._wakeups.get()  # a token from `_wake_worker`, or from `close`
                continue
            if moved:
                self._line_moved()
            self._run(taken)

    def _run(self, taken: Run) -> None:
        jobs = taken.jobs
        started = time.perf_counter()
        try:
            self._execute(jobs)
        except Exception:  # user errors are the event's; this is ours, and must not kill the worker
            logging.getLogger("nbblocks").exception("Error while running event %s", jobs[0].event_id)
        finally:
            duration = time.perf_counter() - started
            with self._lock:
                if not taken.freed:  # a cancelled run's time says nothing of the next one's
                    self._durations[jobs[0].dep.id] = duration
                self._free(taken)
                for job in jobs:
                    del self._runs[job]
                self._unfinished -= len(jobs)
                self._busy -= 1
                self._settled.notify_all()

    def _free(self, run: Run) -> None:
        """Give ``run``'s concurrency slot back, once. Called with the lock held."""
        if not run.freed:
            run.freed = True
            if run.group is not None:
                self._running[run.group] -= 1

    def _unbounded(self, dep: Dependency) -> bool:
        return dep.options.queue is False or self._group_limits().get(group_of(dep)) is None

    def _has_room(self, dep: Dependency, starting: Counter[str] | None = None) -> bool:
        """Whether ``dep``'s group may start a run (with ``starting`` runs of each group about to
        start besides those running)."""
        if dep.options.queue is False:
            return True
        group = group_of(dep)
        limit = self._group_limits().get(group)
        return limit is None or self._running[group] + (starting[group] if starting else 0) < limit

    def _starting_now(self) -> set[Job]:
        """The waiting jobs that workers take next without waiting: in line order (as `_take`
        goes), each whose group still has room once those before it started, while threads
        are free. Called with the lock held."""
        free = self.app.max_threads - self._busy
        before: Counter[str] = Counter()
        starting: set[Job] = set()
        for job in self._waiting:
            if len(starting) >= free:
                break
            if self._has_room(job.dep, before):
                starting.add(job)
                if job.dep.options.queue is not False:
                    before[group_of(job.dep)] += 1
        return starting

    def _next_index(self) -> int | None:
        """Where in line the first job that may start now is (its group has room)."""
        for index, job in enumerate(self._waiting):
            if self._has_room(job.dep):
                return index
        return None

    def _take(self) -> Run | None:
        """The next job (or batch) whose concurrency group has room, removed from the line."""
        index = self._next_index()
        if index is None:
            return None
        job = self._waiting.pop(index)
        dep = job.dep
        if dep.options.queue is False:
            run = Run(None, [job])
        else:
            group = group_of(dep)
            self._running[group] += 1
            run = Run(group, [job])
            if dep.options.batch:
                for other in [j for j in self._waiting if j.dep is dep][: dep.options.max_batch_size - 1]:
                    self._waiting.remove(other)
                    run.jobs.append(other)
        for taken in run.jobs:
            self._runs[taken] = run
        return run

    def _group_limits(self) -> dict[str, int | None]:
        """Each group's limit (`group_limits`; a group without one is unbounded), computed again
        when listeners are added or the default limit changes."""
        key = (len(self.app.dependencies), self.app.queue_settings.default_concurrency_limit)
        if self._limits_key != key:
            self._limits_key, self._limits = key, group_limits(self.app.dependencies, key[1])
        return self._limits


def group_of(dep: Dependency) -> str:
    return dep.options.concurrency_id or f"dep-{dep.id}"


def group_limits(dependencies: list[Dependency], default: int | None) -> dict[str, int | None]:
    """Each concurrency group's limit (None: unbounded), as the spec has it for a shared
    ``concurrency_id``: "limited by the lowest set concurrency_limit". A listener that left
    ``concurrency_limit`` at "default" sets nothing, so it does not lower a limit its group
    set (``default_concurrency_limit`` is 1: it would otherwise bring every group down to
    one run at a time); a group where no listener set one gets ``default``. An explicit
    None sets no bound: the group is unbounded unless another listener sets a number."""
    set_limits: dict[str, list[int | None]] = {}
    for dep in dependencies:
        given = set_limits.setdefault(group_of(dep), [])
        if dep.options.concurrency_limit != "default":
            given.append(dep.options.concurrency_limit)
    limits: dict[str, int | None] = {}
    for group, given in set_limits.items():
        numbers = [limit for limit in given if limit is not None]
        limits[group] = default if not given else min(numbers, default=None)
    return limits


class Timers:
    """Calls functions after a delay, from one thread for the whole process (``every`` repeats)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Callable[[], Any]]] = []
        self._counter = 0
        self._thread: threading.Thread | None = None

    def call_later(self, delay: float, fn: Callable[[], Any]) -> None:
        with self._cond:
            self._counter += 1
            heapq.heappush(self._heap, (time.monotonic() + delay, self._counter, fn))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="nbblocks-timers", daemon=True)
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._heap or self._heap[0][0] > time.monotonic():
                    self._cond.wait(None if not self._heap else self._heap[0][0] - time.monotonic())
                _, _, fn = heapq.heappop(self._heap)
            try:
                fn()
            except Exception:
                logging.getLogger("nbblocks").exception("Error in a timed call")


timers = Timers()
