"""gr.Image in the notebook's front end, in Chromium, with no HTTP server for the app: the
"image" chunk arrives over the comm, an uploaded picture travels as buffers into the kernel,
reaches the function as PIL, and the picture it returns comes back as buffers, drawn from a
blob URL (conftest.py `notebook_page`)."""

from __future__ import annotations

import io
import re

from PIL import Image as PILImage
from playwright.sync_api import expect

import nbblocks as gr


def test_an_image_in_as_pil_and_out_over_the_comm(notebook_page, page) -> None:
    seen: list[tuple[str, tuple[int, int]]] = []

    def rotate(image: PILImage.Image) -> PILImage.Image:
        seen.append((type(image).__name__, image.size))
        return image.rotate(90, expand=True)

    with gr.Blocks() as demo:
        inp, out = gr.Image(type="pil", label="In"), gr.Image(label="Out")
        inp.upload(rotate, inp, out)
    notebook_page(demo)
    picture = io.BytesIO()
    PILImage.new("RGB", (64, 32), (200, 0, 0)).save(picture, format="PNG")
    chooser = page.locator("#notebook .nbb-image input[type=file]").first
    chooser.set_input_files({"name": "wide.png", "mimeType": "image/png", "buffer": picture.getvalue()})
    output = page.locator("#notebook .nbb-image-picture").nth(1)
    expect(output).to_have_attribute("src", re.compile("^blob:"), timeout=30_000)  # bytes from the comm
    page.wait_for_function(
        "img => img.complete && img.naturalWidth === 32 && img.naturalHeight === 64", arg=output.element_handle()
    )
    assert seen == [("Image", (64, 32))]
    demo.close()
