"""Gradio 5/6 keywords and events drawn on a served page in Chromium: a Chatbot's thumbs where a
``like`` listener is set (and on the user's messages with ``like_user_message``) and its copy
event, Code's ``show_line_numbers``, ``wrap_lines`` and ``max_lines``, a Dataframe's ``edit``,
``show_row_numbers`` and ``max_chars``, a MultimodalTextbox with ``file_count="single"``, and a
range dragged on a LinePlot firing ``select`` (a double click, ``double_click``), and Audio's
``input`` on an upload and a clear."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

import nbblocks as gr
from tests.av_files import tone, write_wav

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)
from ..server.wire import wait_for

WAIT = 30_000  # ms: the machine is shared


def test_a_like_listener_draws_thumbs_and_like_user_message_puts_them_on_both_sides(launch, served_page, bundle) -> None:
    def liked(data: gr.LikeData) -> str:
        return f"{data.index} {data.value} {data.liked}"

    with gr.Blocks() as demo:
        history = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello there"}]
        bot = gr.Chatbot(history, type="messages", like_user_message=True, elem_id="liked")
        plain = gr.Chatbot(history, type="messages", elem_id="plain")
        out = gr.Textbox()
        bot.like(liked, None, out)
    served_page.goto(launch(demo))
    liked_log = served_page.locator("#liked")
    expect(liked_log.get_by_role("button", name="Like", exact=True)).to_have_count(2, timeout=WAIT)
    expect(served_page.locator("#plain .nbb-chat-row")).to_have_count(2)
    expect(served_page.locator("#plain").get_by_role("button", name="Like", exact=True)).to_have_count(0)
    liked_log.locator(".nbb-chat-user").get_by_role("button", name="Like", exact=True).click()
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("0 Hi True", timeout=WAIT)
    assert plain.likeable is False


def test_a_message_copied_fires_copy_with_its_text(launch, served_page, bundle) -> None:
    def copied(data: gr.CopyData) -> str:
        return f"copied {data.value}"

    with gr.Blocks() as demo:
        bot = gr.Chatbot([{"role": "assistant", "content": "Hello there"}], type="messages", buttons=["copy"])
        out = gr.Textbox()
        bot.copy(copied, None, out)
    served_page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    served_page.goto(launch(demo))
    served_page.locator(".nbb-chat-assistant").get_by_role("button", name="Copy").click(timeout=WAIT)
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("copied Hello there", timeout=WAIT)


def test_code_line_numbers_wrapping_and_max_lines(launch, served_page, bundle) -> None:
    long_line = "x = " + " + ".join(["1"] * 200)
    many_lines = "\n".join(f"line_{n} = {n}" for n in range(60))
    with gr.Blocks() as demo:
        gr.Code(long_line, language="python", show_line_numbers=False, wrap_lines=True, elem_id="wrapped")
        gr.Code(many_lines, language="python", max_lines=5, elem_id="capped")
        gr.Code(many_lines, language="python", elem_id="grown")
    served_page.goto(launch(demo))
    wrapped = served_page.locator("#wrapped")
    expect(wrapped.locator(".cm-content")).to_have_class("cm-content cm-lineWrapping", timeout=WAIT)
    expect(wrapped.locator(".cm-lineNumbers")).to_have_count(0)
    expect(served_page.locator("#capped .cm-lineNumbers")).to_have_count(1)
    heights = {
        name: served_page.locator(f"#{name} .cm-scroller").evaluate("el => el.getBoundingClientRect().height")
        for name in ("capped", "grown")
    }
    # five lines of 1.4 x 13 px (plus padding) against sixty lines growing with the text
    assert heights["capped"] < 120 < 600 < heights["grown"], heights
    # the wrapped line stays within the editor's width: no horizontal scroll
    assert wrapped.locator(".cm-scroller").evaluate("el => el.scrollWidth <= el.clientWidth + 1")


def test_a_cell_typed_into_fires_edit_with_the_previous_value(launch, served_page, bundle) -> None:
    def edited(data: gr.EditData) -> str:
        return f"{data.index} {data.previous_value} -> {data.value}"

    with gr.Blocks() as demo:
        frame = gr.Dataframe([["a", "b"], ["c", "d"]], headers=["x", "y"], interactive=True)
        out = gr.Textbox()
        frame.edit(edited, None, out)
    served_page.goto(launch(demo))
    cell = served_page.get_by_role("gridcell", name="d", exact=True)
    cell.click(timeout=WAIT)
    served_page.keyboard.press("Enter")  # edits, the text selected
    served_page.keyboard.type("z")
    served_page.keyboard.press("Enter")
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("[1, 1] d -> z", timeout=WAIT)


def test_dataframe_row_numbers_and_max_chars(launch, served_page, bundle) -> None:
    def selected(data: gr.SelectData) -> str:
        return data.value

    with gr.Blocks() as demo:
        frame = gr.Dataframe([["a short one", 1], ["tiny", 2]], headers=["text", "n"], max_chars=5, show_row_numbers=True)
        out = gr.Textbox()
        frame.select(selected, None, out)
    served_page.goto(launch(demo))
    expect(served_page.get_by_role("rowheader")).to_have_text(["1", "2"], timeout=WAIT)
    cut = served_page.get_by_role("gridcell", name="a sho…", exact=True)
    expect(cut).to_have_attribute("title", "a short one")
    expect(served_page.get_by_role("gridcell", name="tiny", exact=True)).not_to_have_attribute("title", "tiny")
    cut.click()  # the function gets the whole value
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("a short one", timeout=WAIT)


@pytest.mark.parametrize(("file_count", "kept"), [("single", ["second.txt"]), ("multiple", ["first.txt", "second.txt"])])
def test_multimodal_file_count(launch, served_page, bundle, file_count: str, kept: list[str]) -> None:
    with gr.Blocks() as demo:
        gr.MultimodalTextbox(file_count=file_count)  # type: ignore[arg-type]
    served_page.goto(launch(demo))
    chips = served_page.locator(".nbb-multimodal-file")
    for shown, name in enumerate(("first.txt", "second.txt"), start=1):
        with served_page.expect_file_chooser(timeout=WAIT) as chosen:
            served_page.get_by_role("button", name="Attach files").click()
        assert chosen.value.is_multiple() is (file_count != "single")
        chosen.value.set_files({"name": name, "mimeType": "text/plain", "buffer": b"notes"})
        expect(chips.last).to_contain_text(name, timeout=WAIT)
        expect(chips).to_have_count(min(shown, len(kept)) if file_count == "single" else shown)
    expect(chips).to_have_count(len(kept))
    for chip, name in zip(chips.all(), kept, strict=True):
        expect(chip).to_contain_text(name)


def test_a_range_dragged_on_a_line_plot_fires_select_and_a_double_click_double_click(launch, served_page, bundle) -> None:
    pd = pytest.importorskip("pandas")

    def selected(data: gr.SelectData) -> str:
        low, high = data.index
        return f"{round(low)} to {round(high)}"

    with gr.Blocks() as demo:
        plot = gr.LinePlot(pd.DataFrame({"weight": [0, 50, 100], "height": [1, 3, 2]}), x="weight", y="height", elem_id="line")
        out = gr.Textbox()
        plot.select(selected, None, out)
        plot.double_click(lambda: "reset", None, out)
    served_page.goto(launch(demo))
    chart = served_page.locator("#line svg.nbb-chart")
    expect(chart).to_be_visible(timeout=WAIT)
    box = chart.bounding_box()
    assert box is not None

    def at(weight: float) -> float:
        """The page x of ``weight``: the plot area runs from 56 to 624 of the chart's 640 units
        (no legend), 0 to 100 in weight."""
        return box["x"] + (56 + weight / 100 * 568) / 640 * box["width"]

    middle = box["y"] + box["height"] / 2
    served_page.mouse.move(at(20), middle)
    served_page.mouse.down()
    served_page.mouse.move(at(40), middle, steps=4)
    served_page.mouse.move(at(60), middle, steps=4)
    served_page.mouse.up()
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("20 to 60", timeout=WAIT)
    chart.dblclick()
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("reset", timeout=WAIT)


def test_audio_input_fires_on_an_upload_and_a_clear(launch, served_page, bundle, tmp_path: Path) -> None:
    heard: list[str] = []

    def hear(value: object) -> str:
        heard.append("input" if value is not None else "input cleared")
        return " ".join(heard)

    with gr.Blocks() as demo:
        audio = gr.Audio(elem_id="sound")
        out = gr.Textbox()
        audio.input(hear, audio, out)
    served_page.goto(launch(demo))
    with served_page.expect_file_chooser(timeout=WAIT) as chooser:
        served_page.get_by_text("Drop an audio file here").click()
    chooser.value.set_files(str(write_wav(tmp_path / "tone.wav", tone(0.5))))
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("input", timeout=WAIT)
    served_page.locator("#sound").get_by_role("button", name="Clear").click()
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("input input cleared", timeout=WAIT)


def test_a_chatbot_example_clicked_fires_example_select(launch, served_page, bundle) -> None:
    def picked(data: gr.SelectData, history: list[dict[str, str]]) -> list[dict[str, str]]:
        return [*history, {"role": "user", "content": data.value["text"]}]

    with gr.Blocks() as demo:
        bot = gr.Chatbot(type="messages", examples=[{"text": "Hello there", "display_text": "Greet"}, {"text": "Bye"}])
        bot.example_select(picked, bot, bot)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Greet").click(timeout=WAIT)
    expect(served_page.locator(".nbb-chat-user .nbb-chat-content")).to_have_text("Hello there", timeout=WAIT)
    expect(served_page.get_by_role("button", name="Bye")).to_be_hidden()  # the log is no longer empty


def test_chatbot_retry_undo_and_clear_where_listened(launch, served_page, bundle) -> None:
    def retried(data: gr.RetryData) -> str:
        return f"retry {data.index} {data.value}"

    def undone(data: gr.UndoData) -> str:
        return f"undo {data.index} {data.value}"

    history = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]
    with gr.Blocks() as demo:
        bot = gr.Chatbot(history, type="messages", elem_id="listened")
        gr.Chatbot(history, type="messages", elem_id="plain")
        out = gr.Textbox()
        bot.retry(retried, None, out)
        bot.undo(undone, None, out)
        bot.clear(lambda value: f"cleared to {value}", bot, out)
    served_page.goto(launch(demo))
    listened = served_page.locator("#listened")
    listened.get_by_role("button", name="Retry").click(timeout=WAIT)
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("retry 0 Hi", timeout=WAIT)
    listened.get_by_role("button", name="Undo").click()
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("undo 0 Hi", timeout=WAIT)
    expect(served_page.locator("#plain").get_by_role("button", name="Retry")).to_be_hidden()
    listened.get_by_role("button", name="Clear").click()
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("cleared to []", timeout=WAIT)
    expect(listened.locator(".nbb-chat-row")).to_have_count(0)
    expect(listened.get_by_role("button", name="Retry")).to_be_hidden()


def test_the_last_messages_options_fire_option_select(launch, served_page, bundle) -> None:
    def chosen(data: gr.SelectData) -> str:
        return f"{data.index} {data.value}"

    history = [
        {"role": "assistant", "content": "Earlier", "options": [{"value": "Old"}]},
        {"role": "assistant", "content": "Pick one", "options": [{"value": "a", "label": "Option A"}, {"value": "b"}]},
    ]
    with gr.Blocks() as demo:
        bot = gr.Chatbot(history, type="messages")
        out = gr.Textbox()
        bot.option_select(chosen, None, out)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Option A").click(timeout=WAIT)
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("1 a", timeout=WAIT)
    expect(served_page.get_by_role("button", name="Old")).to_be_hidden()  # not the last message


def test_an_editable_chatbots_message_edited_in_place_fires_edit(launch, served_page, bundle) -> None:
    def edited(data: gr.EditData, history: list[dict[str, str]]) -> str:
        return f"{data.index}: {data.previous_value} -> {data.value}; now {history[0]['content']}"

    history = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]
    with gr.Blocks() as demo:
        bot = gr.Chatbot(history, type="messages", editable="user")
        out = gr.Textbox()
        bot.edit(edited, bot, out)
    served_page.goto(launch(demo))
    expect(served_page.locator(".nbb-chat-assistant").get_by_role("button", name="Edit")).to_have_count(0, timeout=WAIT)
    served_page.locator(".nbb-chat-user").get_by_role("button", name="Edit").click()
    served_page.get_by_label("Edited message").fill("Hey")
    served_page.get_by_role("button", name="Save").click()
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("0: Hi -> Hey; now Hey", timeout=WAIT)
    expect(served_page.locator(".nbb-chat-user .nbb-chat-content")).to_have_text("Hey")


def test_a_gallerys_preview_opened_and_closed_fires_preview_open_and_preview_close(launch, served_page, bundle) -> None:
    from PIL import Image as PILImage

    heard: list[str] = []

    def hear(name: str) -> Callable[[], str]:
        def listener() -> str:
            heard.append(name)
            return " ".join(heard)

        return listener

    with gr.Blocks() as demo:
        gallery = gr.Gallery([(PILImage.new("RGB", (20, 10), "red"), "red"), (PILImage.new("RGB", (20, 10), "blue"), "blue")])
        out = gr.Textbox()
        gallery.preview_open(hear("open"), None, out)
        gallery.preview_close(hear("close"), None, out)
    served_page.goto(launch(demo))
    served_page.locator(".nbb-gallery-item").first.click(timeout=WAIT)
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("open", timeout=WAIT)
    served_page.get_by_role("button", name="Close preview").click()
    expect(served_page.locator(".nbb-textbox .nbb-input")).to_have_value("open close", timeout=WAIT)


def test_an_images_alt_text_is_its_pictures_alt(launch, served_page, bundle) -> None:
    from PIL import Image as PILImage

    with gr.Blocks() as demo:
        gr.Image(PILImage.new("RGB", (20, 10), "red"), alt_text="A red rectangle", elem_id="described")
    served_page.goto(launch(demo))
    expect(served_page.locator("#described .nbb-image-picture")).to_have_attribute("alt", "A red rectangle", timeout=WAIT)


def test_loop_makes_the_players_start_again(launch, served_page, bundle, tmp_path: Path) -> None:
    clip = str(write_wav(tmp_path / "short.wav", tone(0.5)))
    with gr.Blocks() as demo:
        gr.Audio(clip, loop=True, elem_id="looped")
        gr.Audio(clip, elem_id="once")
        gr.Video(clip, loop=True, elem_id="film")
    served_page.goto(launch(demo))
    for selector, looped in (("#looped audio", True), ("#once audio", False), ("#film video[controls]", True)):
        served_page.wait_for_function(
            "([sel, looped]) => { const m = document.querySelector(sel); return m && m.src && m.loop === looped; }",
            arg=[selector, looped], timeout=WAIT,
        )  # fmt: skip


def test_gradio_6_layout_and_field_keywords_are_drawn(launch, served_page, bundle) -> None:
    """Heights on a Row and an Accordion, Markdown's and JSON's bounds, a Label without its
    heading, a right-to-left Radio, a Textbox's HTML attributes."""
    with gr.Blocks() as demo:
        with gr.Row(height=240, min_height=100, elem_id="tall-row"):
            gr.Markdown("# Notes", max_height=120, padding=True, elem_id="notes")
        with gr.Accordion("More", max_height=150, elem_id="more"):
            gr.Label({"cat": 0.9, "dog": 0.1}, show_heading=False, elem_id="guess")
        gr.Radio(["one", "two"], label="Pick", rtl=True, elem_id="pick")
        gr.Textbox(label="Code", html_attributes=gr.InputHTMLAttributes(spellcheck=False, autocapitalize="off"))
        gr.JSON({"a": 1}, min_height=80, elem_id="tree")
    served_page.goto(launch(demo))
    row = served_page.locator("#tall-row")
    expect(row).to_have_css("height", "240px", timeout=30_000)
    expect(served_page.locator("#notes .nbb-prose")).to_have_css("max-height", "120px")
    expect(served_page.locator("#notes .nbb-prose")).not_to_have_css("padding-top", "0px")
    expect(served_page.locator("#more .nbb-accordion-body")).to_have_css("max-height", "150px")
    expect(served_page.locator("#guess .nbb-label-top")).to_have_count(0)  # no heading, the bars stay
    expect(served_page.locator("#guess").get_by_text("cat")).to_be_visible()
    expect(served_page.locator("#pick .nbb-options")).to_have_attribute("dir", "rtl")
    field = served_page.get_by_label("Code")
    expect(field).to_have_attribute("spellcheck", "false")
    expect(field).to_have_attribute("autocapitalize", "off")
    expect(served_page.locator("#tree .nbb-json")).to_have_css("min-height", "80px")


