"""Every keyword Gradio 6.31's components, layouts, ChatInterface and CSVLogger take is taken here
too (code written for current Gradio must not stop at a TypeError): each reaches the page as a
prop, changes the value in Python, or, where it means nothing here, warns once."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pytest

import nbblocks as gr
from tests.server.conftest import launch  # noqa: F401  (a fixture)
from tests.test_gradio_compat import fresh_warnings, props_of, rendered  # noqa: F401  (fresh_warnings: a fixture)

#: Gradio 6.31's keywords of the names both have, that Gradio 4.34 had not (read from its signatures)
GRADIO_6_KEYWORDS: dict[str, dict[str, object]] = {
    "Row": {"scale": 1, "height": 300, "max_height": "50vh", "min_height": 100, "key": "r", "preserved_by_key": None},
    "Column": {"key": "c", "preserved_by_key": None},
    "Group": {"key": "g", "preserved_by_key": None},
    "Tabs": {"overflow_behavior": "wrap", "key": "t"},
    "Tab": {"scale": 1, "height": 200, "max_height": 400, "alignment": "center", "key": "t"},
    "Accordion": {"height": 200, "max_height": 400, "key": "a"},
    "Sidebar": {"key": "s", "preserved_by_key": None},
    "Button": {"link_target": "_self", "preserved_by_key": "value"},
    "ClearButton": {"link_target": "_blank", "api_visibility": "public"},
    "Checkbox": {"buttons": [], "preserved_by_key": ["value"]},
    "CheckboxGroup": {"show_select_all": True},
    "Dropdown": {"num_choices_shown": 5},
    "File": {"allow_reordering": True},
    "HighlightedText": {"show_inline_category": False, "show_whitespaces": False, "rtl": True},
    "JSON": {"max_height": 300, "min_height": 50},
    "Label": {"show_heading": False},
    "Markdown": {"max_height": 300, "min_height": 50, "padding": True},
    "Model3D": {"display_mode": "wireframe"},
    "Radio": {"rtl": True},
    "Slider": {"precision": 1},
    "Textbox": {"html_attributes": {"spellcheck": False, "autocomplete": "off"}},
    "Dataset": {"show_label": False, "layout": "gallery", "preserved_by_key": None, "components": ["textbox"], "samples": [["a"]]},
}


@pytest.mark.parametrize("name", sorted(GRADIO_6_KEYWORDS))
def test_gradio_6_keywords_are_taken(name: str, fresh_warnings: None) -> None:
    with gr.Blocks(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        getattr(gr, name)(**GRADIO_6_KEYWORDS[name])


def test_the_drawn_ones_reach_the_page_as_props() -> None:
    with gr.Blocks() as demo:
        with gr.Row(height=300, max_height="50vh", min_height=100, scale=2) as row:
            markdown = gr.Markdown("# Hi", max_height=300, min_height=50, padding=True)
        with gr.Accordion("More", height=200, max_height=400) as accordion:
            label = gr.Label("cat", show_heading=False)
        radio = gr.Radio(["a", "b"], rtl=True)
        box = gr.Textbox(html_attributes=gr.InputHTMLAttributes(spellcheck=False, autocorrect="off", tabindex=2))
        link = gr.Button("Docs", link="https://www.gradio.app", link_target="_self")
        tree = gr.JSON({"a": 1}, min_height=50)
        group = gr.CheckboxGroup(["a", "b"], show_select_all=True)
    render = rendered(demo)
    assert props_of(render, group)["show_select_all"] is True
    assert {k: props_of(render, row)[k] for k in ("height", "max_height", "min_height", "scale")} == {
        "height": 300, "max_height": "50vh", "min_height": 100, "scale": 2,
    }  # fmt: skip
    assert (props_of(render, markdown)["max_height"], props_of(render, markdown)["padding"]) == (300, True)
    assert props_of(render, accordion)["max_height"] == 400 and props_of(render, label)["show_heading"] is False
    assert props_of(render, radio)["rtl"] is True and props_of(render, link)["link_target"] == "_self"
    assert props_of(render, box)["html_attributes"] == {"spellcheck": "false", "autocorrect": "off", "tabindex": "2"}
    assert (props_of(render, tree)["max_height"], props_of(render, tree)["min_height"]) == (500, 50)  # Gradio's default


def test_slider_precision_rounds_what_goes_in_and_out() -> None:
    assert gr.Slider(0, 10, 3.14159, precision=2).value == 3.14
    whole = gr.Slider(0, 10, precision=0)
    assert whole.preprocess(3.6) == 4 and isinstance(whole.preprocess(3.6), int)
    assert gr.Slider(0, 10).preprocess(3.6) == 3.6


def test_a_clear_button_takes_api_visibility() -> None:
    from nbblocks import endpoints

    with gr.Blocks() as demo:
        kept = gr.State("x")  # a State is cleared in Python: a function the API could call
        shown = gr.ClearButton(kept, api_visibility="public")
        hidden = gr.ClearButton(kept, api_visibility="private")
    assert (shown.show_api, hidden.api_name) == (True, False)
    assert [(endpoint.visibility, endpoint.callable) for endpoint in endpoints.endpoints(demo)] == [
        ("public", True), ("private", False),
    ]  # fmt: skip


def test_the_csv_logger_writes_to_dataset_file_name(tmp_path: Path) -> None:
    logger = gr.CSVLogger(dataset_file_name="flags.csv", verbose=True)
    box = gr.Textbox(label="Text")
    logger.setup([box], tmp_path)
    assert logger.flag(["hello"]) == 1
    with open(tmp_path / "flags.csv", newline="") as handle:
        assert next(csv.reader(handle))[:2] == ["Text", "flag"]


def test_the_ones_without_effect_warn_once(fresh_warnings: None) -> None:
    with pytest.warns(UserWarning, match="num_choices_shown=5"):
        gr.Dropdown(["a"], num_choices_shown=5)
    with pytest.warns(UserWarning, match="overflow_behavior='wrap'"):
        gr.Tabs(overflow_behavior="wrap")
    with pytest.warns(UserWarning, match="preserved_by_key=\\['label'\\]"):
        gr.Number(preserved_by_key=["label"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Gradio's defaults say nothing
        gr.Tabs(overflow_behavior="menu")
        gr.Number(preserved_by_key="value")
        gr.Row(key="r", preserved_by_key=None)
    with pytest.raises(TypeError, match="unexpected keyword argument 'width'"):
        gr.Row(width=2)  # type: ignore[call-arg]


def test_inputs_kwargs_pass_components_by_the_parameter_they_name() -> None:
    """Gradio 6's listener keyword: positional inputs fill the other parameters in order; a
    gr.Request among them is still the engine's to give."""
    from tests.helpers import RecordedSession

    def join(first: str, request: gr.Request, second: str, count: int = 1) -> str:
        assert isinstance(request, gr.Request)
        return f"{first}-{second}-{count}"

    with gr.Blocks() as demo:
        first, second, count, out = gr.Textbox("A"), gr.Textbox("B"), gr.Number(3), gr.Textbox()
        button = gr.Button()
        button.click(join, inputs=[first], inputs_kwargs={"count": count, "second": second}, outputs=out)
        gr.on([first.submit], join, inputs_kwargs={"first": second, "second": first}, outputs=out)
        with pytest.raises(TypeError, match="inputs_kwargs names \\['other'\\]"):
            button.click(join, inputs=[first, second], inputs_kwargs={"other": count}, outputs=out)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.handle({"type": "trigger", "id": button._id, "event": "click"})
    session.handle({"type": "trigger", "id": first._id, "event": "submit"})
    assert session.values_sent(out._id) == ["A-B-3", "B-A-1"]


