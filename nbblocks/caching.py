"""``gr.cache`` and ``gr.Cache``: Gradio 6's memoisation of a function by the content of its arguments.

- ``@gr.cache`` (or ``@gr.cache(key=..., max_size=..., max_memory=..., per_session=...)``, or
  ``gr.cache(fn)(...)`` inside a listener) wraps a function, coroutine or generator: a call
  whose arguments (bound to the signature, defaults applied) were seen before answers from the
  store; a generator's yields are recorded and replayed in order.
- ``gr.Cache()`` as a parameter's default is a key-value store the function fills itself
  (``get``, ``set``, ``keys``, ``clear``): Python hands the same instance to every call.

Arguments are keyed by a SHA-256 of their content: an array, image or frame by its bytes, not
its identity, so the same upload twice hits. numpy, PIL and pandas are looked at only if already
imported (a value of theirs can't exist otherwise), so this module imports none of them.

``per_session=True`` keeps one store per session (the one running the function, weakly held,
so a session's entries go with it); a call outside any session shares one store. Unlike Gradio,
a hit still waits its turn in the queue: the engine does not probe the cache first.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import inspect
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from .cache import parse_size

__all__ = ["Cache", "cache"]

#: one wrapper per (function, key, limits), so ``gr.cache(fn)(...)`` run at every call shares a
#: store; the least recently used go past a bound, so functions made per call can't fill memory
_wrappers: OrderedDict[tuple[Any, ...], Callable[..., Any]] = OrderedDict()
_WRAPPERS_KEPT = 1024
_wrappers_lock = threading.Lock()


def content_hash(value: Any) -> str:
    """A SHA-256 of ``value``'s content, equal for equal contents of the same types."""
    return hashlib.sha256(_canonical(value).encode()).hexdigest()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canonical(value: Any) -> str:
    """A text that differs when contents do; the type is part of it (``1``, ``1.0``, ``"1"``)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    if isinstance(value, (bytes, bytearray)):
        return f"B({_digest(bytes(value))})"
    if isinstance(value, (list, tuple)):
        return f"{'L' if isinstance(value, list) else 'T'}[{','.join(map(_canonical, value))}]"
    if isinstance(value, dict):
        pairs = sorted(f"{k!r}:{_canonical(v)}" for k, v in value.items())
        return f"D{{{','.join(pairs)}}}"
    if isinstance(value, (set, frozenset)):
        return f"S{{{','.join(sorted(map(_canonical, value)))}}}"
    library = _library_canonical(value)
    if library is not None:
        return library
    if hasattr(value, "model_dump"):  # a pydantic model: by its fields
        return _canonical(value.model_dump())
    try:
        return f"H({hash(value)})"
    except TypeError:
        pass
    if hasattr(value, "__dict__"):
        return _canonical(vars(value))
    raise TypeError(f"gr.cache: cannot hash a {type(value).__name__}: turn it into hashable values first")


def _library_canonical(value: Any) -> str | None:
    """The content of a numpy array, PIL image or pandas frame/series; None for anything else."""
    numpy, image, pandas = (sys.modules.get(name) for name in ("numpy", "PIL.Image", "pandas"))
    if numpy is not None and isinstance(value, numpy.ndarray):
        return f"np({value.shape},{value.dtype},{_digest(numpy.ascontiguousarray(value).tobytes())})"
    if image is not None and isinstance(value, image.Image):
        return f"PIL({value.mode},{value.size},{_digest(value.tobytes())})"
    if pandas is not None and isinstance(value, (pandas.DataFrame, pandas.Series)):
        names = list(value.columns) if isinstance(value, pandas.DataFrame) else [value.name]
        rows = pandas.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        return f"PD({_canonical(names)},{_digest(rows)})"
    return None


def _size_of(value: Any) -> int:
    """Roughly how many bytes ``value`` holds, for ``max_memory``."""
    if isinstance(value, dict):
        return sum(_size_of(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(_size_of(v) for v in value)
    if isinstance(value, (bytes, bytearray)):
        return len(value)
    nbytes = getattr(value, "nbytes", None)  # numpy arrays, torch-like tensors
    if isinstance(nbytes, int):
        return nbytes
    return sys.getsizeof(value)


class _Store:
    """Entries by key hash, least recently used first out past ``max_size`` entries (0: no
    limit) or ``max_memory`` bytes (the newest entry always stays)."""

    def __init__(self, max_size: int, max_memory: int | None) -> None:
        self.max_size, self.max_memory = max_size, max_memory
        self.entries: OrderedDict[str, tuple[dict[str, Any], int]] = OrderedDict()
        self.used = 0
        self.lock = threading.Lock()

    def get(self, key_hash: str) -> dict[str, Any] | None:
        with self.lock:
            found = self.entries.get(key_hash)
            if found is None:
                return None
            self.entries.move_to_end(key_hash)
            return found[0]

    def put(self, key_hash: str, entry: dict[str, Any]) -> None:
        size = _size_of(entry) if self.max_memory is not None else 0
        with self.lock:
            if key_hash in self.entries:
                self.used -= self.entries.pop(key_hash)[1]
            self.entries[key_hash] = (entry, size)
            self.used += size
            while len(self.entries) > 1 and (
                (self.max_size and len(self.entries) > self.max_size)
                or (self.max_memory is not None and self.used > self.max_memory)
            ):
                self.used -= self.entries.popitem(last=False)[1][1]

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.used = 0


class _Stores:
    """One `_Store`, or one per session when ``per_session``."""

    def __init__(self, max_size: int, max_memory: str | int | None, per_session: bool) -> None:
        self.limits = (max_size, parse_size(max_memory))
        self.shared = _Store(*self.limits)
        self.per_session: weakref.WeakKeyDictionary[Any, _Store] | None = weakref.WeakKeyDictionary() if per_session else None

    def current(self) -> _Store:
        session = _running_session() if self.per_session is not None else None
        if session is None or self.per_session is None:
            return self.shared
        return self.per_session.setdefault(session, _Store(*self.limits))

    def clear(self) -> None:
        self.shared.clear()
        for store in list((self.per_session or {}).values()):
            store.clear()


def _running_session() -> Any:
    """The session whose event runs this function, or None outside one."""
    from .execution import JobReporter
    from .notices import reporting

    reporter = reporting.get()
    return reporter.job.session if isinstance(reporter, JobReporter) else None


def cache(
    fn: Callable[..., Any] | None = None,
    *,
    key: Callable[[dict[str, Any]], Any] | None = None,
    max_size: int = 128,
    max_memory: str | int | None = None,
    per_session: bool = False,
) -> Any:
    """Memoise ``fn`` by its arguments' content (``@gr.cache``, ``@gr.cache(...)`` or
    ``gr.cache(fn)(...)``). ``key`` maps the arguments (a dict by parameter name) to what keys
    the cache; ``max_size`` entries (0: no limit) and ``max_memory`` ("512mb", bytes) bound it."""

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        identity = (func, key, max_size, parse_size(max_memory), per_session)
        with _wrappers_lock:
            if identity not in _wrappers:
                _wrappers[identity] = _memoised(func, key, _Stores(max_size, max_memory, per_session))
                while len(_wrappers) > _WRAPPERS_KEPT:
                    _wrappers.popitem(last=False)
            _wrappers.move_to_end(identity)
            return _wrappers[identity]

    if fn is None:
        return decorator
    if not callable(fn):
        raise TypeError("gr.cache(...) takes a function: write gr.cache(fn)(*args), not gr.cache(fn(*args))")
    return decorator(fn)


def _memoised(func: Callable[..., Any], key: Callable[[dict[str, Any]], Any] | None, stores: _Stores) -> Callable[..., Any]:
    """``func`` wrapped to answer from ``stores``, keeping its kind (sync, async, generator)."""
    signature = inspect.signature(func)

    def lookup(
        args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[_Store, str, inspect.BoundArguments, dict[str, Any] | None]:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        key_hash = content_hash(arguments if key is None else key(arguments))
        store = stores.current()
        return store, key_hash, bound, store.get(key_hash)

    def call(bound: inspect.BoundArguments) -> Any:
        return func(*bound.args, **bound.kwargs)

    if inspect.isgeneratorfunction(func):

        @functools.wraps(func)
        def replayed(*args: Any, **kwargs: Any) -> Any:
            store, key_hash, bound, hit = lookup(args, kwargs)
            if hit is not None:
                yield from hit["yields"]
                return
            recorded = []
            for value in call(bound):
                recorded.append(copy.deepcopy(value))  # a yielded list the function goes on changing
                yield value
            store.put(key_hash, {"yields": recorded})

        wrapper: Callable[..., Any] = replayed
    elif inspect.isasyncgenfunction(func):

        @functools.wraps(func)
        async def replayed_async(*args: Any, **kwargs: Any) -> Any:
            store, key_hash, bound, hit = lookup(args, kwargs)
            if hit is not None:
                for value in hit["yields"]:
                    yield value
                return
            recorded = []
            async for value in call(bound):
                recorded.append(copy.deepcopy(value))
                yield value
            store.put(key_hash, {"yields": recorded})

        wrapper = replayed_async
    elif inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def awaited(*args: Any, **kwargs: Any) -> Any:
            store, key_hash, bound, hit = lookup(args, kwargs)
            if hit is not None:
                return hit["value"]
            result = await call(bound)
            store.put(key_hash, {"value": result})
            return result

        wrapper = awaited
    else:

        @functools.wraps(func)
        def returned(*args: Any, **kwargs: Any) -> Any:
            store, key_hash, bound, hit = lookup(args, kwargs)
            if hit is not None:
                return hit["value"]
            result = call(bound)
            store.put(key_hash, {"value": result})
            return result

        wrapper = returned
    return wrapper


class Cache:
    """A key-value store a function fills itself: make it a parameter's default
    (``def f(x, c=gr.Cache())``). Keys are hashed by content as ``gr.cache``'s arguments are;
    ``per_session`` gives each session its own entries."""

    def __init__(self, *, max_size: int = 128, max_memory: str | int | None = None, per_session: bool = False) -> None:
        self._stores = _Stores(max_size, max_memory, per_session)

    def get(self, key: Any) -> dict[str, Any] | None:
        """The data stored under ``key`` (a dict of what `set` was given), or None."""
        entry = self._stores.current().get(content_hash(key))
        return None if entry is None else dict(entry["data"])

    def set(self, key: Any, **data: Any) -> None:
        """Store ``data`` (keywords) under ``key``, replacing what was there."""
        self._stores.current().put(content_hash(key), {"key": key, "data": data})

    def keys(self) -> list[Any]:
        """The keys stored (this session's, with ``per_session``), least recently used first."""
        store = self._stores.current()
        with store.lock:
            return [entry["key"] for entry, _ in store.entries.values()]

    def clear(self) -> None:
        """Remove every entry (every session's)."""
        self._stores.clear()

    def __len__(self) -> int:
        return len(self._stores.current().entries)
