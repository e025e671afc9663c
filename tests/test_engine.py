"""One listener through the engine: inputs, return conventions, updates, special arguments."""

import asyncio
import threading

import pytest

import nbblocks as gr
from nbblocks import engine


def run_all(dep, values, **circumstances):
    return list(engine.run(dep, engine.Invocation(values, **circumstances)))


def run_once(dep, values):
    (updates,) = run_all(dep, values)
    return {block: props for block, props in updates}


def test_single_output_gets_the_whole_return_value_even_a_tuple():
    with gr.Blocks():
        inp, out = gr.Textbox(), gr.JSON()
        dep = gr.Button().click(lambda s: (s, s), inp, out)
    assert run_once(dep, {inp._id: "a"}) == {out: {"value": ["a", "a"]}}


def test_tuple_and_list_map_to_outputs_in_order():
    with gr.Blocks():
        a, b = gr.Textbox(), gr.Number()
        by_tuple = gr.Button().click(lambda: ("x", 2), None, [a, b])
        by_list = gr.Button().click(lambda: ["y", 3], None, [a, b])
    assert run_once(by_tuple, {}) == {a: {"value": "x"}, b: {"value": 2.0}}
    assert run_once(by_list, {}) == {a: {"value": "y"}, b: {"value": 3.0}}


def test_too_few_values_is_a_clear_error_and_too_many_a_warning():
    with gr.Blocks():
        a, b = gr.Textbox(), gr.Textbox()
        few = gr.Button().click(lambda: "only", None, [a, b])
        many = gr.Button().click(lambda: ("1", "2", "3"), None, [a, b])
    with pytest.raises(ValueError, match=r"didn't receive enough output values \(needed: 2, received: 1\)"):
        run_once(few, {})
    with pytest.warns(UserWarning, match="too many output values"):
        assert run_once(many, {}) == {a: {"value": "1"}, b: {"value": "2"}}


def test_dict_keyed_by_components_updates_only_those():
    with gr.Blocks():
        a, b = gr.Textbox(), gr.Textbox()
        dep = gr.Button().click(lambda: {b: "B"}, None, [a, b])
        stray = gr.Textbox()
        bad = gr.Button().click(lambda: {stray: "x"}, None, [a, b])
        mixed = gr.Button().click(lambda: {a: "x", "k": 1}, None, [a, b])
    assert run_once(dep, {}) == {b: {"value": "B"}}
    with pytest.raises(ValueError, match="not specified as output"):
        run_once(bad, {})
    with pytest.raises(ValueError, match="some keys as Components"):
        run_once(mixed, {})


def test_plain_dict_is_a_value_for_one_output():
    with gr.Blocks():
        out = gr.JSON()
        dep = gr.Button().click(lambda: {"k": 1}, None, out)
    assert run_once(dep, {}) == {out: {"value": {"k": 1}}}


def test_update_sets_props_and_postprocesses_value():
    with gr.Blocks():
        out = gr.Markdown()
        dep = gr.Button().click(lambda: gr.update(value="  # T", visible=False), None, out)
    assert run_once(dep, {}) == {out: {"value": "# T", "visible": False}}


def test_an_updates_value_is_converted_with_the_props_it_sets():
    with gr.Blocks():
        number = gr.Number()
        choice = gr.Dropdown(choices=["a", "b"])
        rounded = gr.Button().click(lambda: gr.Number(value=3.14159, precision=2), None, number)
        many = gr.Button().click(lambda: gr.update(multiselect=True, value="a"), None, choice)
    assert run_once(rounded, {}) == {number: {"value": 3.14, "precision": 2}}
    assert run_once(many, {}) == {choice: {"value": ["a"], "multiselect": True}}
    assert number.precision is None and choice.multiselect is None  # the shared blocks are untouched


def test_update_with_unknown_prop_is_refused():
    with gr.Blocks():
        out = gr.Textbox()
        dep = gr.Button().click(lambda: gr.update(colour="red"), None, out)
    with pytest.raises(ValueError, match="colour"):
        run_once(dep, {})


def test_update_props_given_as_none_are_left_alone_but_a_none_value_clears():
    with gr.Blocks():
        out = gr.Textbox(label="Name")
        keep = gr.Button().click(lambda: gr.update(value="x", label=None, visible=None), None, out)
        clear = gr.Button().click(lambda: gr.update(value=None, label=None), None, out)
    assert run_once(keep, {}) == {out: {"value": "x"}}
    assert run_once(clear, {}) == {out: {"value": None}}