def test_gradio_5_and_6_names(launch) -> None:
    """gr.Success toasts in green, gr.Header hands a function one request header, gr.close_all
    frees every launched app's port, and gr.FileSize, gr.Mic, gr.Annotatedimage are Gradio's."""
    import socket

    from tests.helpers import RecordedSession

    def hello(name: str, x_api_token: gr.Header) -> str:
        gr.Success("Saved")
        return f"{name}:{x_api_token}"

    with gr.Blocks() as demo:
        name, out = gr.Textbox("Ada"), gr.Textbox()
        button = gr.Button()
        button.click(hello, name, out)
    from nbblocks.request import Headers

    request = gr.Request("0123456789abcdef", headers=Headers({"X-Api-Token": "s3cret"}))
    session = RecordedSession(demo, request=request)
    session.handle({"type": "trigger", "id": button._id, "event": "click"})
    assert session.values_sent(out._id) == ["Ada:s3cret"]
    assert [(toast["level"], toast["message"]) for toast in session.of_type("toast")] == [("success", "Saved")]

    assert (gr.FileSize.KB, gr.FileSize.MB) == (1024, 1024**2) and gr.Mic is gr.Microphone
    assert gr.Annotatedimage is gr.AnnotatedImage
    url = launch(gr.Blocks())
    port = int(url.rsplit(":", 1)[1].strip("/"))
    gr.close_all()
    with pytest.raises(ConnectionRefusedError):  # nobody listens there any more
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_blocks_examples_and_tabbed_interface_take_gradio_6_keywords(fresh_warnings: None) -> None:
    from nbblocks import endpoints

    with gr.Blocks(fill_width=True) as demo:
        box, out = gr.Textbox(), gr.Textbox()
        lazy = gr.Examples([["a"]], box, out, fn=str.upper, cache_examples=True, cache_mode="lazy")
        hidden = gr.Examples([["b"]], box, api_visibility="private")
        with pytest.warns(UserWarning, match="preload=0"):
            gr.Examples([["c"]], box, preload=0)
    assert lazy.cache_examples == "lazy" and hidden.api_name is False
    assert "load_example" not in [endpoint.name for endpoint in endpoints.endpoints(demo) if endpoint.listed]
    tabbed = gr.TabbedInterface([gr.Interface(str.upper, "text", "text")], tabs_kwargs={"selected": 0, "elem_id": "tabs"})
    assert [block.elem_id for block in tabbed.components().values() if isinstance(block, gr.Tabs)] == ["tabs"]


