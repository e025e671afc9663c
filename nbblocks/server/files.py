"""Files: ``GET /file=<path>`` serves from the app's cache and ``allowed_paths`` only, never from
``blocked_paths``; ``POST /upload`` streams files into the cache within ``max_file_size``.

Every path goes through `nbblocks.cache.confine`, the one resolver. A URL in place of the path
(``/file=https://...``, how the official client downloads a URL output) is redirected to, as in
Gradio, but only when it is one the app returned: any other is a 404, or the app would be an
open redirect. Serving is tornado's
`StaticFileHandler` (Range requests for video seeking, ETag and 304, HEAD), with Gradio's
allowlist of what a browser may show inline: images, audio, video, PDF and plain text. Anything
else, HTML and SVG included (a browser would run their scripts as our origin), comes as
``application/octet-stream``, an attachment.

An upload streams to disk as it arrives (`multipart.MultipartParser`), never whole in memory,
and is all or nothing: a malformed body is a 400, a file over ``max_file_size`` a 413, a disk
(or file size limit) that fills up a 507 Insufficient Storage, and in every case no file and no
folder of it stays in the cache.
"""

from __future__ import annotations

import errno
import json
import logging
import mimetypes
import os
from collections.abc import Callable
from pathlib import Path
from typing import cast
from urllib.parse import quote

from tornado.http1connection import HTTP1Connection
from tornado.web import HTTPError, StaticFileHandler, stream_request_body

from ..cache import FileTooLarge, IncomingFile, confine
from ..filedata import is_url, readable_roots
from .handlers import BaseHandler
from .multipart import FileSink, MultipartError, MultipartParser, boundary_of

logger = logging.getLogger("nbblocks")
#: errors that mean "no room": the disk or the user's quota is full, or the process may write
#: no bigger file (RLIMIT_FSIZE)
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}

#: what a browser may show inline (Gradio's allowlist); everything else is downloaded
_INLINE_TYPES = {"application/pdf", "text/plain"}
_INLINE_FAMILIES = ("image/", "audio/", "video/")
#: images a browser runs scripts in, whatever their family
_ACTIVE_TYPES = {"image/svg+xml"}
_NO_FILES = "no files: send multipart/form-data with a 'files' field"
_MALFORMED = "the upload is not valid multipart/form-data: "
#: tornado's body size limit for an upload without ``max_file_size``: none in practice
_UNLIMITED = 1 << 62


def shown_inline(content_type: str) -> bool:
    """Whether a file of ``content_type`` may be shown by the browser rather than downloaded."""
    if content_type in _ACTIVE_TYPES:
        return False
    return content_type in _INLINE_TYPES or content_type.startswith(_INLINE_FAMILIES)


class FileHandler(BaseHandler, StaticFileHandler):
    """``GET /file=<path>``: a file from the cache or ``allowed_paths``; 404 for anything else.

    The route's ``path`` argument is "/" only to satisfy `StaticFileHandler`: the requested path
    is absolute (or relative to the working directory) and `confine` alone decides."""

    async def get(self, path: str, include_body: bool = True) -> None:
        if is_url(path):  # HEAD comes here too (StaticFileHandler.head calls get)
            if not self.server.app.file_cache.returned_url(path):
                raise HTTPError(404)
            self.redirect(path)
            return
        await super().get(path, include_body)

    def parse_url_path(self, url_path: str) -> str:
        return url_path

    @classmethod
    def get_absolute_path(cls, root: str, path: str) -> str:
        return path  # not joined to a root: confine resolves it against every allowed root

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        cache = self.server.app.file_cache
        path = confine(absolute_path, readable_roots(cache), cache.blocked_paths)
        if path is None:
            raise HTTPError(404)
        return str(path)

    @classmethod
    def get_content_version(cls, abspath: str) -> str:
        """The ETag's source: size and modification time, where tornado would hash the whole file
        on every request (cached files never change; an allowed one that does gets a new tag)."""
        stat = os.stat(abspath)
        return f"{stat.st_size}-{stat.st_mtime_ns}"

    def get_content_type(self) -> str:
        guessed = mimetypes.guess_type(self.absolute_path or "")[0] or "application/octet-stream"
        return guessed if shown_inline(guessed) else "application/octet-stream"

    def set_extra_headers(self, path: str) -> None:
        guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if not shown_inline(guessed):
            self.set_header("Content-Disposition", f"attachment; filename*=UTF-8''{quote(Path(path).name)}")
        self.set_header("Cache-Control", "private, max-age=0, must-revalidate")


