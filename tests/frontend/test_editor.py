"""ImageEditor, Sketchpad and ImageMask in Chromium, served and in the notebook's front end:
strokes drawn with the mouse, the eraser, layers, crop, undo, the background's sources (upload,
paste, a fake webcam), each read back in Python from the value the page uploaded (its composite,
background and layers as PNG files in the app's cache)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import PIL.Image
import pytest
from playwright.sync_api import expect

import nbblocks as gr

from ..conftest import CHROMIUM, CHROMIUM_ARGS
from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)
from ..server.wire import wait_for

BLACK, WHITE, CLEAR = [0, 0, 0, 255], [255, 255, 255, 255], [0, 0, 0, 0]


class Edits:
    """The values an editor's ``input`` listener received, in order."""

    def __init__(self) -> None:
        self.values: list[dict[str, Any]] = []

    def record(self, value: dict[str, Any]) -> None:
        self.values.append(value)

    def next(self, seen: int) -> dict[str, Any]:
        """The first value after the ``seen`` ones already read."""
        wait_for(lambda: len(self.values) > seen, what="the editor's value in Python")
        return self.values[seen]


def stroke(page: Any, points: list[tuple[float, float]]) -> None:
    """Drags the mouse through ``points``, given in the image's pixels, on the editor's canvas."""
    canvas = page.locator(".nbb-editor-canvas")
    box = canvas.bounding_box()
    width, height = canvas.evaluate("c => [c.width, c.height]")

    def at(x: float, y: float) -> tuple[float, float]:
        return box["x"] + x * box["width"] / width, box["y"] + y * box["height"] / height

    page.mouse.move(*at(*points[0]))
    page.mouse.down()
    for point in points[1:]:
        page.mouse.move(*at(*point), steps=8)
    page.mouse.up()


def sketchpad_app(edits: Edits, **options: Any) -> gr.Blocks:
    with gr.Blocks() as demo:
        pad = gr.Sketchpad(canvas_size=(200, 100), brush=gr.Brush(default_size=4, colors=["#000000"]), **options)
        pad.input(edits.record, pad, None)
    return demo


def test_a_stroke_drawn_with_the_mouse_is_in_the_composite_then_erased(launch, served_page, bundle, screenshots: Path) -> None:
    edits = Edits()
    served_page.goto(launch(sketchpad_app(edits)))
    expect(served_page.locator(".nbb-editor-canvas")).to_be_visible()
    stroke(served_page, [(20, 50), (180, 50)])
    value = edits.next(0)
    composite, (layer,) = value["composite"], value["layers"]
    assert composite.shape == (100, 200, 4)  # the canvas size, the pixels as numpy (type's default)
    assert composite[50, 100].tolist() == BLACK  # under the stroke: the brush's colour
    assert composite[10, 100].tolist() == WHITE and composite[50, 195].tolist() == WHITE  # the paper elsewhere
    assert value["background"][50, 100].tolist() == WHITE  # the stroke is on the layer, not the paper
    assert layer[50, 100].tolist() == BLACK and layer[10, 100].tolist() == CLEAR
    served_page.screenshot(path=screenshots / "editor_stroke.png")

    served_page.get_by_role("button", name="Eraser").click()
    stroke(served_page, [(80, 50), (120, 50)])
    erased = edits.next(1)["composite"]
    assert erased[50, 100].tolist() == WHITE  # rubbed out
    assert erased[50, 40].tolist() == BLACK and erased[50, 160].tolist() == BLACK  # the rest of the stroke stays

    served_page.get_by_role("button", name="Undo").click()
    assert edits.next(2)["composite"][50, 100].tolist() == BLACK  # the erasing undone


