"""`FileCache`: one app's files on disk, the uploads it received and the files its functions returned.

Each app has its own folder under ``GRADIO_TEMP_DIR`` (else the system's temp dir), made on
first use and removed when the process exits (not when a server closes: the files of the
components' own values must outlive a relaunch); ``delete_cache`` removes old files meanwhile:

- a file a function returns is copied in as ``<sha256 of its bytes>/<its name>``, so the same
  output is stored once however often it is returned;
- an upload streams in through `IncomingFile` as ``<random>/<safe name>``: written as it
  arrives, never whole in memory, and either complete or gone (a failed, refused or oversized
  upload leaves no partial file and no folder).

`confine` is the one function that turns a path from a client (an HTTP route, the notebook's
comm) into a file on disk; both transports call it, so it lives here, in the engine.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

#: the longest file name Linux, macOS and Windows file systems take, in bytes (UTF-8)
MAX_NAME_BYTES = 255
_COPY_CHUNK = 1024 * 1024
#: the URL outputs an app remembers (the latest ones): enough for every client still fetching its
#: results, bounded so an app returning a new URL per call does not grow without end
URLS_KEPT = 1000
_SIZE = re.compile(r"^\s*(\d+)\s*(b|kb|mb|gb|tb)?\s*$", re.IGNORECASE)
_UNITS = {None: 1, "b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4}


class FileSize:
    """Gradio 5's byte units, for ``max_file_size`` (``5 * gr.FileSize.MB``)."""

    B = 1
    KB = 1024 * B
    MB = 1024 * KB
    GB = 1024 * MB
    TB = 1024 * GB


def temp_root() -> Path:
    """Where the apps' caches live: ``GRADIO_TEMP_DIR`` as in Gradio, else ``<tmp>/nbblocks``."""
    configured = os.environ.get("GRADIO_TEMP_DIR")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "nbblocks"


def parse_size(size: str | int | None) -> int | None:
    """``max_file_size`` as bytes: an int, or Gradio's "<value><unit>" ("5mb", "200 kb")."""
    if size is None:
        return None
    if isinstance(size, int) and not isinstance(size, bool):
        if size < 0:
            raise ValueError(f"max_file_size must not be negative, not {size}")
        return size
    if not isinstance(size, str):
        raise TypeError(f"max_file_size must be an int or a string like '5mb', not {size!r}")
    match = _SIZE.match(size)
    if match is None:
        raise ValueError(f"max_file_size must be an int or a string like '5mb', not {size!r}")
    return int(match.group(1)) * _UNITS[match.group(2) and match.group(2).lower()]


def _inside(path: str, root: str) -> bool:
    # commonpath compares whole components: "/root" does not contain "/rootfoo/x"
    return path == root or os.path.commonpath([path, root]) == root


def confine(requested: str, roots: Iterable[str | Path], blocked: Iterable[str | Path]) -> Path | None:
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


