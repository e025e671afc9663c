"""`gr.Examples`: sample inputs shown as a `gr.Dataset`; a click fills the inputs with one.

Gradio 4.34's behaviour, on our engine:

- ``examples`` is a list of rows (one value per input, None for an input left out), a list of
  values for a single input, or a directory: its ``log.csv`` (a header row, then one row per
  example; a value naming a file of the directory is that file), else each file one example.
- a click on a row fills the inputs in the page itself: a ``js`` listener holding the rows'
  values in their JSON form, so no round trip (a notebook's busy kernel does not delay it); the
  page sends the values to Python before the click, so that with ``run_on_click`` the function
  then runs on them. API clients call ``load_example`` (``api_name``, hidden from the API page
  as in Gradio), a listener of no event: it gives the row's values (and its cached outputs).
- ``cache_examples=True`` runs the function on every example while the app is built (unless
  Gradio's ``_defer_caching``, used by Interface, leaves it to `Examples._start_caching`), and
  a click loads the stored outputs; ``"lazy"`` runs it on an example's first
  click and stores what it gave. A generator's last value is what is stored.
- stored outputs live under ``GRADIO_EXAMPLES_CACHE`` (else ``cached_examples`` beside the apps'
  caches, `nbblocks.cache.temp_root`), one folder per function and example, keyed by a hash of
  the function's code and of the example, so a new process with the same function and examples
  reads them instead of calling it. Their files are copied in beside them and go into the
  app's cache when loaded, so they are served as any output is.
"""

from __future__ import annotations

import csv
import hashlib
import inspect
import json
import os
import shutil
import types
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import engine
from .accepted import warn_unused
from .block import Block, current_app
from .cache import temp_root
from .events import Dependency, listener_options
from .filedata import cache_of, file_data, is_file_value

if TYPE_CHECKING:
    from .blocks import Blocks
    from .components.base import Component
    from .components.dataset import Dataset

CacheExamples = bool | Literal["lazy"] | None
#: one output's props as a listener sets them (``{"value": ...}``, maybe others), JSON form
Props = dict[str, Any]
_LOG_FILE = "log.csv"


def examples_cache_root() -> Path:
    """Where cached outputs are stored: ``GRADIO_EXAMPLES_CACHE`` as in Gradio, else a folder beside
    the apps' caches (which outlives the process, unlike an app's own cache)."""
    configured = os.environ.get("GRADIO_EXAMPLES_CACHE")
    return Path(configured) if configured else temp_root() / "cached_examples"


