"""gr.Interface, gr.TabbedInterface, flagging and the string shortcuts, in the engine: what the
page is sent (the tree, the values) when a session submits, clears and flags, and what lands on
disk when it flags."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr
from nbblocks import endpoints, flagging
from nbblocks.filedata import file_data
from nbblocks.shortcuts import get_component_instance

from .helpers import RecordedSession


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Interfaces flag into ./flagged by default: the tests' own directory; a Flag click's
    "Saving..." shows as long as the test runs, not 0.8 s."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(flagging, "_FEEDBACK_SECONDS", 0)


def greet(name: str, intensity: int = 1) -> str:
    return "Hello, " + name + "!" * intensity


def tree_of(demo: gr.Blocks) -> dict[str, Any]:
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    return session.of_type("render")[0]["tree"]  # type: ignore[no-any-return]


def nodes(tree: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield tree
    for child in tree.get("children", []):
        yield from nodes(child)


def buttons(tree: dict[str, Any]) -> list[str]:
    return [
        node["props"]["value"] for node in nodes(tree) if node["type"] in ("button", "clearbutton") and node["props"]["visible"]
    ]


def button(demo: gr.Blocks, value: str) -> gr.Button:
    """The app's button showing ``value``."""
    return next(block for block in demo.walk() if isinstance(block, gr.Button) and block.value == value)


def read_log(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


# --- shortcuts ---------------------------------------------------------------------------------

SHORTCUTS = [
    ("text", gr.Textbox, {"lines": 1}),
    ("textbox", gr.Textbox, {}),
    ("textarea", gr.TextArea, {"lines": 7, "max_lines": 20}),
    ("number", gr.Number, {}),
    ("slider", gr.Slider, {}),
    ("checkbox", gr.Checkbox, {}),
    ("checkboxgroup", gr.CheckboxGroup, {}),
    ("radio", gr.Radio, {}),
    ("dropdown", gr.Dropdown, {}),
    ("image", gr.Image, {"type": "numpy"}),
    ("pil", gr.Image, {"type": "pil"}),
    ("webcam", gr.Image, {"sources": ["webcam"]}),
    ("sketchpad", gr.Sketchpad, {"sources": []}),
    ("paint", gr.Paint, {"sources": []}),
    ("imageeditor", gr.ImageEditor, {}),
    ("imagemask", gr.ImageMask, {}),
    ("annotatedimage", gr.AnnotatedImage, {}),
    ("gallery", gr.Gallery, {}),
    ("audio", gr.Audio, {"sources": ["upload", "microphone"]}),
    ("microphone", gr.Microphone, {"sources": ["microphone"]}),
    ("mic", gr.Microphone, {"sources": ["microphone"]}),
    ("video", gr.Video, {}),
    ("playablevideo", gr.PlayableVideo, {"format": "mp4"}),
    ("file", gr.File, {"file_count": "single"}),
    ("files", gr.Files, {"file_count": "multiple"}),
    ("uploadbutton", gr.UploadButton, {}),
    ("downloadbutton", gr.DownloadButton, {}),
    ("dataframe", gr.Dataframe, {"type": "pandas"}),
    ("numpy", gr.Numpy, {"type": "numpy"}),
    ("matrix", gr.Matrix, {"type": "array"}),
    ("list", gr.List, {"type": "array", "col_count": [1, "dynamic"]}),
    ("json", gr.JSON, {}),
    ("html", gr.HTML, {}),
    ("label", gr.Label, {}),
    ("markdown", gr.Markdown, {}),
    ("code", gr.Code, {}),
    ("highlight", gr.HighlightedText, {}),
    ("highlightedtext", gr.HighlightedText, {}),
    ("plot", gr.Plot, {}),
    ("barplot", gr.BarPlot, {}),
    ("lineplot", gr.LinePlot, {}),
    ("scatterplot", gr.ScatterPlot, {}),
    ("chatbot", gr.Chatbot, {}),
    ("multimodaltextbox", gr.MultimodalTextbox, {}),
    ("model3d", gr.Model3D, {}),
    ("state", gr.State, {}),
    ("colorpicker", gr.ColorPicker, {}),
    ("datetime", gr.DateTime, {}),
    ("button", gr.Button, {}),
    ("check_box_group", gr.CheckboxGroup, {}),  # Gradio ignores underscores
]


@pytest.mark.parametrize(("shortcut", "cls", "options"), SHORTCUTS, ids=[s for s, _, _ in SHORTCUTS])
def test_shortcut_makes_its_component(shortcut: str, cls: type, options: dict[str, Any]) -> None:
    block = get_component_instance(shortcut)
    assert type(block) is cls
    assert {name: getattr(block, name) for name in options} == options
    assert block.parent is None  # not rendered where it was made: the Interface lays it out


def test_templates_are_drawn_as_the_component_they_preset() -> None:
    with gr.Blocks() as demo:
        gr.Files(), gr.Microphone(sources=["upload"]), gr.Numpy(), gr.PlayableVideo(), gr.Paint()
    assert [node["type"] for node in tree_of(demo)["children"]] == ["file", "audio", "dataframe", "video", "imageeditor"]
    assert gr.Microphone(sources=["upload"]).sources == ["microphone"]  # Gradio's Microphone ignores sources


def test_unknown_shortcut_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="'texbox' is not a component nbblocks has"):
        gr.Interface(greet, "texbox", "text")
    with pytest.raises(ValueError, match="'row' is a layout, not a component"):
        get_component_instance("row")
    with pytest.raises(ValueError, match="'brush' is not a component"):
        get_component_instance("brush")  # an option's class, not a component


