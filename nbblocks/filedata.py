"""File values: Gradio's `FileData` between a component and its user function.

The guide for a file component (File, Image, Audio, Video, Gallery...):

- in ``preprocess`` it calls `to_local_path` on each file of the payload: what the page or an
  API client sent (a `FileData`, a dict of its shape, a path string, or a URL) becomes a file in
  the app's cache. A local path is accepted only inside the cache (where uploads land), so a
  client cannot name other files of the server; a URL (``handle_file("https://...")``) is
  fetched with `nbblocks.urlfetch` (public addresses only). ``url`` is never used to find a file.
- in ``postprocess`` it calls `to_file_data` on each file the function returned (a path, a
  `pathlib.Path`, bytes, a URL, a `FileData`): a local file must be one the function may return
  (`check_returnable`, Gradio's rule) and is copied into the cache under its content's hash; a
  URL is passed on as is, for the browser to load, and remembered in the cache (the served file
  route redirects to it for API clients, which download every output through that route).
- a component given ``file_types`` refuses any other file with `check_file_type`: the front
  end's filter is the browser's, and an API client sends what it likes.

The transport fills ``url``: a served page reads ``<root>/gradio_api/file=<path>`` (the page
builds it), an API client gets it absolute in its frames (`with_urls`), the notebook asks for
the bytes over the widget's comm (see `nbblocks.protocol`).
`cache_of(block)` is the cache of the app a component belongs to. `set_static_paths` (Gradio's)
adds folders every app of the process serves and may return from, as if in ``allowed_paths``.
"""

from __future__ import annotations

import mimetypes
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .block import Block, current_app
from .cache import FileCache, confine
from .exceptions import Error, MissingFile
from .protocol import FileData

#: the cache of components that belong to no app (made outside any ``with gr.Blocks()``)
_unattached = FileCache()
#: `set_static_paths`' folders and files (absolute), for every app of the process, as in Gradio
_static_paths: list[str] = []


def set_static_paths(paths: str | Path | Sequence[str | Path]) -> None:
    """Let every app serve, and its functions return, the files under ``paths``, as if each
    launch() had them in ``allowed_paths`` (``blocked_paths`` still win). Adds to earlier calls."""
    listed = [paths] if isinstance(paths, (str, Path)) else paths
    _static_paths.extend(os.path.abspath(path) for path in listed)


def cache_of(block: Block | None) -> FileCache:
    """The cache of the app ``block`` is part of (the outermost `Blocks` above it; while it is
    being built, the app whose ``with`` is open), or the shared one of unattached components."""
    from .blocks import Blocks

    root: Block | None = block
    while root is not None and root.parent is not None:
        root = root.parent
    if isinstance(root, Blocks):
        return root.file_cache
    app = current_app()
    return app.file_cache if app is not None else _unattached


def readable_roots(cache: FileCache) -> list[str | Path]:
    """Where a transport may read an app's files from (``/file=``, the notebook's comm): its
    cache, ``allowed_paths``, and the cache of components made outside any app, whose files
    their constructor stored before the app took them in, and `set_static_paths`' paths."""
    shared = [_unattached.root] if _unattached.used else []
    return [*cache.roots, *cache.allowed_paths, *_static_paths, *shared]


def file_data(path: str | Path, orig_name: str | None = None) -> FileData:
    """The `FileData` of a local file (``url`` left for the transport)."""
    path = Path(path)
    return {
        "path": str(path),
        "url": None,
        "size": path.stat().st_size,
        "orig_name": orig_name or path.name,
        "mime_type": mimetypes.guess_type(path.name)[0],
        "is_stream": False,
        "meta": {"_type": "gradio.FileData"},
    }


def url_file_data(url: str) -> FileData:
    """The `FileData` of a URL returned by a function: the browser loads it itself."""
    name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return {
        "path": url, "url": url, "size": None, "orig_name": name or None,
        "mime_type": mimetypes.guess_type(name)[0], "is_stream": False, "meta": {"_type": "gradio.FileData"},
    }  # fmt: skip


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def is_file_data(value: Any) -> bool:
    """Whether ``value`` has `FileData`'s shape (a ``path`` string; ``meta`` may be missing)."""
    return isinstance(value, dict) and isinstance(value.get("path"), str)


