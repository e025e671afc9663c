"""gr.Image's webcam on a served page, with Chromium's fake camera (a moving test pattern): a
capture reaches the function as a frame of the camera's size, and ``streaming=True`` sends
frames continuously, each running the ``stream`` listener."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

import nbblocks as gr

from ..conftest import CHROMIUM, CHROMIUM_ARGS
from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)

FAKE_MEDIA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


@pytest.fixture(scope="module")
def camera_browser(browser: Any) -> Iterator[Any]:
    """A second Chromium (same Playwright) whose camera is the fake device, allowed without asking."""
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *FAKE_MEDIA])
    yield chromium
    chromium.close()


@pytest.fixture()
def page(camera_browser: Any) -> Iterator[Any]:
    """This module's pages come from the camera browser (`served_page` builds on this)."""
    context = camera_browser.new_context(viewport={"width": 1200, "height": 900}, permissions=["camera"])
    yield context.new_page()
    context.close()


def text_output(page: Any) -> Any:
    return page.locator(".nbb-textbox .nbb-input")


def test_a_webcam_capture_reaches_the_function(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        camera = gr.Image(sources=["webcam"], type="numpy", mirror_webcam=False)
        shape = gr.Textbox()
        camera.change(lambda frame: "none" if frame is None else f"{frame.shape[1]}x{frame.shape[0]}", camera, shape)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Webcam").click()
    served_page.wait_for_function("() => document.querySelector('.nbb-image-webcam').videoWidth > 0")
    size = served_page.evaluate(
        "() => { const v = document.querySelector('.nbb-image-webcam'); return `${v.videoWidth}x${v.videoHeight}`; }"
    )
    expect(served_page.locator(".nbb-image-webcam")).not_to_have_class(re.compile("nbb-image-mirrored"))
    served_page.get_by_role("button", name="Capture").click()
    expect(text_output(served_page)).to_have_value(size)
    served_page.wait_for_function(
        "() => { const img = document.querySelector('.nbb-image-picture'); return img.complete && img.naturalWidth > 0; }"
    )  # the capture is shown in place of the live video
    expect(served_page.locator(".nbb-image-webcam")).to_be_hidden()


def test_streaming_sends_frames_each_running_the_stream_listener(launch, served_page, bundle) -> None:
    frames: list[tuple[int, ...]] = []
    enough = threading.Event()

    def count(frame: Any) -> str:
        frames.append(frame.shape)
        if len(frames) >= 5:
            enough.set()
        return str(len(frames))

    with gr.Blocks() as demo:
        camera = gr.Image(sources=["webcam"], streaming=True)
        seen = gr.Textbox()
        camera.stream(count, camera, seen)
    served_page.goto(launch(demo))
    expect(served_page.get_by_role("button", name="Capture")).to_be_hidden()
    served_page.get_by_role("button", name="Webcam").click()
    expect(served_page.locator(".nbb-image-webcam")).to_have_class(re.compile("nbb-image-mirrored"))
    assert enough.wait(30), f"only {len(frames)} frames streamed"
    assert len({shape for shape in frames}) == 1 and len(frames[0]) == 3  # whole RGB frames, all one size
    expect(text_output(served_page)).to_have_value(re.compile(r"^([5-9]|\d\d+)$"))  # each frame's result shown
    served_page.get_by_role("button", name="Clear").click()  # releases the camera, which ends the stream
    served_page.wait_for_function(
        "() => { const v = document.querySelector('.nbb-image-webcam'); return v.hidden && !v.srcObject; }"
    )
