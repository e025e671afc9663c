"""Flagging, as Gradio 4.34 has it: a Flag click saves an Interface's inputs and outputs.

A `FlaggingCallback` is set up once with the components whose values it saves and a directory,
then called with their values at each flag. `CSVLogger` (the default) appends a row to
``<flagging_dir>/log.csv`` under a header of the components' labels and ``flag``, ``username``,
``timestamp``; a file value is copied to ``<flagging_dir>/<label>/<random>/<name>`` and its row
holds that path. `SimpleCSVLogger` writes the values alone, without a header.

Flagged values are the JSON forms the page holds (Gradio flags without preprocessing), sent by
the page: a file is copied only when it is in the app's cache, where uploads and returned files
are, so a crafted value cannot copy another file of the server into the flagging directory.
"""

from __future__ import annotations

import csv
import datetime
import json
import secrets
import shutil
import threading
import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .accepted import warn_unused
from .cache import confine
from .exceptions import Error
from .filedata import cache_of, is_file_value
from .updates import is_update, update

if TYPE_CHECKING:
    from .components.base import Component
    from .request import Request

#: how long a Flag button says "Saving..." after a click, so that the user sees it was taken
_FEEDBACK_SECONDS = 0.8
#: a cell starting so is a formula to a spreadsheet (OWASP's CSV injection): written after a quote
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\n")


class FlaggingCallback(ABC):
    """What an Interface calls to save flagged samples: `setup` once, then `flag` per flag."""

    @abstractmethod
    def setup(self, components: list[Component], flagging_dir: str | Path) -> None:
        """Prepare to save the values of ``components`` under ``flagging_dir``."""

    @abstractmethod
    def flag(self, flag_data: list[Any], flag_option: str = "", username: str | None = None) -> int:
        """Save one sample (the components' values, in order); returns how many are saved."""


class SimpleCSVLogger(FlaggingCallback):
    """Each flagged sample as one row of ``<flagging_dir>/log.csv``, with no header."""

    def __init__(self) -> None:
        self.components: list[Component] = []
        self.flagging_dir = Path("flagged")
        #: the CSV's name in ``flagging_dir`` (Gradio 5's ``dataset_file_name``)
        self.file_name = "log.csv"
        self._lock = threading.Lock()

    def setup(self, components: list[Component], flagging_dir: str | Path) -> None:
        self.components = components
        self.flagging_dir = Path(flagging_dir)
        self.flagging_dir.mkdir(parents=True, exist_ok=True)

    def flag(self, flag_data: list[Any], flag_option: str = "", username: str | None = None) -> int:
        row = [self._cell(index, value) for index, value in enumerate(flag_data)]
        return self._append(row, header=None)

    def _cell(self, index: int, value: Any, simplify: bool = False) -> str:
        """A value as its CSV cell, its files copied beside the CSV first."""
        if value is None:
            return ""
        if is_update(value):
            return str(value)
        component = self.components[index]
        saved = _copy_files(value, component, self.flagging_dir / _folder_name(_label(component, index)), simplify)
        return saved if isinstance(saved, str) else json.dumps(saved)

    def _append(self, row: list[str], header: list[str] | None) -> int:
        """Append ``row`` (``header`` first into a new file); the number of samples saved."""
        log = self.flagging_dir / self.file_name
        with self._lock:  # flags of several sessions run at once
            is_new = not log.exists()
            with open(log, "a", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                if is_new and header is not None:
                    writer.writerow(_safe_row(header))
                writer.writerow(_safe_row(row))
            with open(log, newline="", encoding="utf-8") as handle:
                return len(list(csv.reader(handle))) - (header is not None)


class CSVLogger(SimpleCSVLogger):
    """Gradio's default: each flagged sample as a row of ``<flagging_dir>/log.csv`` under a
    header of the components' labels and ``flag``, ``username``, ``timestamp``. With
    ``simplify_file_data`` a file's cell is its path, otherwise its whole FileData as JSON."""

    def __init__(self, simplify_file_data: bool = True, verbose: bool = True, dataset_file_name: str | None = None) -> None:
        super().__init__()
        self.simplify_file_data = simplify_file_data
        self.file_name = dataset_file_name or self.file_name
        warn_unused("CSVLogger", verbose=None if verbose else False)  # nothing is printed here anyway

    def flag(self, flag_data: list[Any], flag_option: str = "", username: str | None = None) -> int:
        header = [_label(component, index) for index, component in enumerate(self.components)]
        cells = [self._cell(index, value, self.simplify_file_data) for index, value in enumerate(flag_data)]
        row = [*cells, flag_option, username or "", str(datetime.datetime.now())]
        return self._append(row, header=[*header, "flag", "username", "timestamp"])


class FlagMethod:
    """The function behind a Flag button (or automatic flagging): saves the flagged values with
    the button's option and the user's name, and shows on the button that it did."""

    def __init__(self, callback: FlaggingCallback, label: str, value: str, visual_feedback: bool = True) -> None:
        self.callback = callback
        self.label = label
        self.value = value
        self.visual_feedback = visual_feedback
        self.__name__ = "Flag"

    def __call__(self, request: Request, *flag_data: Any) -> Any:
        try:
            self.callback.flag(list(flag_data), flag_option=self.value, username=getattr(request, "username", None))
        except Exception as error:  # the sample is lost, the app goes on: as Gradio, say so on the button
            print(f"Error while flagging: {error}")
            return update(value="Error!") if self.visual_feedback else None
        if not self.visual_feedback:
            return None
        time.sleep(_FEEDBACK_SECONDS)
        return self.reset()

    def reset(self) -> dict[str, Any]:
        """The button as it was before a click (after "Saving..." or "Error!")."""
        return update(value=self.label, interactive=True)


def _label(component: Component, index: int) -> str:
    return getattr(component, "label", None) or f"component {index}"


def _folder_name(label: str) -> str:
    """A label as a directory name: Gradio keeps only letters, digits, and ``-_. ``; leading dots
    go too, so that a label ".." names no directory outside ``flagging_dir``."""
    return "".join(char for char in label if char.isalnum() or char in "-_. ").strip().lstrip(".") or "component"


def _copy_files(value: Any, component: Component, folder: Path, simplify: bool) -> Any:
    """``value`` with each file in it copied into ``folder`` (its own random subfolder, so that
    two files named alike never meet) and replaced by its copy: the copy's path if ``simplify``,
    else its FileData with that path. A file outside the app's cache is refused."""
    if is_file_value(value):
        cache = cache_of(component)
        source = confine(value["path"], list(cache.roots), cache.blocked_paths)
        if source is None:
            raise Error(f"Cannot flag {value['path']!r}: it is not a file of this app.")
        target = folder / secrets.token_hex(10) / source.name  # the cache's name: never a client's
        target.parent.mkdir(parents=True)
        shutil.copyfile(source, target)
        return str(target) if simplify else {**value, "path": str(target), "url": None}
    if isinstance(value, dict):
        return {key: _copy_files(item, component, folder, simplify) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_copy_files(item, component, folder, simplify) for item in value]
    return value


def _safe_row(row: list[Any]) -> list[Any]:
    """Cells that a spreadsheet would read as a formula, made text (as Gradio does)."""
    return [
        f"'{cell}"
        if isinstance(cell, str) and (cell.startswith(_FORMULA_STARTS) or any(f",{s}" in cell for s in _FORMULA_STARTS))
        else cell
        for cell in row
    ]