def test_a_component_class_is_one_with_its_defaults() -> None:
    demo = gr.Interface(lambda text: {"a": 1.0}, gr.Textbox, [gr.Label])
    (inp,), (out,) = demo.input_components, demo.output_components
    assert (type(inp), inp.label, type(out), out.label) == (gr.Textbox, "text", gr.Label, "output")


def test_shortcut_as_dict_takes_options() -> None:
    block = get_component_instance({"name": "dropdown", "choices": ["a", "b"], "label": "Pick"})
    assert isinstance(block, gr.Dropdown) and block.label == "Pick"
    assert [choice[0] for choice in block.choices] == ["a", "b"]


# --- layout ------------------------------------------------------------------------------------


def test_layout_as_gradio_lays_it_out() -> None:
    demo = gr.Interface(
        greet, ["text", gr.Slider(1, 5, step=1)], "text", title="Greeter", description="Say *hi*.", article="The end."
    )
    tree = tree_of(demo)
    assert tree["type"] == "blocks"  # the page draws it as the app it is
    heading, description, row, article = tree["children"]
    assert heading["type"] == "markdown" and "<h1" in heading["props"]["value"] and "Greeter" in heading["props"]["value"]
    assert (description["props"]["value"], article["props"]["value"]) == ("Say *hi*.", "The end.")
    assert demo.title == "Greeter"
    inputs_panel, outputs_panel = row["children"]
    assert (inputs_panel["props"]["variant"], outputs_panel["props"]["variant"]) == ("panel", "panel")
    inputs, input_buttons = inputs_panel["children"]
    assert [(n["type"], n["props"]["label"]) for n in inputs["children"]] == [("textbox", "name"), ("slider", "intensity")]
    assert buttons(input_buttons) == ["Clear", "Submit"]
    output, output_buttons = outputs_panel["children"]
    assert (output["type"], output["props"]["label"], output["props"]["interactive"]) == ("textbox", "output", False)
    assert buttons(output_buttons) == ["Flag"]
    assert [endpoint.name for endpoint in endpoints.endpoints(demo) if endpoint.listed] == ["predict"]


def test_submit_and_enter_run_the_function_and_clear_empties_on_the_page() -> None:
    demo = gr.Interface(greet, ["text", "number"], "text")
    name, times = demo.input_components
    (out,) = demo.output_components
    submit, clear = button(demo, "Submit"), button(demo, "Clear")
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": name._id, "value": "Ada"})
    session.handle({"type": "value", "id": times._id, "value": 2})
    session.handle({"type": "trigger", "id": submit._id, "event": "click"})
    session.handle({"type": "trigger", "id": name._id, "event": "submit"})  # Enter in the textbox
    assert session.values_sent(out._id) == ["Hello, Ada!!", "Hello, Ada!!"]
    (emptying,) = [dep for dep in demo.dependencies if dep.targets == [(clear._id, "click")] and dep.options.js]
    assert emptying.fn is None and emptying.outputs == [name, times, out]  # no round trip to Python
    assert emptying.options.js == "() => [null, null, null]"


