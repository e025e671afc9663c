"""`FileTransfers`: file bytes over a transport without HTTP (the notebook's comm), both ways.

The page asks and Python answers, one chunk per message, as `nbblocks.protocol` describes
(``fetch_file`` → ``file_chunk``, ``upload_chunk`` → ``uploaded``). A download reads only what
the served ``/file=`` route would serve (`confine` against the app's cache and
``allowed_paths``, never ``blocked_paths``); an upload streams into the app's cache within
``max_file_size`` and, failed or abandoned, leaves nothing.
"""

from __future__ import annotations

import threading
from typing import Any

from . import protocol
from .cache import FileCache, FileTooLarge, IncomingFile, confine
from .filedata import file_data, readable_roots

#: bytes per ``file_chunk``: large enough to be quick, small enough for a comm message
CHUNK_BYTES = 2 * 1024 * 1024
#: uploads one page may have under way at once; more is a misbehaving page
MAX_UPLOADS = 16

Reply = tuple[protocol.FileReply, list[bytes]]


class FileTransfers:
    """The file messages of one transport's session with its app's cache."""

    def __init__(self, cache: FileCache) -> None:
        self.cache = cache
        self._uploads: dict[str, IncomingFile] = {}
        self._lock = threading.Lock()

    def handle(self, raw: dict[str, Any], buffers: list[Any]) -> Reply:
        """The answer to one file message (raise `protocol.ProtocolError` for a malformed one)."""
        message = protocol.parse_file_message(raw, buffers)
        if message["type"] == "fetch_file":
            return self._chunk(message)
        return self._upload(message, bytes(buffers[0]))

    def _chunk(self, message: protocol.FetchFileMessage) -> Reply:
        transfer, offset = message["transfer"], message["offset"]
        path = confine(message["path"], readable_roots(self.cache), self.cache.blocked_paths)
        if path is None:
            error: protocol.FileChunkMessage = {
                "type": "file_chunk", "transfer": transfer, "offset": offset, "size": 0, "final": True,
                "error": "no such file",
            }  # fmt: skip
            return error, []
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(offset)
            data = handle.read(CHUNK_BYTES)
        final = offset + len(data) >= size
        return {"type": "file_chunk", "transfer": transfer, "offset": offset, "size": size, "final": final}, [data]

    def _upload(self, message: protocol.UploadChunkMessage, data: bytes) -> Reply:
        transfer = message["transfer"]
        with self._lock:
            incoming = self._uploads.get(transfer)
            if incoming is None:
                if len(self._uploads) >= MAX_UPLOADS:
                    return _refused(transfer, 0, f"more than {MAX_UPLOADS} uploads at once"), []
                incoming = self._uploads[transfer] = self.cache.incoming(message["name"], self.cache.max_file_size)
        try:
            incoming.write(data)
            path = incoming.finish() if message["final"] else None
        except (FileTooLarge, OSError) as exc:  # the partial file is gone already
            self._forget(transfer)
            reason = str(exc) if isinstance(exc, FileTooLarge) else f"the upload could not be stored ({exc.strerror})"
            return _refused(transfer, incoming.size, reason), []
        if path is None:
            return {"type": "uploaded", "transfer": transfer, "received": incoming.size}, []
        self._forget(transfer)
        return {"type": "uploaded", "transfer": transfer, "received": incoming.size, "file": file_data(path)}, []

    def _forget(self, transfer: str) -> None:
        with self._lock:
            self._uploads.pop(transfer, None)

    def close(self) -> None:
        """The page is gone: uploads under way are dropped."""
        with self._lock:
            uploads, self._uploads = list(self._uploads.values()), {}
        for incoming in uploads:
            incoming.abort()


def _refused(transfer: str, received: int, reason: str) -> protocol.UploadedMessage:
    return {"type": "uploaded", "transfer": transfer, "received": received, "error": reason}