def test_layer_and_watermark_options(fresh_warnings: None) -> None:
    assert gr.ImageEditor(layers=gr.LayerOptions(disabled=True)).layers is False
    with pytest.warns(UserWarning, match="layers=\\['Sky', 'Ground'\\]"):
        assert gr.ImageEditor(layers=gr.LayerOptions(layers=["Sky", "Ground"])).layers is True
    with pytest.warns(UserWarning, match="watermark="):
        gr.Image(watermark=gr.WatermarkOptions(watermark="logo.png", position="bottom-left"))


def test_blocks_takes_gradio_5_css_and_head_files(tmp_path: Path) -> None:
    """Gradio 5 took ``css_paths``/``head_paths`` in ``Blocks()`` (Gradio 6 in ``launch()``,
    which works too)."""
    style, head = tmp_path / "app.css", tmp_path / "head.html"
    style.write_text(".note { color: red }")
    head.write_text('<meta name="x" content="y">')
    demo = gr.Blocks(css="h1 { margin: 0 }", css_paths=[style], head_paths=str(head))
    assert demo.css == "h1 { margin: 0 }\n.note { color: red }"
    assert demo.head == '<meta name="x" content="y">'
    chat = gr.ChatInterface(lambda message, history: message, css_paths=style, head_paths=head)
    tabbed = gr.TabbedInterface([gr.Interface(str.upper, "text", "text")], css_paths=style, fill_width=True)
    assert chat.css == tabbed.css == ".note { color: red }" and chat.head == demo.head