def test_component_instance_is_an_update_of_the_args_given():
    with gr.Blocks():
        out = gr.Textbox(label="before")
        dep = gr.Button().click(lambda: gr.Textbox(visible=False, label="after"), None, out)
    assert run_once(dep, {}) == {out: {"visible": False, "label": "after"}}
    assert out.label == "before"  # the component's own props are untouched


def test_skip_leaves_an_output_alone():
    with gr.Blocks():
        a, b = gr.Textbox(), gr.Textbox()
        dep = gr.Button().click(lambda: (gr.skip(), "b"), None, [a, b])
    assert run_once(dep, {}) == {a: {}, b: {"value": "b"}}


def test_inputs_as_set_give_a_dict_keyed_by_component():
    seen = {}
    with gr.Blocks():
        a, b = gr.Textbox(), gr.Number(precision=0)
        dep = gr.Button().click(lambda d: seen.update(d), {a, b}, None)
    run_all(dep, {a._id: "x", b._id: 4.0})
    assert seen == {a: "x", b: 4}


def test_preprocess_and_postprocess_can_be_turned_off():
    with gr.Blocks():
        n = gr.Number(precision=0)
        raw = gr.Button().click(lambda x: x, n, n, preprocess=False, postprocess=False)
    assert run_once(raw, {n._id: 2.6}) == {n: {"value": 2.6}}


def test_event_data_reaches_an_annotated_parameter():
    with gr.Blocks():
        radio = gr.Radio(["a", "b"])
        out = gr.Textbox()

        def picked(evt: gr.SelectData, current):
            return f"{evt.index}:{evt.value}:{evt.selected}:{current}"

        dep = radio.select(picked, radio, out)
    updates = run_all(dep, {radio._id: "b"}, target=radio, data={"index": 1, "value": "b", "selected": True})
    assert updates == [[(out, {"value": "1:b:True:b"})]]


def test_generator_streams_each_value():
    with gr.Blocks():
        out = gr.Textbox()

        def count():
            yield from ("1", "2", "3")

        dep = gr.Button().click(count, None, out)
    assert [u[0][1]["value"] for u in run_all(dep, {})] == ["1", "2", "3"]


def test_async_function_and_async_generator_run_inside_a_running_loop():
    with gr.Blocks():
        out = gr.Textbox()

        async def slow_upper():
            await asyncio.sleep(0)
            return "DONE"

        async def ticks():
            for tick in ("a", "b"):
                yield tick

        single = gr.Button().click(slow_upper, None, out)
        stream = gr.Button().click(ticks, None, out)

    async def from_a_kernel_like_loop():
        return run_all(single, {}), [u[0][1]["value"] for u in run_all(stream, {})]

    # in a thread of its own: a browser test's Playwright may hold this thread's event loop
    results = []
    worker = threading.Thread(target=lambda: results.append(asyncio.run(from_a_kernel_like_loop())))
    worker.start()
    worker.join(timeout=30)
    first, streamed = results[0]
    assert first == [[(out, {"value": "DONE"})]]
    assert streamed == ["a", "b"]


def test_fn_none_produces_nothing():
    with gr.Blocks():
        dep = gr.Button().click(None)
    assert run_all(dep, {}) == []


def test_request_reaches_an_annotated_parameter_in_any_position():
    from nbblocks.request import Client, Headers

    with gr.Blocks():
        name, out = gr.Textbox(), gr.Textbox()

        def who(text, request: gr.Request):
            return f"{text}:{request.session_hash}:{request.client.host}:{request.headers['user-agent']}"

        dep = gr.Button().click(who, name, out)
    request = gr.Request("abc", Headers({"User-Agent": "test"}), Client("127.0.0.1", 5000))
    assert run_all(dep, {name._id: "hi"}, request=request) == [[(out, {"value": "hi:abc:127.0.0.1:test"})]]


def test_hugging_face_sign_in_parameters_get_none_as_nobody_signs_in_here():
    with gr.Blocks():
        name, out = gr.Textbox(), gr.Textbox()

        def who(profile: gr.OAuthProfile | None, text, token: "gr.OAuthToken | None"):
            return f"{profile}:{text}:{token}"

        dep = gr.Button().click(who, name, out)
    assert run_all(dep, {name._id: "hi"}) == [[(out, {"value": "None:hi:None"})]]
