"""Building the tree and registering listeners, with no transport."""

import pytest

import nbblocks as gr


def test_context_builds_the_tree_in_order():
    with gr.Blocks() as demo:
        md = gr.Markdown("hi")
        with gr.Row() as row:
            inp = gr.Textbox()
            out = gr.Textbox()
        btn = gr.Button("Run")
    assert demo.children == [md, row, btn]
    assert row.children == [inp, out]
    assert inp.parent is row and row.parent is demo
    assert [b._id for b in demo.walk()] == [md._id, row._id, inp._id, out._id, btn._id]


def test_component_outside_any_blocks_is_not_rendered():
    box = gr.Textbox()
    assert box.parent is None
    with gr.Blocks() as demo:
        box.render()
    assert demo.children == [box]
    box.unrender()
    assert demo.children == [] and box.parent is None


def test_render_false_keeps_a_block_out_of_the_tree_until_rendered():
    with gr.Blocks() as demo:
        later = gr.Textbox(render=False)
        gr.Markdown("first")
        later.render()
    assert [type(b).__name__ for b in demo.children] == ["Markdown", "Textbox"]


def test_listener_registers_a_dependency_with_its_options():
    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()
        btn = gr.Button()
        dep = btn.click(str.upper, inp, out, api_name="up", concurrency_limit=None, show_progress="minimal")
    assert demo.dependencies == [dep]
    assert dep.targets == [(btn._id, "click")]
    assert dep.inputs == [inp] and dep.outputs == [out]
    assert dep.options.api_name == "up"
    assert dep.options.concurrency_limit is None
    assert dep.options.show_progress == "minimal"
    assert dep.options.trigger_mode == "once"
    assert demo.listeners(btn._id, "click") == [dep]
    assert (btn._id, "click") in demo.listener_pairs()


def test_change_defaults_to_always_last_trigger_mode():
    with gr.Blocks():
        box = gr.Textbox()
        dep = box.change(None, box, None)
    assert dep.options.trigger_mode == "always_last"


def test_every_listener_argument_of_the_spec_is_accepted():
    with gr.Blocks():
        box = gr.Textbox()
        first = box.submit(str.upper, box, box)
        dep = box.submit(
            str.upper, box, box, api_name=False, scroll_to_output=True, show_progress="hidden",
            queue=False, batch=True, max_batch_size=8, preprocess=False, postprocess=False,
            cancels=[first], every=None, trigger_mode="multiple", js="(x) => x",
            concurrency_limit=3, concurrency_id="g", show_api=False,
        )  # fmt: skip
        repeating = box.submit(str.upper, box, box, every=2.5)
    assert repeating.options.every == 2.5
    opts = dep.options
    assert (opts.api_name, opts.scroll_to_output, opts.show_progress, opts.queue) == (False, True, "hidden", False)
    assert (opts.batch, opts.max_batch_size, opts.preprocess, opts.postprocess) == (True, 8, False, False)
    assert opts.cancels == (first,)
    assert (opts.every, opts.trigger_mode, opts.js) == (None, "multiple", "(x) => x")
    assert (opts.concurrency_limit, opts.concurrency_id, opts.show_api) == (3, "g", False)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"show_progress": "loud"}, "show_progress"),
        ({"trigger_mode": "twice"}, "trigger_mode"),
        ({"every": 0}, "every must be positive"),
        ({"concurrency_limit": 0}, "concurrency_limit"),
    ],
)
def test_bad_listener_arguments_are_refused_clearly(options, message):
    with gr.Blocks():
        btn = gr.Button()
        with pytest.raises(ValueError, match=message):
            btn.click(print, None, None, **options)


def test_listener_outside_blocks_context_is_an_error():
    btn = gr.Button()
    with pytest.raises(AttributeError, match="outside of a gr.Blocks"):
        btn.click(print)


def test_fn_none_is_hidden_from_the_api():
    with gr.Blocks():
        btn = gr.Button()
        dep = btn.click(None)
    assert dep.options.show_api is False


def test_inputs_as_set_means_fn_gets_a_dict():
    with gr.Blocks():
        a, b = gr.Textbox(), gr.Number()
        dep = gr.Button().click(lambda d: None, {a, b}, None)
    assert dep.inputs_as_dict and set(dep.inputs) == {a, b}


def test_decorator_form_registers_and_returns_the_function():
    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()

        @inp.submit(inputs=inp, outputs=out)
        def shout(text):
            return text.upper()

    assert shout("a") == "A"
    assert demo.dependencies[0].fn is shout


def test_gr_on_binds_several_triggers_and_defaults_to_input_changes():
    with gr.Blocks() as demo:
        a, b = gr.Textbox(), gr.Textbox()
        btn = gr.Button()
        both = gr.on([btn.click, a.submit], lambda x: x, a, b)
        changes = gr.on(None, lambda x, y: x, [a, b], b)
    assert both.targets == [(btn._id, "click"), (a._id, "submit")]
    assert changes.targets == [(a._id, "change"), (b._id, "change")]
    assert demo.listeners(a._id, "submit") == [both]


def test_unknown_event_is_refused():
    with gr.Blocks():
        btn = gr.Button()
        with pytest.raises(ValueError, match="no event 'submit'"):
            gr.on([(btn, "submit")], print)


def test_then_and_success_chain_after_a_dependency():
    with gr.Blocks() as demo:
        btn = gr.Button()
        first = btn.click(print)
        then = first.then(print)
        success = then.success(print)
    assert then.trigger_after == first.id and not then.trigger_only_on_success
    assert success.trigger_after == then.id and success.trigger_only_on_success
    assert demo.chained_after(first.id) == [then]


def test_output_only_components_render_static_unless_told():
    with gr.Blocks() as demo:
        inp = gr.Textbox()
        out = gr.Textbox()
        forced = gr.Textbox(interactive=True)
        inp.change(lambda x: (x, x), inp, [out, forced])
    assert demo.output_only_ids() == {out._id, forced._id}


def test_queue_records_settings_and_deprecates_concurrency_count(monkeypatch):
    demo = gr.Blocks()
    assert demo.queue(max_size=3, default_concurrency_limit=None) is demo
    assert demo.queue_settings.max_size == 3 and demo.queue_settings.default_concurrency_limit is None
    with pytest.warns(DeprecationWarning, match="concurrency_limit"):
        demo.queue(concurrency_count=4)
    monkeypatch.setenv("GRADIO_DEFAULT_CONCURRENCY_LIMIT", "7")
    assert demo.queue().queue_settings.default_concurrency_limit == 7


def test_css_and_js_accept_a_path(tmp_path):
    css = tmp_path / "app.css"
    css.write_text(".x { color: red }")
    demo = gr.Blocks(css=str(css), js="() => 1", title="T")
    assert demo.css == ".x { color: red }" and demo.js == "() => 1"
    assert demo.app_props()["title"] == "T"



def test_the_block_index_is_kept_and_follows_the_tree_and_the_listeners():
    with gr.Blocks() as demo:
        first = gr.Textbox()
        with gr.Row() as row:
            second = gr.Number()
    index = demo.components()
    assert demo.components() is index  # no walk of the tree per incoming message
    assert set(index) == {demo._id, first._id, row._id, second._id}
    outside = gr.Slider(render=False)
    with demo:
        third = gr.Textbox()
    assert third._id in demo.components()
    with demo:
        first.change(lambda x: x, outside, first)  # an input living outside the tree
    assert outside._id in demo.components()
    with row:
        fourth = gr.Checkbox()
    assert fourth._id in demo.components()
    second.unrender()
    assert second._id not in demo.components()
