"""Image, Gallery and AnnotatedImage on a served page in Chromium: an image uploaded through the
real file chooser and pasted from the clipboard reaches the function, what it returns is drawn
(an <img> whose picture loaded), and clicks fire ``select`` with Gradio's SelectData."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image as PILImage
from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)


def png_bytes(size: tuple[int, int], color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def text_output(page: Any) -> Any:
    return page.locator(".nbb-textbox .nbb-input")


def loaded_width(page: Any, selector: str) -> None:
    """Wait until the <img> at ``selector`` has drawn its picture."""
    page.wait_for_function(
        "s => { const img = document.querySelector(s); return img && img.complete && img.naturalWidth > 0; }", arg=selector
    )


def test_an_uploaded_image_reaches_the_function_as_pil_and_its_result_is_drawn(
    launch, served_page, bundle, screenshots: Path
) -> None:
    with gr.Blocks() as demo:
        inp = gr.Image(type="pil", label="Photo")
        out = gr.Image(label="Flipped", format="png")
        size = gr.Textbox()
        inp.upload(
            lambda im: (im.transpose(PILImage.Transpose.FLIP_TOP_BOTTOM), f"{im.size[0]}x{im.size[1]} {im.mode}"),
            inp,
            [out, size],
        )
    served_page.goto(launch(demo))
    chooser = served_page.locator(".nbb-image input[type=file]").first
    expect(chooser).to_have_attribute("accept", "image/*")
    chooser.set_input_files({"name": "red.png", "mimeType": "image/png", "buffer": png_bytes((40, 30), (255, 0, 0))})
    expect(text_output(served_page)).to_have_value("40x30 RGB")
    output = ".nbb-image-picture"
    served_page.wait_for_function(
        "s => [...document.querySelectorAll(s)].filter((img) => img.complete && img.naturalWidth === 40).length === 2",
        arg=output,
    )  # the upload shown in the input, the function's picture in the output
    src = served_page.locator(output).nth(1).get_attribute("src")
    assert src and "/gradio_api/file=" in src and src.endswith(".png")
    served_page.screenshot(path=screenshots / "served_image_upload.png")


def test_a_click_on_the_picture_selects_its_pixel(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        image = gr.Image(np.zeros((50, 100, 3), dtype=np.uint8), format="png", height=400)
        where = gr.Textbox()

        def show(evt: gr.SelectData) -> str:
            return f"{list(evt.index)} {evt.value}"

        image.select(show, None, where)
    served_page.goto(launch(demo))
    loaded_width(served_page, ".nbb-image-picture")
    picture = served_page.locator(".nbb-image-picture")
    box = picture.bounding_box()
    assert box is not None
    # three quarters across and one fifth down the drawn picture: pixel (75, 10) of 100x50
    served_page.mouse.click(box["x"] + box["width"] * 0.755, box["y"] + box["height"] * 0.21)
    expect(text_output(served_page)).to_have_value("[75, 10] None")


def test_a_pasted_image_is_uploaded(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        inp = gr.Image(type="numpy", sources=["clipboard"])
        size = gr.Textbox()
        inp.upload(lambda a: f"{a.shape}", inp, size)
    served_page.goto(launch(demo))
    served_page.wait_for_selector(".nbb-image-stage")
    expect(served_page.get_by_role("button", name="Paste")).to_be_visible()
    expect(served_page.get_by_role("button", name="Upload")).to_be_hidden()  # not one of its sources
    served_page.evaluate(
        """async (bytes) => {
            const data = new DataTransfer();
            data.items.add(new File([new Uint8Array(bytes)], "pasted.png", { type: "image/png" }));
            const stage = document.querySelector(".nbb-image-stage");
            stage.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
        }""",
        list(png_bytes((7, 5), (0, 0, 255))),
    )
    expect(text_output(served_page)).to_have_value("(5, 7, 3)")


def test_a_gallery_shows_captions_and_a_click_selects_an_image(launch, served_page, bundle, screenshots: Path) -> None:
    with gr.Blocks() as demo:
        make = gr.Button("Make")
        gallery = gr.Gallery(columns=[1, 1, 1, 1, 3], format="png")  # 3 on a window 1200 px wide or more
        chosen = gr.Textbox()
        colors = {"red": (255, 0, 0), "green": (0, 255, 0), "blue": (0, 0, 255)}
        make.click(lambda: [(PILImage.new("RGB", (20, 10), c), name) for name, c in colors.items()], None, gallery)

        def picked(evt: gr.SelectData) -> str:
            return f"{evt.index} {evt.value['caption']} {evt.selected}"

        gallery.select(picked, None, chosen)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Make").click()
    items = served_page.locator(".nbb-gallery-item")
    expect(items).to_have_count(3)
    expect(served_page.locator(".nbb-gallery-item-caption")).to_have_text(["red", "green", "blue"])
    tops = {round(items.nth(i).bounding_box()["y"]) for i in range(3)}  # type: ignore[index]
    assert len(tops) == 1  # one row of three
    items.nth(1).click()
    expect(text_output(served_page)).to_have_value("1 green True")
    loaded_width(served_page, ".nbb-gallery-preview-image")  # the preview shows the chosen image
    expect(served_page.locator(".nbb-gallery-caption")).to_have_text("green")
    served_page.get_by_role("button", name="Next image").click()
    expect(text_output(served_page)).to_have_value("2 blue True")
    served_page.screenshot(path=screenshots / "served_gallery_select.png")


def test_an_annotated_image_legend_click_selects_the_annotation(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        annotated = gr.AnnotatedImage(
            (np.zeros((40, 60, 3), dtype=np.uint8), [((5, 5, 30, 30), "cat"), ((30, 10, 55, 35), "dog")]),
            color_map={"dog": "#00ff00"},
        )
        chosen = gr.Textbox()

        def picked(evt: gr.SelectData) -> str:
            return f"{evt.index} {evt.value}"

        annotated.select(picked, None, chosen)
    served_page.goto(launch(demo))
    loaded_width(served_page, ".nbb-annotated-base")
    expect(served_page.locator(".nbb-annotated-mask")).to_have_count(2)
    served_page.wait_for_function(
        "() => [...document.querySelectorAll('.nbb-annotated-mask')].every((m) => m.complete && m.naturalWidth === 60)"
    )
    served_page.get_by_role("button", name="dog").click()
    expect(text_output(served_page)).to_have_value("1 dog")


def test_images_uploaded_to_a_gallery_reach_the_function_as_path_caption_pairs(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        gallery = gr.Gallery(interactive=True)
        names = gr.Textbox()
        gallery.upload(lambda items: " ".join(f"{Path(p).name}:{c}" for p, c in items), gallery, names)
    served_page.goto(launch(demo))
    chooser = served_page.locator(".nbb-gallery input[type=file]")
    expect(chooser).to_have_attribute("accept", "image/*")
    chooser.set_input_files([
        {"name": "a.png", "mimeType": "image/png", "buffer": png_bytes((4, 4), (1, 2, 3))},
        {"name": "b.png", "mimeType": "image/png", "buffer": png_bytes((4, 4), (4, 5, 6))},
    ])  # fmt: skip
    expect(text_output(served_page)).to_have_value("a.png:None b.png:None")
    expect(served_page.locator(".nbb-gallery-item img")).to_have_count(2)
