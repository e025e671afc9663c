"""The front end's lazy chunks, as the package ships them: ``nbblocks/static/chunks/<name>.js``.

A chunk holds the code of components that only some apps use (Model3D and its three.js), so the
first page of every other app stays small (``js/src/chunks.ts`` tells the design). Both
transports hand them out from here: the served page fetches ``<root>/static/chunks/<name>.js``,
the notebook's page asks over the comm (`protocol.ChunkRequest`). A name from a client is only
looked up among the files the build left in that folder: no path from a request reaches the disk.

The browser builds of the user's own plotting libraries (plotly.js, BokehJS for gr.Plot) are handed
out the same way, under a fixed name (`LIBRARIES`): read from the installed package, never a CDN.
They are classic scripts that set a global (``window.Plotly``, ``window.Bokeh``); run as a module,
their top-level ``this`` would be undefined, so each is wrapped to run with ``this`` the global object.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Any

from .protocol import ChunkMessage

CHUNKS = Path(__file__).resolve().parent / "static" / "chunks"
#: chunk name -> (package, its browser build inside it)
LIBRARIES = {
    "lib-plotly": ("plotly", "package_data/plotly.min.js"),
    "lib-bokeh": ("bokeh", "server/static/js/bokeh.min.js"),
}


@functools.cache
def _chunk_files() -> dict[str, Path]:
    return {path.stem: path for path in CHUNKS.glob("*.js")} if CHUNKS.is_dir() else {}


def library_file(name: str) -> Path | None:
    """The user's installed copy of library chunk ``name``, found without importing the package."""
    package, inside = LIBRARIES.get(name, ("", ""))
    spec = importlib.util.find_spec(package) if package else None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / inside
    return path if path.is_file() else None


@functools.cache
def _library_module(path: Path) -> bytes:
    return b"(function () {\n" + path.read_bytes() + b"\n}).call(globalThis);\n"


@functools.cache
def _read(path: Path) -> bytes:
    return path.read_bytes()


def read_chunk(name: str) -> bytes | None:
    """The ES module of chunk ``name``, or None when the package has no such chunk. Each file is
    read once per process (they change only with the package); an unknown name caches nothing."""
    path = _chunk_files().get(name)
    if path is not None:
        return _read(path)
    library = library_file(name)
    return _library_module(library) if library is not None else None


def chunk_reply(request: dict[str, Any]) -> ChunkMessage:
    """The notebook's answer to a ``chunk`` request: the source, or an error saying why not."""
    name = request.get("name")
    if not isinstance(name, str):
        return {"type": "chunk", "name": "", "error": "a chunk request needs a 'name' string"}
    source = read_chunk(name)
    if source is None:
        return {"type": "chunk", "name": name, "error": f"no front-end chunk named {name[:80]!r}"}
    return {"type": "chunk", "name": name, "source": source.decode("utf-8")}