def test_a_link_button_opens_its_link_where_link_target_says(launch, served_page, bundle, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        gr.Button("Same tab", link="/gradio_api/info", link_target="_self")
    url = launch(demo)
    served_page.goto(url)
    served_page.get_by_role("button", name="Same tab").click()
    served_page.wait_for_url(url + "gradio_api/info", timeout=30_000)  # this page went there, no new tab
    assert len(served_page.context.pages) == 1


def test_select_all_checks_every_choice_and_python_gets_them(launch, served_page, bundle) -> None:
    seen: list[list[str]] = []
    with gr.Blocks() as demo:
        group = gr.CheckboxGroup(["red", "green", "blue"], label="Colours", show_select_all=True)
        group.change(seen.append, group, None)
        gr.CheckboxGroup(["x"], label="Plain")
    served_page.goto(launch(demo))
    select_all = served_page.get_by_label("Select All")
    expect(select_all).to_have_count(1, timeout=30_000)  # the plain group has none
    select_all.check()
    for colour in ("red", "green", "blue"):
        expect(served_page.get_by_label(colour)).to_be_checked()
    served_page.get_by_label("green").uncheck()
    expect(select_all).not_to_be_checked()
    assert served_page.evaluate("el => el.indeterminate", select_all.element_handle()) is True
    select_all.check()
    wait_for(lambda: seen and seen[-1] == ["red", "green", "blue"], what="every colour in Python")
