"""``@gr.render`` in the engine: what a session's page is sent as the render's triggers fire."""

from __future__ import annotations

import gc
import itertools
import threading
import time
import tracemalloc
from typing import Any

import pytest

import nbblocks as gr
from nbblocks import endpoints, sessions, windows
from nbblocks.sessions import Session
from tests.helpers import TIMEOUT, ManualTimers, RecordedSession, joined, manual_timers  # noqa: F401
from tests.server.wire import wait_for


def slider_app(keyed: bool = True) -> tuple[gr.Blocks, gr.Slider]:
    """A slider and, below it, one textbox per step of the slider (keyed by position, or not)."""
    with gr.Blocks() as demo:
        count = gr.Slider(0, 60, step=1, value=2)

        @gr.render(inputs=count)
        def boxes(n: float) -> None:
            for i in range(int(n)):
                gr.Textbox(label=f"box {i}", key=i if keyed else None)

    return demo, count


def last_render(session: RecordedSession) -> dict[str, Any]:
    return session.of_type("rerender")[-1]


def children(session: RecordedSession) -> list[dict[str, Any]]:
    return last_render(session)["tree"]["children"]


def set_slider(session: RecordedSession, slider: gr.Slider, n: int) -> None:
    session.type_and_trigger(slider._id, n)


def test_load_renders_one_textbox_per_step_and_a_change_renders_again():
    demo, count = slider_app()
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    assert [c["props"]["label"] for c in children(session)] == ["box 0", "box 1"]
    set_slider(session, count, 5)
    assert [c["type"] for c in children(session)] == ["textbox"] * 5
    set_slider(session, count, 1)
    assert [c["props"]["label"] for c in children(session)] == ["box 0"]


def test_the_container_holds_the_rendering_in_a_later_full_render():
    demo, count = slider_app()
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    set_slider(session, count, 3)
    session.handle({"type": "ready"})  # the page reloaded
    (_, container) = session.of_type("render")[-1]["tree"]["children"]
    assert container["id"] == last_render(session)["tree"]["id"]
    assert [c["props"]["label"] for c in container["children"]] == ["box 0", "box 1", "box 2"]


def test_a_keyed_textbox_keeps_its_id_and_typed_value_when_n_grows():
    demo, count = slider_app()
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    first, second = children(session)
    session.handle({"type": "value", "id": second["id"], "value": "typed"})
    set_slider(session, count, 4)
    grown = children(session)
    assert [c["id"] for c in grown[:2]] == [first["id"], second["id"]]
    assert [c["props"]["value"] for c in grown] == [None, "typed", None, None]


def test_without_key_a_textbox_is_new_and_empty_on_each_render():
    demo, count = slider_app(keyed=False)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    first, second = children(session)
    session.handle({"type": "value", "id": second["id"], "value": "typed"})
    set_slider(session, count, 3)
    assert {c["id"] for c in children(session)}.isdisjoint({first["id"], second["id"]})
    assert [c["props"]["value"] for c in children(session)] == [None, None, None]


def test_a_kept_component_takes_its_other_props_from_the_new_call():
    with gr.Blocks() as demo:
        name = gr.Textbox(value="a")

        @gr.render(inputs=name)
        def show(text: str) -> None:
            gr.Textbox(value=f"from {text}", label=f"label {text}", key="one")

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    (box,) = children(session)
    session.handle({"type": "value", "id": box["id"], "value": "typed"})
    session.type_and_trigger(name._id, "b")
    (again,) = children(session)
    assert (again["id"], again["props"]["label"], again["props"]["value"]) == (box["id"], "label b", "typed")


def test_what_the_page_sends_for_a_box_just_removed_is_dropped_quietly():
    demo, count = slider_app()
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    set_slider(session, count, 3)
    removed = children(session)[2]["id"]
    set_slider(session, count, 2)
    sent = len(session.sent)
    session.handle({"type": "value", "id": removed, "value": "typed before the page drew"})
    session.handle({"type": "trigger", "id": removed, "event": "submit"})
    assert session.sent[sent:] == [] and removed not in session.values
    session.handle({"type": "value", "id": removed + 1000, "value": "never a block"})
    assert session.sent[-1]["title"] == "Refused message"


def test_listeners_of_a_removed_render_are_gone():
    calls: list[str] = []
    with gr.Blocks() as demo:
        count = gr.Number(value=1, precision=0)

        @gr.render(inputs=count)
        def buttons(n: int) -> None:
            for i in range(n):
                gr.Button(f"b{i}").click(lambda i=i: calls.append(f"{n}:{i}"))

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    (old_button,) = children(session)
    assert (old_button["id"], "click") in last_render(session)["listeners"]
    session.type_and_trigger(count._id, 2)
    assert (old_button["id"], "click") not in last_render(session)["listeners"]
    session.handle({"type": "trigger", "id": old_button["id"], "event": "click"})
    assert calls == []
    new_button = children(session)[1]
    session.handle({"type": "trigger", "id": new_button["id"], "event": "click"})
    assert calls == ["2:1"]


