"""The wire protocol between the front end and Python: every message, defined once.

Both transports carry exactly these JSON objects: the notebook transport as anywidget custom
messages, the served transport as WebSocket text frames. The front end (`js/src/protocol.ts`)
mirrors these definitions; change both together.

Flow of one session:

1. The front end connects and sends ``ready``.
2. Python answers ``render``: the block tree with every block's current props (values included)
   and the list of ``(block id, event name)`` pairs that have listeners. The first ``ready`` of a
   session also starts the app's ``load`` listeners, except those with a ``js`` function. (A
   multipage app: the ``ready`` names a page, the tree holds that page, and the load listeners
   are that page's, started by the first ``ready`` for it.)
3. On the first render of a view, the page runs the Blocks ``js``, then the ``js`` of those load
   listeners (as Gradio does once the app is drawn), and sends ``trigger`` for the app's ``load``
   with what they returned; Python runs their functions for the first view of the session only.
4. When the user edits a component, the front end sends ``value`` (the new raw value), not per
   keystroke: the latest value of each edited block goes out just before the page's next message
   (a ``trigger``, a ``rows`` request...), when the user leaves or commits the field, and when the
   view closes. When the user does something that a listener waits for (a click, a keystroke with
   ``change``/``input`` listeners, Enter in a textbox...), it sends ``trigger``. Messages on one
   channel arrive in order, so a ``trigger`` sees every ``value`` typed before it.
5. Python runs the listeners and answers with ``status`` (pending, then complete or error) for the
   event's outputs, ``update`` with the new props of the outputs, and ``error`` for a failed event.
   Python-side prop changes (``out.label = "Result"`` in a notebook) arrive as ``update`` too.
6. A ``@gr.render`` function runs for the session on load and when its triggers fire; each run
   sends ``rerender``: its container's new subtree (blocks kept by ``key`` keep their id and
   value), and the session's listeners and listener infos now, which replace the page's.

Python may send several messages as one: a list of them in one comm message or WebSocket frame
(those emitted together, such as a quick run's ``status`` running, ``update`` and ``status``
complete), handled in order as if they came one by one.

Values travel in their JSON form (what a component's ``postprocess`` returns and what its
``preprocess`` accepts); `gr.State` values never leave Python and are not in the tree.

Files travel as `FileData` (Gradio's shape): ``path`` is where the file lies in the app's cache,
``url`` is filled by the transport. A served page reads ``<root>/gradio_api/file=<path>`` and
uploads through ``POST /gradio_api/upload``. In a notebook there is no server: the bytes travel
over the widget's comm as binary buffers, in chunks the front end asks for one at a time (so it
paces them and shows progress):

- download: ``fetch_file`` (path, offset) → ``file_chunk`` (the bytes from offset, in the
  message's one buffer; ``final`` on the last), again with the next offset until ``final``;
- upload: ``upload_chunk`` (one buffer of bytes, ``final`` on the last) → ``uploaded`` (bytes
  received so far; the stored `FileData` with the last, or ``error`` and the upload dropped).

A transfer id, chosen by the front end, pairs the answers with their request.

A long table (a Dataframe of more than 200 rows) reaches a page as its first rows and its
``total``; the grid asks for the rows it shows with ``rows`` and Python answers ``rows`` from the
session's whole value (`nbblocks.windows`).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Literal, NotRequired, TypedDict

# --- the render tree -------------------------------------------------------------------------


class BlockNode(TypedDict):
    """One block of the tree. ``type`` is the lower-case class name ("textbox", "row"...)."""

    id: int
    type: str
    props: dict[str, Any]
    children: NotRequired[list[BlockNode]]


class AppProps(TypedDict):
    """Blocks-wide settings the front end needs (title, custom css...). ``js`` is the source of a
    function that the page calls once per view, after its first render and before the load
    listeners' ``js``."""

    title: str
    css: str | None
    js: str | None
    fill_height: bool
    show_error: bool


# --- Python -> front end ---------------------------------------------------------------------


class DependencyInfo(TypedDict):
    """What the front end needs of a listener: its ``js`` runs in the page before ``fn`` (on the
    values of inputs then outputs; its result replaces the inputs sent, or, with no ``fn``, sets
    the outputs), and ``scroll_to_output`` scrolls to the first output when done."""

    id: int
    targets: list[tuple[int, str]]
    inputs: list[int]
    outputs: list[int]
    has_fn: bool
    js: str | None
    scroll_to_output: bool


