"""Gradio habits of the Blocks API that nbblocks must keep (Gradio 4.34/4.35's blocks.py and
events.py): combining apps, `.then()` as a full listener, Gradio 3's ``show_progress=False``
and the rules for ``every``."""

from __future__ import annotations

import threading

import pytest

import nbblocks as gr
from nbblocks import endpoints
from tests.helpers import TIMEOUT, Gate, RecordedSession, endless_count, joined
from tests.test_queue import LiveSession


def ready(demo: gr.Blocks) -> RecordedSession:
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    return session


def click(session: RecordedSession, block: gr.Block, event: str = "click") -> None:
    session.handle({"type": "trigger", "id": block._id, "event": event})


def tree_ids(node: dict) -> list:
    """A render tree as nested lists of block ids."""
    return [node["id"], [tree_ids(child) for child in node.get("children", [])]]


# --- an app rendered into another: `with gr.Tab("A"): demo_a.render()` ------------------------


def shouting_app() -> tuple[gr.Blocks, gr.Textbox, gr.Textbox]:
    with gr.Blocks() as inner:
        text, shout = gr.Textbox(), gr.Textbox()
        text.submit(lambda s: s.upper(), text, shout, api_name="predict")
        inner.load(lambda: "loaded", None, shout)
    return inner, text, shout


def test_a_rendered_app_brings_its_listeners_and_its_load_runs_on_the_page_load():
    inner, text, shout = shouting_app()
    with gr.Blocks() as demo:
        with gr.Tab("Shout") as tab:
            inner.render()
    session = ready(demo)
    assert session.values_sent(shout._id) == ["loaded"]
    session.type_and_trigger(text._id, "hi", "submit")
    assert session.values_sent(shout._id) == ["loaded", "HI"]
    tree = session.of_type("render")[0]["tree"]
    tabs = demo.children[0]
    # the rendered app's blocks sit in the tab themselves, as Gradio splices them in
    assert tree_ids(tree) == [demo._id, [[tabs._id, [[tab._id, [[text._id, []], [shout._id, []]]]]]]]


def test_a_rendered_app_keeps_working_on_its_own():
    inner, text, shout = shouting_app()
    with gr.Blocks():
        inner.render()
    session = ready(inner)
    session.type_and_trigger(text._id, "solo", "submit")
    assert session.values_sent(shout._id) == ["loaded", "SOLO"]


def test_api_names_of_rendered_apps_get_gradio_suffixes():
    first, _, _ = shouting_app()
    second, _, _ = shouting_app()
    with gr.Blocks() as demo:
        with gr.Tab("one"):
            first.render()
        with gr.Tab("two"):
            second.render()
    named = [endpoint.name for endpoint in endpoints.endpoints(demo)]
    assert named == ["predict", "lambda", "predict_1", "lambda_1"]
    assert set(endpoints.info(demo)["named_endpoints"]) == {"/predict", "/lambda", "/predict_1", "/lambda_1"}


def test_rendering_an_app_twice_into_one_is_refused():
    inner, _, _ = shouting_app()
    with gr.Blocks():
        inner.render()
        with pytest.raises(ValueError, match="already been rendered"):
            inner.render()


def stop_while_streaming(
    demo: gr.Blocks, go: gr.Button, stop: gr.Button, out: gr.Number, closed: threading.Event
) -> LiveSession:
    """A session that clicks ``go`` (an `endless_count` into ``out``), then ``stop`` once two
    values have streamed; the stop must close the generator."""
    session = LiveSession(demo)
    session.click(go)
    session.wait_until(lambda: len(session.values_sent(out)) >= 2, "two streamed values")
    session.click(stop)
    assert closed.wait(TIMEOUT), "the stop button did not cancel the generator"
    joined(demo)
    return session


def test_then_chains_and_cancels_of_a_rendered_app_point_at_its_own_listeners():
    closed = threading.Event()
    with gr.Blocks() as inner:
        out, after = gr.Number(), gr.Textbox()
        go, stop = gr.Button(), gr.Button()
        running = go.click(endless_count(closed), None, out)
        stop.click(None, cancels=[running]).then(lambda: "stopped", None, after)
    with gr.Blocks() as demo:
        unrelated = gr.Number()
        gr.Button().click(lambda: 1, None, unrelated)  # shifts every listener id by one
        inner.render()
    session = stop_while_streaming(demo, go, stop, out, closed)
    assert session.values_sent(after) == ["stopped"]
    assert session.values_sent(unrelated) == []


