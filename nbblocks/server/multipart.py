"""`MultipartParser`: a multipart/form-data body parsed as it streams in, each file handed on in pieces.

Tornado's own parser needs the whole body in memory; an upload of 100 MB must not. Fed the body
chunk by chunk, the parser finds the parts' boundaries and passes each file part's bytes to the
sink `on_file` opened for it, keeping back only what could be the start of a boundary split
between two chunks. Parts without a file name (plain form fields) are skipped, bounded in size.

What it refuses (`MultipartError`, the message says why) is what tornado refused, so a client
sees the same answers: a part without headers, headers that are not UTF-8 or hold a NUL, a
disposition other than form-data, a part without a name, a body without its final boundary.
"""

from __future__ import annotations

from collections.abc import Callable
from email.message import Message
from typing import Protocol

#: the most a part's headers may take: real ones are a few hundred bytes
MAX_PART_HEADERS = 16 * 1024


class MultipartError(ValueError):
    """The body is not valid multipart/form-data."""


class FileSink(Protocol):
    def write(self, chunk: bytes | memoryview) -> None: ...


def boundary_of(content_type: str) -> bytes:
    """The boundary a multipart/form-data Content-Type declares (quoted or not)."""
    message = Message()
    message["Content-Type"] = content_type
    boundary = message.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise MultipartError("no boundary in the Content-Type")
    return boundary.encode("latin-1", "replace")


class MultipartParser:
    """Feed the body with `feed`, then `close`; ``on_file(field name, file name)`` opens the sink
    for each file part (it may raise to refuse the upload)."""

    def __init__(self, boundary: bytes, on_file: Callable[[str, str], FileSink]) -> None:
        self._delimiter = b"\r\n--" + boundary
        self._on_file = on_file
        # the body starts as if after a CRLF, so its first boundary is found like the others
        self._buffer = bytearray(b"\r\n")
        self._state = "preamble"  # then "headers", "body", "done"
        self._sink: FileSink | None = None
        self._field_bytes = 0

    def feed(self, chunk: bytes) -> None:
        self._buffer += chunk
        while self._step():
            pass

    def close(self) -> None:
        """The body ended: it must have ended with the final boundary."""
        if self._state != "done":
            raise MultipartError("no final boundary")

    def _step(self) -> bool:
        """Consume what the buffer allows; True when the state changed and it may go on."""
        if self._state == "preamble":
            return self._find_boundary(emit=False)
        if self._state == "headers":
            return self._read_headers()
        if self._state == "body":
            return self._find_boundary(emit=True)
        self._buffer.clear()  # after the final boundary: an epilogue, ignored
        return False

    def _find_boundary(self, emit: bool) -> bool:
        buffer, delimiter = self._buffer, self._delimiter
        start = 0
        while True:
            found = buffer.find(delimiter, start)
            if found < 0:
                # keep what could be the start of a delimiter cut by the chunk's end
                keep = max(len(buffer) - len(delimiter) + 1, 0)
                self._emit(emit, keep)
                return False
            after = found + len(delimiter)
            if len(buffer) < after + 2:
                self._emit(emit, found)
                return False
            ending = bytes(buffer[after : after + 2])
            if ending in (b"\r\n", b"--"):
                self._emit(emit, found)
                del buffer[: after + 2 - found]
                self._sink = None
                self._state = "done" if ending == b"--" else "headers"
                return True
            start = found + 1  # "--boundaryX" is data, not a delimiter

    def _emit(self, emit: bool, end: int) -> None:
        """Hand the first ``end`` bytes on (or drop them: a preamble, a form field) and forget them."""
        if end <= 0:
            return
        if emit and self._sink is not None:
            with memoryview(self._buffer) as view:
                self._sink.write(view[:end])
        elif emit:
            self._field_bytes += end
            if self._field_bytes > MAX_PART_HEADERS * 4:
                raise MultipartError("a form field is too long")
        del self._buffer[:end]

    def _read_headers(self) -> bool:
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(self._buffer) > MAX_PART_HEADERS:
                raise MultipartError("a part's headers are too long")
            return False
        raw = bytes(self._buffer[:end])
        del self._buffer[: end + 4]
        name, filename = _disposition(raw)
        self._field_bytes = 0
        self._sink = self._on_file(name, filename) if filename else None
        self._state = "body"  # its bytes follow, up to the next "\r\n--boundary"
        return True


def _disposition(raw: bytes) -> tuple[str, str]:
    """The field name and file name ("" for a plain field) of a part's headers."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise MultipartError("a part's headers are not UTF-8") from None
    if "\x00" in text:
        raise MultipartError("a part's headers hold a NUL")
    if not text.strip():
        raise MultipartError("multipart/form-data missing headers")
    message = Message()
    for line in text.split("\r\n"):
        key, colon, value = line.partition(":")
        if not colon:
            raise MultipartError(f"a part's header line has no colon: {line[:40]!r}")
        message[key.strip()] = value.strip()
    if message.get_content_disposition() != "form-data":
        raise MultipartError("a part's Content-Disposition is not form-data")
    name = message.get_param("name", header="content-disposition")
    if not isinstance(name, str) or not name:
        raise MultipartError("multipart/form-data value missing name")
    return name, message.get_filename() or ""