class PageInfo(TypedDict):
    """One page of a multipage app (``Blocks.route``): its URL path below the app's root ("" is
    the main page), its name in the navigation bar, and whether the bar shows it."""

    path: str
    name: str
    show_in_navbar: bool


class RenderMessage(TypedDict):
    """One page of the app for one session: sent in answer to ``ready``. ``dependencies`` lists
    only the listeners with a ``js`` function or ``scroll_to_output``: the others need nothing
    here. The tree's root holds that page's blocks only; a multipage app also sends its pages
    (the page draws a navigation bar of them) and which one this is."""

    type: Literal["render"]
    app: AppProps
    tree: BlockNode
    listeners: list[tuple[int, str]]
    dependencies: list[DependencyInfo]
    #: the ``view`` of the ``ready`` it answers: only that view draws it
    view: NotRequired[str]
    pages: NotRequired[list[PageInfo]]
    page: NotRequired[str]


class RerenderMessage(TypedDict):
    """A ``@gr.render`` ran for this session: ``tree`` is its container with the new children,
    to draw instead of the previous ones; ``listeners`` and ``dependencies`` are the session's
    whole lists now, as in ``render`` (the previous run's listeners are gone)."""

    type: Literal["rerender"]
    tree: BlockNode
    listeners: list[tuple[int, str]]
    dependencies: list[DependencyInfo]


class TextAppend(TypedDict):
    """``text`` added at the end of the string found in a block's value by following ``path``
    (list indices and dict keys from the value's root): a streamed chat token, sent instead of
    the whole history (see `nbblocks.edits`)."""

    path: list[int | str]
    text: str


class PropUpdate(TypedDict):
    """New props for one block; ``value`` among them is already postprocessed. With ``append``
    the new value is the one the page holds with that edit applied, and ``props`` has no value."""

    id: int
    props: dict[str, Any]
    append: NotRequired[TextAppend]


class UpdateMessage(TypedDict):
    """Prop changes for some blocks, applied together; ``event`` names the event whose result
    they are (absent for changes made from Python outside an event)."""

    type: Literal["update"]
    updates: list[PropUpdate]
    event: NotRequired[int]
    #: a value typed in this view, shown to the others: this one has it already
    view: NotRequired[str]


Stage = Literal["pending", "running", "complete", "error"]


class StatusMessage(TypedDict):
    """The state of one event at its output blocks: the front end shows a loading overlay while
    ``pending`` (waiting in the queue: ``position`` 0 is next, ``eta`` in seconds when known) and
    ``running`` (with elapsed time), and removes it at ``complete`` or ``error``."""

    type: Literal["status"]
    event: int
    outputs: list[int]
    stage: Stage
    show_progress: Literal["full", "minimal", "hidden"]
    position: NotRequired[int | None]
    eta: NotRequired[float | None]


class ProgressEntry(TypedDict):
    """One bar: a fraction (``progress``) or a count (``index`` of ``length`` ``unit``)."""

    index: int | None
    length: int | None
    unit: str
    progress: float | None
    desc: str | None


class ProgressMessage(TypedDict):
    """gr.Progress from a running function: bars (outermost first) shown at the event's outputs."""

    type: Literal["progress"]
    event: int
    outputs: list[int]
    progress: list[ProgressEntry]


class ToastMessage(TypedDict):
    """gr.Info / gr.Warning from a running function: a toast for the person who triggered it."""

    type: Literal["toast"]
    event: int | None
    level: Literal["info", "warning", "success"]
    title: str
    message: str
    duration: float | None
    visible: bool


class ErrorMessage(TypedDict):
    """A failed event (``event`` set: shown at its ``outputs``) or a refused client message
    (``event`` None: shown as a notice). ``message`` is what the user may see: a `gr.Error`'s
    text, the exception's text under ``show_error``, otherwise a generic sentence."""

    type: Literal["error"]
    event: int | None
    outputs: list[int]
    title: str
    message: str
    duration: float | None
    visible: bool


class RowsMessage(TypedDict):
    """The answer to ``rows``: at most 200 rows from ``start``, ``index`` giving each one's row in
    the value, the Styler's ``metadata`` of those rows (or null), the table's ``total`` rows now."""

    type: Literal["rows"]
    id: int
    request: int
    start: int
    total: int
    data: list[list[Any]]
    index: list[int]
    metadata: dict[str, list[Any]] | None
    sort: list[int | bool] | None