def test_an_inner_listener_writes_outside_the_render_and_its_then_follows():
    with gr.Blocks() as demo:
        shown = gr.Textbox()
        done = gr.Textbox()

        @gr.render()
        def inner() -> None:
            box = gr.Textbox(key="box")
            go = gr.Button("go")
            go.click(lambda text: text.upper(), box, shown).then(lambda: "then ran", None, done)

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    box, go = children(session)
    session.handle({"type": "value", "id": box["id"], "value": "hi"})
    session.handle({"type": "trigger", "id": go["id"], "event": "click"})
    assert session.values_sent(shown._id) == ["HI"]
    assert session.values_sent(done._id) == ["then ran"]


def test_an_inner_listener_that_changes_the_input_renders_again():
    with gr.Blocks() as demo:
        count = gr.Number(value=1, precision=0)

        @gr.render(inputs=count)
        def more(n: int) -> None:
            for i in range(n):
                gr.Textbox(key=i)
            gr.Button("more").click(lambda k: k + 1, count, count)

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    for expected in (2, 3):
        button = children(session)[-1]
        session.handle({"type": "trigger", "id": button["id"], "event": "click"})
        assert [c["type"] for c in children(session)] == ["textbox"] * expected + ["button"]


def test_two_sessions_hold_different_renderings_and_the_app_is_untouched():
    demo, count = slider_app()
    one, two = RecordedSession(demo), RecordedSession(demo)
    for session, n in ((one, 3), (two, 1)):
        session.handle({"type": "ready"})
        set_slider(session, count, n)
    assert len(children(one)) == 3 and len(children(two)) == 1
    assert {c["id"] for c in children(one)}.isdisjoint({c["id"] for c in children(two)})
    (_, container) = demo.children
    assert container.children == [] and len(demo.dependencies) == 1


def test_the_render_is_not_an_api_endpoint_and_its_listeners_are_not_the_apps():
    with gr.Blocks() as demo:
        count = gr.Number(value=1)
        out = gr.Textbox()
        count.change(lambda n: str(n), count, out, api_name="shown")

        @gr.render(inputs=count)
        def inner(n: float) -> None:
            gr.Button("b").click(lambda: "x", None, out, api_name="inner")

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    assert list(endpoints.info(demo)["named_endpoints"]) == ["/shown"]
    assert len(demo.dependencies) == 2


def test_an_async_render_function_renders_what_it_builds():
    with gr.Blocks() as demo:
        name = gr.Textbox(value="Ada")

        @gr.render(inputs=name)
        async def greet(text: str) -> None:
            gr.Markdown(f"Hello {text}")

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    assert [c["props"]["value"] for c in children(session)] == ["Hello Ada"]


def test_a_timer_made_in_a_render_ticks_until_a_re_render_drops_it(manual_timers: ManualTimers):
    ticks: list[str] = []
    with gr.Blocks() as demo:
        running = gr.Checkbox(value=True)

        @gr.render(inputs=running)
        def clock(on: bool) -> None:
            if on:
                gr.Timer(0.5).tick(lambda: ticks.append("tick"))

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    assert manual_timers.fire(demo) == 1 and ticks == ["tick"]
    assert manual_timers.fire(demo) == 1 and ticks == ["tick", "tick"]
    session.type_and_trigger(running._id, False)
    manual_timers.fire(demo)
    assert ticks == ["tick", "tick"] and manual_timers.pending == []


def test_a_timer_made_in_a_render_ticks_again_after_a_reconnect(manual_timers: ManualTimers):
    ticks: list[str] = []
    with gr.Blocks() as demo:

        @gr.render()
        def clock() -> None:
            gr.Timer(0.5).tick(lambda: ticks.append("tick"))

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.disconnect()
    assert manual_timers.fire(demo) == 1 and ticks == []  # the page is away: no tick
    session.reconnect()
    assert manual_timers.fire(demo) == 1 and ticks == ["tick"]


def test_a_render_never_mixes_with_a_with_open_elsewhere_meanwhile():
    building, resume = threading.Event(), threading.Event()
    with gr.Blocks() as demo:

        @gr.render()
        def slow() -> None:
            gr.Textbox(label="rendered")
            building.set()
            resume.wait(TIMEOUT)
            gr.Textbox(label="rendered too")

    session = RecordedSession(demo)
    with gr.Blocks() as other:  # a notebook cell building another app as the session renders
        Session.handle(session, {"type": "ready"})  # the render runs on a worker thread
        assert building.wait(TIMEOUT)
        mine = gr.Textbox(label="other's")
        resume.set()
    joined(demo)
    assert other.children == [mine]
    assert [c["props"]["label"] for c in children(session)] == ["rendered", "rendered too"]