def test_strokes_made_while_a_send_is_under_way_go_in_one_send(launch, served_page, bundle) -> None:
    edits = Edits()
    served_page.goto(launch(sketchpad_app(edits)))
    held: list[Any] = []

    def hold_the_first(route: Any) -> None:
        if held:
            route.continue_()
        else:
            held.append(route)  # the first send's upload waits until the test lets it go

    served_page.route("**/gradio_api/upload**", hold_the_first)
    stroke(served_page, [(20, 20), (60, 20)])
    # Playwright runs route handlers while the test is in one of its calls: poll through one
    wait_for(lambda: served_page.evaluate("true") and bool(held), what="the first upload held")
    stroke(served_page, [(20, 50), (60, 50)])
    stroke(served_page, [(20, 80), (60, 80)])
    held[0].continue_()
    wait_for(lambda: served_page.evaluate("true") and len(edits.values) >= 2, what="two values")
    first, second = edits.values
    assert first["composite"][20, 40].tolist() == BLACK and first["composite"][50, 40].tolist() == WHITE
    assert second["composite"][50, 40].tolist() == BLACK and second["composite"][80, 40].tolist() == BLACK


def test_the_size_slider_widens_the_brush_and_height_sizes_the_canvas(launch, served_page, bundle) -> None:
    edits = Edits()
    served_page.goto(launch(sketchpad_app(edits, height=150)))
    expect(served_page.locator(".nbb-editor-stage")).to_have_css("height", "150px")
    served_page.get_by_label("Brush size").fill("12")
    stroke(served_page, [(20, 50), (180, 50)])
    composite = edits.next(0)["composite"]
    assert composite[50 + 10, 100].tolist() == BLACK  # 10 px off the line: inside a 12 px radius, not the default 4
    assert composite[50 + 15, 100].tolist() == WHITE


def test_layers_added_drawn_on_and_hidden(launch, served_page, bundle) -> None:
    edits = Edits()
    served_page.goto(launch(sketchpad_app(edits)))
    stroke(served_page, [(20, 20), (60, 20)])
    edits.next(0)
    served_page.get_by_role("button", name="Add layer").click()
    assert len(edits.next(1)["layers"]) == 2
    expect(served_page.get_by_role("button", name="Layer 2", exact=True)).to_have_attribute("aria-pressed", "true")
    stroke(served_page, [(20, 80), (60, 80)])
    first, second = edits.next(2)["layers"]
    assert second[80, 40].tolist() == BLACK and second[20, 40].tolist() == CLEAR  # the new stroke on the new layer
    assert first[80, 40].tolist() == CLEAR and first[20, 40].tolist() == BLACK

    served_page.get_by_role("button", name="Hide Layer 1").click()
    hidden = edits.next(3)
    assert hidden["composite"][20, 40].tolist() == WHITE  # a hidden layer is not in the composite...
    assert hidden["composite"][80, 40].tolist() == BLACK
    assert hidden["layers"][0][20, 40].tolist() == BLACK  # ...but still sent, as Gradio sends it


def test_an_uploaded_background_is_cropped(launch, served_page, bundle, tmp_path: Path) -> None:
    edits = Edits()
    uploads: list[str] = []
    applied: list[tuple[int, int]] = []
    with gr.Blocks() as demo:
        editor = gr.ImageEditor(type="pil", image_mode="RGB")
        editor.input(edits.record, editor, None)
        editor.upload(lambda value: uploads.append(value["background"].size), editor, None)
        editor.apply(lambda value: applied.append(value["composite"].size), editor, None)
    picture = PIL.Image.new("RGB", (300, 200), "white")
    picture.paste((0, 0, 255), (0, 0, 150, 100))  # the top-left quarter blue
    picture.save(tmp_path / "quarters.png")
    served_page.goto(launch(demo))
    with served_page.expect_file_chooser() as chosen:
        served_page.get_by_role("button", name="Upload image").click()
    chosen.value.set_files(str(tmp_path / "quarters.png"))
    background = edits.next(0)["background"]
    assert background.size == (300, 200) and background.getpixel((10, 10)) == (0, 0, 255)
    wait_for(lambda: uploads == [(300, 200)], what="the upload event")

    served_page.get_by_role("button", name="Crop").click()
    stroke(served_page, [(150, 100), (2, 2)])  # from the middle up to the corner (the edge itself is the border)
    served_page.get_by_role("button", name="Apply crop").click()
    cropped = edits.next(1)
    width, height = cropped["composite"].size
    assert 145 <= width <= 150 and 95 <= height <= 100, (width, height)
    pixels = np.asarray(cropped["background"])
    assert (pixels[2:-2, 2:-2] == [0, 0, 255]).all()  # only the blue quarter is left
    wait_for(lambda: len(applied) == 1, what="the apply event")
    assert applied[0] == cropped["composite"].size