ServerMessage = (
    RenderMessage | RerenderMessage | UpdateMessage | StatusMessage | ErrorMessage | ProgressMessage | ToastMessage | RowsMessage
)

# --- front end -> Python ---------------------------------------------------------------------


class ReadyMessage(TypedDict):
    """A view of the app has been created and wants the whole tree. ``view`` names it (any
    string the page picks): the render echoes it, so where one channel reaches several views
    (a notebook's comm reaches every display of the widget) the others are not drawn again.
    ``page`` is the path of the page it shows ("" or absent: the main page); a view that moves
    to another page of the app sends ``ready`` again with that page's path."""

    type: Literal["ready"]
    view: NotRequired[str]
    page: NotRequired[str]


class ValueMessage(TypedDict):
    """The user changed a component's value (raw JSON form); ``view`` names the view it was typed
    in (its ``ready``'s), so that the other views of a notebook widget are shown it."""

    type: Literal["value"]
    id: int
    value: Any
    view: NotRequired[str]


class TriggerMessage(TypedDict):
    """The user fired ``event`` on block ``id``; ``data`` is the event payload (for ``select``:
    ``{"index": ..., "value": ..., "selected": ...}``), or None. ``inputs`` maps a listener id
    (as a string) to the input values its ``js`` function returned, used instead of the current
    values for that listener's run.

    ``load`` on the app's id runs only the load listeners with a ``js`` function (Python starts
    the others itself on the first ``ready``), and only the first time a session receives it:
    every view runs the ``js``, the functions run once per session."""

    type: Literal["trigger"]
    id: int
    event: str
    data: NotRequired[Any]
    inputs: NotRequired[dict[str, list[Any]]]


class RowsRequest(TypedDict):
    """The page needs the rows ``start``..``end`` (end excluded) of a long table, whose value came
    with its first rows and ``total`` only (`nbblocks.windows`), in the order of ``sort``
    (``[column, descending]``) or the value's own (null). ``request`` pairs the answer with it."""

    type: Literal["rows"]
    id: int
    request: int
    start: int
    end: int
    sort: list[int | bool] | None


TableEditOp = Literal["set", "add_row", "remove_row", "add_column", "remove_column", "rename_column"]


class CellEdit(TypedDict):
    """The user edited a long table the page holds only windows of, at one cell: ``row`` is the
    cell's row in the value (as `RowsMessage` ``index`` gave it), ``column`` its column. ``op``
    says what changed: that cell became ``value`` ("set", the default), or (``value`` null) the
    table of dynamic ``row_count``/``col_count`` gained a row at its end or a column at its
    right, or lost the cell's row or column, or the cell's column was renamed ``value``. Python
    changes the session's whole value (`nbblocks.windows`)."""

    type: Literal["cell"]
    id: int
    row: int
    column: int
    value: str | int | float | bool | None
    op: NotRequired[TableEditOp]


ClientMessage = ReadyMessage | ValueMessage | TriggerMessage | RowsRequest | CellEdit

# --- files -----------------------------------------------------------------------------------


class FileMeta(TypedDict):
    _type: Literal["gradio.FileData"]


class FileData(TypedDict):
    """A file value, as Gradio and `gradio_client.handle_file` shape it. ``path`` is a path on
    the Python side (or, from an API client, a URL to fetch); ``url`` is where the page reads
    it, filled by the transport, never trusted for finding the file."""

    path: str
    url: str | None
    size: int | None
    orig_name: str | None
    mime_type: str | None
    is_stream: bool
    meta: FileMeta


class FetchFileMessage(TypedDict):
    """Notebook only: the page asks for the bytes of a cached file from ``offset`` on."""

    type: Literal["fetch_file"]
    transfer: str
    path: str
    offset: int


class FileChunkMessage(TypedDict):
    """Notebook only: the answer to ``fetch_file``, its bytes in the message's one buffer;
    ``size`` is the whole file's. ``error`` (no buffer) when the file cannot be read."""

    type: Literal["file_chunk"]
    transfer: str
    offset: int
    size: int
    final: bool
    error: NotRequired[str]


class UploadChunkMessage(TypedDict):
    """Notebook only: the next bytes of an upload of ``name``, in the message's one buffer."""

    type: Literal["upload_chunk"]
    transfer: str
    name: str
    final: bool


