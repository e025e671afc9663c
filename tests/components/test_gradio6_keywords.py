"""Gradio 5/6 keywords and events of the data, chat, plot and media components: each reaches the
page as a prop it draws or a value Python computes, or, where it means nothing here, is accepted
and warns once (`nbblocks.accepted`). Gradio 4.34's names keep working beside them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr
from tests.helpers import RecordedSession
from tests.test_gradio_compat import fresh_warnings, props_of, rendered  # noqa: F401  (fresh_warnings: a fixture)

pd = pytest.importorskip("pandas")


def fired(demo: gr.Blocks, block: gr.components.Component, event: str, data: Any) -> None:
    """A page's trigger of ``event`` on ``block`` with ``data``, handled to the end."""
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.handle({"type": "trigger", "id": block._id, "event": event, "data": data})


# --- Dataframe -----------------------------------------------------------------------------------


def test_dataframe_takes_gradio_6_names_for_its_shape_and_height() -> None:
    with gr.Blocks() as demo:
        six = gr.DataFrame(column_count=4, row_count=3, row_limits=(3, 3), max_height=300, max_chars=5, show_row_numbers=True)
        four = gr.Dataframe(col_count=(2, "fixed"), row_count=(5, "dynamic"), height=200)
    assert gr.DataFrame is gr.Dataframe
    render = rendered(demo)
    shown = ("col_count", "row_count", "height", "headers", "max_chars", "show_row_numbers")
    assert {key: props_of(render, six)[key] for key in shown} == {
        "col_count": [4, "dynamic"], "row_count": [3, "fixed"], "height": 300, "headers": ["1", "2", "3", "4"],
        "max_chars": 5, "show_row_numbers": True,
    }  # fmt: skip
    assert (props_of(render, four)["col_count"], props_of(render, four)["row_count"]) == ([2, "fixed"], [5, "dynamic"])


def test_dataframe_limits_other_than_a_fixed_count_warn_and_keep_the_count_dynamic() -> None:
    with pytest.warns(UserWarning, match=r"Dataframe: row_limits=\(1, 10\): .* no effect"):
        frame = gr.Dataframe(row_count=2, row_limits=(1, 10))
    assert frame.row_count == [2, "dynamic"]


def test_dataframe_edit_gives_the_function_an_edit_data() -> None:
    """The annotation is a string here (``from __future__ import annotations``): the engine
    still knows gr.EditData by name."""
    seen: list[tuple[Any, Any, Any]] = []

    def edited(data: gr.EditData) -> None:
        seen.append((data.index, data.previous_value, data.value))

    with gr.Blocks() as demo:
        frame = gr.Dataframe([[1, 2]], headers=["a", "b"])
        frame.edit(edited)
    fired(demo, frame, "edit", {"index": [0, 1], "previous_value": 2, "value": 7})
    assert seen == [([0, 1], 2, 7)]


# --- plots ---------------------------------------------------------------------------------------


def test_bar_plot_bins_x_and_aggregates_y_in_python() -> None:
    table = pd.DataFrame({"age": [3, 7, 12, 18, 25], "score": [1.0, 3.0, 4.0, 8.0, 5.0]})
    binned = gr.BarPlot(table, x="age", y="score", x_bin=10, y_aggregate="mean")
    assert binned.value["columns"] == ["age", "score"]
    assert binned.value["data"] == [[0, 2.0], [10, 6.0], [20, 5.0]]
    counted = gr.LinePlot(pd.DataFrame({"day": ["mon", "mon", "tue"], "n": [5, 6, 7], "kind": ["a", "b", "a"]}),
                          x="day", y="n", color="kind", y_aggregate="count")  # fmt: skip
    assert counted.value["columns"] == ["day", "kind", "n"]
    assert counted.value["data"] == [["mon", "a", 1], ["mon", "b", 1], ["tue", "a", 1]]
    with pytest.raises(ValueError, match="y_aggregate must be one of sum, mean"):
        gr.BarPlot(x="age", y="score", y_aggregate="average")


