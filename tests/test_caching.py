"""``gr.cache`` memoises a function by its arguments' content, whatever its kind; ``gr.Cache()``
as a parameter's default is a store the function fills itself (Gradio 6's `gradio/caching.py`)."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import AsyncIterator, Iterator
from typing import Any

import numpy as np
import pytest

import nbblocks as gr
from tests.helpers import RecordedSession


class Calls:
    """A function that counts how often it really ran."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, text: str, times: int = 2) -> str:
        self.count += 1
        return text * times


def test_a_call_with_the_same_arguments_answers_from_the_cache() -> None:
    counted = Calls()
    cached = gr.cache(counted)
    assert cached("ab") == "abab" and counted.count == 1
    # positional, by keyword, or with the default spelled out: the same arguments
    assert cached("ab") == cached(text="ab") == cached("ab", 2) == "abab" and counted.count == 1
    assert cached("ab", 3) == "ababab" and counted.count == 2


def test_the_keywords_key_and_max_size() -> None:
    counted = Calls()
    by_text = gr.cache(key=lambda arguments: arguments["text"])(counted)
    assert by_text("a", 2) == by_text("a", 5) == "aa" and counted.count == 1  # `times` is not in the key

    counted = Calls()
    two = gr.cache(max_size=2)(counted)
    for text in ("a", "b", "c", "a"):  # "a", least recently used, left when "c" came
        two(text)
    assert counted.count == 4
    two("c")
    assert counted.count == 4


def test_max_memory_evicts_the_least_recently_used() -> None:
    counted = Calls()
    small = gr.cache(max_memory="1kb")(counted)
    small("x", 600)
    small("y", 600)  # over 1 kB together: "x" goes
    small("y", 600)
    assert counted.count == 2
    small("x", 600)
    assert counted.count == 3


def test_arrays_are_keyed_by_content_not_identity() -> None:
    seen: list[float] = []

    @gr.cache
    def mean(image: np.ndarray) -> float:
        seen.append(float(image.mean()))
        return seen[-1]

    assert mean(np.ones((4, 4))) == mean(np.ones((4, 4))) == 1.0
    assert mean(np.zeros((4, 4))) == 0.0 and mean(np.ones((2, 8))) == 1.0  # other bytes, other shape
    assert seen == [1.0, 0.0, 1.0]


def test_a_generator_is_replayed_yield_by_yield() -> None:
    """Gradio's chat demo: the function yields one list it goes on changing; the replay shows
    each step as it was yielded."""
    runs: list[str] = []

    @gr.cache
    def respond(history: list[str]) -> Iterator[list[str]]:
        runs.append(history[-1])
        history.append("")
        for letter in "hey":
            history[-1] += letter
            yield history

    first = [list(step) for step in respond(["hi"])]
    assert first == [["hi", "h"], ["hi", "he"], ["hi", "hey"]]
    assert [list(step) for step in respond(["hi"])] == first and runs == ["hi"]


def test_coroutines_and_async_generators_are_cached() -> None:
    runs: list[str] = []

    @gr.cache
    async def translate(text: str) -> str:
        runs.append(text)
        return text.upper()

    @gr.cache
    async def spell(text: str) -> AsyncIterator[str]:
        runs.append(f"spell {text}")
        for letter in text:
            yield letter

    async def both() -> tuple[list[str], list[str]]:
        return [await translate("a"), await translate("a")], [x async for x in spell("ab")] + [x async for x in spell("ab")]

    # a thread of its own: Playwright's sync API may hold an event loop in this one (the whole suite)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, both()).result(timeout=30) == (["A", "A"], ["a", "b", "a", "b"])
    assert runs == ["a", "spell ab"]


def test_gr_cache_at_run_time_shares_one_store_per_function() -> None:
    """Gradio's intermediate demo: ``gr.cache(helper)(...)`` written inside a listener."""
    counted = Calls()

    def listener(text: str) -> str:
        return gr.cache(counted)(text) + "!"

    assert listener("a") == listener("a") == "aa!" and counted.count == 1
    with pytest.raises(TypeError, match=r"gr.cache\(fn\)\(\*args\)"):
        gr.cache(counted("a"))  # type: ignore[arg-type]  # the mistake the message names


def test_unhashable_arguments_are_refused_clearly() -> None:
    class Opaque:
        __slots__ = ()
        __hash__ = None  # type: ignore[assignment]

    with pytest.raises(TypeError, match="cannot hash a Opaque"):
        gr.cache(lambda value: value)(Opaque())


def test_a_cached_listener_runs_once_for_the_same_input() -> None:
    counted = Calls()
    with gr.Blocks() as demo:
        box, out = gr.Textbox(), gr.Textbox()
        box.submit(gr.cache(counted), box, out)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    for text in ("ab", "ab", "c"):
        session.type_and_trigger(box._id, text, "submit")
    assert session.values_sent(out._id) == ["abab", "abab", "cc"] and counted.count == 2


def lookup(city: str, c: Any = gr.Cache()) -> tuple[str, str]:
    """Gradio's manual demo: the key is normalised by the function."""
    key = " ".join(city.lower().split())
    hit = c.get(key)
    if hit is not None:
        return hit["forecast"], "Cache hit"
    c.set(key, forecast=f"{key}: foggy")
    return f"{key}: foggy", "Computed and stored"


def test_a_gr_cache_default_is_the_store_a_listener_fills() -> None:
    with gr.Blocks() as demo:
        city, forecast, status = gr.Textbox(), gr.Textbox(), gr.Textbox()
        city.submit(lookup, city, [forecast, status])
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    for typed in (" San  Francisco ", "san francisco"):
        session.type_and_trigger(city._id, typed, "submit")
    assert session.values_sent(status._id) == ["Computed and stored", "Cache hit"]
    assert session.values_sent(forecast._id) == ["san francisco: foggy"] * 2


def test_gr_cache_get_set_keys_clear() -> None:
    store = gr.Cache(max_size=2)
    assert store.get("a") is None
    store.set("a", n=1)
    store.set(np.arange(3), n=2)  # any key gr.cache can hash
    assert store.get(np.arange(3)) == {"n": 2} and store.get("a") == {"n": 1}
    store.set("c", n=3)  # "a" was used after the array: the array goes
    assert store.keys() == ["a", "c"] and len(store) == 2
    store.clear()
    assert (store.keys(), len(store), store.get("a")) == ([], 0, None)


def test_per_session_stores_are_apart() -> None:
    shared, own = gr.Cache(), gr.Cache(per_session=True)

    def remember(text: str) -> str:
        earlier = [hit["text"] for hit in (shared.get("last"), own.get("last")) if hit]
        shared.set("last", text=text)
        own.set("last", text=text)
        return ",".join(earlier)

    with gr.Blocks() as demo:
        box, out = gr.Textbox(), gr.Textbox()
        box.submit(remember, box, out)
    first, second = RecordedSession(demo), RecordedSession(demo)
    first.handle({"type": "ready"})
    second.handle({"type": "ready"})
    for session, text in ((first, "one"), (second, "two"), (first, "three")):
        session.type_and_trigger(box._id, text, "submit")
    assert second.values_sent(out._id) == ["one"]  # the shared store's, not first's own
    assert first.values_sent(out._id) == ["", "two,one"]
