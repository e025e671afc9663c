"""Gradio 5/6 keywords that draw something, on a served page in Chromium: ``visible="hidden"``,
a Textbox's ``submit_btn``, a Number's ``placeholder``, ``gr.Sidebar``, HTML's templates."""

from __future__ import annotations

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)
from ..server.wire import wait_for

TIMEOUT_MS = 30_000


def test_a_hidden_block_is_on_the_page_but_not_shown(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        secret = gr.Textbox("kept", label="Secret", visible="hidden")
        show = gr.Button("Show")
        show.click(lambda: gr.update(visible=True), None, secret)
    served_page.goto(launch(demo))
    field = served_page.get_by_label("Secret")
    expect(field).to_be_attached(timeout=TIMEOUT_MS)
    expect(field).to_be_hidden()
    expect(field).to_have_value("kept")
    served_page.get_by_role("button", name="Show").click()
    expect(field).to_be_visible(timeout=TIMEOUT_MS)


def test_submit_button_fires_submit_and_number_shows_placeholder(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        message = gr.Textbox(label="Message", submit_btn="Send")
        plain = gr.Textbox(label="Plain")
        gr.Number(label="Count", placeholder="How many?")
        out = gr.Textbox(label="Out")
        message.submit(lambda text: f"sent {text}", message, out)
    served_page.goto(launch(demo))
    served_page.get_by_label("Message").fill("hi")
    served_page.get_by_role("button", name="Send").click()
    expect(served_page.get_by_label("Out")).to_have_value("sent hi", timeout=TIMEOUT_MS)
    expect(served_page.get_by_label("Count")).to_have_attribute("placeholder", "How many?")
    expect(served_page.locator(".nbb-submit:visible")).to_have_count(1)  # Plain has none
    assert plain.submit_btn is False


def test_sidebar_is_fixed_to_the_window_edge_and_toggles(launch, served_page, bundle) -> None:
    events: list[str] = []
    with gr.Blocks() as demo:
        with gr.Sidebar(label="Settings", position="right", width=250) as sidebar:
            gr.Textbox(label="Inside")
        gr.Textbox(label="Main")
        sidebar.collapse(lambda: events.append("collapse"))
        sidebar.expand(lambda: events.append("expand"))
    served_page.goto(launch(demo))
    inside = served_page.get_by_label("Inside")
    expect(inside).to_be_visible(timeout=TIMEOUT_MS)
    panel = served_page.locator(".nbb-sidebar")
    expect(panel).to_have_css("position", "fixed")
    expect(panel).to_have_css("width", "250px")
    box = panel.bounding_box()
    viewport = served_page.viewport_size
    assert box is not None and viewport is not None and abs(box["x"] + box["width"] - viewport["width"]) < 2
    served_page.get_by_role("button", name="Close sidebar").click()
    expect(inside).to_be_hidden()
    served_page.get_by_role("button", name="Open sidebar").click()
    expect(inside).to_be_visible()
    wait_for(lambda: events == ["collapse", "expand"], what="collapse then expand in Python")


def test_html_template_draws_props_styles_itself_and_sends_its_value(launch, served_page, bundle) -> None:
    stars = """${Array.from({length: 5}, (_, i) => `<span class="star ${i < value ? 'on' : 'off'}">*</span>`).join('')}
    <b>${title}</b><button class="send">Send</button>"""
    on_load = """
        element.querySelectorAll('.star').forEach((star, index) => star.addEventListener('click', () => { props.value = index + 1; }));
        element.addEventListener('click', (e) => { if (e.target.matches('.send')) trigger('submit'); });
    """
    with gr.Blocks() as demo:
        rating = gr.HTML(2, html_template=stars, css_template=".on { color: rgb(255, 0, 0); }", js_on_load=on_load,
                         title="Rate me", max_height=300)  # fmt: skip
        gr.HTML("<p class='plain'>plain</p>")
        out = gr.Textbox(label="Out")
        rating.submit(lambda stars: f"{stars} stars ({type(stars).__name__})", rating, out)
    served_page.goto(launch(demo))
    expect(served_page.locator(".star.on")).to_have_count(2, timeout=TIMEOUT_MS)
    expect(served_page.get_by_text("Rate me")).to_be_visible()
    expect(served_page.locator(".star.on").first).to_have_css("color", "rgb(255, 0, 0)")
    expect(served_page.locator(".plain")).not_to_have_css("color", "rgb(255, 0, 0)")  # scoped to its block
    served_page.locator(".star").nth(3).click()
    expect(served_page.locator(".star.on")).to_have_count(4)
    served_page.get_by_role("button", name="Send").click()
    expect(served_page.get_by_label("Out")).to_have_value("4 stars (int)", timeout=TIMEOUT_MS)


def test_a_hidden_tab_hides_its_button_and_the_others_still_switch(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo, gr.Tabs():
        with gr.Tab("First"):
            gr.Textbox("one", label="One")
        with gr.Tab("Secret", visible="hidden"):
            gr.Textbox("two", label="Two")
        with gr.Tab("Third", render_children=True):
            gr.Textbox("three", label="Three")
    served_page.goto(launch(demo))
    expect(served_page.get_by_label("One")).to_be_visible(timeout=TIMEOUT_MS)
    expect(served_page.get_by_role("tab", name="Secret")).to_be_hidden()
    served_page.get_by_role("tab", name="Third").click()
    expect(served_page.get_by_label("Three")).to_be_visible()
    expect(served_page.get_by_label("One")).to_be_hidden()