@stream_request_body
class UploadHandler(BaseHandler):
    """``POST /upload`` (multipart, field ``files``): streams into the cache, answers their paths.

    With a ``max_file_size``, the body limit (`ServerOptions.max_body_bytes`) is checked against
    Content-Length before any byte is read, and again while the body streams in (a chunked body
    has no length); each file is held to ``max_file_size`` exactly as it is written. Without one
    an upload may be as large as the disk allows, as in Gradio: it goes to disk, not memory."""

    @property
    def body_limit(self) -> int | None:
        options = self.server.options
        return None if options.max_file_size is None else options.max_body_bytes

    def prepare(self) -> None:
        super().prepare()
        self._received = 0
        self._files: list[IncomingFile] = []
        self._parser: MultipartParser | None = None
        #: why the upload is refused, answered once the body is read (status, JSON body)
        self._failure: tuple[int, dict[str, str]] | None = None
        if self._finished:
            return
        limit = self.body_limit
        # the connection reads up to drain_bytes so a refused body can be dropped cleanly
        connection = cast(HTTP1Connection, self.request.connection)  # what our HTTPServer gives every request
        connection.set_max_body_size(_UNLIMITED if limit is None else self.server.options.drain_bytes)
        try:
            declared = int(self.request.headers.get("Content-Length", "0") or 0)
        except ValueError:
            self.refuse(400, "Content-Length must be an integer")
            return
        if limit is not None and declared > limit:
            self._too_large()
            return
        content_type = self.request.headers.get("Content-Type", "")
        if not content_type.lower().startswith("multipart/form-data"):
            self._fail(400, _NO_FILES)
            return
        try:
            self._parser = MultipartParser(boundary_of(content_type), self._open_file)
        except MultipartError as exc:
            self._fail(400, f"{_MALFORMED}{exc}")

    def _open_file(self, field: str, filename: str) -> FileSink:
        if field != "files":
            return _Discard()
        incoming = self.server.app.file_cache.incoming(filename, self.server.options.max_file_size)
        self._files.append(incoming)
        return incoming

    def data_received(self, chunk: bytes) -> None:
        if self._finished:
            return
        self._received += len(chunk)
        limit = self.body_limit
        if limit is not None and self._received > limit:
            self._too_large()
        elif self._parser is not None:
            self._store(lambda parser: parser.feed(chunk))

    def post(self) -> None:
        if self._finished:
            return
        paths: list[Path] = []

        def finish_files(parser: MultipartParser) -> None:
            parser.close()
            paths.extend(incoming.finish() for incoming in self._files)  # flushing may fill the disk

        if self._parser is not None and self._store(finish_files) and not paths:
            self._fail(400, _NO_FILES)
        if self._failure is not None:
            status, answer = self._failure
            if status == 507:
                self.set_status(507)
                self.finish(answer)
            else:
                self.refuse(status, answer["error"])
            return
        self._files.clear()  # kept: nothing to drop if the connection closes now
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps([str(path) for path in paths]))

    def _store(self, step: Callable[[MultipartParser], object]) -> bool:
        """Run one step of parsing or writing; on any failure drop the whole upload and note
        why. False when the upload failed."""
        assert self._parser is not None
        try:
            step(self._parser)
            return True
        except MultipartError as exc:
            self._fail(400, f"{_MALFORMED}{exc}")
        except FileTooLarge:
            self._too_large()
        except OSError as exc:
            self._drop_files()
            if exc.errno not in _NO_ROOM:
                raise  # not the client's doing: tornado answers 500 and logs the traceback
            # the server's problem more than the client's: a warning, where `refuse` logs INFO
            logger.warning("An upload could not be stored in %s: %s", self.server.app.file_cache.root, exc.strerror)
            error = f"Insufficient storage: the server could not store the upload ({exc.strerror})."
            self._failure = (507, {"error": error})
        return False

    def _fail(self, status: int, reason: str) -> None:
        """Refuse the upload once its body is read: answering before would make tornado close
        the connection on a client still sending, which it sees as a reset, not our answer."""
        self._drop_files()
        self._failure = (status, {"error": reason})

    def _too_large(self) -> None:
        """Refused at once: the rest of a body too large is read and dropped (`drain_bytes`)."""
        self._drop_files()
        self.refuse(413, f"File size exceeds the maximum allowed size of {self.server.options.max_file_size} bytes.")

    def _drop_files(self) -> None:
        """All or nothing: every file of the upload goes, the finished ones too."""
        self._parser = None
        for incoming in self._files:
            incoming.abort()
        self._files.clear()

    def on_connection_close(self) -> None:
        """The client left mid-upload: nothing of it stays."""
        self._drop_files()
        super().on_connection_close()


class _Discard:
    """Where a file part of another field than ``files`` goes: nowhere, as tornado ignored it."""

    def write(self, chunk: bytes | memoryview) -> None:
        pass
