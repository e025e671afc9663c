"""A session end to end through protocol messages, as either transport would drive it."""

import logging

import pytest

import nbblocks as gr
from tests.helpers import RecordedSession, hello_app


def test_ready_gets_the_render_tree_with_values_and_listeners():
    demo, inp, out, btn = hello_app()
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    (render,) = session.sent
    assert render["type"] == "render"
    tree = render["tree"]
    assert tree["type"] == "blocks"
    markdown, row, button = tree["children"]
    assert markdown["props"]["value"] == "Start typing below and then click **Run** to see the output."
    assert [c["type"] for c in row["children"]] == ["textbox", "textbox"]
    assert row["children"][0]["props"]["placeholder"] == "What is your name?"
    assert row["children"][0]["props"]["interactive"] is True
    assert row["children"][1]["props"]["interactive"] is False  # only ever an output
    assert button["props"]["value"] == "Run"
    assert render["listeners"] == [(btn._id, "click")]


def test_click_runs_the_listener_and_sends_status_and_update():
    demo, inp, out, btn = hello_app()
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": inp._id, "value": "Ada"})
    session.handle({"type": "trigger", "id": btn._id, "event": "click"})
    assert [m["type"] for m in session.sent] == ["status", "update", "status"]
    assert [m["stage"] for m in session.of_type("status")] == ["running", "complete"]  # no wait: no "pending"
    assert session.of_type("status")[0]["outputs"] == [out._id]
    assert session.values_sent(out._id) == ["Welcome to Gradio, Ada!"]


def test_every_keystroke_change_updates_the_output():
    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()
        inp.change(lambda name: f"Welcome to Gradio, {name}!", inp, out)
    session = RecordedSession(demo)
    for typed in ("B", "Bo", "Bob"):
        session.type_and_trigger(inp._id, typed)
    assert session.values_sent(out._id) == [f"Welcome to Gradio, {t}!" for t in ("B", "Bo", "Bob")]


def test_two_sessions_keep_their_own_values_and_state():
    with gr.Blocks() as demo:
        count = gr.State(0)
        shown = gr.Number()
        btn = gr.Button()
        btn.click(lambda n: (n + 1, n + 1), count, [count, shown])
    one, two = RecordedSession(demo), RecordedSession(demo)
    for _ in range(3):
        one.handle({"type": "trigger", "id": btn._id, "event": "click"})
    two.handle({"type": "trigger", "id": btn._id, "event": "click"})
    assert one.values_sent(shown._id) == [1, 2, 3]
    assert two.values_sent(shown._id) == [1]
    assert count.value == 0
    assert all(u["id"] != count._id for m in one.of_type("update") for u in m["updates"])  # State stays in Python


def test_state_initial_value_is_copied_per_session():
    with gr.Blocks() as demo:
        items = gr.State([])
        btn = gr.Button()
        btn.click(lambda xs: xs.append(1) or xs, items, items)
    one, two = RecordedSession(demo), RecordedSession(demo)
    one.handle({"type": "trigger", "id": btn._id, "event": "click"})
    assert one.values[items._id] == [1] and two.values[items._id] == [] and items.value == []


def test_callable_value_is_evaluated_for_each_session():
    calls = iter(range(100))
    with gr.Blocks() as demo:
        box = gr.Textbox(lambda: f"visitor {next(calls)}")
    first, second = RecordedSession(demo), RecordedSession(demo)
    assert first.values[box._id] != second.values[box._id]
    second.handle({"type": "ready"})
    assert second.sent[0]["tree"]["children"][0]["props"]["value"] == second.values[box._id]


def test_output_change_fires_change_listeners_but_not_when_value_is_unchanged():
    with gr.Blocks() as demo:
        inp, mid, out = gr.Textbox(), gr.Textbox(), gr.Textbox()
        gr.Button().click(lambda x: x.upper(), inp, mid)
        mid.change(lambda x: x + "!", mid, out)
    btn = demo.children[3]
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": inp._id, "value": "hi"})
    session.handle({"type": "trigger", "id": btn._id, "event": "click"})
    session.handle({"type": "trigger", "id": btn._id, "event": "click"})
    assert session.values_sent(out._id) == ["HI!"]


def test_then_runs_after_failure_and_success_only_after_success():
    ran = []
    with gr.Blocks() as demo:
        ok_btn, bad_btn = gr.Button(), gr.Button()

        def fail():
            raise gr.Error("nope")

        ok = ok_btn.click(lambda: ran.append("ok"))
        ok.then(lambda: ran.append("ok.then"))
        ok.success(lambda: ran.append("ok.success"))
        bad = bad_btn.click(fail)
        bad.then(lambda: ran.append("bad.then"))
        bad.success(lambda: ran.append("bad.success"))
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": ok_btn._id, "event": "click"})
    session.handle({"type": "trigger", "id": bad_btn._id, "event": "click"})
    # the followers of one event may run in parallel (each listener has its own concurrency group)
    assert ran[0] == "ok" and sorted(ran[1:3]) == ["ok.success", "ok.then"] and ran[3:] == ["bad.then"]