class Examples:
    """Example inputs under the inputs they fill, as a `gr.Dataset` (Gradio's signature)."""

    def __init__(
        self,
        examples: list[Any] | list[list[Any]] | str,
        inputs: Component | Sequence[Component],
        outputs: Component | Sequence[Component] | None = None,
        fn: Callable[..., Any] | None = None,
        cache_examples: CacheExamples = None,
        examples_per_page: int = 10,
        _api_mode: bool = False,
        label: str | None = "Examples",
        elem_id: str | None = None,
        run_on_click: bool = False,
        preprocess: bool = True,
        postprocess: bool = True,
        api_name: str | Literal[False] = "load_example",
        batch: bool = False,
        _defer_caching: bool = False,
        *,
        example_labels: list[str] | None = None,
        visible: bool = True,
        cache_mode: Literal["eager", "lazy"] | None = None,
        api_visibility: Literal["public", "private", "undocumented"] = "undocumented",
        api_description: str | None = None,
        visible_columns: list[int] | None = None,
        preload: int | Literal[False] = False,
    ) -> None:
        from .components.dataset import Dataset

        # Gradio 5/6: cache_mode="lazy" is cache_examples="lazy"; a private endpoint has no name;
        # the others (a description, columns left out of the table, an example loaded at start) warn
        if cache_examples and cache_mode == "lazy":
            cache_examples = "lazy"
        if api_visibility == "private":
            api_name = False
        warn_unused(
            "Examples", api_description=api_description, visible_columns=visible_columns,
            preload=None if preload is False else preload,
        )  # fmt: skip

        self.inputs: list[Component] = [inputs] if isinstance(inputs, Block) else list(inputs)
        self.outputs: list[Component] = [] if outputs is None else [outputs] if isinstance(outputs, Block) else list(outputs)
        self.fn = fn
        self.cache_examples = _cache_setting(cache_examples)
        if self.cache_examples and (fn is None or not self.outputs):
            raise ValueError("If caching examples, `fn` and `outputs` must be provided")
        if run_on_click and fn is None:
            raise ValueError("Cannot run_on_click if no function is provided")
        self.run_on_click = run_on_click
        self.preprocess = preprocess and not _api_mode
        self.postprocess = postprocess and not _api_mode
        self.batch = batch
        self.api_name = api_name
        self.examples: list[list[Any]] = read_examples(examples, len(self.inputs))
        #: the inputs some example gives a value: the dataset's columns
        columns = [i for i in range(len(self.inputs)) if any(row[i] is not None for row in self.examples)]
        self.inputs_with_examples = [self.inputs[i] for i in columns]
        self.dataset: Dataset = Dataset(
            components=self.inputs_with_examples, samples=[[row[i] for i in columns] for row in self.examples],
            type="index", label=label, samples_per_page=examples_per_page, elem_id=elem_id, visible=visible,
            sample_labels=example_labels,
        )  # fmt: skip
        self._cached: dict[int, list[Props]] = {}
        self.load_input_event: Dependency | None = None
        self.cache_event: Dependency | None = None
        app = current_app()
        if app is not None:
            self._listen(app)
        if not _defer_caching:
            self._start_caching()

    # --- listeners ---------------------------------------------------------------------------

    def _listen(self, app: Blocks) -> None:
        """The click's listeners. The inputs take the example's values in the page itself (a
        ``js`` listener: no round trip, even while a notebook's kernel is busy), and the page sends
        them to Python before the click, so the listeners loading cached outputs or running
        ``fn`` find them."""
        self.dataset.click(
            None, [self.dataset], self.inputs_with_examples, js=self._filling_js(), show_progress="hidden", queue=False
        )
        filled = self.inputs_with_examples + (self.outputs if self.cache_examples is True else [])
        # Gradio's load_example, for API clients (hidden from the API page): no event of the page runs it
        options = dict(show_progress="hidden", postprocess=False, queue=False, api_name=self.api_name, show_api=False)
        self.load_input_event = app.add_dependency([], self._load_example, [self.dataset], filled, options)
        if self.cache_examples is True:
            self.cache_event = self.dataset.click(
                self._cached_outputs, [self.dataset], self.outputs, show_progress="hidden", postprocess=False,
                queue=False, api_name=False,
            )  # fmt: skip
        elif self.cache_examples == "lazy":
            self.cache_event = self.dataset.click(
                self._lazy_outputs, [self.dataset], self.outputs, postprocess=False, api_name=self.api_name, show_api=False
            )
        elif self.run_on_click:
            self.dataset.click(
                self.fn, self.inputs, self.outputs, show_api=False, preprocess=self.preprocess,
                postprocess=self.postprocess, batch=self.batch,
            )  # fmt: skip

    def _filling_js(self) -> str:
        """The page's function from a sample's index to the inputs' values (one bare, as Gradio's
        ``js`` returns a single output's value); the samples are JSON, which is JavaScript."""
        samples = json.dumps(self.dataset.samples)
        pick = "[index][0]" if len(self.inputs_with_examples) == 1 else "[index]"
        return f"(index) => ({samples}){pick}"

    def _load_example(self, index: int) -> dict[Block, Any]:
        """The inputs' values of example ``index`` (and its cached outputs with ``cache_examples=True``)."""
        sample = self.dataset.samples[index]
        updates: dict[Block, Any] = {
            block: {"__type__": "update", "value": value} for block, value in zip(self.inputs_with_examples, sample)
        }
        if self.cache_examples is True:
            updates.update(self._cached_outputs(index))
        return updates

    def _cached_outputs(self, index: int) -> dict[Block, Any]:
        return self._as_updates(self._outputs_of(index))

    def _lazy_outputs(self, index: int) -> Iterator[dict[Block, Any]]:
        """Example ``index``'s outputs: stored ones, else the function's, each result as it comes
        (a generator streams), the last one stored for the next click."""
        if index in self._cached or self._stored(index) is not None:
            yield self._as_updates(self._outputs_of(index))
            return
        last: list[Props] | None = None
        for last in self._results(index):
            yield self._as_updates(last)
        if last is not None:
            self._store(index, last)

    def _as_updates(self, outputs: list[Props]) -> dict[Block, Any]:
        return {block: {"__type__": "update", **props} for block, props in zip(self.outputs, outputs)}

    # --- caching -----------------------------------------------------------------------------

    def _start_caching(self) -> None:
        """``cache_examples=True``: every example's outputs, stored or computed now."""
        if self.cache_examples is True:
            for index in range(len(self.examples)):
                self._outputs_of(index)

    def _outputs_of(self, index: int) -> list[Props]:
        """Example ``index``'s outputs: from memory, from the disk, or computed and stored."""
        if index not in self._cached:
            stored = self._stored(index)
            if stored is None:
                *_, stored = self._results(index)
                self._store(index, stored)
            self._cached[index] = stored
        return self._cached[index]

    def _results(self, index: int) -> Iterator[list[Props]]:
        """Each result of ``fn`` on example ``index``, as the outputs' props (JSON form)."""
        given = {block._id: value for block, value in zip(self.inputs_with_examples, self.dataset.samples[index])}
        values = {block._id: given.get(block._id, getattr(block, "value", None)) for block in self.inputs}
        dep = self._caching_dependency()
        invocation = engine.Invocation(values)
        if self.batch:
            (updates,) = engine.run_batch(dep, [invocation])
            yield [props for _, props in updates]
            return
        for updates in engine.run(dep, invocation):
            by_block = dict(updates)
            yield [by_block.get(block, {}) for block in self.outputs]

    def _caching_dependency(self) -> Dependency:
        """``fn`` as a listener of no event, for the engine to run on an example's values."""
        app = _app_of(self.dataset)
        options = listener_options("then", True, preprocess=self.preprocess, postprocess=self.postprocess, batch=self.batch)
        ins: list[Block] = list(self.inputs)
        outs: list[Block] = list(self.outputs)
        return Dependency(app, -1, [], self.fn, ins, outs, False, options, engine.analyze(self.fn))

    def _folder(self, index: int) -> Path:
        """Where example ``index``'s outputs are stored: by the function's code, then the example
        and the outputs' kinds (another function, example or output component misses the cache)."""
        fn = self.fn
        assert fn is not None  # checked in __init__ for every caching mode
        example = json.dumps([self.examples[index], [b.type_name for b in self.outputs]], default=str, sort_keys=True)
        return examples_cache_root() / function_key(fn) / hashlib.sha256(example.encode()).hexdigest()[:32]

    def _stored(self, index: int) -> list[Props] | None:
        """Example ``index``'s stored outputs, their files taken into the app's cache; None when
        none are stored (or they are unreadable: then they are computed again)."""
        folder = self._folder(index)
        try:
            outputs = json.loads((folder / "outputs.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        app_cache = cache_of(self.dataset)

        def load(value: dict[str, Any]) -> dict[str, Any]:
            stored = app_cache.store_file(folder / value["path"])
            return {**file_data(stored, value.get("orig_name")), **{k: value[k] for k in ("mime_type", "meta") if k in value}}

        try:
            loaded: list[Props] = _map_files(outputs, load)
        except OSError:  # a file of it is gone
            return None
        self._cached[index] = loaded
        return loaded

    def _store(self, index: int, outputs: list[Props]) -> None:
        """Write example ``index``'s outputs, each file copied in beside them (the app's cache
        goes when the process ends); written whole then renamed, so a reader sees all or none."""
        folder = self._folder(index)
        files = folder / "files"

        def keep(value: dict[str, Any]) -> dict[str, Any]:
            source = Path(value["path"])
            if not source.is_file():  # a URL output: passed on as it is
                return value
            digest = hashlib.sha256(str(source).encode()).hexdigest()[:16]
            target = files / digest / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            return {**value, "path": str(target.relative_to(folder)), "url": None}

        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".outputs.{os.getpid()}.part"
        partial.write_text(json.dumps(_map_files(outputs, keep)), encoding="utf-8")
        os.replace(partial, folder / "outputs.json")
        self._cached[index] = outputs


def _map_files(value: Any, convert: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    """``value`` with each `FileData` in it (at any depth) replaced by ``convert``'s result."""
    if is_file_value(value):
        return convert(value)
    if isinstance(value, dict):
        return {key: _map_files(item, convert) for key, item in value.items()}
    if isinstance(value, list):
        return [_map_files(item, convert) for item in value]
    return value


def _app_of(block: Block) -> Blocks:
    from .blocks import Blocks

    root: Block = block
    while root.parent is not None:
        root = root.parent
    app = root if isinstance(root, Blocks) else current_app()
    if app is None:
        raise ValueError("Cannot cache examples if not in a Blocks context")
    return app


def _cache_setting(cache_examples: CacheExamples) -> bool | Literal["lazy"]:
    """``cache_examples`` None is Gradio's default: ``GRADIO_CACHE_EXAMPLES`` ("true", "lazy"), else off."""
    if cache_examples is None:
        configured = os.environ.get("GRADIO_CACHE_EXAMPLES", "").lower()
        return "lazy" if configured == "lazy" else configured == "true"
    if cache_examples not in (True, False, "lazy"):
        raise ValueError(f"cache_examples must be True, False or 'lazy', not {cache_examples!r}")
    return cache_examples


def function_key(fn: Callable[..., Any]) -> str:
    """A hash of what ``fn`` (or a callable object's ``__call__``) does: its name and compiled code
    with its constants (nested functions' too), the same in every process; its source when it has
    no code object."""
    called = fn if hasattr(fn, "__code__") else getattr(fn, "__call__", fn)  # noqa: B004 (a callable object's method)
    code = getattr(called, "__code__", None)
    if not isinstance(code, types.CodeType):
        try:
            text = inspect.getsource(fn)
        except (OSError, TypeError):
            text = repr(fn)
        return hashlib.sha256(text.encode()).hexdigest()[:32]
    digest = hashlib.sha256(getattr(called, "__qualname__", "").encode())
    _hash_code(code, digest)
    return digest.hexdigest()[:32]


def _hash_code(code: types.CodeType, digest: Any) -> None:
    digest.update(code.co_code)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            _hash_code(const, digest)  # its repr holds an address: different in each process
        elif isinstance(const, frozenset):
            digest.update(repr(sorted(map(repr, const))).encode())  # its order varies with the hash seed
        else:
            digest.update(repr(const).encode())
    digest.update(repr(code.co_names).encode())


def read_examples(examples: list[Any] | list[list[Any]] | str | Path, input_count: int) -> list[list[Any]]:
    """The examples as rows of one value per input (None where an example leaves one out)."""
    if isinstance(examples, (str, Path)):
        rows = _directory_examples(Path(examples), input_count)
    elif isinstance(examples, list):
        is_rows = input_count > 1 or all(isinstance(row, list) for row in examples)
        rows = [list(row) for row in examples] if is_rows else [[value] for value in examples]
    else:
        raise TypeError(f"examples must be a list of lists, a list of values or a directory, not {type(examples).__name__}")
    # values past the last input are dropped, as Gradio drops them (its fraud_detector demo has one)
    return [row[:input_count] + [None] * (input_count - len(row)) for row in rows]


def _directory_examples(folder: Path, input_count: int) -> list[list[Any]]:
    """A directory's examples: its ``log.csv`` (a header, then rows), else one example per file
    for a single input."""
    if not folder.is_dir():
        raise ValueError(f"examples must be a list or an existing directory, not {str(folder)!r}")
    log = folder / _LOG_FILE
    if log.is_file():
        with log.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))[1:]
        return [[_csv_value(folder, value) for value in row] for row in rows]
    if input_count != 1:
        raise ValueError(f"A directory of examples for {input_count} inputs needs a {_LOG_FILE} in it, one row per example")
    return [[str(path)] for path in sorted(folder.iterdir()) if path.is_file() and not path.name.startswith(".")]


def _csv_value(folder: Path, value: str) -> str | None:
    """A cell of ``log.csv``: empty is an input left out, a name of a file of ``folder`` is that file."""
    if not value:
        return None
    return str(folder / value) if (folder / value).is_file() else value
