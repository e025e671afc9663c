"""The front end as a user meets it: what each component shows, what the user's actions send to
Python, and how Python's update/status/error messages change the page."""

from __future__ import annotations

import gzip
import re
from typing import Any

from playwright.sync_api import expect

from .harness import UI, node

# --- the app: mounting, rendering, shared props --------------------------------------------------


def test_app_keeps_jupyterlab_shortcuts_out(ui: UI) -> None:
    ui.render()
    expect(ui.page.locator(".nbb-app")).to_have_attribute("data-lm-suppress-shortcuts", "true")


def test_render_replaces_previous_render(ui: UI) -> None:
    ui.render(node(1, "textbox", label="First"))
    expect(ui.page.get_by_label("First")).to_be_visible()
    ui.render(node(2, "textbox", label="Second"))
    expect(ui.page.get_by_label("Second")).to_be_visible()
    expect(ui.page.get_by_label("First")).to_have_count(0)
    assert ui.page.locator(".nbb-app").count() == 1


def test_block_wrapper_carries_id_type_and_user_classes(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Name", elem_id="name-box", elem_classes=["big", "mine"]))
    wrapper = ui.page.locator("#name-box")
    expect(wrapper).to_have_attribute("data-nbb-id", "1")
    expect(wrapper).to_have_class(re.compile(r"\bnbb-block\b.*\bnbb-textbox\b|\bnbb-textbox\b.*\bnbb-block\b"))
    expect(wrapper).to_have_class(re.compile(r"\bbig\b"))
    ui.update(1, elem_classes=["small"])
    expect(wrapper).to_have_class(re.compile(r"\bsmall\b"))
    expect(wrapper).not_to_have_class(re.compile(r"\bbig\b"))


def test_visible_false_hides_and_update_shows(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Secret", visible=False), node(2, "row", node(3, "button", value="Go"), visible=False))
    expect(ui.block(1)).to_be_hidden()
    expect(ui.page.get_by_role("button", name="Go")).to_be_hidden()
    ui.update(1, visible=True)
    ui.update(2, visible=True)
    expect(ui.page.get_by_label("Secret")).to_be_visible()
    expect(ui.page.get_by_role("button", name="Go")).to_be_visible()
    assert ui.sent() == []


def test_app_css_is_injected_inside_the_app(ui: UI) -> None:
    ui.render(node(1, "markdown", value="hi", elem_id="styled"), css="#styled { color: rgb(1, 2, 3); }")
    expect(ui.page.locator(".nbb-app > style")).to_have_count(1)
    expect(ui.page.locator("#styled")).to_have_css("color", "rgb(1, 2, 3)")


def test_unknown_type_renders_a_placeholder(ui: UI) -> None:
    ui.render(node(1, "sparkline"), node(2, "textbox", label="Still here"))  # a type no front end draws
    expect(ui.block(1)).to_contain_text("sparkline")
    expect(ui.page.get_by_label("Still here")).to_be_visible()


def test_anywidget_entry_adapts_the_model(ui: UI) -> None:
    """The default export talks through model.send / model.on("msg:custom") and cleans up with off."""
    result = ui.page.evaluate(
        """() => {
        const handlers = new Set(); const sent = [];
        const model = {
          send: (m) => sent.push({ ...m, view: undefined }),  // less the view's random name
          on: (name, cb) => name === "msg:custom" && handlers.add(cb),
          off: (name, cb) => handlers.delete(cb),
        };
        const el = document.createElement("div"); document.body.append(el);
        const cleanup = window.widget.render({ model, el });
        const tree = { id: 0, type: "blocks", props: {}, children: [
          { id: 5, type: "button", props: { value: "Widget button", variant: "primary" } }] };
        handlers.forEach((cb) => cb({ type: "render", app: { css: null, fill_height: false },
                                      tree, listeners: [[5, "click"]], dependencies: [] }, []));
        el.querySelector("button").click();
        const before = handlers.size;
        cleanup();
        return { sent, before, after: handlers.size, left: el.childElementCount };
    }"""
    )
    assert result == {
        "sent": [{"type": "ready", "view": None}, {"type": "trigger", "id": 5, "event": "click", "data": None, "view": None}],
        "before": 1,
        "after": 0,
        "left": 0,
    }


def test_rows_grow_children_by_scale(ui: UI) -> None:
    ui.render(
        node(
            1,
            "row",
            node(2, "textbox", label="Wide", scale=2, min_width=0),
            node(3, "textbox", label="Narrow", scale=1, min_width=0),
            node(4, "button", value="Fixed", scale=0),
        )
    )
    wide = ui.block(2).bounding_box()
    narrow = ui.block(3).bounding_box()
    assert wide and narrow
    assert abs(wide["width"] / narrow["width"] - 2) < 0.1
    assert wide["y"] == narrow["y"]


# --- textbox -------------------------------------------------------------------------------------


def test_textbox_shows_value_label_and_info(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Name", info="Your full name", value="Ada", placeholder="Type here"))
    box = ui.page.get_by_label("Name", exact=True)
    expect(box).to_have_value("Ada")
    expect(box).to_have_attribute("placeholder", "Type here")
    expect(ui.block(1).locator(".nbb-info")).to_have_text("Your full name")
    # Gradio's default box (lines 1, max_lines 20) is a one-row textarea that grows
    assert box.evaluate("el => [el.tagName, el.rows]") == ["TEXTAREA", 1]


def test_the_default_textbox_keeps_newlines_and_enter_submits(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Out", value="line1\nline2"), listeners=((1, "submit"),))
    box = ui.page.get_by_label("Out")
    expect(box).to_have_value("line1\nline2")
    assert box.evaluate("el => el.rows") == 2
    box.press("End")
    box.press("Shift+Enter")  # a newline, as in Gradio
    expect(box).to_have_value("line1\nline2\n")
    ui.page.evaluate("window.sent.length = 0")
    box.press("Enter")
    assert ui.take(2) == [  # the value typed so far goes with the trigger, not per keystroke
        {"type": "value", "id": 1, "value": "line1\nline2\n"},
        {"type": "trigger", "id": 1, "event": "submit", "data": None},
    ]
    expect(box).to_have_value("line1\nline2\n")  # Enter submitted, added nothing


def test_a_textbox_of_one_line_at_most_is_an_input(ui: UI) -> None:
    ui.render(node(1, "textbox", label="One", max_lines=1), node(2, "textbox", label="Mail", type="email"))
    assert ui.page.get_by_label("One").evaluate("el => el.tagName") == "INPUT"
    assert ui.page.get_by_label("Mail").evaluate("el => [el.tagName, el.type]") == ["INPUT", "email"]
    ui.update(1, max_lines=5)
    assert ui.page.get_by_label("One").evaluate("el => el.tagName") == "TEXTAREA"


def test_textbox_typing_sends_value_before_listened_triggers(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Name"), listeners=((1, "change"),))
    ui.page.get_by_label("Name").press_sequentially("ab")
    assert ui.take(4) == [
        {"type": "value", "id": 1, "value": "a"},
        {"type": "trigger", "id": 1, "event": "change", "data": None},
        {"type": "value", "id": 1, "value": "ab"},
        {"type": "trigger", "id": 1, "event": "change", "data": None},
    ]


def test_textbox_without_listeners_sends_only_values_when_left(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Name"))
    box = ui.page.get_by_label("Name")
    box.press_sequentially("x")
    box.press("Enter")
    box.blur()
    ui.page.get_by_label("Name").fill("")
    ui.page.get_by_label("Name").blur()
    assert ui.take(2) == [{"type": "value", "id": 1, "value": "x"}, {"type": "value", "id": 1, "value": ""}]


def test_textbox_enter_submits_single_line(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Query", value="q"), listeners=((1, "submit"), (1, "input")))
    ui.page.get_by_label("Query").press("Enter")
    assert ui.take(1) == [{"type": "trigger", "id": 1, "event": "submit", "data": None}]


def test_textarea_grows_and_submits_on_shift_enter(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Story", lines=2, max_lines=4), listeners=((1, "submit"),))
    area = ui.page.get_by_label("Story")
    assert area.evaluate("el => [el.tagName, el.rows]") == ["TEXTAREA", 2]
    area.press_sequentially("a")
    for _ in range(5):
        area.press("Enter")
    assert area.evaluate("el => el.rows") == 4
    ui.page.evaluate("window.sent.length = 0")
    area.press("Shift+Enter")
    assert ui.take(2) == [
        {"type": "value", "id": 1, "value": "a\n\n\n\n\n"},
        {"type": "trigger", "id": 1, "event": "submit", "data": None},
    ]
    expect(area).to_have_value("a\n\n\n\n\n")


def test_textbox_focus_blur_and_select(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Text", value="hello world"), listeners=((1, "focus"), (1, "blur"), (1, "select")))
    box = ui.page.get_by_label("Text")
    box.focus()
    box.evaluate("el => { el.setSelectionRange(6, 11); }")
    # the browser fires "select" from a task of its own: wait for it before leaving the box
    assert ui.take(2) == [
        {"type": "trigger", "id": 1, "event": "focus", "data": None},
        {"type": "trigger", "id": 1, "event": "select", "data": {"index": [6, 11], "value": "world", "selected": True}},
    ]
    box.blur()
    assert ui.take(1) == [{"type": "trigger", "id": 1, "event": "blur", "data": None}]


def test_textbox_update_changes_display_without_sending(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Out", value="old"), listeners=((1, "change"), (1, "input")))
    ui.update(1, value="new", label="Result", placeholder="p")
    box = ui.page.get_by_label("Result")
    expect(box).to_have_value("new")
    ui.update(1, lines=3)
    expect(ui.page.get_by_label("Result")).to_have_value("new")
    assert ui.page.get_by_label("Result").evaluate("el => el.tagName") == "TEXTAREA"
    ui.update(1, value=None)
    expect(ui.page.get_by_label("Result")).to_have_value("")
    assert ui.sent() == []


def test_textbox_hidden_label_still_labels_and_non_interactive_is_readonly(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Hidden", show_label=False, interactive=False, value="v", type="password"))
    box = ui.page.get_by_label("Hidden")
    expect(box).to_have_value("v")
    expect(box).not_to_be_editable()
    expect(box).to_have_attribute("type", "password")
    expect(ui.block(1).locator("label")).to_have_class(re.compile("nbb-sr-only"))


# --- number and slider ---------------------------------------------------------------------------


def test_number_sends_parsed_numbers_and_null_for_empty(ui: UI) -> None:
    ui.render(node(1, "number", label="Age", value=3), listeners=((1, "change"), (1, "submit")))
    box = ui.page.get_by_label("Age")
    expect(box).to_have_value("3")
    box.fill("")
    box.press_sequentially("-")  # not a number yet: nothing is sent
    box.press_sequentially("4")
    box.press("Enter")
    assert ui.take(5) == [
        {"type": "value", "id": 1, "value": None},
        {"type": "trigger", "id": 1, "event": "change", "data": None},
        {"type": "value", "id": 1, "value": -4},
        {"type": "trigger", "id": 1, "event": "change", "data": None},
        {"type": "trigger", "id": 1, "event": "submit", "data": None},
    ]
    ui.update(1, value=2.5, maximum=10)
    expect(box).to_have_value("2.5")
    expect(box).to_have_attribute("max", "10")
    assert ui.sent() == []


def test_slider_keyboard_sends_value_then_input_change_release(ui: UI) -> None:
    ui.render(
        node(1, "slider", label="Volume", value=10, minimum=0, maximum=20, step=2),
        listeners=((1, "input"), (1, "change"), (1, "release")),
    )
    rng = ui.page.get_by_label("Volume", exact=True)
    number = ui.page.get_by_label("Volume number")
    expect(rng).to_have_value("10")
    expect(number).to_have_value("10")
    rng.press("ArrowRight")
    assert ui.take(4) == [
        {"type": "value", "id": 1, "value": 12},
        {"type": "trigger", "id": 1, "event": "input", "data": None},
        {"type": "trigger", "id": 1, "event": "change", "data": None},
        {"type": "trigger", "id": 1, "event": "release", "data": None},
    ]
    expect(number).to_have_value("12")
    ui.update(1, value=4)
    expect(rng).to_have_value("4")
    expect(number).to_have_value("4")
    assert ui.sent() == []


def test_slider_pointer_drag_sends_values_then_one_release(ui: UI) -> None:
    ui.render(node(1, "slider", label="Gain", value=0, maximum=100), listeners=((1, "release"),))
    box = ui.page.get_by_label("Gain", exact=True).bounding_box()
    assert box
    y = box["y"] + box["height"] / 2
    ui.page.mouse.move(box["x"] + box["width"] * 0.25, y)
    ui.page.mouse.down()
    ui.page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=4)
    ui.page.mouse.up()
    ui.page.wait_for_function("window.sent.some((m) => m.type === 'trigger')")
    sent = ui.sent()
    assert sent[-1] == {"type": "trigger", "id": 1, "event": "release", "data": None}
    assert all(m["type"] == "value" for m in sent[:-1]) and len(sent) >= 2
    assert 40 <= sent[-2]["value"] <= 60


def test_slider_number_box_moves_the_range(ui: UI) -> None:
    ui.render(node(1, "slider", label="Level", value=1, maximum=10))
    ui.page.get_by_label("Level number").fill("7")
    ui.page.get_by_label("Level number").blur()
    assert ui.take(1) == [{"type": "value", "id": 1, "value": 7}]
    expect(ui.page.get_by_label("Level", exact=True)).to_have_value("7")


# --- checkbox, checkboxgroup, radio --------------------------------------------------------------


def test_checkbox_click_sends_value_and_select(ui: UI) -> None:
    ui.render(node(1, "checkbox", label="Agree"), listeners=((1, "change"), (1, "select")))
    box = ui.page.get_by_label("Agree")
    expect(box).not_to_be_checked()
    box.check()
    assert ui.take(3) == [
        {"type": "value", "id": 1, "value": True},
        {"type": "trigger", "id": 1, "event": "change", "data": None},
        {"type": "trigger", "id": 1, "event": "select", "data": {"index": None, "value": "Agree", "selected": True}},
    ]
    ui.update(1, value=False)
    expect(box).not_to_be_checked()
    assert ui.sent() == []


def test_checkboxgroup_sends_checked_values_in_choice_order(ui: UI) -> None:
    choices = [["Apple", "a"], ["Banana", "b"], ["Cherry", "c"]]
    ui.render(node(1, "checkboxgroup", label="Fruit", choices=choices, value=["c"]), listeners=((1, "select"), (1, "input")))
    expect(ui.page.get_by_role("group", name="Fruit")).to_be_visible()
    expect(ui.page.get_by_label("Cherry")).to_be_checked()
    ui.page.get_by_label("Apple").check()
    assert ui.take(3) == [
        {"type": "value", "id": 1, "value": ["a", "c"]},
        {"type": "trigger", "id": 1, "event": "input", "data": None},
        {"type": "trigger", "id": 1, "event": "select", "data": {"index": 0, "value": "a", "selected": True}},
    ]
    ui.page.get_by_label("Cherry").uncheck()
    assert ui.take(3)[0] == {"type": "value", "id": 1, "value": ["a"]}
    ui.update(1, choices=[["Kiwi", "k"]], value=["k"])
    expect(ui.page.get_by_label("Kiwi")).to_be_checked()
    expect(ui.page.get_by_label("Apple")).to_have_count(0)
    assert ui.sent() == []


def test_radio_choices_share_a_name_and_send_the_chosen_value(ui: UI) -> None:
    ui.render(node(1, "radio", label="Size", choices=[["Small", "s"], ["Large", "l"]], value="s"), listeners=((1, "change"), (1, "select")))
    names = ui.block(1).locator("input[type=radio]").evaluate_all("els => new Set(els.map(e => e.name)).size")
    assert names == 1
    expect(ui.page.get_by_label("Small")).to_be_checked()
    ui.page.get_by_label("Large").check()
    assert ui.take(3) == [
        {"type": "value", "id": 1, "value": "l"},
        {"type": "trigger", "id": 1, "event": "change", "data": None},
        {"type": "trigger", "id": 1, "event": "select", "data": {"index": 1, "value": "l", "selected": True}},
    ]
    expect(ui.page.get_by_label("Small")).not_to_be_checked()
    ui.update(1, value=None)
    expect(ui.page.get_by_label("Large")).not_to_be_checked()
    assert ui.sent() == []


# --- dropdown ------------------------------------------------------------------------------------

COLOURS = [["Red", "r"], ["Green", "g"], ["Blue", "b"]]


def test_dropdown_is_an_aria_combobox(ui: UI) -> None:
    ui.render(node(1, "dropdown", label="Colour", choices=COLOURS, value="g"))
    combo = ui.page.get_by_role("combobox", name="Colour")
    expect(combo).to_have_value("Green")
    expect(combo).to_have_attribute("aria-expanded", "false")
    listbox_id = combo.get_attribute("aria-controls")
    combo.click()
    expect(combo).to_have_attribute("aria-expanded", "true")
    listbox = ui.page.locator(f"#{listbox_id}")
    expect(listbox).to_have_attribute("role", "listbox")
    expect(listbox.get_by_role("option")).to_have_text(["Red", "Green", "Blue"])
    expect(listbox.get_by_role("option", name="Green")).to_have_attribute("aria-selected", "true")


def test_dropdown_keyboard_selects_and_escape_closes(ui: UI) -> None:
    ui.render(node(1, "dropdown", label="Colour", choices=COLOURS, value=None), listeners=((1, "change"), (1, "select")))
    combo = ui.page.get_by_role("combobox", name="Colour")
    combo.focus()
    combo.press("ArrowDown")
    combo.press("ArrowDown")
    active = combo.get_attribute("aria-activedescendant")
    expect(ui.page.locator(f"#{active}")).to_have_text("Green")
    combo.press("Enter")
    assert ui.take(3) == [
        {"type": "value", "id": 1, "value": "g"},
        {"type": "trigger", "id": 1, "event": "change", "data": None},
        {"type": "trigger", "id": 1, "event": "select", "data": {"index": 1, "value": "g", "selected": True}},
    ]
    expect(combo).to_have_value("Green")
    expect(combo).to_have_attribute("aria-expanded", "false")
    combo.press("ArrowUp")
    expect(combo).to_have_attribute("aria-expanded", "true")
    combo.press("Escape")
    expect(combo).to_have_attribute("aria-expanded", "false")
    expect(combo).to_have_value("Green")
    assert ui.sent() == []


def test_dropdown_typing_filters_and_click_selects(ui: UI) -> None:
    ui.render(node(1, "dropdown", label="Colour", choices=COLOURS, value=None), listeners=((1, "key_up"),))
    combo = ui.page.get_by_role("combobox", name="Colour")
    combo.press_sequentially("bl")
    expect(ui.page.get_by_role("option")).to_have_text(["Blue"])
    ui.page.get_by_role("option", name="Blue").click()
    combo.blur()  # no listener of its value: Python hears of it when the user leaves the box
    sent = ui.take(3)
    assert sent[:2] == [
        {"type": "trigger", "id": 1, "event": "key_up", "data": {"key": "b", "input_value": "b"}},
        {"type": "trigger", "id": 1, "event": "key_up", "data": {"key": "l", "input_value": "bl"}},
    ]
    assert sent[2:] == [{"type": "value", "id": 1, "value": "b"}]
    expect(combo).to_have_value("Blue")


def test_dropdown_rejects_unknown_text_unless_custom_values_allowed(ui: UI) -> None:
    ui.render(
        node(1, "dropdown", label="Strict", choices=COLOURS, value="r"),
        node(2, "dropdown", label="Loose", choices=COLOURS, value="r", allow_custom_value=True),
    )
    strict = ui.page.get_by_role("combobox", name="Strict")
    strict.fill("Purple")
    strict.press("Enter")
    expect(strict).to_have_value("Red")
    loose = ui.page.get_by_role("combobox", name="Loose")
    loose.fill("Purple")
    loose.blur()
    assert ui.take(1) == [{"type": "value", "id": 2, "value": "Purple"}]
    expect(loose).to_have_value("Purple")


def test_dropdown_multiselect_tokens_and_max_choices(ui: UI) -> None:
    ui.render(
        node(1, "dropdown", label="Colours", choices=COLOURS, value=["r"], multiselect=True, max_choices=2),
        listeners=((1, "change"), (1, "select")),
    )
    combo = ui.page.get_by_role("combobox", name="Colours")
    expect(ui.block(1).locator(".nbb-token")).to_have_text(["Red×"])
    combo.focus()
    ui.page.get_by_role("option", name="Blue").click()
    assert ui.take(3) == [
        {"type": "value", "id": 1, "value": ["r", "b"]},
        {"type": "trigger", "id": 1, "event": "change", "data": None},
        {"type": "trigger", "id": 1, "event": "select", "data": {"index": 2, "value": "b", "selected": True}},
    ]
    # Full: a third choice is refused.
    green = ui.page.get_by_role("option", name="Green")
    expect(green).to_have_attribute("aria-disabled", "true")
    green.dispatch_event("click")
    ui.page.get_by_role("button", name="Remove Red").click()
    assert ui.take(3) == [
        {"type": "value", "id": 1, "value": ["b"]},
        {"type": "trigger", "id": 1, "event": "change", "data": None},
        {"type": "trigger", "id": 1, "event": "select", "data": {"index": 0, "value": "r", "selected": False}},
    ]
    ui.update(1, value=["g", "r"])
    expect(ui.block(1).locator(".nbb-token")).to_have_text(["Green×", "Red×"])
    assert ui.sent() == []


def test_dropdown_focus_and_blur_triggers(ui: UI) -> None:
    ui.render(node(1, "dropdown", label="Colour", choices=COLOURS, value="r"), listeners=((1, "focus"), (1, "blur")))
    combo = ui.page.get_by_role("combobox", name="Colour")
    combo.focus()
    combo.blur()
    assert ui.take(2) == [
        {"type": "trigger", "id": 1, "event": "focus", "data": None},
        {"type": "trigger", "id": 1, "event": "blur", "data": None},
    ]


# --- button --------------------------------------------------------------------------------------


def test_button_click_variant_and_disabled(ui: UI) -> None:
    ui.render(node(1, "button", value="Run", variant="primary"), listeners=((1, "click"),))
    button = ui.page.get_by_role("button", name="Run")
    expect(button).to_have_class(re.compile("nbb-btn-primary"))
    expect(button).to_have_css("background-color", "rgb(249, 115, 22)")
    button.click()
    assert ui.take(1) == [{"type": "trigger", "id": 1, "event": "click", "data": None}]
    ui.update(1, value="Stop", variant="stop", interactive=False)
    stop = ui.page.get_by_role("button", name="Stop")
    expect(stop).to_be_disabled()
    expect(stop).to_have_class(re.compile("nbb-btn-stop"))
    assert ui.sent() == []


def test_button_link_opens_the_url(ui: UI) -> None:
    ui.page.evaluate("window.open = (...args) => { window.opened = args; return null; }")
    ui.render(node(1, "button", value="Docs", link="https://example.invalid/docs"))
    ui.page.get_by_role("button", name="Docs").click()
    assert ui.page.evaluate("window.opened[0]") == "https://example.invalid/docs"


# --- markdown, html, json, label -----------------------------------------------------------------


def test_markdown_renders_and_updates(ui: UI) -> None:
    ui.render(node(1, "markdown", value="# Title\n\nSome **bold** text"))
    expect(ui.block(1).locator("h1")).to_have_text("Title")
    expect(ui.block(1).locator("strong")).to_have_text("bold")
    ui.update(1, value="*new*")
    expect(ui.block(1).locator("em")).to_have_text("new")
    expect(ui.block(1).locator("h1")).to_have_count(0)


def test_html_sets_markup(ui: UI) -> None:
    ui.render(node(1, "html", value="<p class='x'>Hello <b>there</b></p>"))
    expect(ui.block(1).locator("p.x b")).to_have_text("there")
    ui.update(1, value="<i>bye</i>")
    expect(ui.block(1).locator("i")).to_have_text("bye")


def test_json_shows_a_collapsible_tree(ui: UI) -> None:
    ui.render(node(1, "json", label="Data", value={"name": "Ada", "age": 36, "tags": ["x", True, None]}))
    tree = ui.page.get_by_role("group", name="Data")
    expect(tree.locator(".nbb-json-string").first).to_have_text('"Ada"')
    expect(tree.locator(".nbb-json-number")).to_have_text("36")
    expect(tree.locator(".nbb-json-key").first).to_have_text("name:")
    expect(tree.locator("details")).to_have_count(2)
    tree.locator("summary").nth(1).click()
    expect(tree.locator("details").nth(1)).not_to_have_attribute("open", "")
    ui.update(1, value=[1, 2])
    expect(tree.locator(".nbb-json-number")).to_have_text(["1", "2"])


def test_json_collapses_deep_levels_unless_open(ui: UI) -> None:
    deep = {"a": {"b": {"c": {"d": 1}}}}
    ui.render(node(1, "json", label="Deep", value=deep), node(2, "json", label="Open", value=deep, open=True))
    expect(ui.block(1).locator("details[open]")).to_have_count(3)
    expect(ui.block(1).get_by_text("d:")).to_be_hidden()
    expect(ui.block(2).locator("details[open]")).to_have_count(4)
    expect(ui.block(2).get_by_text("d:")).to_be_visible()


def test_label_shows_top_class_and_confidences(ui: UI) -> None:
    value = {"label": "cat", "confidences": [{"label": "cat", "confidence": 0.875}, {"label": "dog", "confidence": 0.125}]}
    ui.render(node(1, "label", label="Prediction", value=value))
    expect(ui.block(1).locator(".nbb-label-top")).to_have_text("cat")
    expect(ui.block(1).locator(".nbb-confidence-head")).to_have_text(["cat88%", "dog13%"])
    ui.update(1, value=None)
    expect(ui.block(1).locator(".nbb-confidence")).to_have_count(0)


# --- layouts -------------------------------------------------------------------------------------


def _tabs_app(ui: UI, **tabs_props: Any) -> None:
    ui.render(
        node(
            1,
            "tabs",
            node(2, "tab", node(5, "markdown", value="one"), label="One"),
            node(3, "tab", node(6, "markdown", value="two"), label="Two", id="second"),
            node(4, "tab", node(7, "markdown", value="three"), label="Three"),
            **tabs_props,
        ),
        listeners=((1, "select"), (1, "change"), (3, "select")),
    )


def test_tabs_aria_and_click(ui: UI) -> None:
    _tabs_app(ui)
    tabs = ui.page.get_by_role("tab")
    expect(tabs).to_have_text(["One", "Two", "Three"])
    first = ui.page.get_by_role("tab", name="One")
    expect(first).to_have_attribute("aria-selected", "true")
    panel = ui.page.locator(f"#{first.get_attribute('aria-controls')}")
    expect(panel).to_have_attribute("role", "tabpanel")
    expect(panel).to_have_attribute("aria-labelledby", first.get_attribute("id") or "")
    expect(ui.page.get_by_role("tabpanel")).to_have_count(1)
    expect(ui.page.get_by_text("two", exact=True)).to_be_hidden()
    ui.page.get_by_role("tab", name="Two").click()
    data = {"index": 1, "value": "Two", "selected": True}
    assert ui.take(3) == [
        {"type": "trigger", "id": 3, "event": "select", "data": data},
        {"type": "trigger", "id": 1, "event": "select", "data": data},
        {"type": "trigger", "id": 1, "event": "change", "data": data},
    ]
    expect(ui.page.get_by_text("two", exact=True)).to_be_visible()
    expect(ui.page.get_by_text("one", exact=True)).to_be_hidden()


def test_tabs_keyboard_navigation(ui: UI) -> None:
    _tabs_app(ui)
    one = ui.page.get_by_role("tab", name="One")
    one.focus()
    one.press("ArrowRight")
    expect(ui.page.get_by_role("tab", name="Two")).to_be_focused()
    expect(ui.page.get_by_role("tab", name="Two")).to_have_attribute("aria-selected", "true")
    ui.page.keyboard.press("End")
    expect(ui.page.get_by_role("tab", name="Three")).to_have_attribute("aria-selected", "true")
    ui.page.keyboard.press("ArrowRight")  # wraps around
    expect(ui.page.get_by_role("tab", name="One")).to_be_focused()
    ui.page.keyboard.press("ArrowLeft")
    expect(ui.page.get_by_role("tab", name="Three")).to_be_focused()
    ui.page.keyboard.press("Home")
    expect(ui.page.get_by_role("tab", name="One")).to_have_attribute("aria-selected", "true")
    expect(ui.page.get_by_role("tab", name="One")).to_have_attribute("tabindex", "0")
    expect(ui.page.get_by_role("tab", name="Two")).to_have_attribute("tabindex", "-1")
    expect(ui.page.get_by_text("one", exact=True)).to_be_visible()


def test_tabs_selected_by_id_or_index_and_updates(ui: UI) -> None:
    _tabs_app(ui, selected="second")
    expect(ui.page.get_by_role("tab", name="Two")).to_have_attribute("aria-selected", "true")
    ui.update(1, selected=2)
    expect(ui.page.get_by_role("tab", name="Three")).to_have_attribute("aria-selected", "true")
    expect(ui.page.get_by_text("three", exact=True)).to_be_visible()
    ui.update(4, visible=False)
    expect(ui.page.get_by_role("tab", name="Three")).to_be_hidden()
    expect(ui.page.get_by_role("tab", name="One")).to_have_attribute("aria-selected", "true")
    ui.update(2, label="First")
    expect(ui.page.get_by_role("tab", name="First")).to_be_visible()
    assert ui.sent() == []


def test_accordion_toggles(ui: UI) -> None:
    ui.render(
        node(1, "accordion", node(2, "textbox", label="Inside"), label="More options", open=False),
        listeners=((1, "expand"), (1, "collapse")),
    )
    header = ui.page.get_by_role("button", name="More options")
    expect(header).to_have_attribute("aria-expanded", "false")
    expect(ui.page.get_by_label("Inside")).to_be_hidden()
    header.click()
    expect(header).to_have_attribute("aria-expanded", "true")
    expect(ui.page.get_by_label("Inside")).to_be_visible()
    header.click()
    assert ui.take(2) == [
        {"type": "trigger", "id": 1, "event": "expand", "data": None},
        {"type": "trigger", "id": 1, "event": "collapse", "data": None},
    ]
    ui.update(1, open=True, label="Options")
    expect(ui.page.get_by_role("button", name="Options")).to_have_attribute("aria-expanded", "true")
    assert ui.sent() == []


def test_group_and_column_hold_children(ui: UI) -> None:
    ui.render(node(1, "group", node(2, "textbox", label="A"), node(3, "textbox", label="B")), node(4, "column", node(5, "button", value="C"), variant="panel"))
    expect(ui.block(1).locator(".nbb-textbox")).to_have_count(2)
    expect(ui.block(4)).to_have_class(re.compile("nbb-variant-panel"))
    a = ui.block(2).bounding_box()
    b = ui.block(3).bounding_box()
    assert a and b and b["y"] - (a["y"] + a["height"]) <= 1


# --- status and errors ---------------------------------------------------------------------------


def test_status_pending_shows_overlay_until_complete(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Out"), node(2, "textbox", label="Other"))
    ui.status([1], "pending")
    expect(ui.block(1)).to_have_class(re.compile("nbb-pending"))
    expect(ui.block(1).locator(".nbb-progress-full .nbb-spinner")).to_be_visible()
    expect(ui.block(2).locator(".nbb-progress")).to_have_count(0)
    ui.status([1], "complete")
    expect(ui.block(1)).not_to_have_class(re.compile("nbb-pending"))
    expect(ui.block(1).locator(".nbb-progress")).to_have_count(0)


def test_status_minimal_and_hidden(ui: UI) -> None:
    ui.render(node(1, "textbox", label="A"), node(2, "textbox", label="B"))
    ui.status([1], "pending", "minimal")
    ui.status([2], "pending", "hidden", event=2)
    expect(ui.block(1).locator(".nbb-progress-minimal")).to_be_visible()
    expect(ui.block(2)).to_have_class(re.compile("nbb-pending"))
    expect(ui.block(2).locator(".nbb-progress")).to_have_count(0)
    ui.status([1], "error")
    ui.status([2], "complete", event=2)
    expect(ui.page.locator(".nbb-pending")).to_have_count(0)


def _error(outputs: list[int], duration: float | None = 10, visible: bool = True) -> dict[str, Any]:
    return {"type": "error", "event": 1, "outputs": outputs, "title": "Error", "message": "Bad input",
            "duration": duration, "visible": visible}  # fmt: skip


def test_error_shows_at_outputs_and_as_toast(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Out"), node(2, "textbox", label="Other"))
    ui.push(_error([1], duration=None))
    alert = ui.block(1).locator(".nbb-error")
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_contain_text("Bad input")
    expect(ui.block(2).locator(".nbb-error")).to_have_count(0)
    toast = ui.page.locator(".nbb-toast")
    expect(toast).to_have_attribute("role", "alert")
    expect(toast).to_contain_text("Error")
    toast.get_by_role("button", name="Close").click()
    expect(toast).to_have_count(0)
    ui.update(1, value="fixed")
    expect(alert).to_have_count(0)


def test_error_cleared_by_next_pending_and_toast_expires(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Out"))
    ui.push(_error([1], duration=0.2))
    expect(ui.block(1).locator(".nbb-error")).to_be_visible()
    expect(ui.page.locator(".nbb-toast")).to_have_count(0)  # auto-waits past the duration
    ui.status([1], "pending")
    expect(ui.block(1).locator(".nbb-error")).to_have_count(0)


def test_error_without_outputs_is_only_a_toast_and_invisible_errors_show_nothing(ui: UI) -> None:
    ui.render(node(1, "textbox", label="Out"))
    ui.push(_error([1], visible=False))
    ui.push(_error([]))
    expect(ui.page.locator(".nbb-toast")).to_have_count(1)
    expect(ui.page.locator(".nbb-error")).to_have_count(0)


# --- the bundle ----------------------------------------------------------------------------------


def test_bundle_fits_the_size_budget(bundle: tuple[Any, Any]) -> None:
    total = sum(len(gzip.compress(path.read_bytes())) for path in bundle)
    # the issues' budget for the first page of an app (js/build.mjs refuses to build past it)
    assert total <= 30 * 1024, f"JS+CSS is {total} B gzipped, over the 30 KiB budget"


# --- for a person to look at ---------------------------------------------------------------------


def _showcase() -> list[dict[str, Any]]:
    return [
        node(1, "markdown", value="# nbblocks\nEvery component, as a user sees it."),
        node(
            2,
            "row",
            node(
                3,
                "column",
                node(4, "textbox", label="Name", info="Your name", value="Ada Lovelace"),
                node(5, "textbox", label="Notes", lines=3, value="Line one\nLine two"),
                node(6, "number", label="Age", value=36),
                node(7, "slider", label="Temperature", value=40),
                scale=2,
            ),
            node(
                8,
                "column",
                node(9, "checkbox", label="Subscribe", value=True),
                node(10, "checkboxgroup", label="Fruit", choices=[["Apple", "a"], ["Banana", "b"]], value=["a"]),
                node(11, "radio", label="Size", choices=[["S", "s"], ["M", "m"], ["L", "l"]], value="m"),
                node(12, "dropdown", label="Colours", choices=COLOURS, value=["r", "b"], multiselect=True),
                node(13, "dropdown", label="Colour", choices=COLOURS, value="g"),
            ),
        ),
        node(
            14,
            "row",
            node(15, "button", value="Submit", variant="primary"),
            node(16, "button", value="Clear"),
            node(17, "button", value="Stop", variant="stop"),
        ),
        node(
            18,
            "tabs",
            node(19, "tab", node(20, "json", label="JSON", value={"name": "Ada", "year": 1843, "ok": True}), label="Data"),
            node(21, "tab", node(22, "html", value="<p>HTML</p>"), label="Other"),
        ),
        node(23, "label", label="Prediction", value={"label": "cat", "confidences": [{"label": "cat", "confidence": 0.8}, {"label": "dog", "confidence": 0.2}]}),
        node(24, "accordion", node(25, "textbox", label="Hidden option"), label="Advanced", open=False),
    ]


def test_screenshots_light_and_dark(ui: UI, screenshots: Any) -> None:
    ui.render(*_showcase())
    ui.status([23], "pending")
    ui.push(_error([6]))
    ui.page.get_by_role("combobox", name="Colour", exact=True).click()
    expect(ui.page.get_by_role("option", name="Blue")).to_be_visible()
    ui.page.screenshot(path=str(screenshots / "frontend-light.png"), full_page=True)
    ui.page.evaluate("document.body.dataset.jpThemeLight = 'false'")
    expect(ui.page.locator(".nbb-app")).to_have_css("background-color", "rgb(11, 15, 25)")
    ui.page.screenshot(path=str(screenshots / "frontend-dark.png"), full_page=True)