def test_gr_error_message_is_shown_at_the_outputs():
    with gr.Blocks() as demo:
        out = gr.Textbox()
        btn = gr.Button()

        def refuse():
            raise gr.Error("Name required", duration=None, title="Oops")

        btn.click(refuse, None, out)
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": btn._id, "event": "click"})
    (error,) = session.of_type("error")
    assert (error["message"], error["title"], error["duration"], error["outputs"]) == ("Name required", "Oops", None, [out._id])
    assert session.of_type("status")[-1]["stage"] == "error"


def test_other_exceptions_show_a_generic_error_unless_show_error(caplog):
    with gr.Blocks() as demo:
        out = gr.Textbox()
        btn = gr.Button()
        btn.click(lambda: 1 / 0, None, out)
    session = RecordedSession(demo)
    with caplog.at_level(logging.ERROR, logger="nbblocks"):
        session.handle({"type": "trigger", "id": btn._id, "event": "click"})
    assert "ZeroDivisionError" in caplog.text  # the traceback goes to the log
    assert "division" not in session.of_type("error")[0]["message"]
    demo.show_error = True
    session.handle({"type": "trigger", "id": btn._id, "event": "click"})
    assert session.of_type("error")[-1]["message"] == "division by zero"
    # and the app keeps working
    with demo:
        btn.click(lambda: "fine", None, out)
    session.handle({"type": "trigger", "id": btn._id, "event": "click"})
    assert session.values_sent(out._id) == ["fine"]


def test_wrong_value_type_is_an_error_for_that_event_only():
    with gr.Blocks() as demo:
        num, out = gr.Number(), gr.Textbox()
        num.submit(lambda x: str(x), num, out)
    session = RecordedSession(demo)
    session.type_and_trigger(num._id, "twelve", "submit")
    assert "expected a number" in session.of_type("error")[0]["message"]
    session.type_and_trigger(num._id, 12, "submit")
    assert session.values_sent(out._id) == ["12"]


@pytest.mark.parametrize(
    "message, reason",
    [
        ("not json", "not JSON"),
        ([1, 2], "JSON object"),
        ({"type": "explode"}, "unknown message type"),
        ({"type": "value", "value": 1}, "'id'"),
        ({"type": "value", "id": 99999, "value": 1}, "no component with id 99999"),
        ({"type": "trigger", "id": 99999, "event": "click"}, "no block with id 99999"),
        ({"type": "trigger", "id": "1", "event": "click"}, "'id' of type int"),
    ],
)
def test_malformed_messages_get_an_error_and_the_session_goes_on(message, reason):
    demo, inp, out, btn = hello_app()
    session = RecordedSession(demo)
    session.handle(message)
    (error,) = session.sent
    assert error["type"] == "error" and error["event"] is None and reason in error["message"]
    session.type_and_trigger(inp._id, "Ada", "change")
    session.handle({"type": "trigger", "id": btn._id, "event": "click"})
    assert session.values_sent(out._id) == ["Welcome to Gradio, Ada!"]


def test_unknown_event_on_a_known_block_is_refused():
    demo, inp, out, btn = hello_app()
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": btn._id, "event": "submit"})
    assert "has no event 'submit'" in session.sent[0]["message"]


def test_state_takes_no_value_from_the_front_end():
    with gr.Blocks() as demo:
        secret = gr.State("kept")
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": secret._id, "value": "forged"})
    assert session.values[secret._id] == "kept" and session.sent[0]["type"] == "error"


def test_load_runs_once_when_the_session_starts():
    with gr.Blocks() as demo:
        out = gr.Textbox()
        demo.load(lambda: "loaded", None, out)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.handle({"type": "ready"})  # a second view of the same session
    session.handle({"type": "trigger", "id": demo._id, "event": "load"})  # a page's: js listeners only
    assert [m["type"] for m in session.sent].count("render") == 2
    assert session.values_sent(out._id) == ["loaded"]