class UploadedMessage(TypedDict):
    """Notebook only: the answer to each ``upload_chunk``: ``received`` bytes so far, the stored
    file with the last chunk, or ``error`` (the upload is then dropped, nothing of it kept)."""

    type: Literal["uploaded"]
    transfer: str
    received: int
    file: NotRequired[FileData]
    error: NotRequired[str]


#: front end -> Python, and the answers
FileMessage = FetchFileMessage | UploadChunkMessage
FileReply = FileChunkMessage | UploadedMessage


# --- lazy front-end chunks --------------------------------------------------------------------


class ChunkRequest(TypedDict):
    """Notebook only: the page needs the lazy chunk ``name`` (``js/src/chunks.ts``), the code
    of components such as Model3D, loaded the first time a tree holds one. anywidget loads one
    module and there is no server, so Python sends the source; a served page fetches
    ``<root>/static/chunks/<name>.js`` instead."""

    type: Literal["chunk"]
    name: str


class ChunkMessage(TypedDict):
    """Notebook only: the answer to ``chunk``: the chunk's ES module ``source``, or ``error``
    when the package holds no chunk of that name."""

    type: Literal["chunk"]
    name: str
    source: NotRequired[str]
    error: NotRequired[str]


class ProtocolError(ValueError):
    """A client message that is not one of the shapes above."""


#: the deepest nesting of arrays and objects a client may send. Real values nest a few levels;
#: one nested thousands deep would exhaust Python's stack (RecursionError) while decoding, or
#: later wherever it is walked (a component's checks, json.dumps on a worker thread), so it is
#: refused here, before anything holds it. Gradio's orjson stops at 1024; Python's own stack
#: allows less, and leaves room for what calls the walkers.
MAX_JSON_DEPTH = 100


def jsonable(value: Any) -> Any:
    """``json.dumps``' ``default`` for every message: what JSON can't hold becomes what Gradio's
    orjson makes of it: an array (anything with ``tolist``) a list, a dataclass (gr.ChatMessage)
    a dict of its fields, anything else its text."""
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    return str(value)


#: one encoder for every message (``json.dumps`` given a ``default`` builds a new one per call)
_ENCODER = json.JSONEncoder(default=jsonable, separators=(",", ":"))


def encode_json(value: Any) -> str:
    """``value`` as compact JSON text, what JSON can't hold made `jsonable`."""
    return _ENCODER.encode(value)


def decode_json(raw: str | bytes) -> Any:
    """JSON text from a client (a WebSocket message, an API body) as Python values; raise
    ProtocolError saying why when it is not JSON, not UTF-8 (nor UTF-16/32), or nested deeper
    than `MAX_JSON_DEPTH`."""
    try:
        value = json.loads(raw)
    except RecursionError:  # the C decoder ran out of stack: far deeper than the limit
        raise ProtocolError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    except ValueError as exc:  # UnicodeDecodeError included
        raise ProtocolError(f"not JSON: {exc}") from None
    if len(raw) > 2 * MAX_JSON_DEPTH:  # each level takes two characters: shorter text nests less
        check_depth(value)
    return value


def check_depth(value: Any) -> None:
    """Raise ProtocolError when arrays and objects in ``value`` nest deeper than
    `MAX_JSON_DEPTH`. A loop, not recursion: it must not need the stack it protects."""
    stack = [(value, 1)] if isinstance(value, (dict, list)) else []
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth > MAX_JSON_DEPTH:
            raise ProtocolError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))


_REQUIRED_FIELDS: dict[str, tuple[tuple[str, type | tuple[type, ...]], ...]] = {
    "ready": (),
    "value": (("id", int),),
    "trigger": (("id", int), ("event", str)),
    "rows": (("id", int), ("request", int), ("start", int), ("end", int)),
    "cell": (("id", int), ("row", int), ("column", int)),
}
_FILE_FIELDS: dict[str, tuple[tuple[str, type | tuple[type, ...]], ...]] = {
    "fetch_file": (("transfer", str), ("path", str), ("offset", int)),
    "upload_chunk": (("transfer", str), ("name", str), ("final", bool)),
}
#: the types of `FileMessage`: a transport with binary buffers routes these to its file transfers
FILE_MESSAGE_TYPES = frozenset(_FILE_FIELDS)