def test_plots_take_gradio_5_titles_and_tooltip_modes() -> None:
    plot = gr.ScatterPlot(x="a", y="b", color="c", color_title="Group", tooltip="axis")
    assert (plot.color_legend_title, plot.tooltip) == ("Group", None)
    assert gr.LinePlot(x="a", y="b", tooltip="a").tooltip == ["a"]
    with pytest.warns(UserWarning, match=r"BarPlot: color_map=\{'a': 'red'\}, buttons=\['export'\]: .* no effect"):
        gr.BarPlot(x="a", y="b", color_map={"a": "red"}, buttons=["export"])


def test_plots_declare_gradio_5_select_and_double_click() -> None:
    with gr.Blocks():
        plot = gr.LinePlot(x="a", y="b")
        assert plot.select(lambda: None) is not None and plot.double_click(lambda: None) is not None


# --- Chatbot -------------------------------------------------------------------------------------


def test_chatbot_draws_gradio_5_props_and_reads_buttons_as_its_copy_button() -> None:
    with gr.Blocks() as demo:
        bot = gr.Chatbot(buttons=["copy"], like_user_message=True, min_height=200, max_height="50vh", autoscroll=False)
        plain = gr.Chatbot(show_copy_button=True)
        none = gr.Chatbot(buttons=[], show_copy_button=True)
    render = rendered(demo)
    drawn = {key: props_of(render, bot)[key] for key in ("show_copy_button", "like_user_message", "min_height", "max_height", "autoscroll")}
    assert drawn == {"show_copy_button": True, "like_user_message": True, "min_height": 200, "max_height": "50vh", "autoscroll": False}
    assert props_of(render, plain)["show_copy_button"] is True and props_of(render, none)["show_copy_button"] is False


def test_chatbot_keywords_without_effect_warn_once() -> None:
    with pytest.warns(UserWarning, match=r"Chatbot: resizable=True, watermark='mine': .* no effect"):
        gr.Chatbot(resizable=True, watermark="mine", feedback_options=("Like", "Dislike"))
    with pytest.warns(UserWarning, match=r"Chatbot: buttons=\['copy_all'\]"):
        gr.Chatbot(buttons=["copy_all"])
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gr.Chatbot(resizable=True, watermark="mine")  # warned already: silent