def test_cancels_naming_a_listener_of_a_rendered_app_reach_its_copy():
    closed = threading.Event()
    with gr.Blocks() as inner:
        out = gr.Number()
        go = gr.Button()
        running = go.click(endless_count(closed), None, out)
    with gr.Blocks() as demo:
        gr.Button().click(lambda: 1, None, gr.Number())
        inner.render()
        stop = gr.Button()
        stop.click(None, cancels=[running])
    stop_while_streaming(demo, go, stop, out, closed)


def test_a_rendered_apps_unload_functions_run_when_a_session_of_the_whole_ends():
    ended = []
    with gr.Blocks() as inner:
        gr.Textbox()
        inner.unload(lambda: ended.append("inner"))
    with gr.Blocks() as demo:
        inner.render()
    ready(demo).end()
    assert ended == ["inner"]


# --- `with gr.Blocks():` inside another app --------------------------------------------------


def test_a_nested_blocks_context_adds_its_blocks_and_listeners_to_the_enclosing_app():
    ended = []
    with gr.Blocks() as demo:
        with gr.Row() as row:
            left = gr.Textbox()
            with gr.Blocks() as part:
                text, shout = gr.Textbox(), gr.Textbox()
                text.submit(lambda s: s.upper(), text, shout)
                part.load(lambda: "loaded", None, shout)
                part.unload(lambda: ended.append("part"))
    assert row.children == [left, text, shout]  # side by side in the row, as in Gradio
    assert part.dependencies == [] and len(demo.dependencies) == 2
    session = ready(demo)
    session.type_and_trigger(text._id, "hey", "submit")
    assert session.values_sent(shout._id) == ["loaded", "HEY"]
    session.end()
    assert ended == ["part"]


def test_entering_the_same_app_twice_keeps_adding_to_it():
    with gr.Blocks() as demo:
        first = gr.Textbox()
    with demo:
        second = gr.Textbox()
        btn = gr.Button()
        btn.click(lambda s: s + "!", first, second)
    assert demo.children == [first, second, btn]
    session = ready(demo)
    session.handle({"type": "value", "id": first._id, "value": "a"})
    click(session, btn)
    assert session.values_sent(second._id) == ["a!"]


# --- `.then()` / `.success()` are listeners with every argument ------------------------------


def test_then_takes_positional_arguments_and_works_as_a_decorator():
    with gr.Blocks() as demo:
        btn, out = gr.Button(), gr.Textbox()
        first = btn.click(lambda: "a", None, out)
        then = first.then(lambda: "b", None, out, "after_a")

        @then.success(inputs=out, outputs=out)
        def exclaim(text):
            return text + "!"

    assert exclaim("x") == "x!"
    session = ready(demo)
    click(session, btn)
    assert session.values_sent(out._id) == ["a", "b", "b!"]
    assert [e.name for e in endpoints.endpoints(demo)] == ["lambda", "after_a", "exclaim"]


# --- show_progress ---------------------------------------------------------------------------


@pytest.mark.parametrize("given, sent", [(False, "hidden"), (True, "full"), ("minimal", "minimal")])
def test_show_progress_as_a_bool_is_gradio_3s_full_or_hidden(given, sent):
    with gr.Blocks() as demo:
        btn, out = gr.Button(), gr.Textbox()
        btn.click(lambda: "x", None, out, show_progress=given)
    session = ready(demo)
    click(session, btn)
    assert {m["show_progress"] for m in session.of_type("status")} == {sent}


# --- every -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fn, options, message",
    [
        (None, {}, "`every` without a `fn`"),
        (lambda xs: (xs,), {"batch": True}, "batch and every"),
        (lambda: 1, {"concurrency_limit": 2}, "`concurrency_limit` with `every`"),
    ],
)
def test_every_refuses_what_gradio_refuses(fn, options, message):
    with gr.Blocks() as demo:
        out = gr.Number()
        with pytest.raises(ValueError, match=message):
            demo.load(fn, out if options.get("batch") else None, out, every=1, **options)


def test_every_listeners_have_no_concurrency_limit_so_sessions_repeat_side_by_side(monkeypatch):
    monkeypatch.delenv("GRADIO_DEFAULT_CONCURRENCY_LIMIT", raising=False)
    gate = Gate(result=1)
    with gr.Blocks() as demo:
        out = gr.Number()
        demo.load(gate, None, out, every=60)  # the default limit of 1 would hold the second back
    sessions = [LiveSession(demo) for _ in range(2)]
    for session in sessions:
        session.ready()
    gate.started(2)
    gate.open()
    for session in sessions:
        session.wait_until(lambda s=session: s.values_sent(out) == [1], "the first run's value")
        session.end()
    joined(demo)
