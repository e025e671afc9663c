"""A session: one person's copy of an app's values and props, and the messages it exchanges.

A notebook widget is one session; the served transport holds one per visitor. A transport gives
the session an ``emit`` callable for outgoing messages and feeds it incoming ones through
`Session.handle`; everything else (which listeners run, in what order, what the outputs become)
happens here and in `engine.py`.
"""

from __future__ import annotations

import logging
import math
import secrets
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Coroutine, Iterable
from time import monotonic
from typing import TYPE_CHECKING, Any

from . import engine, protocol, windows
from .block import Block
from .components.state import BrowserState, State
from .components.timer import Timer
from .edits import text_append
from .exceptions import Error
from .queue import Job, timers
from .render import render_message, rerender_message
from .request import Request

if TYPE_CHECKING:
    from .blocks import Blocks
    from .events import Dependency
    from .renderable import RenderScope

logger = logging.getLogger("nbblocks")
GENERIC_ERROR = "An error occurred while running this event."
QUEUE_FULL = "The queue is full. Please try again later."

Emit = Callable[[protocol.ServerMessage], None]


class Session:
    """The values and prop overrides of one person's view of ``app``, and its events in flight.

    A served app keeps thousands of these, so they hold slots, not a dict, and nothing per
    session that could be shared.

    Incoming messages are handled on the transport's thread and are quick: a value is stored, a
    trigger becomes a `Job` in the app's queue. The job runs on a worker thread (`execution.py`)
    and comes back through `conclude` (unless a `cancel` ended it first), which sets off what
    follows (`.then`, `change`, `every`).
    """

    __slots__ = (
        "app", "emit", "hash", "request", "run_coroutine", "values", "props", "_views", "started",
        "page", "_pages_started", "_pages_loaded", "ended", "connected", "_last_event_id", "_lock", "_in_flight", "_latest", "_repeating",
        "_ticking",
        "_streaming", "_states_set", "renders", "_swapping",
    )  # fmt: skip

    def __init__(
        self,
        app: Blocks,
        emit: Emit,
        *,
        session_hash: str | None = None,
        request: Request | None = None,
        run_coroutine: Callable[[Coroutine[Any, Any, Any]], Any] | None = None,
    ):
        self.app = app
        self.emit = emit
        self.hash = session_hash or secrets.token_hex(8)
        self.request = request or Request(self.hash)
        self.run_coroutine = run_coroutine
        self.values: dict[int, Any] = app.initial_values()
        self.props: dict[int, dict[str, Any]] = {}
        self._views: dict[int, Block] = {}
        self.started = False
        #: the path of the app's page (`nbblocks.pages`) the session's view last asked for
        self.page = ""
        #: the pages whose load listeners ran (`start`), and those whose view has sent ``load``
        #: (the load listeners with a ``js`` function ran too)
        self._pages_started: set[str] = set()
        self._pages_loaded: set[str] = set()
        self.ended = False
        self.connected = True
        self._last_event_id = 0
        self._lock = threading.RLock()
        self._in_flight: Counter[int] = Counter()
        self._latest: dict[int, tuple[Block | None, Any]] = {}
        #: listeners with ``every`` whose repeats are on: the target, and the token of the one
        #: timer allowed to start the next run (older timers find another token and do nothing)
        self._repeating: dict[int, tuple[Block | None, object]] = {}
        #: each ticking `gr.Timer`'s id: the token of the one timer call allowed to tick it next
        self._ticking: dict[int, object] = {}
        #: block id -> the event whose last update of it carried only its value: the next one of
        #: that event may be a text append (`nbblocks.edits`)
        self._streaming: dict[int, int] = {}
        #: each ``@gr.render`` container's id -> what its latest run built for this session
        self.renders: dict[int, RenderScope] = {}
        #: one render's run swapped in at a time: overlapping runs, and a render nested in another
        self._swapping = threading.Lock()
        #: each `gr.State` a function set in this session: when it was last set (`monotonic`),
        #: and whether its ``time_to_live`` timer is waiting (one at a time: `_state_set`)
        self._states_set: dict[int, tuple[State, float, bool]] = {}

    # --- incoming messages -------------------------------------------------------------------

    def handle(self, raw: Any) -> list[Job]:
        """Act on one message from the front end; a malformed one gets an error reply only.
        Returns the jobs a ``trigger`` queued (a transport may wait briefly for quick ones)."""
        try:
            message = protocol.parse_client_message(raw)
            if message["type"] == "ready":
                page = message.get("page", "")
                if page not in {known.path for known in self.app.pages}:
                    raise protocol.ProtocolError(f"the app has no page {page!r}")
                with self._lock:  # no text append sent between this tree's values and the page
                    self.page = page
                    render = render_message(self, page)
                    if "view" in message:  # for the view that asked, not all on its channel
                        render["view"] = message["view"]
                    self.emit(render)
                self.start(page)
            elif message["type"] == "value":
                self.set_value(message["id"], message["value"])
            elif message["type"] == "rows":
                self.emit(windows.rows_reply(self, message))
            elif message["type"] == "cell":
                windows.edit_cell(self, message)
            else:
                return self.trigger(message["id"], message["event"], message.get("data"), message.get("inputs"))
        except protocol.ProtocolError as exc:
            logger.info("Refused a message from a page: %s", " ".join(str(exc).split())[:300])
            self.emit(protocol.error_message(str(exc), title="Refused message"))
        return []

    def set_value(self, block_id: int, value: Any) -> None:
        block = self.block(block_id)
        if block is None and self.just_removed(block_id):
            return  # the page typed in it before it drew the re-render that removed it
        if block is None or not hasattr(block, "preprocess") or block.NOT_DRAWN:
            raise protocol.ProtocolError(f"no component with id {block_id} takes a value")
        with self._lock:
            self.values[block_id] = value

    def start(self, page: str = "") -> None:
        """A view of ``page`` is drawn: the first time in this session, run that page's load
        listeners, except those the page starts (`started_by_page`): it sends ``load`` when
        ready (see `trigger`)."""
        with self._lock:
            if page in self._pages_started:
                return
            self._pages_started.add(page)
        if not self.started:
            self.started = True
            self._start_ticking()
        for dep in self.app.listeners(self.app._id, "load"):
            if dep.page == page and not started_by_page(dep):
                self.submit(dep, self.app)

    def trigger(self, block_id: int, event: str, data: Any = None, js_inputs: dict[str, list[Any]] | None = None) -> list[Job]:
        """Queue every listener of ``event`` on block ``block_id`` (with the input values a
        listener's ``js`` function gave, when the page sends them); returns the jobs queued. A
        page's ``load`` runs only the load listeners of its page that it starts (`start` ran the
        others), and only the first time: every view runs the js, the functions run once per
        session and page."""
        block = self.block(block_id)
        if block is None and self.just_removed(block_id):
            return []  # fired before the page drew the re-render that removed it: nothing listens
        if block is None:
            raise protocol.ProtocolError(f"no block with id {block_id}")
        if event not in block.EVENTS:
            raise protocol.ProtocolError(f"{block.type_name} has no event {event!r}")
        listeners = self.listeners(block_id, event)
        page = self.page
        if event == "load":
            listeners = [dep for dep in listeners if started_by_page(dep) and dep.page == page]
        given = [(js_inputs or {}).get(str(dep.id)) for dep in listeners]
        for dep, inputs in zip(listeners, given):  # all checked before any runs: no half-run trigger
            if inputs is not None and (not isinstance(inputs, list) or len(inputs) != len(dep.inputs)):
                raise protocol.ProtocolError(f"'inputs' for listener {dep.id} must be a list of {len(dep.inputs)} values")
        if event == "load":
            with self._lock:
                if page in self._pages_loaded:
                    return []  # another view of this session (or a reload) sent it first
                self._pages_loaded.add(page)
        submitted = (self.submit(dep, block, data, inputs) for dep, inputs in zip(listeners, given))
        return [job for job in submitted if job is not None]

    # --- the app's blocks and listeners, and those of this session's renders -------------------

    def block(self, block_id: int) -> Block | None:
        """A block of this session by id: the app's, or one its renders built."""
        found = self.app.components().get(block_id)
        if found is None:
            found = next((scope.owned[block_id] for scope in list(self.renders.values()) if block_id in scope.owned), None)
        return found

    def just_removed(self, block_id: int) -> bool:
        """Whether the latest run of a render dropped that block: the page may still send for it
        until it draws the new tree."""
        return any(block_id in scope.dropped for scope in list(self.renders.values()))

    def listeners(self, block_id: int, event: str) -> list[Dependency]:
        found = self.app.listeners(block_id, event)
        for scope in list(self.renders.values()):
            found = found + scope.listeners(block_id, event)
        return found

    def chained_after(self, dep_id: int) -> list[Dependency]:
        found = self.app.chained_after(dep_id)
        for scope in list(self.renders.values()):
            found = found + scope.chained_after(dep_id)
        return found

    def dependency(self, dep_id: int) -> Dependency:
        """A listener by id: the app's (0 up), or one of this session's renders' (-1 down)."""
        if dep_id >= 0:
            return self.app.dependencies[dep_id]
        return next(dep for scope in self.renders.values() for dep in scope.dependencies if dep.id == dep_id)

    def rerender(self, container: Block, scope: RenderScope) -> None:
        """Show what a render built in ``container`` for this session instead of what its previous
        run built: the previous listeners' runs end and their blocks' values go (except those kept
        by ``key``, whose value stays and whose other props are the new call's), and so do the
        renderings of the renders nested in it; the page gets the container's new subtree, then
        the new scope's ``load`` listeners run. A run that started before the one shown, or whose
        container an outer render has dropped meanwhile, is dropped."""
        with self._swapping:
            previous = self.renders.get(container._id)
            stale = previous is not None and previous.generation > scope.generation
            if stale or self.block(container._id) is not container:
                return
            kept = scope.take_ids_of(previous)
            gone = [previous, *self._nested_renderings(previous)] if previous is not None else []
            self.cancel({dep.id for old in gone for dep in old.dependencies if self._in_flight[dep.id]})
            with self._lock:
                if self.ended:  # a run that finished after the session: nothing to show it to
                    return
                self._swap(container, scope, gone, kept)
            for dep in scope.listeners(scope._id, "load"):  # queued (never run here): no re-entry
                self.submit(dep, scope)

    def _nested_renderings(self, scope: RenderScope) -> list[RenderScope]:
        """What the renders that ``scope`` built built for this session, and so on down."""
        nested = [self.renders[block_id] for block_id in scope.owned if block_id in self.renders]
        return [found for inner in nested for found in (inner, *self._nested_renderings(inner))]

    def _swap(self, container: Block, scope: RenderScope, gone: list[RenderScope], kept: set[int]) -> None:
        """`rerender`'s change of this session's tables, under the lock."""
        if gone:
            scope.dropped = frozenset(set().union(*(old.owned.keys() for old in gone)) - kept)
            tables = (self.values, self.props, self._views, self._streaming, self._ticking, self._states_set, self.renders)
            for block_id in scope.dropped:
                for table in tables:
                    table.pop(block_id, None)
            for dep in (dep for old in gone for dep in old.dependencies):
                if not self._in_flight[dep.id]:
                    self._in_flight.pop(dep.id, None)
                self._latest.pop(dep.id, None)
                self._repeating.pop(dep.id, None)
        for block_id, block in scope.owned.items():
            if block_id in kept:
                self.props.pop(block_id, None)
                self._views.pop(block_id, None)
            elif hasattr(block, "session_value"):
                self.values[block_id] = block.session_value()
        self.renders[container._id] = scope
        for block in scope.owned.values():
            if isinstance(block, Timer) and self.started:
                self._tick_later(block)  # a dropped one's earlier schedule finds no token
        self.emit(rerender_message(self, scope))

    # --- events in flight --------------------------------------------------------------------

    def new_event_id(self) -> int:
        """An id for an event about to be submitted (the API names its events before they run)."""
        with self._lock:
            self._last_event_id += 1
            return self._last_event_id

    def submit(
        self,
        dep: Dependency,
        target: Block | None = None,
        data: Any = None,
        inputs: list[Any] | None = None,
        *,
        event_id: int | None = None,
        trigger_mode: str | None = None,
        follow_ups: bool = True,
    ) -> Job | None:
        """Queue one run of ``dep``, as its ``trigger_mode`` allows (the API passes "multiple":
        trigger modes are about a page's buttons); it first ``cancels`` others. ``inputs`` (from
        the listener's ``js``, or an API call) replace the current values of its inputs."""
        trigger_mode = trigger_mode or dep.options.trigger_mode
        if dep.options.cancels:
            self.cancel({other.id for other in dep.options.cancels})
        with self._lock:
            if self.ended:
                return None
            if self._in_flight[dep.id]:
                if trigger_mode == "once":
                    return None
                if trigger_mode == "always_last":
                    self._latest[dep.id] = (target, data)  # runs when the current one is done
                    return None
            self._in_flight[dep.id] += 1
            if dep.options.every is not None:
                self._repeating.setdefault(dep.id, (target, None))
            if inputs is None:
                values = {block._id: self.values.get(block._id) for block in dep.inputs}
            else:
                values = {block._id: value for block, value in zip(dep.inputs, inputs)}
            if target is not None:
                data = target.event_data(data, self.values.get(target._id))
            job = Job(self, dep, target, data, values, event_id if event_id is not None else self.new_event_id())
            job.follow_ups = follow_ups
        output_ids = [block._id for block in dep.outputs]
        if self.app.queue_settings.status_update_rate != "auto":
            # places in line go out on a timer: tell the page now that the event is in line.
            # Otherwise the queue tells a job that waits (`queued`), and one that starts at once
            # goes straight to "running", a message fewer per event.
            self.emit(protocol.status_message(job.event_id, output_ids, "pending", dep.options.show_progress))
        if not self.app.event_queue().submit(job):
            self._settle(job)
            self.emit(protocol.error_message(QUEUE_FULL, event=job.event_id, outputs=output_ids, title="Queue full"))
            self.emit(protocol.status_message(job.event_id, output_ids, "error", dep.options.show_progress))
            if dep.options.every is not None:
                self._repeat_later(dep, target)  # a full queue skips one repeat, not all of them
            return None
        return job

    def queued(self, job: Job, position: int, eta: float | None) -> None:
        """The queue moved: tell the page where this event waits."""
        output_ids = [block._id for block in job.dep.outputs]
        message = protocol.status_message(job.event_id, output_ids, "pending", job.dep.options.show_progress, position, eta)
        with self._lock:  # `execution` marks a job started under this lock: no "pending" after "running"
            if not job.started and not job.cancelled:
                self.emit(message)

    def show(self, job: Job, updates: Iterable[tuple[Block, dict[str, Any]]]) -> bool:
        """Apply one result of a running job, unless it was cancelled (False then): under the
        lock, so nothing of it reaches the page after `cancel` ended its event."""
        with self._lock:
            if job.cancelled:
                return False
            job.changed.update((block._id, block) for block in self.apply(updates, job.event_id))
        return True

    def conclude(self, job: Job, error: Exception | None = None) -> None:
        """End a running job's event: its error (if any), its last status, then what follows it.
        Once per job, by whichever comes first: its worker as its function returns, or `cancel`,
        which ends it at once (a cancelled run's end is "complete", whatever its function did)."""
        output_ids = [block._id for block in job.dep.outputs]
        stage: protocol.Stage = "complete"
        with self._lock:
            if job.ended:
                return
            job.ended = True
            if error is not None and not job.cancelled:
                stage = "error"
                self.emit(self.error_for(error, job.event_id, output_ids))
            self.emit(protocol.status_message(job.event_id, output_ids, stage, job.dep.options.show_progress))
            changed = list(job.changed.values())
        self.finished(job, stage == "complete", changed)

    def finished(self, job: Job, succeeded: bool, changed: list[Block]) -> None:
        """A job is done: queue what follows it."""
        latest = self._settle(job)
        dep = job.dep
        if latest is not None:
            self.submit(dep, *latest)
        if not job.follow_ups:
            return
        for block in changed:
            for listener in self.listeners(block._id, "change"):
                self.submit(listener, block, None)
        for chained in self.chained_after(dep.id):
            if not (chained.trigger_only_on_failure if succeeded else chained.trigger_only_on_success):
                self.submit(chained, job.target, None)
        if dep.options.every is not None:
            self._repeat_later(dep, job.target)

    def _settle(self, job: Job) -> tuple[Block | None, Any] | None:
        """Count ``job`` as no longer in flight; return a trigger that waited for it (always_last)."""
        with self._lock:
            self._in_flight[job.dep.id] -= 1
            if self._in_flight[job.dep.id] == 0:
                return self._latest.pop(job.dep.id, None)
        return None

    def _repeat_later(self, dep: Dependency, target: Block | None) -> None:
        """Run ``dep`` again in ``every`` seconds, unless its repeats were cancelled; this
        timer replaces any earlier one (a reconnect or a new trigger starts no second cycle)."""
        token = object()
        with self._lock:
            if self.ended or dep.id not in self._repeating:
                return
            self._repeating[dep.id] = (target, token)
        timers.call_later(dep.options.every, lambda: self._repeat(dep, token))  # type: ignore[arg-type]

    def _repeat(self, dep: Dependency, token: object) -> None:
        with self._lock:
            target, current = self._repeating.get(dep.id, (None, None))
            go = self.connected and not self.ended and current is token
        if go:
            self.submit(dep, target, None)

    def _start_ticking(self) -> None:
        """Start every `gr.Timer` active in this session: the app's, and its renderings'."""
        rendered = [block for scope in list(self.renders.values()) for block in scope.owned.values()]
        for block in [*self.app.components().values(), *rendered]:
            if isinstance(block, Timer):
                self._tick_later(block)

    def _tick_later(self, timer: Timer) -> None:
        """Fire ``timer``'s tick in its interval if it is active in this session; this replaces any
        earlier schedule (a timer made active twice, or given a new interval, ticks once)."""
        token = object()
        with self._lock:
            interval = self.values.get(timer._id)
            active = self.props.get(timer._id, {}).get("active", timer.active)  # an update's, else its own
            if self.ended or not active or not interval or interval <= 0:
                self._ticking.pop(timer._id, None)
                return
            self._ticking[timer._id] = token
        timers.call_later(float(interval), lambda: self._tick(timer, token))

    def _tick(self, timer: Timer, token: object) -> None:
        with self._lock:
            go = self.connected and not self.ended and self._ticking.get(timer._id) is token
        if go:
            self.trigger(timer._id, "tick")
            self._tick_later(timer)

    def _state_set(self, state: State) -> None:
        """A function set ``state``: Gradio drops a State ``time_to_live`` seconds after its
        latest setting. One timer per State at a time, which looks again when it fires: a State
        set at every yield of a stream must not leave a timer per yield. Called under the lock."""
        _, _, waiting = self._states_set.get(state._id, (state, 0.0, False))
        expires = state.time_to_live != math.inf
        self._states_set[state._id] = (state, monotonic(), waiting or expires)
        if expires and not waiting:
            timers.call_later(state.time_to_live, lambda: self._expire_state(state))

    def _expire_state(self, state: State) -> None:
        """``state``'s timer: set again since, it waits for the rest of the new time to live;
        otherwise the value is dropped, reads as the initial value again, and goes to its
        ``delete_callback`` (on the timers' thread, as Gradio runs it on its cleanup thread: a
        slow callback delays other timed calls)."""
        with self._lock:
            if self.ended or state._id not in self._states_set:
                return
            _, set_at, _ = self._states_set[state._id]
            left = set_at + state.time_to_live - monotonic()
            if left > 0:
                timers.call_later(left, lambda: self._expire_state(state))
                return
            del self._states_set[state._id]
            dropped, self.values[state._id] = self.values.get(state._id), state.session_value()
        _delete_state(state, dropped)

    def cancel(self, dep_ids: set[int], *, keep_repeating: bool = False) -> None:
        """Drop this session's waiting runs of those listeners, end its running ones at once (and,
        unless ``keep_repeating``, stop their ``every`` repeats), as Gradio ends a cancelled event
        and frees its concurrency slot. A generator is closed at its next yield, an async function
        is cancelled where it awaits; a sync function cannot be stopped: its thread runs on until
        it returns, and what it returns is dropped."""
        if not keep_repeating:  # first: the runs ended here must not set up another repeat
            with self._lock:
                for dep_id in dep_ids:
                    self._repeating.pop(dep_id, None)
        dropped, stopped = self.app.event_queue().cancel(self, dep_ids)
        for job in dropped:
            self._settle(job)
            output_ids = [block._id for block in job.dep.outputs]
            self.emit(protocol.status_message(job.event_id, output_ids, "complete", job.dep.options.show_progress))
        for job in stopped:
            self.conclude(job)

    def disconnect(self) -> None:
        """The page went away: its runs stop; ``every`` repeats pause until it reconnects."""
        with self._lock:
            self.connected = False
            in_flight = {dep_id for dep_id, count in self._in_flight.items() if count}
        self.cancel(in_flight, keep_repeating=True)

    def reconnect(self) -> None:
        """The page is back: listeners with ``every`` repeat again."""
        with self._lock:
            self.connected = True
            # the timers set before the disconnect are void: the runs submitted here set new ones
            self._repeating = {dep_id: (target, None) for dep_id, (target, _) in self._repeating.items()}
            repeating = dict(self._repeating)
        for dep_id, (target, _) in repeating.items():
            self.submit(self.dependency(dep_id), target, None)
        if self.started:
            self._start_ticking()  # the ticks set before the disconnect found it and stopped

    def end(self) -> None:
        """The session is over: stop its runs, then run the app's unload functions once."""
        if self.ended:
            return
        self.disconnect()
        with self._lock:
            self.ended = True
            states, self._states_set = list(self._states_set.values()), {}
            self.renders = {}  # what its renders built goes with it
        for fn in self.app.unload_fns:
            try:
                fn()
            except Exception:  # one failing cleanup must not skip the others
                logger.exception("Error in an unload function")
        for state, _, _ in states:  # what the session set is dropped with it, as Gradio drops it
            _delete_state(state, self.values.get(state._id))

    # --- results -----------------------------------------------------------------------------

    def apply(self, updates: Iterable[tuple[Block, dict[str, Any]]], event_id: int | None = None) -> list[Block]:
        """Store new props for this session, send them (tagged with the event that made them),
        and return the blocks whose value changed."""
        changed: list[Block] = []
        outgoing: list[protocol.PropUpdate] = []
        with self._lock:
            for block, props in updates:
                old = self.values.get(block._id)
                if "value" in props:
                    new = props["value"]
                    if _differs(old, new):
                        changed.append(block)
                    self.values[block._id] = new
                others = {k: v for k, v in props.items() if k != "value"}
                if others:
                    self.props.setdefault(block._id, {}).update(others)
                    self._views.pop(block._id, None)
                if isinstance(block, State) and "value" in props:
                    self._state_set(block)
                if isinstance(block, Timer) and props.keys() & {"value", "active"} and self.started:
                    self._tick_later(block)  # started, stopped or given a new interval
                if props and not isinstance(block, (State, Timer)):  # those two live in Python only
                    outgoing.append(self._outgoing(block, props, old, event_id))
            if any("append" in update for update in outgoing):
                # sent under the lock: a render (also sent under it) can't slip in between the
                # value an append is made against and the page
                self.emit(protocol.update_message(outgoing, event_id))
                return changed
        if outgoing:
            self.emit(protocol.update_message(outgoing, event_id))
        return changed

    def _outgoing(self, block: Block, props: dict[str, Any], old: Any, event_id: int | None) -> protocol.PropUpdate:
        """``props`` as sent: a streamed value that only grew a text since this event's previous
        update is sent as that text (`nbblocks.edits`), so a chat token doesn't cost the history."""
        if event_id is None or props.keys() != {"value"} or not block.TEXT_APPENDS:
            self._streaming.pop(block._id, None)
            return {"id": block._id, "props": props}
        previous, self._streaming[block._id] = self._streaming.get(block._id), event_id
        edit = text_append(old, props["value"]) if previous == event_id else None
        return {"id": block._id, "props": props} if edit is None else {"id": block._id, "props": {}, "append": edit}

    def view(self, block: Block) -> Block:
        """``block`` as this session sees it: with the props its updates changed."""
        overrides = self.props.get(block._id)
        if not overrides:
            return block
        view = self._views.get(block._id)
        if view is None:
            view = self._views[block._id] = block.with_props(overrides)
        return view

    def push_props(self, changes: Iterable[tuple[Block, str, Any]]) -> None:
        """Props changed from Python (``out.label = "Result"``), in the order they were set: shown
        in this session as one update, the latest of each prop. A value is converted with the
        props set before it (``choices`` then ``value``)."""
        updates: dict[int, tuple[Block, dict[str, Any]]] = {}
        for block, name, value in changes:
            props = updates.setdefault(block._id, (block, {}))[1]
            if name == "value":
                earlier = {key: prop for key, prop in props.items() if key != "value"}
                view = self.view(block).with_props(earlier) if earlier else self.view(block)
                value = engine.to_props(view, value)["value"]
            props[name] = value
        self.apply(list(updates.values()))

    def error_for(self, exc: Exception, event_id: int, output_ids: list[int]) -> protocol.ErrorMessage:
        """What the person sees of a failed event: a gr.Error's own words, else (unless
        ``show_error``) a generic sentence; the traceback goes to the log, tagged with the app's
        id (``launch(debug=True)`` in a notebook shows that app's errors below its cell)."""
        tag = {"app_id": self.app._id}
        if isinstance(exc, Error):
            if exc.print_exception:  # with its traceback, as Gradio prints it
                logger.warning("gr.Error in event %s: %s", event_id, exc.message, exc_info=exc, extra=tag)
            return protocol.error_message(
                exc.message, event=event_id, outputs=output_ids, title=exc.title,
                duration=exc.duration, visible=exc.visible,
            )  # fmt: skip
        logger.error("Error in event %s", event_id, exc_info=exc, extra=tag)
        message = str(exc) if self.app.show_error else GENERIC_ERROR
        return protocol.error_message(message, event=event_id, outputs=output_ids)


