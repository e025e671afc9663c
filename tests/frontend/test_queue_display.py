"""What a user sees of the queue and of a listener's options: the place in line and the time
taken at the outputs, progress bars, info and warning toasts, a listener's `js` run in the page
(and what that sends to Python), scroll_to_output, show_progress modes and fill_height.

Time is Playwright's fake clock: the tests move it forward instead of waiting."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from .harness import UI, node

# --- the overlay: place in the queue, elapsed time ------------------------------------------------


def _overlay_text(ui: UI, block_id: int) -> Any:
    return ui.block(block_id).locator(".nbb-progress-full .nbb-eta")


def _count_intervals(ui: UI) -> None:
    """Keeps the number of live setInterval timers in `window.liveIntervals`."""
    ui.page.evaluate(
        """() => {
        const live = new Set(); const set = window.setInterval; const clear = window.clearInterval;
        window.setInterval = (...args) => { const id = set(...args); live.add(id); return id; };
        window.clearInterval = (id) => { live.delete(id); clear(id); };
        Object.defineProperty(window, "liveIntervals", { get: () => live.size });
    }"""
    )


def test_pending_in_queue_shows_place_and_eta(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Out"), node(2, "textbox", label="Also out"))
    ui.status([1, 2], "pending", position=1, eta=1.25)
    expect(_overlay_text(ui, 1)).to_have_text("queue: 2 | 1.3s")
    expect(_overlay_text(ui, 2)).to_have_text("queue: 2 | 1.3s")
    ui.status([1, 2], "pending", position=0, eta=None)
    expect(_overlay_text(ui, 1)).to_have_text("queue: 1")


def test_pending_without_a_place_shows_only_the_spinner(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Out"))
    ui.status([1], "pending")
    expect(ui.block(1).locator(".nbb-progress-full .nbb-spinner")).to_be_visible()
    expect(_overlay_text(ui, 1)).to_have_text("")
    expect(_overlay_text(ui, 1)).to_be_hidden()


def _stop_the_clock(ui: UI) -> None:
    """Playwright's fake clock, paused: an installed clock still runs with real time until paused,
    so on a loaded machine the elapsed seconds shown would grow between the test's own steps."""
    ui.page.clock.install(time=0)
    ui.page.clock.pause_at(60_000)


def test_running_counts_elapsed_seconds_and_stops_when_done(ui: UI) -> None:
    _stop_the_clock(ui)
    _count_intervals(ui)
    ui.render(node(1, "textbox", label="Out"))
    ui.status([1], "pending", position=0, eta=2.0)
    expect(_overlay_text(ui, 1)).to_have_text("queue: 1 | 2.0s")
    ui.status([1], "running")
    expect(_overlay_text(ui, 1)).to_have_text("0.0s")
    ui.page.clock.run_for(1200)
    expect(_overlay_text(ui, 1)).to_have_text("1.2s")
    # A queue announcement that crossed "running" on the way does not put the event back in line.
    ui.status([1], "pending", position=3, eta=9.0)
    ui.page.clock.run_for(300)
    expect(_overlay_text(ui, 1)).to_have_text("1.5s")
    assert ui.page.evaluate("window.liveIntervals") == 1
    ui.status([1], "complete")
    expect(ui.block(1).locator(".nbb-progress")).to_have_count(0)
    assert ui.page.evaluate("window.liveIntervals") == 0


def test_a_block_shows_the_running_event_among_several(ui: UI) -> None:
    _stop_the_clock(ui)
    ui.render(node(1, "textbox", label="Out"))
    ui.status([1], "running", event=1)
    ui.status([1], "pending", event=2, position=0, eta=None)
    ui.page.clock.run_for(500)
    expect(_overlay_text(ui, 1)).to_have_text("0.5s")
    ui.status([1], "complete", event=1)
    expect(_overlay_text(ui, 1)).to_have_text("queue: 1")
    ui.status([1], "running", event=2)
    expect(_overlay_text(ui, 1)).to_have_text("0.0s")  # the second event's own clock
    ui.status([1], "complete", event=2)
    expect(ui.page.locator(".nbb-pending")).to_have_count(0)


