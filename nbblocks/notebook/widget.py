"""`BlocksWidget`: the anywidget that carries one app's session between kernel and front end.

The widget has no synced state of its own: the front end sends ``ready`` when a view is created
and gets the whole tree back as a ``render`` message, so every view (a second display of
``demo``, a reloaded page) starts from the session's current values. Prop changes made from
Python (``out.label = "Result"``) are observed on the traitlets and sent as ``update``: those
made in one cell go out together, as one message, once the cell's code has run (the kernel runs
it on its event loop, and the sending waits for the loop's next turn); outside the kernel's
loop (a worker thread, marimo) each goes out at once. A value typed in one view is shown in the
widget's other views (`BlocksWidget._share_value`).
"""

from __future__ import annotations

import asyncio
import atexit
import threading
import weakref
from pathlib import Path
from typing import Any

import anywidget

from .. import protocol, windows
from ..block import Block
from ..blocks import Blocks
from ..chunks import chunk_reply
from ..queue import Job
from ..sessions import Session
from ..transfers import FileTransfers
from . import in_notebook

STATIC = Path(__file__).resolve().parent.parent / "static"
#: how long the kernel's shell thread waits for a click's runs to end (`_await_quick_runs`)
QUICK_RUN_SECONDS = 0.005

#: widgets whose sessions are still open: their unload functions run when the kernel shuts down
_live: weakref.WeakSet[BlocksWidget] = weakref.WeakSet()


@atexit.register
def _end_sessions() -> None:
    for widget in list(_live):
        widget.session.end()


class BlocksWidget(anywidget.AnyWidget):
    """One rendered app: one session, shared by all of its views."""

    _esm = STATIC / "nbblocks.js"
    _css = STATIC / "nbblocks.css"

    def __init__(self, app: Blocks, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.app = app
        self.session = Session(app, self._emit)
        #: file bytes to and from the page, as comm buffers (there is no HTTP server)
        self.transfers = FileTransfers(app.file_cache)
        self._observed: list[Block] = []
        #: props set from Python and not sent yet: (block, name, value), in order
        self._prop_changes: list[tuple[Block, str, Any]] = []
        self._prop_lock = threading.Lock()
        #: the names of the views that asked for the tree (`_share_value`)
        self._views: set[str] = set()
        #: the kernel's IO loop, where `_emit` gathers messages (None outside a kernel)
        self._loop = _kernel_io_loop()
        self._outbox: list[protocol.ServerMessage] = []
        self._outbox_lock = threading.Lock()
        #: the shell thread waits for a click's quick runs (`_await_quick_runs`) and sends what
        #: they emitted when it stops waiting: the kernel's loop is not woken meanwhile
        self._holding = False
        for block in [app, *app.components().values()]:
            block.observe(self._on_prop_change, names=list(block.prop_names()))
            self._observed.append(block)
        self.on_msg(self._on_message)
        _live.add(self)

    def _emit(self, message: protocol.ServerMessage) -> None:
        """Send a session message. In a kernel, those emitted before its loop next turns or an
        event ends go out as one comm message (a list): a quick run's running, update and
        complete are one message over the kernel's socket, not three, sent by the thread that
        ends the event. Elsewhere (tests, marimo) each goes at once."""
        message = windows.for_page(message, self.session)
        if self._loop is None:
            self.send(message)
            return
        with self._outbox_lock:
            self._outbox.append(message)
            first = len(self._outbox) == 1 and not self._holding
        if message["type"] == "status" and message["stage"] in ("complete", "error"):
            self._send_outbox()  # an event's end: no reason to wait for the loop
        elif first:
            self._loop.add_callback(self._send_outbox)  # thread-safe: jobs emit from worker threads

    def _send_outbox(self) -> None:
        with self._outbox_lock:
            batch, self._outbox = self._outbox, []
        if batch:
            self.send(batch[0] if len(batch) == 1 else batch)

    def _on_message(self, _widget: Any, content: Any, buffers: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "chunk":
            self.send(chunk_reply(content))  # the page's code, not the session's business
            return
        if isinstance(content, dict) and content.get("type") in protocol.FILE_MESSAGE_TYPES:
            self._on_file_message(content, list(buffers or []))
            return
        jobs = self.session.handle(content)
        self._share_value(content)
        if jobs and self._loop is not None:
            self._await_quick_runs(jobs)

    def _await_quick_runs(self, jobs: list[Job]) -> None:
        """On the kernel's shell thread, give the click's runs a moment to end before the kernel
        goes on: a quick one's output then goes out before the kernel reports itself idle, as
        an ipywidgets callback's does. Without the wait the worker waits for the shell thread to
        finish its own bookkeeping (the interpreter switches threads only every few ms). A run
        that takes longer goes on alone: the kernel stays free for cells and other clicks.

        Meanwhile what the runs emit waits (a quick run's ``running`` then goes with its output,
        sent by the worker as the run ends): waking the kernel's loop to send ``running`` alone
        made a third thread compete for the interpreter, and delayed the function by about a ms."""
        with self._outbox_lock:
            self._holding = True
        try:
            self.app.event_queue().join(QUICK_RUN_SECONDS, jobs)
        finally:
            with self._outbox_lock:
                self._holding = False
            self._send_outbox()

    def _share_value(self, content: dict[str, Any]) -> None:
        """A value typed in one view of this widget is shown in its other views: sent back over
        the comm (which reaches them all), tagged with that view, which ignores it."""
        view = content.get("view")
        if not isinstance(view, str):
            return
        if content.get("type") == "ready":
            self._views.add(view)
        elif content.get("type") == "value" and len(self._views) > 1:
            block_id = content["id"]
            if self.session.values.get(block_id) is content["value"]:  # taken, not refused
                update: protocol.PropUpdate = {"id": block_id, "props": {"value": content["value"]}}
                self._emit({"type": "update", "updates": [update], "view": view})

    def _on_file_message(self, content: dict[str, Any], buffers: list[Any]) -> None:
        try:
            reply, reply_buffers = self.transfers.handle(content, buffers)
        except protocol.ProtocolError as exc:
            self.send(protocol.error_message(str(exc), title="Refused message"))
            return
        self.send(reply, reply_buffers)

    def _on_prop_change(self, change: dict[str, Any]) -> None:
        with self._prop_lock:
            self._prop_changes.append((change["owner"], change["name"], change["new"]))
            first = len(self._prop_changes) == 1
        if not first:
            return  # already due to go out
        loop = _kernel_loop()
        if loop is None:
            self._send_prop_changes()
        else:
            loop.call_soon(self._send_prop_changes)

    def _send_prop_changes(self) -> None:
        with self._prop_lock:
            changes, self._prop_changes = self._prop_changes, []
        if changes:
            self.session.push_props(changes)

    def close(self) -> None:
        for block in self.__dict__.get("_observed", ()):
            block.unobserve(self._on_prop_change)
        self.__dict__.get("_observed", []).clear()
        if "session" in self.__dict__:
            self.session.end()
        if "transfers" in self.__dict__:
            self.transfers.close()
        super().close()


def _kernel_io_loop() -> Any:
    """The IO loop of the Jupyter kernel this runs in (a tornado IOLoop), or None."""
    if not in_notebook():
        return None
    from IPython import get_ipython

    return getattr(getattr(get_ipython(), "kernel", None), "io_loop", None)


def _kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop of the Jupyter kernel running a cell in this thread, if that is where this
    runs. Any other loop (a test driver's, a worker thread's) is not waited for: nothing says it
    turns soon."""
    if not in_notebook():
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
