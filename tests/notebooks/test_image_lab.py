"""Image in a real JupyterLab: a PNG chosen through the widget's file chooser reaches the kernel's
function as PIL, and the picture it returns is drawn in the notebook, both ways over the widget's
comm (the kernel starts no server, the page requests no chunk or ``file=`` URL)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from PIL import Image as PILImage
from playwright.sync_api import expect

from .conftest import UI_TIMEOUT, JupyterServer, NotebookUI
from .test_jupyter_ui import rendered_app

APP = """\
from PIL import ImageOps
import nbblocks as gr

def flip(image):
    return ImageOps.mirror(image)

with gr.Blocks() as demo:
    inp, out = gr.Image(type="pil", label="In"), gr.Image(label="Out")
    gr.Button("Flip").click(flip, inp, out)
demo.launch()
"""
WIDTH, HEIGHT = 48, 24  # not square: a rotation instead of a flip would show in the natural size
RED, BLUE = (255, 0, 0), (0, 0, 255)
# Gradio's default output format, WebP, is lossy: a flat colour comes back within a few levels.
TOLERANCE = 24

PIXEL_JS = """([img, x, y]) => {
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const draw = canvas.getContext("2d");
    draw.drawImage(img, 0, 0);
    return Array.from(draw.getImageData(x, y, 1, 1).data.slice(0, 3));
}"""


def red_then_blue_png() -> bytes:
    """A PNG whose left half is red and right half blue."""
    picture = PILImage.new("RGB", (WIDTH, HEIGHT), BLUE)
    picture.paste(RED, (0, 0, WIDTH // 2, HEIGHT))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def pixel(img: Any, x: int, y: int) -> tuple[int, ...]:
    """The colour the page drew at (x, y) of ``img``'s picture, read back through a canvas."""
    return tuple(img.page.evaluate(PIXEL_JS, [img.element_handle(), x, y]))


def near(colour: tuple[int, ...], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= TOLERANCE for a, b in zip(colour, expected))


def test_an_image_goes_in_as_pil_and_comes_back_flipped_over_the_comm(
    jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path
) -> None:
    requested = notebook_ui.run_in_lab(jupyter, "image", APP, 'print("server:", demo.server)')
    app = rendered_app(notebook_ui, 0)
    source, result = app.locator(".nbb-image").nth(0), app.locator(".nbb-image").nth(1)
    with notebook_ui.page.expect_file_chooser() as chooser:
        source.get_by_role("button", name="Upload", exact=True).click()
    chooser.value.set_files({"name": "halves.png", "mimeType": "image/png", "buffer": red_then_blue_png()})
    expect(source.locator(".nbb-image-picture")).to_have_attribute("src", re.compile("^blob:"), timeout=UI_TIMEOUT)
    app.get_by_role("button", name="Flip", exact=True).click()

    flipped = result.locator(".nbb-image-picture")
    expect(flipped).to_have_attribute("src", re.compile("^blob:"), timeout=UI_TIMEOUT)  # bytes from the comm
    notebook_ui.page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=flipped.element_handle(), timeout=UI_TIMEOUT
    )
    assert flipped.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [WIDTH, HEIGHT]
    left, right = pixel(flipped, WIDTH // 4, HEIGHT // 2), pixel(flipped, 3 * WIDTH // 4, HEIGHT // 2)
    assert near(left, BLUE) and near(right, RED), (left, right)
    app.screenshot(path=screenshots / "jupyterlab-image.png")

    expect(notebook_ui.output(1)).to_contain_text("server: None", timeout=UI_TIMEOUT)
    assert not [url for url in requested if "/static/chunks/" in url or "file=" in url], requested