def test_input_only_output_only_and_unified() -> None:
    written: list[str] = []
    only_in = gr.Interface(written.append, "text", None)
    assert only_in.interface_type == "input_only"
    assert buttons(tree_of(only_in)) == ["Clear", "Submit"]  # nothing to flag without outputs
    only_out = gr.Interface(lambda: "made", None, "text")
    assert only_out.interface_type == "output_only"
    assert buttons(tree_of(only_out)) == ["Clear", "Generate", "Flag"]
    same = gr.Textbox()
    unified = gr.Interface(str.upper, same, same)
    assert unified.interface_type == "unified"
    assert buttons(tree_of(unified)) == ["Clear", "Submit", "Flag"]
    with pytest.raises(ValueError, match="at least one of `inputs` or `outputs`"):
        gr.Interface(str, None, [])


def test_live_runs_on_every_change_without_submit() -> None:
    demo = gr.Interface(str.upper, "text", "text", live=True)
    (inp,), (out,) = demo.input_components, demo.output_components
    assert "Submit" not in buttons(tree_of(demo))
    session = RecordedSession(demo)
    for typed in ("a", "ab"):
        session.type_and_trigger(inp._id, typed)
    assert session.values_sent(out._id) == ["A", "AB"]


def test_batch_gives_the_function_lists() -> None:
    calls: list[list[str]] = []

    def shout(names: list[str]) -> tuple[list[str]]:
        calls.append(names)
        return ([name.upper() for name in names],)

    demo = gr.Interface(shout, "text", "text", batch=True, max_batch_size=8)
    (predict,) = [dep for dep in demo.dependencies if dep.options.api_name == "predict"]
    assert (predict.options.batch, predict.options.max_batch_size) == (True, 8)
    (inp,), (out,) = demo.input_components, demo.output_components
    submit = button(demo, "Submit")
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": inp._id, "value": "ada"})
    session.handle({"type": "trigger", "id": submit._id, "event": "click"})
    assert calls == [["ada"]] and session.values_sent(out._id) == ["ADA"]


def test_generator_gets_a_stop_button_shown_while_it_runs() -> None:
    def count(n: float) -> Iterator[str]:
        for i in range(int(n)):
            yield str(i)

    demo = gr.Interface(count, "number", "text")
    submit, stop = button(demo, "Submit"), button(demo, "Stop")
    assert (stop.variant, stop.visible) == ("stop", False)
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": demo.input_components[0]._id, "value": 3})
    session.handle({"type": "trigger", "id": submit._id, "event": "click"})
    visibility = [
        (update["id"], update["props"]["visible"])
        for message in session.of_type("update")
        for update in message["updates"]
        if "visible" in update["props"]
    ]
    assert visibility == [(submit._id, False), (stop._id, True), (submit._id, True), (stop._id, False)]
    assert session.values_sent(demo.output_components[0]._id) == ["0", "1", "2"]
    assert "Stop" not in buttons(tree_of(gr.Interface(str.upper, "text", "text")))


def test_state_is_one_input_and_one_output() -> None:
    def add(word: str, words: list[str] = []) -> tuple[str, list[str]]:  # noqa: B006 (Gradio reads the default)
        words = [*words, word]
        return " ".join(words), words

    demo = gr.Interface(add, ["text", "state"], ["text", "state"])
    inp, state = demo.input_components
    assert isinstance(state, gr.State) and demo.output_components[1] is state
    submit = button(demo, "Submit")
    session = RecordedSession(demo)
    for word in ("a", "b"):
        session.handle({"type": "value", "id": inp._id, "value": word})
        session.handle({"type": "trigger", "id": submit._id, "event": "click"})
    assert session.values_sent(demo.output_components[0]._id) == ["a", "a b"]
    session.handle({"type": "trigger", "id": button(demo, "Clear")._id, "event": "click"})
    assert session.values[state._id] == []  # back in Python to its first value: the default of `words`
    with pytest.raises(ValueError, match="exactly one state input and one state output"):
        gr.Interface(add, ["text", "state"], "text")


def test_additional_inputs_in_a_closed_accordion() -> None:
    demo = gr.Interface(greet, "text", "text", additional_inputs=[gr.Number(3)], additional_inputs_accordion="More")
    accordion = next(node for node in nodes(tree_of(demo)) if node["type"] == "accordion")
    assert (accordion["props"]["label"], accordion["props"]["open"]) == ("More", False)
    assert [(n["type"], n["props"]["label"]) for n in accordion["children"]] == [("number", "intensity")]


