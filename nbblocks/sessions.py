"""A session: one person's copy of an app's values and props, and the messages it exchanges.

A notebook widget is one session; the served transport holds one per visitor. A transport gives
the session an ``emit`` callable for outgoing messages and feeds it incoming ones through
`Session.handle`; everything else (which listeners run, in what order, what the outputs become)
happens here and in `engine.py`.
"""

from __future__ import annotations

import itertools
import logging
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Coroutine, Iterable
from typing import TYPE_CHECKING, Any

from . import engine, protocol
from .block import Block
from .exceptions import Error
from .render import render_message
from .request import Request

if TYPE_CHECKING:
    from .blocks import Blocks
    from .events import Dependency

logger = logging.getLogger("nbblocks")
GENERIC_ERROR = "An error occurred while running this event."

Emit = Callable[[protocol.ServerMessage], None]


class Session:
    """The values and prop overrides of one person's view of ``app``."""

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
        self.ended = False
        self._event_ids = itertools.count(1).__next__

    # --- incoming messages -------------------------------------------------------------------

    def handle(self, raw: Any) -> None:
        """Act on one message from the front end; a malformed one gets an error reply only."""
        try:
            message = protocol.parse_client_message(raw)
            if message["type"] == "ready":
                self.emit(render_message(self))
                if not self.started:
                    self.started = True
                    self.trigger(self.app._id, "load")
            elif message["type"] == "value":
                self.set_value(message["id"], message["value"])
            else:
                self.trigger(message["id"], message["event"], message.get("data"))
        except protocol.ProtocolError as exc:
            self.emit(protocol.error_message(str(exc), title="Refused message"))

    def set_value(self, block_id: int, value: Any) -> None:
        block = self.app.components().get(block_id)
        if block is None or not hasattr(block, "preprocess") or block.type_name == "state":
            raise protocol.ProtocolError(f"no component with id {block_id} takes a value")
        self.values[block_id] = value

    def trigger(self, block_id: int, event: str, data: Any = None) -> None:
        """Run every listener of ``event`` on block ``block_id``, then what they set off."""
        block = self.app.components().get(block_id)
        if block is None:
            raise protocol.ProtocolError(f"no block with id {block_id}")
        if event not in block.EVENTS:
            raise protocol.ProtocolError(f"{block.type_name} has no event {event!r}")
        work = deque((dep, block, data) for dep in self.app.listeners(block_id, event))
        while work:
            dep, target, payload = work.popleft()
            succeeded, changed = self.run(dep, target, payload)
            for changed_block in changed:
                work.extend((d, changed_block, None) for d in self.app.listeners(changed_block._id, "change"))
            work.extend(
                (d, target, None)
                for d in self.app.chained_after(dep.id)
                if succeeded or not d.trigger_only_on_success
            )

    def end(self) -> None:
        """The session is over (its view closed): run the app's unload functions once."""
        if self.ended:
            return
        self.ended = True
        for fn in self.app.unload_fns:
            try:
                fn()
            except Exception:  # one failing cleanup must not skip the others
                logger.exception("Error in an unload function")

    # --- running -----------------------------------------------------------------------------

    def run(self, dep: Dependency, target: Block | None = None, data: Any = None) -> tuple[bool, list[Block]]:
        """Run one listener, streaming its updates; return (succeeded, outputs whose value changed)."""
        event_id = self._event_ids()
        output_ids = [block._id for block in dep.outputs]
        show_progress = dep.options.show_progress
        self.emit(protocol.status_message(event_id, output_ids, "pending", show_progress))
        changed: dict[int, Block] = {}
        try:
            invocation = engine.Invocation(self.values, target, data, self.request, self.view, self.run_coroutine)
            for updates in engine.run(dep, invocation):
                changed.update((b._id, b) for b in self.apply(updates))
        except Exception as exc:  # a user function's failure ends its event, not the session
            self.emit(self._error_for(exc, event_id, output_ids))
            self.emit(protocol.status_message(event_id, output_ids, "error", show_progress))
            return False, list(changed.values())
        self.emit(protocol.status_message(event_id, output_ids, "complete", show_progress))
        return True, list(changed.values())

    def apply(self, updates: Iterable[tuple[Block, dict[str, Any]]]) -> list[Block]:
        """Store new props for this session, send them, and return the blocks whose value changed."""
        changed: list[Block] = []
        outgoing: list[protocol.PropUpdate] = []
        for block, props in updates:
            if "value" in props:
                new = props["value"]
                if _differs(self.values.get(block._id), new):
                    changed.append(block)
                self.values[block._id] = new
            others = {k: v for k, v in props.items() if k != "value"}
            if others:
                self.props.setdefault(block._id, {}).update(others)
                self._views.pop(block._id, None)
            if block.type_name != "state" and props:
                outgoing.append({"id": block._id, "props": props})
        if outgoing:
            self.emit(protocol.update_message(outgoing))
        return changed

    def view(self, block: Block) -> Block:
        """``block`` as this session sees it: with the props its updates changed."""
        overrides = self.props.get(block._id)
        if not overrides:
            return block
        view = self._views.get(block._id)
        if view is None:
            view = self._views[block._id] = block.with_props(overrides)
        return view

    def push_prop(self, block: Block, name: str, value: Any) -> None:
        """A prop changed from Python (``out.label = "Result"``): show it in this session."""
        if name == "value":
            value = engine.to_props(self.view(block), value)["value"]
        self.apply([(block, {name: value})])

    def _error_for(self, exc: Exception, event_id: int, output_ids: list[int]) -> protocol.ErrorMessage:
        if isinstance(exc, Error):
            if exc.print_exception:
                logger.warning("gr.Error in event %s: %s", event_id, exc.message)
            return protocol.error_message(
                exc.message, event=event_id, outputs=output_ids, title=exc.title,
                duration=exc.duration, visible=exc.visible,
            )  # fmt: skip
        logger.error("Error in event %s", event_id, exc_info=exc)
        message = str(exc) if self.app.show_error else GENERIC_ERROR
        return protocol.error_message(message, event=event_id, outputs=output_ids)


