"""FileExplorer: a tree of the files under a folder of the server, the user's pick as its value.

The tree is listed once, when the component is built (Gradio lists a folder when it is opened):
the page receives every file ``glob`` selects, as paths relative to ``root_dir``, never a path
outside it. What the page sends back is checked again, file by file, by `nbblocks.cache.confine`:
a path with ``..``, or a symlink leading out of ``root_dir``, picks nothing.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Enum, List, Unicode

from ..cache import confine
from ..events import EventListener
from .base import Component, expect, size_trait

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions

#: a picked file on the wire, as Gradio sends it: its path's parts under ``root_dir``
Parts = list[str]


class FileExplorer(Component):
    """Files under ``root_dir`` matching ``glob`` (and not ``ignore_glob``), shown as a tree to
    pick from; the function receives the picked paths (one, or None, with ``file_count="single"``)."""

    change = EventListener()
    input = EventListener()
    select = EventListener()
    file_count = Enum(("single", "multiple"), "multiple").tag(prop=True)
    #: every file the tree shows, as its path's parts under ``root_dir``
    files = List(List(Unicode())).tag(prop=True)
    height = size_trait().tag(prop=True)
    max_height = size_trait(500).tag(prop=True)
    min_height = size_trait().tag(prop=True)

    def __init__(
        self,
        glob: str = "**/*",
        *,
        value: str | list[str] | Any = None,
        file_count: Literal["single", "multiple"] = "multiple",
        root_dir: str | Path = ".",
        ignore_glob: str | None = None,
        height: int | str | None = None,
        max_height: int | str | None = 500,
        min_height: int | str | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        self.root_dir = os.path.abspath(root_dir)
        self.glob, self.ignore_glob = glob, ignore_glob
        super().__init__(
            value, file_count=file_count, files=self._listed(), height=height, max_height=max_height, min_height=min_height,
            **kwargs,
        )  # fmt: skip

    def _listed(self) -> list[Parts]:
        """The files the tree shows: matched by ``glob`` on their full path, as Gradio matches
        them, and resolving inside ``root_dir`` (a symlink out of it is left out)."""
        found = []
        for folder, _, names in os.walk(self.root_dir):
            for name in names:
                path = os.path.join(folder, name)
                if not fnmatch.fnmatch(path, self.glob) or (self.ignore_glob and fnmatch.fnmatch(path, self.ignore_glob)):
                    continue
                if confine(path, [self.root_dir], []) is not None:
                    found.append(Path(os.path.relpath(path, self.root_dir)).parts)
        return [list(parts) for parts in sorted(found)]

    def api_info(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}

    def example_value(self) -> Any:
        return [list(self.files[0])] if self.files else []

    def preprocess(self, payload: Any) -> list[str] | str | None:
        if payload is None:
            return None
        expect(isinstance(payload, list), self, f"expected a list of paths, got {payload!r}")
        paths = [self._inside(parts) for parts in payload]
        if self.file_count == "multiple":
            return paths
        expect(len(paths) <= 1, self, f"expected one file, {len(paths)} were picked")
        return paths[0] if paths else None

    def _inside(self, parts: Any) -> str:
        """A picked file's path, refused unless it is a file inside ``root_dir`` once resolved."""
        expect(
            isinstance(parts, list) and all(isinstance(part, str) for part in parts), self, f"expected path parts, got {parts!r}"
        )
        path = os.path.join(self.root_dir, *parts)
        expect(bool(parts) and confine(path, [self.root_dir], []) is not None, self, f"no such file under root_dir: {parts!r}")
        return path

    def postprocess(self, value: Any) -> list[Parts] | None:
        """Paths, absolute or relative to ``root_dir``, as the page's parts."""
        if value is None:
            return None
        listed = [value] if isinstance(value, (str, Path)) else list(value)
        return [list(Path(os.path.relpath(os.path.join(self.root_dir, path), self.root_dir)).parts) for path in listed]
