"""Props Python declared and the page used to ignore, now drawn: Markdown's ``header_links``,
``height`` and ``show_copy_button``, Textbox's ``autoscroll``, JSON's ``show_indices``, and
Label's ``select`` event."""

from __future__ import annotations

from playwright.sync_api import expect

from ..server.wire import wait_for
from .harness import UI, node

LONG = "\n\n".join(f"Paragraph {i}" for i in range(40))


def test_markdown_header_links_give_headings_ids_and_anchor_links(ui: UI) -> None:
    source = "# Hello World\n\ntext\n\n## Hello World\n\n### Ça va?"
    ui.render(node(1, "markdown", value=source, header_links=True), node(2, "markdown", value=source))
    links = ui.block(1).locator("a.nbb-header-link")
    expect(links).to_have_count(3)
    expect(ui.block(1).locator("h1")).to_have_attribute("id", "hello-world")
    expect(ui.block(1).locator("h2")).to_have_attribute("id", "hello-world-1")
    expect(ui.block(1).locator("h3")).to_have_attribute("id", "ça-va")
    expect(links.nth(1)).to_have_attribute("href", "#hello-world-1")
    links.nth(1).focus()
    links.nth(1).press("Enter")
    ui.page.wait_for_function("location.hash === '#hello-world-1'")
    # without the prop: plain headings, as before
    expect(ui.block(2).locator("a")).to_have_count(0)
    expect(ui.block(2).locator("h1")).not_to_have_attribute("id", "hello-world")
    ui.update(1, header_links=False)
    expect(links).to_have_count(0)


def test_markdown_height_makes_a_scroll_box(ui: UI) -> None:
    ui.render(node(1, "markdown", value=LONG, height=120), node(2, "markdown", value=LONG, height="6em"))
    prose = ui.block(1).locator(".nbb-prose")
    size = prose.evaluate("el => [el.clientHeight, el.scrollHeight, getComputedStyle(el).overflowY]")
    assert size[0] <= 120 < size[1] and size[2] == "auto"
    prose.hover()
    ui.page.mouse.wheel(0, 300)
    ui.page.wait_for_function("document.querySelector('[data-nbb-id=\"1\"] .nbb-prose').scrollTop > 0")
    css_height = ui.block(2).locator(".nbb-prose").evaluate("el => el.clientHeight / parseFloat(getComputedStyle(el).fontSize)")
    assert css_height <= 6
    ui.update(1, height=None)
    assert prose.evaluate("el => el.scrollHeight <= el.clientHeight")


def test_markdown_copy_button_copies_the_source(ui: UI) -> None:
    ui.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    source = "# Title\n\nSome **bold** text"
    ui.render(node(1, "markdown", value=source, show_copy_button=True), node(2, "markdown", value="plain"))
    button = ui.block(1).get_by_role("button", name="Copy")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_text("Copied")
    assert ui.page.evaluate("navigator.clipboard.readText()") == source
    expect(ui.block(2).get_by_role("button")).to_have_count(0)  # hidden unless asked for
    ui.update(1, show_copy_button=False)
    expect(button).to_be_hidden()
    assert ui.sent() == []


def _scroll_state(ui: UI, block_id: int) -> list[float]:
    return ui.block(block_id).locator("textarea").evaluate("el => [el.scrollTop, el.clientHeight, el.scrollHeight]")


def test_textbox_autoscroll_follows_new_text_unless_scrolled_up(ui: UI) -> None:
    ui.render(
        node(1, "textbox", label="Log", lines=3, max_lines=3),
        node(2, "textbox", label="Still", lines=3, max_lines=3, autoscroll=False),
    )
    text = "\n".join(f"line {i}" for i in range(50))
    ui.update(1, value=text)
    ui.update(2, value=text)
    wait_for(lambda: _at_end(_scroll_state(ui, 1)), what="the log box scrolled to its end")
    assert _scroll_state(ui, 2)[0] == 0  # autoscroll=False: stays at the top
    # a reader who scrolled up is not pulled down by the next update
    ui.block(1).locator("textarea").evaluate("el => { el.scrollTop = 0; }")
    ui.update(1, value=text + "\nline 50")
    ui.update(1, value=text + "\nline 50\nline 51")
    ui.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert _scroll_state(ui, 1)[0] == 0
    # back at the end, the box follows again
    ui.block(1).locator("textarea").evaluate("el => { el.scrollTop = el.scrollHeight; }")
    ui.update(1, value=text + "\nline 50\nline 51\nline 52")
    wait_for(lambda: _at_end(_scroll_state(ui, 1)), what="the log box followed again")


def _at_end(state: list[float]) -> bool:
    top, height, total = state
    return total > height and top + height >= total - 1


def test_json_show_indices_shows_list_indexes(ui: UI) -> None:
    value = {"xs": ["a", "b"]}
    ui.render(node(1, "json", label="Plain", value=value), node(2, "json", label="Indexed", value=value, show_indices=True))
    expect(ui.block(1).locator(".nbb-json-key")).to_have_text(["xs:"])
    expect(ui.block(2).locator(".nbb-json-key")).to_have_text(["xs:", "0:", "1:"])
    ui.update(2, show_indices=False)
    expect(ui.block(2).locator(".nbb-json-key")).to_have_text(["xs:"])


def test_label_click_on_a_class_fires_select(ui: UI) -> None:
    value = {"label": "cat", "confidences": [{"label": "cat", "confidence": 0.75}, {"label": "dog", "confidence": 0.25}]}
    ui.render(node(1, "label", label="Prediction", value=value), listeners=((1, "select"),))
    ui.block(1).get_by_role("button", name="dog 25%").click()
    assert ui.take(1) == [{"type": "trigger", "id": 1, "event": "select", "data": {"index": 1, "value": "dog", "selected": True}}]