def canvas_pixel(page: Any, x: int, y: int) -> list[int]:
    """The editor's canvas pixel at image coordinates (x, y), as RGBA."""
    return page.locator(".nbb-editor-canvas").evaluate(
        "(c, [x, y]) => Array.from(c.getContext('2d').getImageData(x, y, 1, 1).data)", [x, y]
    )


def test_a_palette_colour_paints_and_a_value_from_python_is_drawn(launch, served_page, bundle) -> None:
    edits = Edits()
    cleared: list[Any] = []
    with gr.Blocks() as demo:
        editor = gr.ImageEditor(canvas_size=(120, 80), brush=gr.Brush(default_size=5), format="png")
        editor.input(edits.record, editor, None)
        editor.clear(cleared.append, editor, None)
        gr.Button("Show red").click(lambda: np.full((10, 20, 3), [255, 0, 0], dtype=np.uint8), None, editor)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="rgb(50, 112, 204)").click()
    stroke(served_page, [(10, 40), (110, 40)])
    painted = edits.next(0)
    assert painted["composite"][40, 60].tolist() == [50, 112, 204, 255]
    assert painted["background"] is None  # nothing uploaded: no background, as Gradio sends it

    served_page.get_by_role("button", name="Show red").click()
    served_page.wait_for_function("() => document.querySelector('.nbb-editor-canvas').width === 20")
    assert canvas_pixel(served_page, 5, 5) == [255, 0, 0, 255]  # Python's image on the canvas
    add = served_page.get_by_role("button", name="Add layer")
    add.focus()
    served_page.keyboard.press("Enter")  # real buttons: the keyboard reaches every tool
    on_red = edits.next(1)
    assert on_red["background"][5, 5].tolist() == [255, 0, 0, 255] and len(on_red["layers"]) == 2

    served_page.get_by_role("button", name="Clear").click()
    wait_for(lambda: cleared == [None], what="the clear event with no value")


def test_a_pasted_image_becomes_the_mask_background(launch, served_page, bundle, tmp_path: Path) -> None:
    edits = Edits()
    with gr.Blocks() as demo:
        mask = gr.ImageMask(brush=gr.Brush(default_size=3, colors=["#000000"], color_mode="fixed"))
        mask.upload(edits.record, mask, None)
        mask.input(edits.record, mask, None)
    picture = tmp_path / "green.png"
    PIL.Image.new("RGB", (60, 40), (0, 200, 0)).save(picture)
    served_page.goto(launch(demo))
    expect(served_page.get_by_label("Custom colour")).to_be_hidden()  # color_mode="fixed": the palette only
    served_page.locator(".nbb-editor-body").evaluate(
        """(el, bytes) => {
            const data = new DataTransfer();
            data.items.add(new File([new Uint8Array(bytes)], "green.png", { type: "image/png" }));
            el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
        }""",
        list(picture.read_bytes()),
    )
    uploaded = edits.next(0)  # upload, then input: both listeners see the pasted image
    assert uploaded["background"].shape == (40, 60, 4) and uploaded["background"][0, 0].tolist() == [0, 200, 0, 255]
    edits.next(1)
    stroke(served_page, [(10, 20), (50, 20)])
    (drawn_mask,) = edits.next(2)["layers"]
    assert drawn_mask[20, 30].tolist() == BLACK and drawn_mask[5, 30].tolist() == CLEAR  # the mask: only the stroke


@pytest.fixture(scope="module")
def camera_browser(browser: Any) -> Iterator[Any]:
    """A second Chromium, from the same Playwright, whose webcam is Chromium's fake device (a
    moving test pattern), allowed without asking."""
    fake = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + fake)
    yield chromium
    chromium.close()


