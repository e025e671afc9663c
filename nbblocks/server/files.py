"""Files: ``GET /file=<path>`` serves from the upload cache and ``allowed_paths`` only, never from
``blocked_paths``; ``POST /upload`` stores files in the cache within ``max_file_size``.

`confine` is the one function that turns a path from a request into a file on disk.

An upload is all or nothing: a malformed body is a 400, a disk (or file size limit) that fills
up while the files are written is a 507 Insufficient Storage, and either way no file and no
folder of it stays in the cache.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import mimetypes
import os
import secrets
import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from tornado import httputil
from tornado.http1connection import HTTP1Connection
from tornado.web import stream_request_body

from .handlers import BaseHandler

logger = logging.getLogger("nbblocks")
#: errors that mean "no room": the disk or the user's quota is full, or the process may write
#: no bigger file (RLIMIT_FSIZE)
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
#: the longest file name Linux, macOS and Windows file systems take, in bytes (UTF-8)
MAX_NAME_BYTES = 255
_NOT_MULTIPART = "Invalid multipart/form-data: "


def _inside(path: str, root: str) -> bool:
    # commonpath compares whole components: "/root" does not contain "/rootfoo/x"
    return path == root or os.path.commonpath([path, root]) == root


def confine(requested: str, roots: Iterable[str], blocked: Iterable[str]) -> Path | None:
    """The regular file ``requested`` names if, with every symlink and ``..`` resolved, it lies
    inside one of ``roots`` and inside none of ``blocked``; None otherwise.

    Resolving first is what defeats traversal: ``/cache/../etc/passwd``, its percent-encoded
    forms (tornado decodes them before we see the path) and a symlink pointing out of a root all
    resolve to a path outside every root. Blocked paths win over allowed ones.
    """
    if not requested or "\x00" in requested:
        return None
    real = os.path.realpath(requested)
    if any(_inside(real, os.path.realpath(b)) for b in blocked):
        return None
    if not any(_inside(real, os.path.realpath(r)) for r in roots):
        return None
    return Path(real) if os.path.isfile(real) else None


# browsers would run these as pages of our origin; they are downloaded instead
_ACTIVE_TYPES = {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/xml"}


class FileHandler(BaseHandler):
    """``GET /file=<path>``: a file from the cache or ``allowed_paths``; 404 for anything else."""

    async def get(self, requested: str) -> None:
        server = self.server
        path = confine(requested, [str(server.cache_dir), *server.options.allowed_paths], server.options.blocked_paths)
        if path is None:
            self.send_error(404)
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.set_header("Content-Type", content_type)
        self.set_header("Content-Length", path.stat().st_size)
        if content_type in _ACTIVE_TYPES:
            self.set_header("Content-Disposition", f"attachment; filename*=UTF-8''{quote(path.name)}")
        with path.open("rb") as handle:
            while chunk := handle.read(64 * 1024):
                self.write(chunk)
                await self.flush()
        self.finish()


@stream_request_body
class UploadHandler(BaseHandler):
    """``POST /upload`` (multipart, field ``files``): saves into the cache, answers their paths.

    The body limit (`ServerOptions.max_body_bytes`) is checked against Content-Length before
    any byte is read, and again while the body streams in (a chunked body has no length), so an
    oversized upload is never held; each file is then checked against ``max_file_size`` exactly.
    """

    def prepare(self) -> None:
        super().prepare()
        if self._finished:
            return
        options = self.server.options
        self._received = 0
        self._chunks: list[bytes] = []
        # the connection reads up to drain_bytes so a refused body can be dropped cleanly; we
        # hold at most max_body_bytes of it
        connection = cast(HTTP1Connection, self.request.connection)  # what our HTTPServer gives every request
        connection.set_max_body_size(options.drain_bytes)
        try:
            declared = int(self.request.headers.get("Content-Length", "0") or 0)
        except ValueError:
            self.refuse(400, "Content-Length must be an integer")
            return
        if declared > options.max_body_bytes:
            self._too_large()

    def _too_large(self) -> None:
        self._chunks.clear()
        limit = self.server.options.max_file_size
        if limit is None:
            self.refuse(413, f"Upload exceeds the maximum request size of {self.server.options.max_body_bytes} bytes.")
        else:
            self.refuse(413, f"File size exceeds the maximum allowed size of {limit} bytes.")

    def data_received(self, chunk: bytes) -> None:
        if self._finished:
            return
        self._received += len(chunk)
        if self._received > self.server.options.max_body_bytes:
            self._too_large()
            return
        self._chunks.append(chunk)

    def post(self) -> None:
        if self._finished:
            return
        arguments: dict[str, Any] = {}
        files: dict[str, list[httputil.HTTPFile]] = {}
        body, self._chunks = b"".join(self._chunks), []
        try:
            httputil.parse_body_arguments(self.request.headers.get("Content-Type", ""), body, arguments, files)
        except httputil.HTTPInputError as exc:
            detail = str(exc).replace(_NOT_MULTIPART, "")  # tornado says it twice
            self.refuse(400, f"the upload is not valid multipart/form-data: {detail}")
            return
        uploaded = files.get("files", [])
        if not uploaded:
            self.refuse(400, "no files: send multipart/form-data with a 'files' field")
            return
        limit = self.server.options.max_file_size
        if limit is not None and any(len(f.body) > limit for f in uploaded):
            self._too_large()
            return
        paths: list[Path] = []
        try:
            for upload in uploaded:
                paths.append(store_upload(self.server.cache_dir, upload.filename, upload.body))
        except OSError as exc:
            for path in paths:  # all or nothing: the files already written go too
                shutil.rmtree(path.parent, ignore_errors=True)
            if exc.errno not in _NO_ROOM:
                raise  # not the client's doing: tornado answers 500 and logs the traceback
            # the server's problem more than the client's: a warning, where `refuse` logs INFO
            logger.warning("An upload could not be stored in %s: %s", self.server.cache_dir, exc.strerror)
            self.set_status(507)
            self.finish({"error": f"Insufficient storage: the server could not store the upload ({exc.strerror})."})
            return
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps([str(path) for path in paths]))


def store_upload(cache_dir: Path, filename: str, body: bytes) -> Path:
    """Write an uploaded file into a fresh folder of the cache, under its own (safe) name. When
    the write fails (a full disk), neither the partial file nor the folder is left behind."""
    name = safe_filename(filename)  # before the folder is made: nothing to undo if it raised
    folder = cache_dir / secrets.token_hex(16)
    folder.mkdir(parents=True)
    path = folder / name
    try:
        path.write_bytes(body)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return path


def delete_older_than(cache_dir: Path, age: float) -> None:
    """``Blocks(delete_cache=(frequency, age))``: remove the cached files written more than
    ``age`` seconds ago, and the folders they leave empty. Runs on a worker thread."""
    deadline = time.time() - age
    for folder in list(cache_dir.iterdir()):
        entries = list(folder.iterdir()) if folder.is_dir() else [folder]
        for path in entries:
            with contextlib.suppress(OSError):  # gone meanwhile, or being written
                if path.stat().st_mtime < deadline:
                    path.unlink()
        with contextlib.suppress(OSError):
            # a new folder found empty is an upload's, about to be written: removing it would
            # fail that upload
            if entries or folder.stat().st_mtime < deadline:
                folder.rmdir()  # only when empty


def safe_filename(name: str) -> str:
    """A client's file name as one that can be stored: its last component, never empty, never a
    dot path, without what no file system takes (NUL, lone surrogates), and at most
    `MAX_NAME_BYTES` bytes in UTF-8, cut from the stem so the extension is kept."""
    name = os.path.basename((name or "").replace("\\", "/").replace("\x00", ""))
    name = name.encode("utf-8", "ignore").decode("utf-8").strip().lstrip(".")  # drops lone surrogates
    stem, extension = os.path.splitext(name)
    if len(extension.encode()) > MAX_NAME_BYTES // 2:  # not an extension: a name with a dot late in it
        stem, extension = name, ""
    room = MAX_NAME_BYTES - len(extension.encode())
    stem = stem.encode()[:room].decode("utf-8", "ignore")  # never half a character
    return (stem + extension) or "file"