def to_local_path(payload: Any, cache: FileCache) -> Path:
    """What a client sent for one file → its path in ``cache`` (see the module's guide).

    Raises `gr.Error` for a path outside the cache, a file that is gone, or a URL refused."""
    path = payload.get("path") if isinstance(payload, dict) else payload
    if not isinstance(path, str) or not path:
        raise Error(f"Expected a file (a FileData with a 'path'), got {_describe(payload)}")
    if is_url(path):
        from .urlfetch import fetch_to_cache

        return fetch_to_cache(path, cache)
    local = confine(path, list(cache.roots), cache.blocked_paths)
    if local is None:
        raise Error(f"File {os.path.basename(path)!r} is not an upload of this app (upload it first).")
    return local


def to_file_data(value: Any, cache: FileCache, name: str | None = None) -> FileData:
    """What a function returned for one file → its `FileData` (see the module's guide)."""
    if isinstance(value, (bytes, bytearray)):
        return file_data(cache.store_bytes(bytes(value), name or "file"))
    if is_file_data(value):
        value, name = value["path"], name or value.get("orig_name")
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise Error(f"Expected a file path, bytes or a URL, got {_describe(value)}")
    if is_url(value):
        cache.remember_url(value)
        return url_file_data(value)
    check_returnable(value, cache)
    stored = cache.store_file(value)
    return file_data(stored, name or Path(value).name)


def check_returnable(path: str, cache: FileCache) -> None:
    """Gradio 4.34's rule for a file a function returns: it must be a file in the app's cache,
    the current working directory, the system's temp dir, ``allowed_paths`` or the static paths,
    and in none of ``blocked_paths`` (blocked wins). Raise `gr.Error` saying why otherwise."""
    if os.path.isdir(path):
        raise Error(f"Cannot return {path!r}: it is a directory.")
    if not os.path.isfile(path):
        raise MissingFile(path)
    roots: list[str | Path] = [*cache.roots, os.getcwd(), tempfile.gettempdir(), *cache.allowed_paths, *_static_paths]
    if confine(path, roots, cache.blocked_paths) is None:
        raise Error(
            f"Cannot move {path} to the gradio cache dir because it was not created by the application "
            "or it is not located in either the current working directory or your system's temp directory. "
            "To fix this error, please ensure the path is correct, or add it to `allowed_paths` in launch()."
        )


def check_file_type(path: str | Path, file_types: list[str] | None) -> None:
    """Raise Gradio's `gr.Error` unless ``path`` is one of ``file_types``: an extension
    (".pdf", any case), a category ("image": the family of its guessed MIME type) or "file"
    (anything). None or an empty list accepts every file, as in Gradio."""
    if not file_types or "file" in file_types:
        return
    extension = Path(path).suffix.lower()
    family = (mimetypes.guess_type(Path(path).name)[0] or "").split("/", 1)[0]
    if not any(wanted.lower() == extension or wanted == family for wanted in file_types):
        raise Error(f"Invalid file type. Please upload a file that is one of these formats: {file_types}")


def is_file_value(value: Any) -> bool:
    """Whether ``value`` is a `FileData` a component made (its ``meta`` says so): a JSON value
    that merely has a ``path`` key is not."""
    return is_file_data(value) and isinstance(value.get("meta"), dict) and value["meta"].get("_type") == "gradio.FileData"


def with_urls(value: Any, file_route: str) -> Any:
    """``value`` (any output: a FileData, a list of them, a Gallery's or a chat's nested dicts)
    with the ``url`` of each file set to ``file_route`` followed by its path percent-encoded
    (the path an API client fetches); a URL output keeps its own. Copies: the value given may
    be the session's own."""
    if is_file_value(value):
        url = value.get("url")
        return value if isinstance(url, str) and is_url(url) else {**value, "url": file_route + quote(value["path"])}
    if isinstance(value, dict):
        return {key: with_urls(item, file_route) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [with_urls(item, file_route) for item in value]
    return value


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:77]}..."
