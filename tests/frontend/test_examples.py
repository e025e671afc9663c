"""`gr.Examples` on a served page in Chromium: a click (or Enter) on a row fills the inputs, the
page buttons show the next rows, an image example is a thumbnail whose picture loads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image as PILImage
from playwright.sync_api import expect

import nbblocks as gr

from ..helpers import frame_messages
from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)

WAIT = 30_000  # ms: the machine is shared


def sample_rows(page: Any) -> Any:
    return page.locator(".nbb-dataset .nbb-dataset-sample")


def sets_value_of(message: Any, block_id: int) -> bool:
    """Whether a message from Python (any shape) sets the value of block ``block_id``."""
    if isinstance(message, list):
        return any(sets_value_of(item, block_id) for item in message)
    if isinstance(message, dict):
        props = message.get("props")
        if message.get("id") == block_id and isinstance(props, dict) and "value" in props:
            return True
        return any(sets_value_of(item, block_id) for item in message.values())
    return False


def test_a_click_on_a_row_fills_the_inputs_in_the_page_and_python_gets_them(
    launch, served_page, bundle, screenshots: Path
) -> None:
    with gr.Blocks() as demo:
        word, times = gr.Textbox(label="Word"), gr.Number(label="Times")
        out = gr.Textbox(label="Out")
        gr.Examples([["hi", 2], ["yo", 3]], [word, times], out, lambda w, t: " ".join([w] * int(t)), run_on_click=True)
    received: list[Any] = []
    served_page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.extend(frame_messages(frame))))
    served_page.goto(launch(demo))
    expect(sample_rows(served_page)).to_have_count(2, timeout=WAIT)
    before = len(received)
    sample_rows(served_page).nth(1).click()
    expect(served_page.get_by_label("Word")).to_have_value("yo", timeout=WAIT)
    expect(served_page.get_by_label("Times")).to_have_value("3", timeout=WAIT)
    expect(served_page.get_by_label("Out")).to_have_value("yo yo yo", timeout=WAIT)  # the function got them
    since = received[before:]
    assert not [m for m in since if sets_value_of(m, word._id) or sets_value_of(m, times._id)]  # no round trip
    expect(served_page.locator(".nbb-dataset th")).to_have_text(["Word", "Times"])  # the inputs' labels
    served_page.screenshot(path=screenshots / "served_examples.png")


def test_page_two_shows_the_next_rows_and_enter_picks_one(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        word = gr.Textbox(label="Word")
        gr.Examples(["a", "b", "c", "d", "e"], word, examples_per_page=2)
    served_page.goto(launch(demo))
    expect(sample_rows(served_page)).to_have_text(["a", "b"], timeout=WAIT)
    served_page.get_by_role("button", name="2", exact=True).click()
    expect(sample_rows(served_page)).to_have_text(["c", "d"], timeout=WAIT)
    served_page.get_by_role("button", name="3", exact=True).click()
    expect(sample_rows(served_page)).to_have_text(["e"], timeout=WAIT)
    sample_rows(served_page).first.focus()
    served_page.keyboard.press("Enter")
    expect(served_page.get_by_label("Word")).to_have_value("e", timeout=WAIT)
    expect(sample_rows(served_page).first).to_be_focused()  # picking keeps the rows and the focus
    expect(sample_rows(served_page).first).to_have_attribute("aria-selected", "true")


def test_many_pages_offer_the_first_the_last_and_those_near_the_current(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        gr.Examples([str(n) for n in range(30)], gr.Textbox(), examples_per_page=1)
    served_page.goto(launch(demo))
    pages = served_page.locator(".nbb-dataset-pages")
    expect(pages).to_have_text("123…30", timeout=WAIT)
    pages.get_by_role("button", name="30", exact=True).click()
    expect(pages).to_have_text("1…282930", timeout=WAIT)
    expect(sample_rows(served_page)).to_have_text(["29"], timeout=WAIT)
    pages.get_by_role("button", name="28", exact=True).click()
    expect(pages).to_have_text("1…2627282930", timeout=WAIT)


def test_an_image_example_is_a_thumbnail_that_loads_and_fills_the_image(launch, served_page, bundle, tmp_path: Path) -> None:
    PILImage.new("RGB", (12, 8), (0, 128, 255)).save(tmp_path / "blue.png")
    with gr.Blocks() as demo:
        picture = gr.Image(label="Picture")
        gr.Examples([str(tmp_path / "blue.png")], picture)
    served_page.goto(launch(demo))
    loaded = "s => { const img = document.querySelector(s); return img && img.complete && img.naturalWidth === 12; }"
    served_page.wait_for_function(loaded, arg=".nbb-dataset img.nbb-dataset-thumb", timeout=WAIT)
    served_page.locator(".nbb-dataset button.nbb-dataset-sample").click()
    served_page.wait_for_function(loaded, arg=".nbb-image img", timeout=WAIT)


def test_a_dataset_click_gives_the_sample_and_select_its_index_and_value(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        dataset = gr.Dataset(components=["textbox", "number"], samples=[["a", 1], ["b", 2]], label="Pick")
        clicked, selected = gr.Textbox(label="Clicked"), gr.Textbox(label="Selected")
        dataset.click(lambda sample: repr(sample), dataset, clicked)

        def show(evt: gr.SelectData) -> str:
            return f"{evt.index} {evt.value}"

        dataset.select(show, None, selected)
    served_page.goto(launch(demo))
    sample_rows(served_page).nth(1).click()
    expect(served_page.get_by_label("Clicked")).to_have_value("['b', 2]", timeout=WAIT)
    expect(served_page.get_by_label("Selected")).to_have_value("1 ['b', 2]", timeout=WAIT)
    expect(sample_rows(served_page).nth(1)).to_have_attribute("aria-selected", "true")