def test_examples_below_fill_the_inputs_and_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_EXAMPLES_CACHE", str(tmp_path / "cache"))
    calls: list[str] = []

    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    demo = gr.Interface(shout, "text", "text", examples=[["hi"], ["yo"], ["ok"]], examples_per_page=2, cache_examples=True)
    _row, dataset = tree_of(demo)["children"]
    assert (dataset["type"], dataset["props"]["samples"], dataset["props"]["samples_per_page"]) == (
        "dataset",
        [["hi"], ["yo"], ["ok"]],
        2,
    )
    assert calls == ["hi", "yo", "ok"]  # cached as the app was built
    (out,) = demo.output_components
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": dataset["id"], "value": 1})
    session.handle({"type": "trigger", "id": dataset["id"], "event": "click"})  # (gr.Examples fills the inputs)
    assert session.values_sent(out._id) == ["YO"]
    assert calls == ["hi", "yo", "ok"]  # from the cache


def test_gradio_5_example_labels_and_lazy_cache_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_EXAMPLES_CACHE", str(tmp_path / "cache"))
    calls: list[str] = []

    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    demo = gr.Interface(
        shout, "text", "text", examples=["hi", "yo"], example_labels=["Greeting", "Slang"], cache_examples=True, cache_mode="lazy"
    )
    dataset = next(node for node in nodes(tree_of(demo)) if node["type"] == "dataset")
    assert dataset["props"]["sample_labels"] == ["Greeting", "Slang"]
    assert demo.examples_handler.cache_examples == "lazy" and calls == []  # cached on first use, not now


def test_from_pipeline_says_it_is_not_there() -> None:
    with pytest.raises(NotImplementedError, match="from_pipeline is not part of nbblocks"):
        gr.Interface.from_pipeline(object())


def test_gradio_5_keywords() -> None:
    demo = gr.Interface(str.upper, "text", "text", flagging_mode="never", submit_btn="Go", api_visibility="private")
    assert buttons(tree_of(demo)) == ["Clear", "Go"]
    assert [endpoint.name for endpoint in endpoints.endpoints(demo) if endpoint.listed] == []
    assert endpoints.find(demo, "predict") is None  # private: not callable by name either
    assert not Path("flagged").exists()
    with pytest.warns(UserWarning, match=r"Interface\(\): deep_link=True, fill_width=True: accepted for Gradio's sake"):
        gr.Interface(str.upper, "text", "text", deep_link=True, fill_width=True, flagging_mode="never")
    with pytest.warns(UserWarning, match="not a boolean. Setting parameter to: 'never'"):
        gr.Interface(str.upper, "text", "text", allow_flagging=False)


# --- flagging ----------------------------------------------------------------------------------


def test_flag_writes_the_csv_and_copies_files(tmp_path: Path) -> None:
    def caption(image: str, note: str) -> str:
        return f"{Path(image).name}: {note}"

    demo = gr.Interface(
        caption, [gr.File(label="picture"), gr.Textbox(label="note")], "text", flagging_options=["good", "=bad"],
        flagging_dir=str(tmp_path / "flags"),
    )  # fmt: skip
    picture, note = demo.input_components
    (out,) = demo.output_components
    upload = demo.file_cache.store_bytes(b"pixels", "cat.png")
    submit, good, bad = button(demo, "Submit"), button(demo, "Flag as good"), button(demo, "Flag as =bad")
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": picture._id, "value": file_data(upload)})
    session.handle({"type": "value", "id": note._id, "value": "-1 cute"})
    session.handle({"type": "trigger", "id": submit._id, "event": "click"})
    session.handle({"type": "trigger", "id": good._id, "event": "click"})
    session.handle({"type": "trigger", "id": bad._id, "event": "click"})
    assert session.values_sent(good._id) == ["Saving...", "Flag as good"]
    header, first, second = read_log(tmp_path / "flags" / "log.csv")
    assert header == ["picture", "note", "output", "flag", "username", "timestamp"]
    assert first[1:5] == ["'-1 cute", "cat.png: -1 cute", "good", ""]  # a formula-like cell is quoted
    assert second[3] == "'=bad"
    copy = Path(first[0])
    assert copy.parent.parent == tmp_path / "flags" / "picture" and copy.name == "cat.png"
    assert copy.read_bytes() == b"pixels" and Path(second[0]) != copy  # each flag its own copy