def test_a_state_a_re_render_drops_leaves_no_value_behind(manual_timers: ManualTimers, monkeypatch: pytest.MonkeyPatch):
    with gr.Blocks() as demo:
        count = gr.Number(value=1, precision=0)

        @gr.render(inputs=count)
        def inner(n: int) -> None:
            if n == 1:
                state = gr.State(time_to_live=5)
                gr.Button("set").click(lambda: "set", None, state)

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    (scope,) = session.renders.values()
    (state_id,) = [block_id for block_id, block in scope.owned.items() if isinstance(block, gr.State)]
    session.handle({"type": "trigger", "id": children(session)[0]["id"], "event": "click"})
    assert session.values[state_id] == "set"
    session.type_and_trigger(count._id, 2)
    later = time.monotonic() + 10
    monkeypatch.setattr(sessions, "monotonic", lambda: later)
    manual_timers.fire(demo)  # its time to live ran out after the render dropped it
    assert state_id not in session.values


def test_the_session_drops_its_renderings_when_it_ends():
    demo, count = slider_app()
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    set_slider(session, count, 3)
    assert len(session.renders) == 1
    session.end()
    assert session.renders == {}


def session_sizes(session: RecordedSession) -> int:
    tables = (session.values, session.props, session._views, session._in_flight, session._latest, session._streaming)
    scopes = session.renders.values()
    return sum(map(len, tables)) + sum(len(s.dependencies) + len(s.owned) + len(s._listeners) for s in scopes)


def test_a_thousand_rerenders_leave_the_session_and_memory_flat():
    with gr.Blocks() as demo:
        count = gr.Number(value=1, precision=0)

        @gr.render(inputs=count)
        def boxes(n: int) -> None:
            for i in range(n):
                box = gr.Textbox(key=i)
                box.change(lambda text: text, box, box)

    session = RecordedSession(demo)
    session.sent = []  # not kept: the messages are the page's, not the session's
    session.emit = lambda message: None
    session.handle({"type": "ready"})
    for n in range(50):  # warm-up
        session.type_and_trigger(count._id, n % 3 + 1)
    session.type_and_trigger(count._id, 2)
    gc.collect()
    warm = session_sizes(session)
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for n in range(1000):
        session.type_and_trigger(count._id, n % 3 + 1)
    session.type_and_trigger(count._id, 2)
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    assert session_sizes(session) == warm
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert grown < 200_000, f"{grown} bytes more after 1,000 re-renders"


def test_a_rendered_value_function_runs_as_the_rendering_shows_and_when_its_input_changes():
    with gr.Blocks() as demo:
        count = gr.Number(value=1, precision=0)

        @gr.render(inputs=count)
        def greeting(n: int) -> None:
            name = gr.Textbox(value="ada", key="name")
            gr.Textbox(value=lambda text: f"hello {text}", inputs=[name], key="greeting")

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    name, shown = children(session)
    assert session.values_sent(shown["id"]) == ["hello ada"]
    session.type_and_trigger(name["id"], "bob")
    assert session.values_sent(shown["id"]) == ["hello ada", "hello bob"]
    session.type_and_trigger(count._id, 2)  # rendered again: run again for the new rendering
    assert session.values_sent(shown["id"]) == ["hello ada", "hello bob", "hello bob"]
    scopes = {scope._id for scope in session.renders.values()}  # their load is the session's to fire
    assert [pair for pair in last_render(session)["listeners"] if pair[0] in scopes] == []


def test_a_rendered_every_value_repeats_until_a_re_render_drops_it(manual_timers: ManualTimers):
    ticks = itertools.count()
    with gr.Blocks() as demo:
        running = gr.Checkbox(value=True)

        @gr.render(inputs=running)
        def clock(on: bool) -> None:
            if on:
                gr.Number(value=lambda: next(ticks), every=1)

    session = RecordedSession(demo)
    session.handle({"type": "ready"})  # the Number's constructor took 0, the rendering's run 1
    (number,) = children(session)
    assert session.values_sent(number["id"]) == [1]
    assert manual_timers.fire(demo) == 1 and manual_timers.fire(demo) == 1
    assert session.values_sent(number["id"]) == [1, 2, 3]
    session.type_and_trigger(running._id, False)
    manual_timers.fire(demo)
    assert manual_timers.pending == [] and session.values_sent(number["id"]) == [1, 2, 3]