def test_load_listeners_with_js_wait_for_the_page_and_take_its_inputs():
    calls = []
    with gr.Blocks() as demo:
        name, out, plain = gr.Textbox("ada"), gr.Textbox(), gr.Textbox()
        demo.load(lambda who: calls.append(who) or f"Hello {who}", name, out, js="(who) => who.toUpperCase()")
        demo.load(None, None, None, js="() => { document.body.classList.toggle('dark') }")
        demo.load(lambda: "no js", None, plain)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    assert session.values_sent(plain._id) == ["no js"]  # started by Python at once
    assert calls == [] and session.values_sent(out._id) == []  # waits for the page's js
    page_load = {"type": "trigger", "id": demo._id, "event": "load", "inputs": {str(demo.dependencies[0].id): ["ADA"]}}
    session.handle(page_load)
    assert calls == ["ADA"] and session.values_sent(out._id) == ["Hello ADA"]
    assert session.values_sent(plain._id) == ["no js"]  # not run a second time

    session.handle({"type": "ready"})  # a second view runs the js again; the functions do not
    session.handle(page_load)
    assert calls == ["ADA"] and session.values_sent(plain._id) == ["no js"]


def test_a_malformed_page_load_is_refused_and_a_good_one_still_runs():
    with gr.Blocks() as demo:
        name, out = gr.Textbox("x"), gr.Textbox()
        demo.load(lambda who: who + "!", name, out, js="(who) => who")
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    dep_id = str(demo.dependencies[0].id)
    session.handle({"type": "trigger", "id": demo._id, "event": "load", "inputs": {dep_id: "not a list"}})
    assert session.sent[-1]["type"] == "error" and session.values_sent(out._id) == []
    session.handle({"type": "trigger", "id": demo._id, "event": "load", "inputs": {dep_id: ["y"]}})
    assert session.values_sent(out._id) == ["y!"]


def test_updates_persist_in_the_session_render():
    with gr.Blocks() as demo:
        out = gr.Textbox(label="Out")
        btn = gr.Button()
        btn.click(lambda: gr.update(value="v", label="Changed", visible=False), None, out)
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": btn._id, "event": "click"})
    session.handle({"type": "ready"})
    node = session.of_type("render")[0]["tree"]["children"][0]
    assert (node["props"]["value"], node["props"]["label"], node["props"]["visible"]) == ("v", "Changed", False)
    assert out.label == "Out"


def test_layout_updates_reach_layout_blocks():
    with gr.Blocks() as demo:
        with gr.Column() as col:
            gr.Textbox()
        btn = gr.Button()
        btn.click(lambda: gr.Column(visible=False), None, col)
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": btn._id, "event": "click"})
    assert session.of_type("update")[0]["updates"] == [{"id": col._id, "props": {"visible": False}}]


def test_python_side_prop_change_is_pushed():
    demo, inp, out, btn = hello_app()
    session = RecordedSession(demo)
    session.push_props([(out, "label", "Result")])
    session.push_props([(out, "value", 5), (inp, "visible", False)])
    assert session.of_type("update") == [
        {"type": "update", "updates": [{"id": out._id, "props": {"label": "Result"}}]},
        {"type": "update", "updates": [{"id": out._id, "props": {"value": "5"}}, {"id": inp._id, "props": {"visible": False}}]},
    ]


def test_end_runs_every_unload_function_once_even_if_one_fails(caplog):
    ran = []
    with gr.Blocks() as demo:
        demo.unload(lambda: 1 / 0)
        demo.unload(lambda: ran.append("second"))
    session = RecordedSession(demo)
    with caplog.at_level(logging.ERROR, logger="nbblocks"):
        session.end()
        session.end()
    assert ran == ["second"] and "ZeroDivisionError" in caplog.text


def test_a_session_converts_values_with_the_props_its_updates_gave():
    with gr.Blocks() as demo:
        pick = gr.Radio(["a", "b"], type="index")
        out = gr.Textbox()
        widen = gr.Button()
        widen.click(lambda: gr.update(choices=["x", "y"]), None, pick)
        pick.change(lambda i: str(i), pick, out)
    changed, unchanged = RecordedSession(demo), RecordedSession(demo)
    changed.handle({"type": "trigger", "id": widen._id, "event": "click"})
    for session in (changed, unchanged):
        session.type_and_trigger(pick._id, "y")
    assert changed.values_sent(out._id) == ["1"]
    assert unchanged.values_sent(out._id) == ["None"]
    assert pick.choices == [["a", "a"], ["b", "b"]]  # the shared component is untouched


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_store_evicts_the_least_recently_used_beyond_capacity():
    from nbblocks.sessions import SessionStore

    demo, *_ = hello_app()
    store = SessionStore(capacity=2)
    a, b, c = (RecordedSession(demo, session_hash=h) for h in "abc")
    assert store.add(a) == [] and store.add(b) == []
    assert store.attach("a") is a  # a is now the most recently used
    assert store.add(c) == [b]
    assert "b" not in store and len(store) == 2
    assert store.attach("b") is None