def test_flag_refuses_a_file_outside_the_app(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("key")
    demo = gr.Interface(lambda f: f, gr.File(), "text", flagging_dir=str(tmp_path / "flags"))
    flag = button(demo, "Flag")
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": demo.input_components[0]._id, "value": file_data(secret)})
    session.handle({"type": "trigger", "id": flag._id, "event": "click"})
    assert session.values_sent(flag._id) == ["Saving...", "Error!"]
    assert not (tmp_path / "flags" / "log.csv").exists() and not (tmp_path / "flags" / "f").exists()


def test_a_label_names_a_folder_inside_the_flagging_dir(tmp_path: Path) -> None:
    demo = gr.Interface(lambda f: "ok", gr.File(label=".."), "text", flagging_dir=str(tmp_path / "flags"))
    session = RecordedSession(demo)
    upload = demo.file_cache.store_bytes(b"data", "a.txt")
    session.handle({"type": "value", "id": demo.input_components[0]._id, "value": file_data(upload)})
    session.handle({"type": "trigger", "id": button(demo, "Flag")._id, "event": "click"})
    (copy,) = (tmp_path / "flags").glob("*/*/a.txt")
    assert copy.parent.parent == tmp_path / "flags" / "component"  # not flags/.., beside it


def test_auto_flagging_saves_every_submission(tmp_path: Path) -> None:
    demo = gr.Interface(str.upper, "text", "text", allow_flagging="auto", flagging_callback=gr.SimpleCSVLogger())
    assert buttons(tree_of(demo)) == ["Clear", "Submit"]
    (inp,) = demo.input_components
    submit = button(demo, "Submit")
    session = RecordedSession(demo)
    for word in ("a", "b"):
        session.handle({"type": "value", "id": inp._id, "value": word})
        session.handle({"type": "trigger", "id": submit._id, "event": "click"})
    assert read_log(tmp_path / "flagged" / "log.csv") == [["a", "A"], ["b", "B"]]  # no header: the simple logger


def test_a_flagging_callback_of_ones_own() -> None:
    class Remember(gr.FlaggingCallback):
        def setup(self, components: list[Any], flagging_dir: str | Path) -> None:
            self.labels = [c.label for c in components]
            self.saved: list[tuple[list[Any], str]] = []

        def flag(self, flag_data: list[Any], flag_option: str = "", username: str | None = None) -> int:
            self.saved.append((flag_data, flag_option))
            return len(self.saved)

    remember = Remember()
    demo = gr.Interface(lambda text: None, "text", "json", flagging_callback=remember, flagging_options=[("Wrong", "w")])
    assert remember.labels == ["text", "output"]
    flag = button(demo, "Wrong")
    session = RecordedSession(demo)
    session.handle({"type": "value", "id": demo.input_components[0]._id, "value": "x"})
    session.handle({"type": "trigger", "id": flag._id, "event": "click"})
    assert remember.saved == [(["x", None], "w")]


# --- TabbedInterface ---------------------------------------------------------------------------


def test_tabbed_interface_keeps_each_interface_and_its_endpoint() -> None:
    hello = gr.Interface(greet, "text", "text", allow_flagging="never")
    bye = gr.Interface(lambda name: f"Bye {name}", "text", "text", allow_flagging="never")
    demo = gr.TabbedInterface([hello, bye], ["Hello", "Bye"], title="Two")
    tree = tree_of(demo)
    assert tree["type"] == "blocks"
    heading, tabs = tree["children"]
    assert "Two" in heading["props"]["value"] and tabs["type"] == "tabs"
    assert [tab["props"]["label"] for tab in tabs["children"]] == ["Hello", "Bye"]
    assert [endpoint.name for endpoint in endpoints.endpoints(demo) if endpoint.listed] == ["predict", "predict_1"]
    assert [tab["props"]["label"] for tab in tabs_of(gr.TabbedInterface([hello, bye]))] == ["Tab 0", "Tab 1"]


def tabs_of(demo: gr.Blocks) -> list[dict[str, Any]]:
    return next(node for node in nodes(tree_of(demo)) if node["type"] == "tabs")["children"]  # type: ignore[no-any-return]