def parse_client_message(raw: str | bytes | dict[str, Any]) -> ClientMessage:
    """Check a message from the front end and return it typed; raise ProtocolError saying why
    it is refused. Accepts JSON text (WebSocket) or an already decoded dict (widget comm)."""
    if isinstance(raw, (str, bytes)):
        try:
            raw = decode_json(raw)
        except ProtocolError as exc:
            raise ProtocolError(f"message is {exc}") from None
    else:
        check_depth(raw)  # the widget's comm hands over what its kernel decoded
    if not isinstance(raw, dict):
        raise ProtocolError("message must be a JSON object")
    kind = raw.get("type")
    if not isinstance(kind, str) or kind not in _REQUIRED_FIELDS:  # a list is not even hashable
        raise ProtocolError(f"unknown message type {kind!r}")
    _check_fields(raw, kind, _REQUIRED_FIELDS[kind])
    if kind in ("value", "cell") and "value" not in raw:
        raise ProtocolError(f"{kind!r} message needs 'value'")
    if kind in ("ready", "value") and not isinstance(raw.get("view", ""), str):
        raise ProtocolError(f"{kind!r} message's 'view' must be a string")
    if kind == "ready" and not isinstance(raw.get("page", ""), str):
        raise ProtocolError("'ready' message's 'page' must be a string")
    return raw  # type: ignore[return-value]


def parse_file_message(raw: dict[str, Any], buffers: list[Any]) -> FileMessage:
    """Check a `FileMessage` from the notebook's page (an upload chunk carries exactly one
    buffer); raise ProtocolError saying why it is refused."""
    kind = raw.get("type")
    if not isinstance(kind, str) or kind not in _FILE_FIELDS:
        raise ProtocolError(f"unknown message type {kind!r}")
    _check_fields(raw, kind, _FILE_FIELDS[kind])
    if kind == "upload_chunk" and len(buffers) != 1:
        raise ProtocolError("'upload_chunk' message needs one buffer of bytes")
    if kind == "fetch_file" and raw["offset"] < 0:
        raise ProtocolError("'fetch_file' offset must not be negative")
    return raw  # type: ignore[return-value]


def _check_fields(raw: dict[str, Any], kind: str, fields: tuple[tuple[str, type | tuple[type, ...]], ...]) -> None:
    for field, expected in fields:
        value = raw.get(field)
        # bool is an int subclass; an id of True is still malformed
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise ProtocolError(f"{kind!r} message needs {field!r} of type {_type_name(expected)}")


def _type_name(expected: type | tuple[type, ...]) -> str:
    if isinstance(expected, tuple):
        return " or ".join(t.__name__ for t in expected)
    return expected.__name__


# --- constructors: the one place messages are built ------------------------------------------


def update_message(updates: list[PropUpdate], event: int | None = None) -> UpdateMessage:
    message: UpdateMessage = {"type": "update", "updates": updates}
    if event is not None:
        message["event"] = event
    return message


def status_message(
    event: int, outputs: list[int], stage: Stage, show_progress: str = "full",
    position: int | None = None, eta: float | None = None,
) -> StatusMessage:  # fmt: skip
    message: StatusMessage = {
        "type": "status",
        "event": event,
        "outputs": outputs,
        "stage": stage,
        "show_progress": show_progress,  # type: ignore[typeddict-item]
    }
    if position is not None:
        message["position"] = position
        message["eta"] = eta
    return message


def progress_message(event: int, outputs: list[int], entries: list[dict[str, Any]]) -> ProgressMessage:
    return {"type": "progress", "event": event, "outputs": outputs, "progress": entries}  # type: ignore[typeddict-item]


def toast_message(
    level: str, message: str, title: str, duration: float | None, visible: bool, event: int | None = None
) -> ToastMessage:
    return {
        "type": "toast", "event": event, "level": level, "title": title,  # type: ignore[typeddict-item]
        "message": message, "duration": duration, "visible": visible,
    }  # fmt: skip


def error_message(
    message: str,
    *,
    event: int | None = None,
    outputs: list[int] | None = None,
    title: str = "Error",
    duration: float | None = 10,
    visible: bool = True,
) -> ErrorMessage:
    return {
        "type": "error",
        "event": event,
        "outputs": outputs or [],
        "title": title,
        "message": message,
        "duration": duration,
        "visible": visible,
    }