def _differs(old: Any, new: Any) -> bool:
    try:
        return bool(old != new)
    except Exception:  # values whose comparison fails or is ambiguous (arrays): count as changed
        return True



class SessionStore:
    """A served app's sessions by hash, least recently used first, holding at most ``capacity``.

    A session whose connection dropped stays for ``grace_seconds`` so that a reconnect (or a page
    reload in the same tab) finds its values again. Methods return the sessions that are over;
    the caller ends them (their unload functions are user code, which must not run on the loop).
    """

    def __init__(self, capacity: int = 10000, grace_seconds: float = 60.0, clock: Callable[[], float] = time.monotonic):
        if capacity < 1:
            raise ValueError("state_session_capacity must be at least 1")
        self.capacity = capacity
        self.grace_seconds = grace_seconds
        self._clock = clock
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._detached_at: dict[str, float] = {}

    def __len__(self) -> int:
        return len(self._sessions)

    def __contains__(self, session_hash: object) -> bool:
        return session_hash in self._sessions

    def add(self, session: Session) -> list[Session]:
        """Keep ``session``; return the least recently used ones evicted to stay within capacity."""
        self._sessions[session.hash] = session
        self._sessions.move_to_end(session.hash)
        evicted = []
        while len(self._sessions) > self.capacity:
            _, oldest = self._sessions.popitem(last=False)
            self._detached_at.pop(oldest.hash, None)
            evicted.append(oldest)
        return evicted

    def attach(self, session_hash: str) -> Session | None:
        """The session a (re)connecting page asks for, if it is still kept; marks it in use."""
        session = self._sessions.get(session_hash)
        if session is not None:
            self._sessions.move_to_end(session_hash)
            self._detached_at.pop(session_hash, None)
        return session

    def detach(self, session_hash: str) -> None:
        """The session's connection closed: its grace period starts."""
        if session_hash in self._sessions:
            self._detached_at[session_hash] = self._clock()

    def expired(self) -> list[Session]:
        """Remove and return the sessions detached for longer than the grace period."""
        deadline = self._clock() - self.grace_seconds
        over = [h for h, since in self._detached_at.items() if since <= deadline]
        for session_hash in over:
            del self._detached_at[session_hash]
        return [self._sessions.pop(session_hash) for session_hash in over]

    def remove_all(self) -> list[Session]:
        """Empty the store (the server is closing); return every session to end."""
        sessions = list(self._sessions.values())
        self._sessions.clear()
        self._detached_at.clear()
        return sessions