def started_by_page(dep: Dependency) -> bool:
    """Whether a load listener waits for the page's ``load``: its ``js`` function runs there first,
    or it reads a `BrowserState`, whose value the page reads from the browser before it sends it."""
    return bool(dep.options.js) or any(isinstance(block, BrowserState) for block in dep.inputs)


def _delete_state(state: State, value: Any) -> None:
    try:
        state.delete_callback(value)
    except Exception:  # user code: logged, and the other States are still deleted
        logger.exception("Error in the delete_callback of a gr.State")


def _differs(old: Any, new: Any) -> bool:
    try:
        return bool(old != new)
    except Exception:  # values whose comparison fails or is ambiguous (arrays): count as changed
        return True


class StoreFull(Exception):
    """No room for a new API session: every kept session is in use (a connected page, or an API
    client with a heartbeat, a stream or an event in flight), and none of those is evicted for it."""


class SessionStore:
    """A served app's sessions by hash, holding at most ``capacity`` (``state_session_capacity``).

    A session is *in use* (a page's socket is open, an API client has a heartbeat, a stream or an
    event in flight) or *idle*: idle since `detach`. An idle session is kept ``grace_seconds`` so
    that a reconnect (a reload in the same tab, an API client's next call) finds its values again,
    then it expires; so an API client that never opens a heartbeat (curl with a session_hash) is
    forgotten ``grace_seconds`` after its last call ends, as Gradio forgets a client some time
    after its heartbeat closes.

    At capacity, room is made by evicting, oldest first: idle API sessions, then idle pages. Only
    a new *page* may go further and evict the least recently used session in use, as Gradio's
    documented "the oldest sessions will be removed" (a connected page there is one that holds a
    socket open, so it takes ``capacity`` open sockets to push one out). A new *API* session
    never evicts one in use: it is refused with `StoreFull` instead, so no number of cheap HTTP
    requests can end a connected page's session.

    Methods return the sessions that are over; the caller ends them (their unload functions are
    user code, which must not run on the loop). Every method is meant for one thread (the loop).
    """

    def __init__(self, capacity: int = 10000, grace_seconds: float = 60.0, clock: Callable[[], float] = time.monotonic):
        if capacity < 1:
            raise ValueError("state_session_capacity must be at least 1")
        self.capacity = capacity
        self.grace_seconds = grace_seconds
        self._clock = clock
        #: every session, least recently used first
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        #: idle sessions by when they went idle, oldest first (dicts keep insertion order): the
        #: API clients' and the pages' apart, as eviction takes the former first
        self._idle_api: dict[str, float] = {}
        self._idle_pages: dict[str, float] = {}
        self._api: set[str] = set()

    def __len__(self) -> int:
        return len(self._sessions)

    def __contains__(self, session_hash: object) -> bool:
        return session_hash in self._sessions

    def add(self, session: Session, *, api: bool = False) -> list[Session]:
        """Keep ``session`` (in use); return the sessions evicted to make room for it. Raises
        `StoreFull` for an API session when only sessions in use are left to evict."""
        in_use = len(self._sessions) - len(self._idle_api) - len(self._idle_pages)
        if api and in_use >= self.capacity:
            raise StoreFull()
        evicted = []
        while len(self._sessions) >= self.capacity:
            evicted.append(self._remove(self._eviction_candidate()))
        self._sessions[session.hash] = session
        if api:
            self._api.add(session.hash)
        return evicted

    def _eviction_candidate(self) -> str:
        for idle in (self._idle_api, self._idle_pages):
            if idle:
                return next(iter(idle))
        return next(iter(self._sessions))  # only a new page gets here (see `add`)

    def attach(self, session_hash: str) -> Session | None:
        """The session a page or API client uses now, if it is still kept: in use, and the most
        recently used."""
        session = self._sessions.get(session_hash)
        if session is not None:
            self._sessions.move_to_end(session_hash)
            self._idle_api.pop(session_hash, None)
            self._idle_pages.pop(session_hash, None)
        return session

    def detach(self, session_hash: str) -> None:
        """Nothing uses the session any more: its grace period starts (again)."""
        if session_hash in self._sessions:
            idle = self._idle_api if session_hash in self._api else self._idle_pages
            idle.pop(session_hash, None)  # to the end: the order is the order of going idle
            idle[session_hash] = self._clock()

    def expired(self) -> list[Session]:
        """Remove and return the sessions idle for longer than the grace period."""
        deadline = self._clock() - self.grace_seconds
        over = []
        for idle in (self._idle_api, self._idle_pages):
            for session_hash, since in idle.items():
                if since > deadline:
                    break  # the rest went idle later
                over.append(session_hash)
        return [self._remove(session_hash) for session_hash in over]

    def _remove(self, session_hash: str) -> Session:
        self._idle_api.pop(session_hash, None)
        self._idle_pages.pop(session_hash, None)
        self._api.discard(session_hash)
        return self._sessions.pop(session_hash)

    def remove_all(self) -> list[Session]:
        """Empty the store (the server is closing); return every session to end."""
        sessions = list(self._sessions.values())
        self._sessions.clear()
        self._idle_api.clear()
        self._idle_pages.clear()
        self._api.clear()
        return sessions