def test_a_new_render_stops_the_clock(ui: UI) -> None:
    _stop_the_clock(ui)
    _count_intervals(ui)
    ui.render(node(1, "textbox", label="Out"))
    ui.status([1], "running")
    expect(_overlay_text(ui, 1)).to_have_text("0.0s")
    assert ui.page.evaluate("window.liveIntervals") == 1
    ui.render(node(1, "textbox", label="Fresh"))
    expect(ui.page.get_by_label("Fresh")).to_be_visible()
    assert ui.page.evaluate("window.liveIntervals") == 0


# --- progress bars -------------------------------------------------------------------------------


def _progress(outputs: list[int], *entries: dict[str, Any], event: int = 1) -> dict[str, Any]:
    base = {"index": None, "length": None, "unit": "steps", "progress": None, "desc": None}
    return {"type": "progress", "event": event, "outputs": outputs, "progress": [{**base, **e} for e in entries]}


def test_progress_bars_show_counts_and_fractions_until_complete(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Out"), node(2, "textbox", label="Other"))
    ui.status([1], "running")
    ui.push(_progress([1], {"index": 3, "length": 10, "desc": "Epochs"}, {"progress": 0.25}))
    bars = ui.block(1).get_by_role("progressbar")
    expect(bars).to_have_count(2)
    expect(bars.nth(0)).to_have_attribute("aria-valuenow", "30")
    expect(bars.nth(0)).to_have_attribute("aria-valuemin", "0")
    expect(bars.nth(0)).to_have_attribute("aria-valuemax", "100")
    expect(ui.block(1).locator(".nbb-bar-text").nth(0)).to_have_text("Epochs 3/10 steps")
    expect(bars.nth(1)).to_have_attribute("aria-valuenow", "25")
    expect(ui.block(1).locator(".nbb-bar-text").nth(1)).to_have_text("25%")
    fill = bars.nth(0).locator(".nbb-bar-fill").bounding_box()
    track = bars.nth(0).bounding_box()
    assert fill and track and abs(fill["width"] - 0.3 * track["width"]) <= 1
    expect(ui.block(2).get_by_role("progressbar")).to_have_count(0)

    ui.push(_progress([1], {"index": 10, "length": 10, "desc": "Epochs"}))
    expect(bars).to_have_count(1)
    expect(bars).to_have_attribute("aria-valuenow", "100")
    ui.status([1], "complete")
    expect(bars).to_have_count(0)
    ui.push(_progress([1], {"progress": 0.5}))  # a late message does not bring the overlay back
    ui.update(2, label="Synced")
    expect(ui.page.get_by_label("Synced")).to_be_visible()
    expect(ui.page.locator(".nbb-progress")).to_have_count(0)


def test_a_count_without_length_has_no_value(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Out"))
    ui.status([1], "running")
    ui.push(_progress([1], {"index": 7, "unit": "files", "desc": "Reading"}))
    bar = ui.block(1).get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuetext", "Reading 7 files")
    expect(bar).not_to_have_attribute("aria-valuenow", "0")
    assert bar.get_attribute("aria-valuenow") is None


# --- show_progress modes -------------------------------------------------------------------------


def test_minimal_shows_only_a_small_spinner(ui: UI) -> None:
    _stop_the_clock(ui)
    ui.render(node(1, "textbox", label="Out"))
    ui.status([1], "pending", "minimal", position=2, eta=3.0)
    indicator = ui.block(1).locator(".nbb-progress-minimal")
    expect(indicator.locator(".nbb-spinner")).to_be_visible()
    ui.status([1], "running", "minimal")
    ui.push(_progress([1], {"progress": 0.5}))
    ui.page.clock.run_for(1000)
    expect(indicator).to_have_text("")
    expect(ui.block(1).get_by_role("progressbar")).to_have_count(0)
    expect(ui.block(1).locator(".nbb-progress-full")).to_have_count(0)
    ui.status([1], "complete", "minimal")
    expect(indicator).to_have_count(0)


def test_hidden_shows_nothing(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Out"))
    ui.status([1], "pending", "hidden", position=0, eta=1.0)
    ui.status([1], "running", "hidden")
    ui.push(_progress([1], {"progress": 0.5}))
    ui.update(1, label="Synced")
    expect(ui.page.get_by_label("Synced")).to_be_visible()
    expect(ui.block(1).locator(".nbb-progress")).to_have_count(0)
    expect(ui.block(1).get_by_role("progressbar")).to_have_count(0)


# --- toasts --------------------------------------------------------------------------------------


def _toast(level: str, message: str, duration: float | None = None, visible: bool = True) -> dict[str, Any]:
    title = level.capitalize()
    return {"type": "toast", "event": 1, "level": level, "title": title, "message": message,
            "duration": duration, "visible": visible}  # fmt: skip


def test_info_and_warning_toasts_by_level(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Out"))
    ui.push(_toast("info", "Loaded 3 files"))
    ui.push(_toast("warning", "Half the rows are empty"))
    ui.push(_toast("info", "Never shown", visible=False))
    info = ui.page.locator(".nbb-toast-info")
    warning = ui.page.locator(".nbb-toast-warning")
    expect(info).to_have_count(1)
    expect(info).to_have_attribute("role", "status")
    expect(info).to_contain_text("Info")
    expect(info).to_contain_text("Loaded 3 files")
    expect(info).to_have_css("border-left-color", "rgb(37, 99, 235)")
    expect(warning).to_have_attribute("role", "alert")
    expect(warning).to_contain_text("Half the rows are empty")
    expect(warning).to_have_css("border-left-color", "rgb(245, 158, 11)")
    expect(ui.page.get_by_text("Never shown")).to_have_count(0)
    warning.get_by_role("button", name="Close").click()
    expect(warning).to_have_count(0)
    expect(info).to_have_count(1)


def test_toasts_last_their_duration(ui: UI) -> None:
    _stop_the_clock(ui)
    ui.render(node(1, "textbox", label="Out"))
    ui.push(_toast("info", "Two seconds", duration=2))
    ui.push(_toast("warning", "Until closed", duration=None))
    ui.page.clock.run_for(1900)
    expect(ui.page.get_by_text("Two seconds")).to_be_visible()
    ui.page.clock.run_for(200)
    expect(ui.page.get_by_text("Two seconds")).to_have_count(0)
    ui.page.clock.run_for(600_000)
    expect(ui.page.get_by_text("Until closed")).to_be_visible()


# --- a listener's js -----------------------------------------------------------------------------


def _dep(dep_id: int, target: tuple[int, str], inputs: list[int], outputs: list[int], **options: Any) -> dict[str, Any]:
    return {"id": dep_id, "targets": [list(target)], "inputs": inputs, "outputs": outputs, "has_fn": True,
            "js": None, "scroll_to_output": False, **options}  # fmt: skip


def _type(ui: UI, label: str, text: str) -> None:
    ui.page.get_by_label(label).fill(text)


def test_js_without_fn_sets_outputs_and_tells_python(ui: UI) -> None:
    ui.render(
        node(1, "textbox", label="In"),
        node(2, "textbox", label="Out"),
        node(3, "button", value="Shout"),
        listeners=((3, "click"),),
        dependencies=(_dep(4, (3, "click"), [1], [2], has_fn=False, js="(x) => x.toUpperCase()"),),
    )
    _type(ui, "In", "abc")
    ui.page.get_by_role("button", name="Shout").click()
    assert ui.take(3) == [
        {"type": "value", "id": 1, "value": "abc"},  # the box was left: Python hears of it once
        {"type": "value", "id": 2, "value": "ABC"},
        {"type": "trigger", "id": 3, "event": "click", "data": None},
    ]
    expect(ui.page.get_by_label("Out")).to_have_value("ABC")


def test_outputs_set_by_js_fire_their_change_listeners_when_they_change(ui: UI) -> None:
    ui.render(
        node(1, "textbox", label="In", value="abc"),
        node(2, "textbox", label="Out"),
        node(3, "button", value="Shout"),
        listeners=((3, "click"), (2, "change")),
        dependencies=(_dep(4, (3, "click"), [1], [2], has_fn=False, js="(x) => x.toUpperCase()"),),
    )
    button = ui.page.get_by_role("button", name="Shout")
    button.click()
    assert ui.take(3) == [
        {"type": "value", "id": 2, "value": "ABC"},
        {"type": "trigger", "id": 3, "event": "click", "data": None},
        {"type": "trigger", "id": 2, "event": "change", "data": None},
    ]
    button.click()  # the same value again: no change
    assert ui.take(2) == [
        {"type": "value", "id": 2, "value": "ABC"},
        {"type": "trigger", "id": 3, "event": "click", "data": None},
    ]
    ui.update(1, label="Synced")
    expect(ui.page.get_by_label("Synced")).to_be_visible()
    assert ui.sent() == []


def test_js_without_fn_spreads_a_list_over_several_outputs(ui: UI) -> None:
    ui.render(
        node(1, "textbox", label="A", value="left"),
        node(2, "textbox", label="B", value="right"),
        node(3, "button", value="Swap"),
        listeners=((3, "click"),),
        dependencies=(_dep(4, (3, "click"), [1, 2], [1, 2], has_fn=False, js="function (a, b) { return [b, a] }"),),
    )
    ui.page.get_by_role("button", name="Swap").click()
    assert ui.take(3) == [
        {"type": "value", "id": 1, "value": "right"},
        {"type": "value", "id": 2, "value": "left"},
        {"type": "trigger", "id": 3, "event": "click", "data": None},
    ]
    expect(ui.page.get_by_label("A")).to_have_value("right")
    expect(ui.page.get_by_label("B")).to_have_value("left")


def test_js_with_fn_sends_its_inputs_with_the_one_trigger(ui: UI) -> None:
    """The js gets inputs then outputs (as Python last set them); other listeners of the event
    share the same trigger."""
    ui.render(
        node(1, "textbox", label="First"),
        node(2, "number", label="Count", value=2),
        node(3, "textbox", label="Out", value="old"),
        node(5, "button", value="Go"),
        listeners=((5, "click"),),
        dependencies=(_dep(6, (5, "click"), [1, 2], [3], js="function (a, n, out) { return [a + out, n * 10] }"),),
    )
    ui.update(3, value="new")
    _type(ui, "First", "x")
    ui.page.get_by_role("button", name="Go").click()
    assert ui.take(2) == [
        {"type": "value", "id": 1, "value": "x"},
        {"type": "trigger", "id": 5, "event": "click", "data": None, "inputs": {"6": ["xnew", 20]}},
    ]
    expect(ui.page.get_by_label("First")).to_have_value("x")  # inputs are replaced for fn only


def test_js_with_fn_and_one_input_returns_a_bare_value(ui: UI) -> None:
    ui.render(
        node(1, "textbox", label="Text", value="hi"),
        listeners=((1, "submit"),),
        dependencies=(
            _dep(2, (1, "submit"), [1], [], js="(x) => x + '!'"),
            _dep(3, (1, "submit"), [1], [], js="(x) => [x]"),
        ),
    )
    ui.page.get_by_label("Text").press("Enter")
    assert ui.take(1) == [
        {"type": "trigger", "id": 1, "event": "submit", "data": None, "inputs": {"2": ["hi!"], "3": [["hi"]]}}
    ]


def test_js_promise_is_awaited_and_later_messages_wait_behind_it(ui: UI) -> None:
    ui.render(
        node(1, "textbox", label="Text", value="ab"),
        node(2, "button", value="Go"),
        listeners=((2, "click"),),
        dependencies=(_dep(3, (2, "click"), [1], [1], js="(x) => new Promise((r) => { window.release = () => r(x + 'c') })"),),
    )
    ui.page.get_by_role("button", name="Go").click()
    ui.page.wait_for_function("typeof window.release === 'function'")
    _type(ui, "Text", "typed meanwhile")
    assert ui.sent() == []
    ui.page.evaluate("window.release()")
    assert ui.take(1) == [{"type": "trigger", "id": 2, "event": "click", "data": None, "inputs": {"3": ["abc"]}}]
    ui.page.get_by_label("Text").blur()  # typed after the click: not the trigger's, sent on leaving
    assert ui.take(1) == [{"type": "value", "id": 1, "value": "typed meanwhile"}]


def test_js_error_is_a_toast_and_the_trigger_still_goes(ui: UI) -> None:
    ui.render(
        node(1, "textbox", label="A", value="a"),
        node(2, "textbox", label="B", value="b"),
        node(3, "button", value="Go"),
        listeners=((3, "click"),),
        dependencies=(
            _dep(4, (3, "click"), [1], [], js="(x) => { throw new Error('boom') }"),
            _dep(5, (3, "click"), [1, 2], [], js="(a, b) => a"),  # one value for two inputs
            _dep(6, (3, "click"), [1], [], js="(x) =>"),  # does not even parse
            _dep(7, (3, "click"), [2], [], js="(x) => x.toUpperCase()"),
        ),
    )
    ui.page.get_by_role("button", name="Go").click()
    assert ui.take(1) == [{"type": "trigger", "id": 3, "event": "click", "data": None, "inputs": {"7": ["B"]}}]
    toasts = ui.page.locator(".nbb-toast-error")
    expect(toasts).to_have_count(3)
    expect(toasts.nth(0)).to_have_attribute("role", "alert")
    expect(toasts.nth(0)).to_contain_text("listener 4 failed: Error: boom")
    expect(toasts.nth(1)).to_contain_text("listener 5 failed: Error: its js function must return a list of 2 values")
    expect(toasts.nth(2)).to_contain_text("listener 6 failed: SyntaxError")


def test_js_is_evaluated_once_per_render(ui: UI) -> None:
    source = "(() => { window.evaluations = (window.evaluations || 0) + 1; return (x) => x; })()"
    dependencies = (_dep(2, (1, "click"), [], [], has_fn=False, js=source),)
    ui.render(node(1, "button", value="Go"), listeners=((1, "click"),), dependencies=dependencies)
    button = ui.page.get_by_role("button", name="Go")
    button.click()
    button.click()
    ui.take(2)
    assert ui.page.evaluate("window.evaluations") == 1
    ui.render(node(1, "button", value="Go"), listeners=((1, "click"),), dependencies=dependencies)
    button.click()
    ui.take(1)
    assert ui.page.evaluate("window.evaluations") == 2


def test_js_runs_even_where_python_does_not_listen(ui: UI) -> None:
    ui.render(
        node(1, "textbox", label="In", value="q"),
        node(2, "textbox", label="Out"),
        node(3, "button", value="Copy"),
        dependencies=(_dep(4, (3, "click"), [1], [2], has_fn=False, js="(x) => x + x"),),
    )
    ui.page.get_by_role("button", name="Copy").click()
    assert ui.take(1) == [{"type": "value", "id": 2, "value": "qq"}]
    expect(ui.page.get_by_label("Out")).to_have_value("qq")


# --- scroll_to_output ----------------------------------------------------------------------------


def test_scroll_to_output_when_its_event_completes(ui: UI) -> None:
    ui.page.set_viewport_size({"width": 800, "height": 600})
    ui.render(
        node(1, "button", value="Go"),
        node(2, "html", value="", elem_id="spacer"),
        node(3, "textbox", label="Far below"),
        node(4, "textbox", label="Also far", elem_id="also"),
        css="#spacer { height: 3000px; } #also { margin-top: 3000px; }",
        listeners=((1, "click"),),
        dependencies=(_dep(5, (1, "click"), [], [3], scroll_to_output=True),),
    )
    far = ui.page.get_by_label("Far below")
    expect(far).not_to_be_in_viewport()
    ui.status([3, 4], "complete", event=1)  # other outputs: another listener's event
    ui.status([3], "running", event=2)
    ui.update(1, value="Synced")
    expect(ui.page.get_by_role("button", name="Synced")).to_be_visible()
    expect(far).not_to_be_in_viewport()
    ui.status([3], "complete", event=2)
    expect(far).to_be_in_viewport()
    expect(ui.page.get_by_label("Also far")).not_to_be_in_viewport()


# --- fill_height ---------------------------------------------------------------------------------


def test_fill_height_grows_top_level_children_with_a_scale(ui: UI) -> None:
    ui.page.evaluate("document.getElementById('host').style.height = '800px'")
    ui.render(
        node(1, "textbox", label="One", scale=1),
        node(2, "textbox", label="Unset", scale=None),
        node(3, "textbox", label="Two", scale=2),
        node(4, "textbox", label="Zero", scale=0),
        fill_height=True,
    )
    expect(ui.block(2)).not_to_have_attribute("data-nbb-scale", "")
    assert ui.block(2).get_attribute("data-nbb-scale") is None
    expect(ui.block(1)).to_have_attribute("data-nbb-scale", "1")
    heights = {i: ui.block(i).bounding_box()["height"] for i in (1, 2, 3, 4)}
    natural = heights[2]
    assert abs(heights[4] - natural) <= 1
    grown = heights[1] - natural
    assert grown > 100
    assert abs((heights[3] - natural) - 2 * grown) <= 2
    app = ui.page.locator(".nbb-app").bounding_box()
    assert app and app["height"] >= 799


def test_without_fill_height_nothing_grows(ui: UI) -> None:
    ui.page.evaluate("document.getElementById('host').style.height = '800px'")
    ui.render(node(1, "textbox", label="One", scale=1), node(2, "textbox", label="Unset"))
    heights = [ui.block(i).bounding_box()["height"] for i in (1, 2)]
    assert abs(heights[0] - heights[1]) <= 1
