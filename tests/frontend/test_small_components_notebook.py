"""Code and Timer as a notebook shows them (the widget's front end relayed to a real
`BlocksWidget`, no server): the code chunk arrives over the comm and an edit reaches the kernel;
a Timer ticks from the kernel into the page."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

import nbblocks as gr
from nbblocks.notebook import widget_for

from ..server.wire import wait_for


def test_a_code_edit_reaches_the_kernel_over_the_comm(notebook_page, page: Any) -> None:
    seen: list[str] = []
    with gr.Blocks() as demo:
        source = gr.Code("x = 1", language="python", interactive=True)
        source.change(seen.append, source, None)
    notebook_page(demo)
    editor = page.locator("#notebook .cm-content")
    expect(editor).to_have_text("x = 1")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("0")
    expect(editor).to_have_text("x = 10")
    wait_for(lambda: "x = 10" in seen, what="the edited code in the kernel")


def test_a_timer_ticks_from_the_kernel(notebook_page, page: Any) -> None:
    with gr.Blocks() as demo:
        timer = gr.Timer(0.1)
        ticks = gr.Number(0, elem_id="ticks")
        timer.tick(lambda n: n + 1, ticks, ticks)
    notebook_page(demo)
    page.wait_for_function("() => Number(document.querySelector('#ticks input')?.value) >= 3")
    timer.active = False  # from a later cell: the widget's session stops ticking (and the test leaves no clock running)
    ticks.value = -1
    expect(page.locator("#ticks input")).to_have_value("-1")
    wait_for(lambda: not widget_for(demo).session._ticking, what="the session's clock stopped")
