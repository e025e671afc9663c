"""ColorPicker, DateTime and HighlightedText on a served page in Chromium: a colour picked and a
date typed or picked reach the function (text Python could not read is marked and not sent); spans
are tinted by category, and a click on one reaches the function."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)
from ..server.wire import wait_for


def text_output(page: Any) -> Any:
    return page.locator(".nbb-textbox .nbb-input")


def test_a_colour_picked_reaches_the_function(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        picker = gr.ColorPicker("#336699", label="Colour")
        out = gr.Textbox()
        picker.change(lambda colour: f"picked {colour}", picker, out)
    served_page.goto(launch(demo))
    swatch = served_page.get_by_label("Colour")
    expect(swatch).to_have_value("#336699")
    swatch.fill("#ff8800")  # what the colour dialog does: sets the value, fires input and change
    expect(text_output(served_page)).to_have_value("picked #ff8800")


def test_a_date_typed_or_picked_reaches_the_function(launch, served_page, bundle) -> None:
    events: list[str] = []
    with gr.Blocks() as demo:
        when = gr.DateTime("2024-01-01 00:00:00", type="string", label="When")
        out = gr.Textbox()
        when.change(lambda text: f"changed {text}", when, out)
        when.submit(lambda text: events.append(f"submit {text}"), when, None)
    served_page.goto(launch(demo))
    field = served_page.get_by_label("When")
    expect(field).to_have_value("2024-01-01 00:00:00")
    field.fill("2024-05-06 07:08")  # no seconds: Python could not read it
    field.press("Enter")
    expect(field).to_have_attribute("aria-invalid", "true")
    field.fill("2024-05-06 07:08:09")
    field.press("Enter")
    expect(text_output(served_page)).to_have_value("changed 2024-05-06 07:08:09")
    expect(field).to_have_attribute("aria-invalid", "false")
    served_page.get_by_label("Pick a date").fill("2025-12-24T18:30:15")
    expect(text_output(served_page)).to_have_value("changed 2025-12-24 18:30:15")
    expect(field).to_have_value("2025-12-24 18:30:15")
    wait_for(lambda: events == ["submit 2024-05-06 07:08:09"], what="one submit, for the Enter on readable text")


def test_highlighted_spans_are_tinted_and_selectable(launch, served_page, bundle) -> None:
    spans = [("Ada", "PER"), (" met ", None), ("Alan", "PER"), (" in ", None), ("London", "LOC"), ("!", 0.9)]
    with gr.Blocks() as demo:
        text = gr.HighlightedText(spans, color_map={"LOC": "#00ff00"}, label="Entities")
        gr.HighlightedText(spans, show_legend=True, label="With legend")
        out = gr.Textbox()

        def chosen(event: gr.SelectData) -> str:
            return f"{event.index}: {event.value}"

        text.select(chosen, None, out)
    served_page.goto(launch(demo))
    tree = served_page.get_by_role("group", name="Entities", exact=True)
    expect(tree.locator(".nbb-highlight-label")).to_have_text(["PER", "PER", "LOC"])  # named after each span
    marks = tree.locator("mark")
    backgrounds = marks.evaluate_all("nodes => nodes.map((n) => getComputedStyle(n).backgroundColor)")
    assert backgrounds[0] == backgrounds[1] != backgrounds[2]  # one colour per category
    assert backgrounds[2] == "color(srgb 0 1 0 / 0.35)"  # LOC from color_map (#00ff00), tinted
    assert len(set(backgrounds)) == 3
    expect(served_page.get_by_role("group", name="With legend")).to_have_text("Ada met Alan in London!")  # named aside
    expect(served_page.locator(".nbb-highlight-legend:visible span")).to_have_text(["PER", "LOC"])
    marks.nth(2).click()
    expect(text_output(served_page)).to_have_value("4: ['London', 'LOC']")


def number_value(page: Any, elem_id: str) -> float:
    return float(page.locator(f"#{elem_id} input").input_value() or 0)


def wait_for_ticks(page: Any, elem_id: str, count: int) -> None:
    """Until the Number ``elem_id`` has gone up by ``count`` from what it shows now."""
    target = number_value(page, elem_id) + count
    page.wait_for_function(f"() => Number(document.querySelector('#{elem_id} input').value) >= {target}")


def test_a_timer_ticks_until_a_listener_stops_it(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        timer, clock = gr.Timer(0.1), gr.Timer(0.1)
        ticks, clock_ticks = gr.Number(0, elem_id="ticks"), gr.Number(0, elem_id="clock")
        status = gr.Textbox()
        timer.tick(lambda n: n + 1, ticks, ticks)
        clock.tick(lambda n: n + 1, clock_ticks, clock_ticks)
        gr.Button("Stop").click(lambda: (gr.Timer(active=False), "stopped"), None, [timer, status])
    served_page.goto(launch(demo))
    wait_for_ticks(served_page, "ticks", 3)
    served_page.get_by_role("button", name="Stop").click()
    expect(text_output(served_page)).to_have_value("stopped")
    wait_for_ticks(served_page, "clock", 3)  # a tick that was already on its way has landed by now
    stopped_at = number_value(served_page, "ticks")
    wait_for_ticks(served_page, "clock", 3)
    assert number_value(served_page, "ticks") == stopped_at  # the other timer ticked on; this one stopped


def test_code_is_highlighted_and_an_edit_reaches_the_function(launch, served_page, bundle) -> None:
    chunks: list[str] = []
    served_page.on(
        "request", lambda request: chunks.append(request.url.rsplit("/", 1)[-1]) if "/chunks/" in request.url else None
    )
    with gr.Blocks() as demo:
        source = gr.Code("def f():\n    return 1", language="python", interactive=True, label="Source")
        shown = gr.Code(language="python", interactive=False, label="Shown")
        source.change(lambda text: text.upper(), source, shown)
    served_page.goto(launch(demo))
    editor = served_page.locator(".nbb-code-body").first.locator(".cm-content")
    expect(editor).to_contain_text("return 1")
    # the language's highlighting: the keyword `def` is a token styled apart from the name after it
    keyword_colour = editor.get_by_text("def", exact=True).evaluate("node => getComputedStyle(node).color")
    name_colour = editor.evaluate("node => getComputedStyle(node).color")
    assert keyword_colour != name_colour
    assert chunks == ["code.js"]
    editor.click()
    served_page.keyboard.press("Control+End")
    served_page.keyboard.type(" + 41")
    output = served_page.locator(".nbb-code-body").nth(1).locator(".cm-content")
    expect(output).to_have_text("DEF F():    RETURN 1 + 41")
    assert output.get_attribute("contenteditable") == "false"  # not interactive: read-only
