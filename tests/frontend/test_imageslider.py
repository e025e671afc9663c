"""ImageSlider on a served page in Chromium: a function's pair is drawn as two pictures cut at the
divider, a function moves the divider, and an uploaded picture reaches the function as the
first of the pair."""

from __future__ import annotations

from typing import Any

from PIL import Image as PILImage
from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)
from .test_image import png_bytes, text_output

CUT = "() => getComputedStyle(document.querySelector('.nbb-slider-second')).clipPath"


def drawn_widths(page: Any) -> list[int]:
    return page.evaluate("[...document.querySelectorAll('.nbb-slider-stage img')].map((img) => img.naturalWidth)")


def test_a_functions_pair_is_drawn_cut_at_the_divider_that_a_function_moves(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        pair = gr.ImageSlider(label="Compare", format="png", slider_position=30)
        position = gr.Number(80, label="Position")
        gr.Button("Show").click(lambda: (PILImage.new("RGB", (40, 20)), PILImage.new("RGB", (60, 20))), None, pair)
        gr.Button("Move").click(lambda at: gr.ImageSlider(slider_position=at), position, pair)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Show").click()
    served_page.wait_for_function(
        "[...document.querySelectorAll('.nbb-slider-stage img')].every((img) => img.complete && img.naturalWidth > 0)"
    )
    assert drawn_widths(served_page) == [40, 60]
    divider = served_page.get_by_role("slider", name="Compare")
    expect(divider).to_have_value("30")
    assert served_page.evaluate(CUT) == "inset(0px 0px 0px 30%)"
    served_page.get_by_role("button", name="Move").click()
    expect(divider).to_have_value("80")
    assert served_page.evaluate(CUT) == "inset(0px 0px 0px 80%)"
    divider.focus()
    divider.press("Home")  # the user drags it back to the left edge
    served_page.wait_for_function(f"({CUT})() === 'inset(0px 0px 0px 0%)'")


def test_an_upload_reaches_the_function_as_the_first_picture(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        pair = gr.ImageSlider(type="pil", interactive=True, label="Pair")
        seen = gr.Textbox()
        pair.upload(lambda images: f"{images[0].size} {images[1]}", pair, seen)
    served_page.goto(launch(demo))
    chooser = served_page.locator(".nbb-image-body input[type=file]")
    chooser.set_input_files({"name": "red.png", "mimeType": "image/png", "buffer": png_bytes((40, 30), (255, 0, 0))})
    expect(text_output(served_page)).to_have_value("(40, 30) None")
