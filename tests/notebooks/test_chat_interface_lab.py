"""gr.ChatInterface in a real JupyterLab: a turn typed in the notebook, its reply streamed from
the kernel over the widget's comm, with Stop shown while it streams; Retry answers the last
message again, Undo puts it back in the box."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from .conftest import UI_TIMEOUT, JupyterServer, NotebookUI
from .test_jupyter_ui import rendered_app

# The reply's second part waits until the test has seen the first (a file in the notebook's
# folder says so): the page must show a reply while it is still streaming.
APP = """
import itertools, os, time
import nbblocks as gr
calls = itertools.count(1)

def stream(message, history):
    yield f"Hello {message}"
    deadline = time.monotonic() + 60
    while not os.path.exists("chat-go") and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"Hello {message}, from the kernel ({next(calls)})"

gr.ChatInterface(stream).launch()
"""


def test_a_turn_streams_its_reply_then_retry_and_undo_in_jupyterlab(jupyter: JupyterServer, notebook_ui: NotebookUI, screenshots: Path) -> None:
    notebook_ui.run_in_lab(jupyter, "chat_interface", APP)
    app = rendered_app(notebook_ui, 0)
    box = app.locator(".nbb-textbox .nbb-input")
    box.fill("Ada")
    box.press("Enter")
    reply = app.locator(".nbb-chat-assistant .nbb-chat-content")
    expect(app.locator(".nbb-chat-user .nbb-chat-content")).to_have_text("Ada", timeout=UI_TIMEOUT)
    expect(reply).to_have_text("Hello Ada", timeout=UI_TIMEOUT)
    stop = app.get_by_role("button", name="Stop")
    expect(stop).to_be_visible(timeout=UI_TIMEOUT)
    (jupyter.root / "chat-go").touch()
    expect(reply).to_have_text("Hello Ada, from the kernel (1)", timeout=UI_TIMEOUT)
    expect(stop).to_be_hidden(timeout=UI_TIMEOUT)
    expect(box).to_have_value("")
    app.get_by_role("button", name="Retry").click()
    expect(reply).to_have_text("Hello Ada, from the kernel (2)", timeout=UI_TIMEOUT)
    expect(app.locator(".nbb-chat-user")).to_have_count(1)
    app.get_by_role("button", name="Undo").click()
    expect(app.locator(".nbb-chat-row")).to_have_count(0, timeout=UI_TIMEOUT)
    expect(box).to_have_value("Ada", timeout=UI_TIMEOUT)
    app.screenshot(path=screenshots / "jupyterlab-chat-interface.png")
