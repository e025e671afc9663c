"""Gradio's SSE messages, made from our protocol messages, and the mailboxes that hold them.

An `ApiEvent` is one API call: it turns the session's messages for its event (status, update,
progress, toast, error) into the frames a Gradio client reads. On the queue path (``sse_v3``)
every message becomes a ``data: {"msg": ...}`` frame on the session's stream; on the curl path
(``/call``) only ``generating``, ``complete`` and ``error`` are sent, as named events, on the
event's own stream. A `Mailbox` buffers frames from any thread until a reader on the loop takes
them, so nothing is lost when the client opens its stream after the event finished.

Files in the outputs get an absolute ``url`` (``<scheme>://<host><root_path>/gradio_api/file=<path>``,
as Gradio gives them), made from the request that started the call (`ApiHandler.file_route`),
so a curl user can fetch them as they are; the page's WebSocket builds its own.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from ... import protocol
from ...edits import apply_append
from ...endpoints import skips_api
from ...filedata import with_urls
from ...sessions import GENERIC_ERROR

if TYPE_CHECKING:
    from ...events import Dependency

Kind = Literal["queue", "call"]
#: a frame of text, and whether it is the last one a reader should send
Frame = tuple[str, bool]
HEARTBEAT_SECONDS = 15.0
#: what an output not set by the function is (a dict return naming only some outputs)
_SKIP = {"__type__": "update"}


class Mailbox:
    """Frames for one reader, put from any thread, taken on the loop. A reader waits on
    `wait()`; a newer reader (`claim`) makes an older one stop."""

    def __init__(self, call_soon: Callable[[Callable[[], None]], None]) -> None:
        self._call_soon = call_soon  # runs a callable on the loop (`Server.call_soon`)
        self._lock = threading.Lock()
        self._frames: list[Frame] = []
        self._signal = asyncio.Event()
        self.generation = 0

    def put(self, text: str, last: bool = False) -> None:
        with self._lock:
            wake = not self._frames
            self._frames.append((text, last))
        if wake:
            self._call_soon(self._signal.set)

    def take(self) -> tuple[list[str], bool]:
        """On the loop: the frames waiting, up to and including the first last one."""
        with self._lock:
            self._signal.clear()
            for index, (_, last) in enumerate(self._frames):
                if last:
                    taken, self._frames = self._frames[: index + 1], self._frames[index + 1 :]
                    if self._frames:
                        self._signal.set()
                    return [text for text, _ in taken], True
            taken, self._frames = self._frames, []
        return [text for text, _ in taken], False

    def empty(self) -> bool:
        with self._lock:
            return not self._frames

    def claim(self) -> int:
        """On the loop: a new reader; any older one stops at its next wake-up."""
        self.generation += 1
        self._signal.set()
        return self.generation

    def wake(self) -> None:
        """On the loop: wake the reader (its connection closed)."""
        self._signal.set()

    async def wait(self) -> None:
        await self._signal.wait()


class ApiEvent:
    """One API call in flight: its ids, its outputs so far, and the frames it sends."""

    def __init__(self, api_id: str, dep: Dependency, session_event: int, kind: Kind, mailbox: Mailbox, file_route: str) -> None:
        self.api_id = api_id
        self.dep = dep
        self.session_event = session_event
        self.kind = kind
        self.mailbox = mailbox
        #: the absolute ``.../gradio_api/file=`` the outputs' files are reached at
        self.file_route = file_route
        self.index = {block._id: i for i, block in enumerate(dep.outputs)}
        self.data: list[Any] = [None if skips_api(b) else _SKIP for b in dep.outputs]
        self.generator = dep.spec.kind in ("generator", "async_generator")
        self.started = time.perf_counter()
        self.error: protocol.ErrorMessage | None = None
        #: what the client last got of a generator's outputs (sse_v3 sends diffs after the first)
        self.sent: list[Any] | None = None
        self.done = False
        #: the client cancelled it (``/cancel``) or left its stream: its end sends nothing on the
        #: queue path
        self.cancelled = False
        #: messages that came while the call was being submitted (None once it is in the queue)
        self.held: list[protocol.ServerMessage] | None = []

    # --- protocol message → frames ---------------------------------------------------------

    def handle(self, message: protocol.ServerMessage) -> bool:
        """Turn one message for this event into frames; True when the event is over."""
        if message["type"] == "update":
            self._store(message["updates"])
            if self.generator:
                self._generating()
        elif message["type"] == "status":
            return self._status(message)
        elif message["type"] == "error":
            self.error = message
        elif self.kind == "queue" and message["type"] == "progress":
            self._queue_frame({"msg": "progress", "progress_data": message["progress"]})
        elif self.kind == "queue" and message["type"] == "toast":
            self._queue_frame({
                "msg": "log", "log": message["message"], "level": message["level"],
                "title": message["title"], "duration": message["duration"], "visible": message["visible"],
            })  # fmt: skip
        return False

    def _store(self, updates: list[protocol.PropUpdate]) -> None:
        for update in updates:
            index = self.index.get(update["id"])
            if index is None:
                continue
            edit = update.get("append")
            if edit is not None:  # the value this stream last stored, with a streamed token added
                self.data[index] = apply_append(self.data[index], edit)
                continue
            props = update["props"]
            # a plain value is the value; other props travel as Gradio's update dict
            value = props["value"] if props.keys() == {"value"} else {"__type__": "update", **props}
            self.data[index] = with_urls(value, self.file_route)

    def _status(self, message: protocol.StatusMessage) -> bool:
        stage = message["stage"]
        if stage == "pending" and self.kind == "queue":
            rank = message.get("position") or 0
            eta = message.get("eta")
            self._queue_frame({"msg": "estimation", "rank": rank, "queue_size": rank + 1, "rank_eta": eta})
        elif stage == "running":
            self.started = time.perf_counter()
            if self.kind == "queue":
                self._queue_frame({"msg": "process_starts", "eta": None})
        elif stage in ("complete", "error"):
            # done before the last frame is out: a reader that took it must find the event
            # done, or a result read once would stay (and a second read wait forever)
            self.done = True
            self._completed(stage == "complete")
            return True
        return False

    def _output(self, data: list[Any], generating: bool) -> dict[str, Any]:
        return {
            "data": data, "is_generating": generating, "duration": time.perf_counter() - self.started,
            "average_duration": None, "render_config": None, "changed_state_ids": [], "used_cache": None,
        }  # fmt: skip

    def _generating(self) -> None:
        current = list(self.data)
        if self.kind == "call":
            self.mailbox.put(f"event: generating\ndata: {protocol.encode_json(current)}\n\n")
            return
        sent, self.sent = self.sent, current
        data = current if sent is None else [diff(old, new) for old, new in zip(sent, current)]
        self._queue_frame({"msg": "process_generating", "output": self._output(data, True), "success": True})

    def _completed(self, success: bool) -> None:
        if self.kind == "call":
            if success:
                self.mailbox.put(f"event: complete\ndata: {protocol.encode_json(self.data)}\n\n", last=True)
            else:
                self.mailbox.put(f"event: error\ndata: {protocol.encode_json(self.error_payload())}\n\n", last=True)
            return
        if self.cancelled:
            # the client gave this job up already; a result could reach it before its own
            # cancellation does and be returned instead. Without a completion the job ends
            # cancelled when the stream closes (or as the client cancels it itself).
            return
        if success:
            self._queue_frame({
                "msg": "process_completed", "output": self._output(self.data, False), "success": True,
                "title": None, "used_cache": None,
            })  # fmt: skip
        else:
            payload = self.error_payload()
            self._queue_frame({"msg": "process_completed", "output": payload, "success": False, "title": payload.get("title")})

    def error_payload(self) -> dict[str, Any]:
        """Gradio's error output: the message of a gr.Error (or of any exception under
        ``show_error``) with its title, duration and visibility; ``{"error": None}`` otherwise,
        which the official client reports as an error the app keeps to itself."""
        error = self.error
        if error is None or error["message"] == GENERIC_ERROR:
            return {"error": None}
        return {"error": error["message"], "duration": error["duration"], "visible": error["visible"], "title": error["title"]}

    def _queue_frame(self, message: dict[str, Any]) -> None:
        message["event_id"] = self.api_id
        self.mailbox.put(f"data: {protocol.encode_json(message)}\n\n")


def diff(old: Any, new: Any) -> list[list[Any]]:
    """An sse_v3 edit list from ``old`` to ``new``: an append for text that grew (streamed
    tokens), nothing when unchanged, else a replacement."""
    if old == new:
        return []
    if isinstance(old, str) and isinstance(new, str) and new.startswith(old):
        return [["append", [], new[len(old) :]]]
    return [["replace", [], new]]


CLOSE_STREAM = protocol.encode_json({"msg": "close_stream", "event_id": None})
QUEUE_HEARTBEAT = "data: " + protocol.encode_json({"msg": "heartbeat", "event_id": None}) + "\n\n"
CALL_HEARTBEAT = "event: heartbeat\ndata: null\n\n"