def test_store_keeps_a_detached_session_for_the_grace_period():
    from nbblocks.sessions import SessionStore

    demo, *_ = hello_app()
    clock = FakeClock()
    store = SessionStore(grace_seconds=30, clock=clock)
    kept, gone = RecordedSession(demo, session_hash="kept"), RecordedSession(demo, session_hash="gone")
    store.add(kept)
    store.add(gone)
    store.detach("kept")
    store.detach("gone")
    clock.now = 20
    assert store.expired() == []
    assert store.attach("kept") is kept  # reconnected in time: no longer detached
    clock.now = 31
    assert store.expired() == [gone]
    assert "kept" in store and "gone" not in store
    assert store.remove_all() == [kept] and len(store) == 0


def test_store_never_evicts_a_session_in_use_for_an_api_session():
    """Pages a, b in use: a new API session is refused rather than push one out; once an API
    session is idle it is the first to go, before an idle page."""
    from nbblocks.sessions import SessionStore, StoreFull

    demo, *_ = hello_app()
    store = SessionStore(capacity=3, clock=FakeClock())
    a, b, x, y, z = (RecordedSession(demo, session_hash=h) for h in "abxyz")
    store.add(a), store.add(b)
    assert store.add(x, api=True) == []
    with pytest.raises(StoreFull):
        store.add(y, api=True)
    assert [h in store for h in "abxy"] == [True, True, True, False]
    store.detach("a")  # a page in its grace period, then an idle API session
    store.detach("x")
    assert store.add(y, api=True) == [x]
    store.detach("y")
    assert store.add(z, api=True) == [y]
    assert store.add(x, api=True) == [a]  # no idle API session left: the idle page
    with pytest.raises(StoreFull):
        store.add(y, api=True)
    assert [h for h in "abxyz" if h in store] == ["b", "x", "z"]


def test_store_a_new_page_evicts_idle_sessions_first_then_the_least_recently_used():
    from nbblocks.sessions import SessionStore

    demo, *_ = hello_app()
    store = SessionStore(capacity=3, clock=FakeClock())
    a, b, x, c, d, e = (RecordedSession(demo, session_hash=h) for h in "abxcde")
    store.add(a), store.add(b), store.add(x, api=True)
    store.detach("b")
    store.detach("x")
    assert store.add(c) == [x]  # idle API sessions first
    assert store.add(d) == [b]  # then idle pages
    store.attach("a")
    assert store.add(e) == [c]  # then, as Gradio, the least recently used


def test_store_an_idle_api_session_expires_and_one_in_use_does_not():
    from nbblocks.sessions import SessionStore

    demo, *_ = hello_app()
    clock = FakeClock()
    store = SessionStore(grace_seconds=30, clock=clock)
    called, heartbeat = RecordedSession(demo, session_hash="called"), RecordedSession(demo, session_hash="heartbeat")
    store.add(called, api=True)
    store.add(heartbeat, api=True)
    store.detach("called")  # its call is over and nothing else holds it
    clock.now = 25
    store.detach("called")  # another call came and went: idle again from now
    clock.now = 50
    assert store.expired() == []
    clock.now = 56
    assert store.expired() == [called]
    clock.now = 10_000
    assert store.expired() == [] and "heartbeat" in store


def test_js_computed_inputs_replace_the_current_values_for_that_listener_only():
    with gr.Blocks() as demo:
        inp, shouted, plain = gr.Textbox(), gr.Textbox(), gr.Textbox()
        btn = gr.Button()
        loud = btn.click(lambda s: s, inp, shouted, js="(s) => s.toUpperCase()")
        btn.click(lambda s: s, inp, plain)
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": inp._id, "value": "hi"})
    session.handle({"type": "trigger", "id": btn._id, "event": "click", "inputs": {str(loud.id): ["HI"]}})
    assert session.values_sent(shouted._id) == ["HI"] and session.values_sent(plain._id) == ["hi"]
    session.handle({"type": "ready"})
    (info,) = session.of_type("render")[0]["dependencies"]
    assert (info["id"], info["js"], info["inputs"], info["has_fn"]) == (loud.id, "(s) => s.toUpperCase()", [inp._id], True)


def test_malformed_js_inputs_refuse_the_whole_trigger():
    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()
        btn = gr.Button()
        btn.click(lambda s: s, inp, out)
        second = btn.click(lambda s: s, inp, out, js="(s) => s")
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": btn._id, "event": "click", "inputs": {str(second.id): ["a", "b"]}})
    assert [m["type"] for m in session.sent] == ["error"]