class FileTooLarge(ValueError):
    """An upload went past ``max_file_size``; its partial file is already removed."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"File size exceeds the maximum allowed size of {limit} bytes.")
        self.limit = limit


class IncomingFile:
    """One upload being written into the cache as its bytes arrive.

    `write` each chunk, then `finish` for the stored path, or `abort`. Any error while writing
    (a full disk, `FileTooLarge`) removes the partial file and its folder before it propagates.
    """

    def __init__(self, cache: FileCache, filename: str, limit: int | None = None) -> None:
        name = safe_filename(filename)  # before the folder is made: nothing to undo if it raised
        self.folder = cache.root / secrets.token_hex(16)
        self.folder.mkdir(parents=True)
        self.path = self.folder / name
        self.limit = limit
        self.size = 0
        self._handle: BinaryIO | None = None
        try:
            self._handle = self.path.open("wb")
        except BaseException:
            self.abort()
            raise

    def write(self, chunk: bytes | memoryview) -> None:
        if self._handle is None:
            raise ValueError("this upload is already finished or aborted")
        self.size += len(chunk)
        try:
            if self.limit is not None and self.size > self.limit:
                raise FileTooLarge(self.limit)
            self._handle.write(chunk)
        except BaseException:
            self.abort()
            raise

    def finish(self) -> Path:
        """Close the file (flushing may still fail on a full disk) and return its path."""
        handle, self._handle = self._handle, None
        if handle is None:
            raise ValueError("this upload is already finished or aborted")
        try:
            handle.close()
        except BaseException:
            self.abort()
            raise
        return self.path

    def abort(self) -> None:
        """Drop the upload: its partial file and its folder go."""
        handle, self._handle = self._handle, None
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class FileCache:
    """One app's cache folder, and launch()'s rules for files: ``allowed_paths`` and
    ``blocked_paths`` (absolute paths: what its functions may return, and what the served
    ``/file=`` route serves besides the cache) and ``max_file_size``; and the URLs its
    functions returned, which that route redirects to.
    """

    def __init__(self) -> None:
        self._root: Path | None = None
        self._lock = threading.Lock()
        self.allowed_paths: list[str] = []
        self.blocked_paths: list[str] = []
        #: launch()'s ``max_file_size`` in bytes: the most one upload (or fetched URL) may hold
        self.max_file_size: int | None = None
        #: the URLs its functions returned (`remember_url`), the latest `URLS_KEPT`
        self._urls: OrderedDict[str, None] = OrderedDict()
        #: the caches of apps rendered into this one (an Interface in a TabbedInterface): their
        #: components stored files there while they were built
        self._included: list[FileCache] = []

    def set_rules(self, allowed_paths: list[str], blocked_paths: list[str], max_file_size: str | int | None) -> None:
        """launch()'s file options (``max_file_size`` as an int or Gradio's "5mb")."""
        self.allowed_paths = [os.path.abspath(p) for p in allowed_paths]
        self.blocked_paths = [os.path.abspath(p) for p in blocked_paths]
        self.max_file_size = parse_size(max_file_size)

    @property
    def used(self) -> bool:
        """Whether the folder was made (anything stored), without making it."""
        return self._root is not None

    @property
    def root(self) -> Path:
        """The app's folder, made (private to this user) on first use."""
        with self._lock:
            if self._root is None or not self._root.is_dir():
                base = temp_root()
                base.mkdir(parents=True, exist_ok=True)
                self._root = Path(tempfile.mkdtemp(dir=base, prefix="app-"))
                _folders.add(self._root)
            return self._root

    def include(self, other: FileCache) -> None:
        """Serve and take back the files of ``other``, the cache of an app rendered into this one."""
        if other is not self and other not in self._included:
            self._included.append(other)

    @property
    def roots(self) -> list[Path]:
        """The folders whose files are this app's: its own and those of the apps rendered into it."""
        return [self.root, *(root for other in self._included if other.used for root in other.roots)]

    def contains(self, path: str | Path) -> bool:
        """Whether ``path`` (resolved) is a file inside this cache."""
        return self.used and confine(str(path), [self.root], []) is not None

    def store_file(self, source: str | Path) -> Path:
        """``source`` copied in under its content's hash (nothing copied when it is there already)."""
        source = Path(source)
        if self.contains(source):
            return Path(os.path.realpath(source))
        digest = hashlib.sha256()
        with source.open("rb") as handle:
            while chunk := handle.read(_COPY_CHUNK):
                digest.update(chunk)
        target = self.root / digest.hexdigest()[:40] / safe_filename(source.name)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(target, lambda out: _copy_into(source, out))
        return target

    def store_bytes(self, data: bytes, name: str = "file") -> Path:
        """``data`` written in under its hash, as a file called ``name``."""
        target = self.root / hashlib.sha256(data).hexdigest()[:40] / safe_filename(name)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(target, lambda out: out.write(data))
        return target

    def remember_url(self, url: str) -> None:
        """A URL a function of the app returned: the served file route may redirect to it."""
        with self._lock:
            self._urls[url] = None
            self._urls.move_to_end(url)
            while len(self._urls) > URLS_KEPT:
                self._urls.popitem(last=False)

    def returned_url(self, url: str) -> bool:
        """Whether ``url`` is one of the app's recent URL outputs (a redirect to any other
        would make the app an open redirect)."""
        with self._lock:
            return url in self._urls

    def incoming(self, filename: str, limit: int | None = None) -> IncomingFile:
        """A new upload of ``filename`` to write chunk by chunk (at most ``limit`` bytes)."""
        return IncomingFile(self, filename, limit)

    def delete_older_than(self, age: float) -> None:
        """``Blocks(delete_cache=(frequency, age))``: remove the cached files written more than
        ``age`` seconds ago, and the folders they leave empty. Runs on a worker thread."""
        if self._root is None:
            return
        delete_older_than(self._root, age)

    def clear(self) -> None:
        """Remove every file of the app; a later use makes a new folder."""
        with self._lock:
            root, self._root = self._root, None
        if root is not None:
            _folders.discard(root)
            shutil.rmtree(root, ignore_errors=True)


#: every cache folder made by this process: removed when it exits
_folders: set[Path] = set()


@atexit.register
def _remove_folders() -> None:
    for folder in list(_folders):
        shutil.rmtree(folder, ignore_errors=True)


def delete_older_than(folder: Path, age: float) -> None:
    """Remove the files of ``folder``'s sub-folders written more than ``age`` seconds ago, and
    the sub-folders they leave empty."""
    deadline = time.time() - age
    try:
        children = list(folder.iterdir())
    except OSError:  # not made yet, or removed with the app
        return
    for child in children:
        entries = list(child.iterdir()) if child.is_dir() else [child]
        for path in entries:
            with contextlib.suppress(OSError):  # gone meanwhile, or being written
                if path.stat().st_mtime < deadline:
                    path.unlink()
        with contextlib.suppress(OSError):
            # a new folder found empty is an upload's, about to be written: removing it would
            # fail that upload
            if entries or child.stat().st_mtime < deadline:
                child.rmdir()  # only when empty


def _copy_into(source: Path, out: BinaryIO) -> None:
    with source.open("rb") as handle:
        shutil.copyfileobj(handle, out, _COPY_CHUNK)


def _write_atomically(target: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write through a temporary name and rename: a reader never sees half a file, and two
    threads storing the same content both end with the whole of it."""
    temporary = target.with_name(f".{secrets.token_hex(8)}.part")
    try:
        with temporary.open("wb") as out:
            write(out)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