def test_a_webcam_capture_becomes_the_background(launch, camera_browser, bundle) -> None:
    edits = Edits()
    with gr.Blocks() as demo:
        editor = gr.ImageEditor(sources=["webcam"], format="png")
        editor.upload(edits.record, editor, None)
    context = camera_browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.goto(launch(demo))
        expect(page.get_by_role("button", name="Upload image")).to_be_hidden()  # sources: the webcam only
        page.get_by_role("button", name="Webcam").click()
        expect(page.locator(".nbb-editor-webcam")).to_have_class("nbb-editor-webcam nbb-editor-mirror")  # mirror_webcam
        page.wait_for_function("() => document.querySelector('.nbb-editor-webcam').videoWidth > 0")
        width, height = page.locator(".nbb-editor-webcam").evaluate("v => [v.videoWidth, v.videoHeight]")
        page.get_by_role("button", name="Capture").click()
        background = edits.next(0)["background"]
        assert background.shape == (height, width, 4)
        assert background[..., :3].std() > 0  # a picture, not a blank frame
        expect(page.locator(".nbb-editor-webcam")).to_be_hidden()
    finally:
        context.close()


def test_crop_size_keeps_the_crop_square_and_an_output_only_editor_shows_and_downloads(launch, served_page, bundle) -> None:
    edits = Edits()
    with gr.Blocks() as demo:
        editor = gr.ImageEditor(crop_size="1:1", format="png")
        shown = gr.ImageEditor(label="Result", format="png")
        editor.apply(edits.record, editor, None)
        editor.apply(lambda value: value, editor, shown)
        gr.Button("Load").click(lambda: np.full((60, 100, 3), 255, dtype=np.uint8), None, editor)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Load", exact=True).click()
    editor_canvas = served_page.locator(".nbb-editor-canvas").first
    expect(editor_canvas).to_have_js_property("width", 100)
    served_page.get_by_role("button", name="Crop").click()
    served_page.get_by_role("button", name="Apply crop").click()  # the box as it opens: the largest square
    cropped = edits.next(0)
    assert cropped["composite"].shape[:2] == (60, 60)

    result = served_page.locator(".nbb-editor-canvas").nth(1)
    expect(result).to_have_js_property("width", 60)  # the output shows Python's value...
    result_block = served_page.locator(".nbb-editor-body").nth(1)
    expect(result_block.get_by_role("button")).to_have_text(["Download"])  # ...with no tools: it is not interactive
    with served_page.expect_download() as downloading:
        result_block.get_by_role("button", name="Download").click()
    with PIL.Image.open(downloading.value.path()) as downloaded:
        assert downloaded.size == (60, 60) and downloaded.format == "PNG"  # the composite, as shown


def test_in_a_notebook_a_stroke_arrives_as_files_over_the_comm(notebook_page, page) -> None:
    """The notebook's front end (no HTTP server): the editor chunk and the PNGs travel over the comm."""
    edits = Edits()
    with gr.Blocks() as demo:
        pad = gr.Sketchpad(canvas_size=(120, 60), brush=gr.Brush(default_size=4, colors=["#000000"]), type="filepath")
        pad.input(edits.record, pad, None)
    notebook_page(demo)
    expect(page.locator("#notebook .nbb-editor-canvas")).to_be_visible()  # the chunk came over the comm
    stroke(page, [(10, 30), (110, 30)])
    # the page's messages reach the kernel while the test is in a Playwright call: wait through one
    wait_for(lambda: page.evaluate("true") and bool(edits.values), what="the editor's value in the kernel")
    (value,) = edits.values
    for path in [value["background"], value["composite"], *value["layers"]]:
        assert demo.file_cache.contains(path)  # each PNG uploaded into the kernel's cache
    with PIL.Image.open(value["composite"]) as composite:
        assert composite.getpixel((60, 30)) == (0, 0, 0, 255) and composite.getpixel((60, 5)) == (255, 255, 255, 255)
    demo.close()