def test_chatbot_examples_reach_the_page_with_their_files_and_example_select_gives_one(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("my notes")
    seen: list[Any] = []

    def picked(data: gr.SelectData) -> None:
        seen.append((data.index, data.value["text"]))

    with gr.Blocks() as demo:
        bot = gr.Chatbot(examples=[{"text": "Hi", "display_text": "Say hi"}, {"text": "Read", "files": [str(tmp_path / "notes.txt")]}])
        bot.example_select(picked)
    sent = props_of(rendered(demo), bot)["examples"]
    assert sent[0] == {"text": "Hi", "display_text": "Say hi", "files": [], "icon": None}
    (file,) = sent[1]["files"]
    assert (file["orig_name"], Path(file["path"]).read_text()) == ("notes.txt", "my notes")
    fired(demo, bot, "example_select", {"index": 1, "value": sent[1], "selected": True})
    assert seen == [(1, "Read")]


def test_a_chatbot_example_naming_a_missing_file_goes_without_it(tmp_path: Path) -> None:
    """As in Gradio, which serves example files only when asked: the app still starts."""
    with pytest.warns(UserWarning, match=r"Chatbot: the example file '.*gone\.(wav|png)' does not exist"):
        bot = gr.Chatbot(examples=[{"text": "Listen", "files": [str(tmp_path / "gone.wav")], "icon": str(tmp_path / "gone.png")}])
    assert bot.examples == [{"text": "Listen", "files": [], "icon": None}]


@pytest.mark.parametrize(
    ("event", "data_class", "data"),
    [
        ("retry", gr.RetryData, {"index": 2, "value": "Hi"}),
        ("undo", gr.UndoData, {"index": 2, "value": "Hi"}),
        ("edit", gr.EditData, {"index": 2, "value": "Hello", "previous_value": "Hi"}),
        ("copy", gr.CopyData, {"value": "Hi"}),
    ],
)
def test_chatbot_gradio_5_events_reach_the_function_with_their_data(event: str, data_class: type, data: dict[str, Any]) -> None:
    payload = data_class(None, data)
    assert {key: getattr(payload, key) for key in data} == data
    seen: list[Any] = []

    def handler(payload: gr.EventData) -> None:
        seen.append(payload)

    with gr.Blocks() as demo:
        bot = gr.Chatbot([{"role": "user", "content": "Hi"}])
        getattr(bot, event)(handler)
    fired(demo, bot, event, data)
    assert [payload._data for payload in seen] == [data]


# --- media ---------------------------------------------------------------------------------------


def test_buttons_lists_become_gradio_4_download_and_share_flags() -> None:
    with gr.Blocks() as demo:
        image = gr.Image(buttons=["download"])
        bare = gr.Image(buttons=[])
        gallery = gr.Gallery(buttons=["share"])
        video = gr.Video(buttons=["download"])
        audio = gr.Audio(buttons=[])
        editor = gr.ImageEditor(buttons=[])
    render = rendered(demo)
    assert props_of(render, image)["show_download_button"] is True and props_of(render, bare)["show_download_button"] is False
    assert props_of(render, gallery)["show_download_button"] is False
    assert props_of(render, video)["show_download_button"] is True and props_of(render, audio)["show_download_button"] is False
    assert props_of(render, editor)["show_download_button"] is False


def test_webcam_options_mirror_is_mirror_webcam() -> None:
    unmirrored = gr.WebcamOptions(mirror=False)
    assert gr.Image(webcam_options=unmirrored).mirror_webcam is False
    assert gr.Video(webcam_options=unmirrored).mirror_webcam is False
    assert gr.ImageEditor(webcam_options=unmirrored).mirror_webcam is False
    assert gr.Sketchpad(webcam_options=gr.WebcamOptions()).mirror_webcam is True
    with pytest.warns(UserWarning, match=r"Image: constraints=\{'video': True\}"):
        gr.Image(webcam_options=gr.WebcamOptions(constraints={"video": True}))


def test_media_keywords_without_effect_warn() -> None:
    with pytest.warns(UserWarning, match=r"ImageEditor: fixed_canvas=True, transforms=\['resize'\]"):
        editor = gr.ImageEditor(fixed_canvas=True, transforms=("crop", "resize"))
    assert editor.transforms == ["crop"]
    with pytest.warns(UserWarning, match=r"Video: playback_position=2, .*watermark='mark.png'"):
        gr.Video(playback_position=2, watermark="mark.png")
    with pytest.warns(UserWarning, match=r"Audio: recording=True"):
        gr.Audio(recording=True)
    with pytest.warns(UserWarning, match=r"Gallery: file_types=\['image'\]"):
        gr.Gallery(file_types=["image"], sources=["upload"])


def test_audio_takes_gradio_5s_format_none() -> None:
    assert gr.Audio(format=None).format == "wav"


def test_audio_and_video_have_gradio_5_input() -> None:
    seen: list[str] = []
    with gr.Blocks() as demo:
        audio = gr.Audio()
        video = gr.Video()
        audio.input(lambda: seen.append("audio"))
        video.input(lambda: seen.append("video"))
    fired(demo, audio, "input", None)
    fired(demo, video, "input", None)
    assert seen == ["audio", "video"]


# --- Code, MultimodalTextbox ---------------------------------------------------------------------


def test_code_draws_line_numbers_wrapping_and_max_lines() -> None:
    with gr.Blocks() as demo:
        code = gr.Code("x = 1", show_line_numbers=False, wrap_lines=True, max_lines=12)
        plain = gr.Code()
        with pytest.warns(UserWarning, match="Code: autocomplete=True"):
            gr.Code(autocomplete=True)
    render = rendered(demo)
    assert {key: props_of(render, code)[key] for key in ("show_line_numbers", "wrap_lines", "max_lines")} == {
        "show_line_numbers": False, "wrap_lines": True, "max_lines": 12,
    }  # fmt: skip
    assert (props_of(render, plain)["show_line_numbers"], props_of(render, plain)["max_lines"]) == (True, None)


def test_multimodal_file_count_and_gradio_5_keywords() -> None:
    with gr.Blocks() as demo:
        single = gr.MultimodalTextbox(file_count="single")
        default = gr.MultimodalTextbox()
        with pytest.warns(UserWarning, match=r"MultimodalTextbox: sources=\['upload', 'microphone'\], stop_btn=True"):
            gr.MultimodalTextbox(sources=["upload", "microphone"], stop_btn=True)
    render = rendered(demo)
    assert (props_of(render, single)["file_count"], props_of(render, default)["file_count"]) == ("single", "multiple")