def test_a_long_table_rendered_reaches_the_page_a_window_at_a_time():
    with gr.Blocks() as demo:

        @gr.render()
        def table() -> None:
            gr.Dataframe([[i, f"name {i}"] for i in range(5000)], headers=["i", "name"], interactive=True)

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.handle({"type": "ready"})  # and the whole tree, as a reloaded page gets it
    for message in (last_render(session), session.of_type("render")[-1]):
        tree = windows.for_page(message, session)["tree"]
        (frame,) = tree["children"] if message["type"] == "rerender" else tree["children"][0]["children"]
        window = frame["props"]["value"]
        assert (len(window["data"]), window["total"]) == (windows.PAGE_ROWS, 5000)
    session.handle({"type": "rows", "id": frame["id"], "request": 1, "start": 4990, "end": 5000, "sort": None})
    assert session.of_type("rows")[-1]["data"][-1] == [4999, "name 4999"]
    session.handle({"type": "cell", "id": frame["id"], "row": 4999, "column": 1, "value": "last"})
    assert session.values[frame["id"]]["data"][4999] == [4999, "last"]


def test_a_long_table_a_rendered_listener_returns_is_cut_for_the_page():
    with gr.Blocks() as demo:

        @gr.render()
        def table() -> None:
            frame = gr.Dataframe(headers=["i"])
            gr.Button("fill").click(lambda: [[i] for i in range(1000)], None, frame)

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    frame, fill = children(session)
    session.handle({"type": "trigger", "id": fill["id"], "event": "click"})
    (update,) = [m for m in session.of_type("update") if m["updates"][0]["id"] == frame["id"]]
    window = windows.for_page(update, session)["updates"][0]["props"]["value"]
    assert (len(window["data"]), window["total"]) == (windows.PAGE_ROWS, 1000)


def nested_app() -> tuple[gr.Blocks, gr.Number]:
    """A render of one box per count, each with a render of its own echoing the box's text."""
    with gr.Blocks() as demo:
        count = gr.Number(value=2, precision=0)

        @gr.render(inputs=count)
        def sections(n: int) -> None:
            for i in range(n):
                box = gr.Textbox(value=f"text {i}", key=f"box {i}")

                @gr.render(inputs=box)
                def echo(text: str) -> None:
                    gr.Markdown(f"echo {text}")

    return demo, count


def echoes(node: dict[str, Any]) -> list[str]:
    """The echoes drawn in a tree, depth first."""
    own = [node["props"]["value"]] if node["type"] == "markdown" else []
    return own + [text for child in node.get("children", []) for text in echoes(child)]


def test_a_render_nested_in_a_render_runs_per_session_and_goes_with_its_outer_rendering():
    demo, count = nested_app()
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.handle({"type": "ready"})  # the whole tree as a reloaded page gets it
    assert echoes(session.of_type("render")[-1]["tree"]) == ["echo text 0", "echo text 1"]
    box = next(c for c in session.of_type("rerender")[0]["tree"]["children"] if c["type"] == "textbox")
    session.type_and_trigger(box["id"], "typed")
    assert echoes(last_render(session)["tree"]) == ["echo typed"]
    session.type_and_trigger(count._id, 1)
    assert len(session.renders) == 2  # the outer rendering and its one inner one: none left over
    inner_listeners = [dep for scope in session.renders.values() for dep in scope.dependencies]
    assert len(inner_listeners) == 1
    session.handle({"type": "ready"})
    assert echoes(session.of_type("render")[-1]["tree"]) == ["echo typed"]


def test_with_trigger_mode_multiple_a_run_that_started_earlier_never_replaces_a_later_one():
    first_building, finish_first = threading.Event(), threading.Event()
    with gr.Blocks() as demo:
        count = gr.Number(value=0, precision=0)

        @gr.render(inputs=count, triggers=[count.submit], trigger_mode="multiple")
        def boxes(n: int) -> None:
            for i in range(n):
                gr.Textbox(label=f"box {i}")
            if n == 1:  # the slow run
                first_building.set()
                finish_first.wait(TIMEOUT)

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    for n in (1, 2):
        Session.handle(session, {"type": "value", "id": count._id, "value": n})
        Session.handle(session, {"type": "trigger", "id": count._id, "event": "submit"})
        if n == 1:
            assert first_building.wait(TIMEOUT)
    wait_for(lambda: bool(session.of_type("rerender")), what="the later run shown")
    assert len(children(session)) == 2
    finish_first.set()
    joined(demo)
    assert len(session.of_type("rerender")) == 1 and len(children(session)) == 2


@pytest.mark.parametrize("given, sent", [({}, "hidden"), ({"show_progress": "minimal"}, "minimal")])
def test_show_progress_is_the_one_the_renders_status_messages_carry(given: dict[str, Any], sent: str) -> None:
    with gr.Blocks() as demo:
        count = gr.Number(1)

        @gr.render(inputs=count, **given)
        def boxes(n: float) -> None:
            gr.Textbox(f"{n}")

    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    statuses = session.of_type("status")
    assert statuses and {status["show_progress"] for status in statuses} == {sent}
