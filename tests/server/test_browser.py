"""Served apps in a real browser (Debian Chromium): what a visitor sees and does.

The spec's two examples run as ``python app.py``; the rest launch in this process. Each served
demo leaves a screenshot in tests/screenshots/.
"""

from __future__ import annotations

import http.client
import re
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

import nbblocks as gr

from .conftest import UI_TIMEOUT_MS, port_is_free

NAME_BOX = "What is your name?"


def output_box(page: Any) -> Any:
    """The hello apps' output: the second text field."""
    return page.locator(".nbb-textbox .nbb-input").nth(1)


def welcome_app() -> gr.Blocks:
    """The spec's second demo: the output follows every keystroke."""
    with gr.Blocks() as demo:
        gr.Markdown("# Hello World!\nStart typing below to see the output.")
        name = gr.Textbox(placeholder=NAME_BOX)
        out = gr.Textbox()
        name.change(lambda text: f"Welcome to Gradio, {text}!", name, out)
    return demo


# --- the spec's examples as `python app.py` ------------------------------------------------------


def test_hello_example_served_then_ctrl_c(run_app, served_page, screenshots: Path) -> None:
    app = run_app("hello.py")
    assert app.url.startswith("http://127.0.0.1:")
    served_page.goto(app.url)
    served_page.get_by_placeholder(NAME_BOX).fill("Ada")
    expect(output_box(served_page)).to_have_value("")  # nothing runs before the click
    served_page.get_by_role("button", name="Run").click()
    expect(output_box(served_page)).to_have_value("Welcome to Gradio, Ada!")
    served_page.screenshot(path=screenshots / "served_hello.png")

    assert app.interrupt() == 0, app.output
    assert port_is_free(app.port), f"port {app.port} still bound after Ctrl-C"


def test_welcome_example_updates_on_every_keystroke(run_app, served_page, screenshots: Path) -> None:
    app = run_app("welcome.py")
    served_page.goto(app.url)
    expect(served_page.get_by_role("heading", name="Hello World!")).to_be_visible()
    name = served_page.get_by_placeholder(NAME_BOX)
    typed = ""
    for key in "Grace":
        name.press(key)
        typed += key
        expect(output_box(served_page)).to_have_value(f"Welcome to Gradio, {typed}!")
    name.press("Backspace")
    expect(output_box(served_page)).to_have_value("Welcome to Gradio, Grac!")
    served_page.screenshot(path=screenshots / "served_welcome.png")

    assert app.interrupt() == 0, app.output
    assert port_is_free(app.port)


# --- sessions ------------------------------------------------------------------------------------


def test_two_visitors_at_once_each_see_their_own_output(launch, browser, screenshots: Path) -> None:
    url = launch(welcome_app())
    contexts = [browser.new_context() for _ in range(2)]
    try:
        pages = [context.new_page() for context in contexts]
        for page in pages:
            page.set_default_timeout(UI_TIMEOUT_MS)
            page.goto(url)
        # both type before either output is checked, so their runs overlap on the server
        for page, name in zip(pages, ("Alice", "Bob")):
            page.get_by_placeholder(NAME_BOX).press_sequentially(name)
        for page, name in zip(pages, ("Alice", "Bob")):
            expect(output_box(page)).to_have_value(f"Welcome to Gradio, {name}!", timeout=UI_TIMEOUT_MS)
            expect(page.get_by_placeholder(NAME_BOX)).to_have_value(name, timeout=UI_TIMEOUT_MS)
        pages[1].screenshot(path=screenshots / "served_two_visitors.png")
    finally:
        for context in contexts:
            context.close()


def counter_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        count = gr.State(0)
        shown = gr.Number(label="Count")
        button = gr.Button("Add one")

        def add_one(n: int) -> tuple[int, int]:
            return n + 1, n + 1

        button.click(add_one, count, [count, shown])
    return demo


def click_until(page: Any, clicks: int) -> None:
    """Click "Add one" ``clicks`` times, each after the previous count is shown (a click while
    a run is pending is dropped, as in Gradio's trigger_mode="once")."""
    for n in range(1, clicks + 1):
        page.get_by_role("button", name="Add one").click()
        expect(page.get_by_label("Count")).to_have_value(str(n))


def test_state_counts_per_tab(launch, served_page, screenshots: Path) -> None:
    url = launch(counter_app())
    first = served_page
    second = served_page.context.new_page()  # same browser, same cookies, its own tab
    second.set_default_timeout(UI_TIMEOUT_MS)
    first.goto(url)
    second.goto(url)
    click_until(first, 3)
    click_until(second, 1)
    expect(first.get_by_label("Count")).to_have_value("3")
    first.get_by_role("button", name="Add one").click()
    expect(first.get_by_label("Count")).to_have_value("4")
    expect(second.get_by_label("Count")).to_have_value("1")
    first.screenshot(path=screenshots / "served_state_counter.png")


def test_reload_keeps_typed_input_and_state(launch, served_page, browser) -> None:
    url = launch(counter_app_with_name())
    served_page.goto(url)
    served_page.get_by_placeholder(NAME_BOX).fill("Still here")
    click_until(served_page, 2)

    served_page.reload()
    expect(served_page.get_by_placeholder(NAME_BOX)).to_have_value("Still here")
    expect(served_page.get_by_label("Count")).to_have_value("2")
    served_page.get_by_role("button", name="Add one").click()
    expect(served_page.get_by_label("Count")).to_have_value("3")

    # another visitor starts fresh
    other = browser.new_context()
    try:
        page = other.new_page()
        page.goto(url)
        expect(page.get_by_label("Count")).to_have_value("", timeout=UI_TIMEOUT_MS)
        expect(page.get_by_placeholder(NAME_BOX)).to_have_value("", timeout=UI_TIMEOUT_MS)
    finally:
        other.close()


def counter_app_with_name() -> gr.Blocks:
    demo = counter_app()
    with demo:
        gr.Textbox(placeholder=NAME_BOX)
    return demo


# --- login ---------------------------------------------------------------------------------------

SECRET_LABEL = "Codename field"
SECRET_PLACEHOLDER = "type-your-codename"
SECRET_VALUE = "classified-initial-value"


def secret_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.Markdown("Welcome to the secret app")
        name = gr.Textbox(label=SECRET_LABEL, placeholder=SECRET_PLACEHOLDER, value=SECRET_VALUE)
        out = gr.Textbox(label="Greeting")
        gr.Button("Greet").click(lambda text: f"Hello {text}", name, out)
    return demo


def assert_nothing_of_the_app(text: str) -> None:
    for secret in (SECRET_LABEL, SECRET_PLACEHOLDER, SECRET_VALUE, "Welcome to the secret app", "Greeting"):
        assert secret not in text, f"{secret!r} is visible before login"


def websocket_handshake_status(url: str, cookie: str | None = None) -> int:
    """The HTTP status of a WebSocket upgrade to ``<url>ws``: 101 when accepted."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version": "13",
    }
    if cookie:
        headers["Cookie"] = cookie
    try:
        connection.request("GET", f"{parts.path}ws?session=abcdefgh12345678", headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_login_flow(launch, served_page, screenshots: Path) -> None:
    url = launch(secret_app(), auth=("admin", "secret"), auth_message="Ask <b>the keeper</b> for the password")
    page = served_page

    with urllib.request.urlopen(url, timeout=10) as response:
        assert_nothing_of_the_app(response.read().decode())
    assert websocket_handshake_status(url) == 401

    page.goto(url)
    expect(page.get_by_text("Ask the keeper for the password")).to_be_visible()
    expect(page.locator("b", has_text="the keeper")).to_be_visible()  # auth_message is HTML
    assert_nothing_of_the_app(page.content())
    socket_refused = page.evaluate(
        """(url) => new Promise((resolve) => {
            const ws = new WebSocket(url);
            ws.onopen = () => resolve(false);
            ws.onerror = () => resolve(true);
        })""",
        url.replace("http", "ws", 1) + "ws?session=abcdefgh12345678",
    )
    assert socket_refused, "the WebSocket opened before login"
    page.screenshot(path=screenshots / "served_login_form.png")

    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_text("Incorrect credentials")).to_be_visible()
    expect(page.locator(".nbb-app")).to_have_count(0)
    assert_nothing_of_the_app(page.content())

    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("secret")
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_label(SECRET_LABEL)).to_have_value(SECRET_VALUE)
    page.get_by_label(SECRET_LABEL).fill("Ada")
    page.get_by_role("button", name="Greet").click()
    expect(page.get_by_label("Greeting")).to_have_value("Hello Ada")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    assert websocket_handshake_status(url, cookies) == 101
    page.screenshot(path=screenshots / "served_after_login.png")

    page.goto(url + "logout")
    expect(page.get_by_role("button", name="Login")).to_be_visible()
    expect(page.locator(".nbb-app")).to_have_count(0)
    assert_nothing_of_the_app(page.content())
    page.goto(url)
    expect(page.get_by_role("button", name="Login")).to_be_visible()


def test_a_page_whose_login_ends_elsewhere_shows_the_login_form(launch, browser) -> None:
    """Logging out on another device closes this page's socket (4401): the page reloads to the
    login form instead of retrying a socket the server now refuses."""
    url = launch(secret_app(), auth=("admin", "secret"))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.get_by_label("Username").fill("admin")
        page.get_by_label("Password").fill("secret")
        page.get_by_role("button", name="Login").click()
        expect(page.get_by_label(SECRET_LABEL)).to_have_value(SECRET_VALUE)
        elsewhere = http.client.HTTPConnection(urlsplit(url).hostname, urlsplit(url).port, timeout=10)
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())
        elsewhere.request("GET", f"{urlsplit(url).path}logout", headers={"Cookie": cookies})
        assert elsewhere.getresponse().status == 302
        elsewhere.close()
        expect(page.get_by_role("button", name="Login")).to_be_visible()
        expect(page.locator(".nbb-app")).to_have_count(0)
    finally:
        context.close()


# --- Blocks options on the page ------------------------------------------------------------------

CSS = "#styled-note { color: rgb(1, 2, 3); }"
JS = "() => { window.loaded = true; window.loads = (window.loads || 0) + 1; }"
HEAD = '<meta name="nbblocks-test" content="from-head">'


@pytest.fixture()
def options_url(launch, tmp_path: Path) -> str:
    favicon = tmp_path / "icon.png"
    favicon.write_bytes(PNG_1x1)
    with gr.Blocks(title="My served app", css=CSS, js=JS, head=HEAD, fill_height=True, theme="soft") as demo:
        gr.Markdown("A styled note", elem_id="styled-note")
        gr.Textbox(label="Name")
    return launch(demo, favicon_path=str(favicon))


PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e5273d8a0000000049454e44ae426082"
)


def test_title_css_js_head(options_url: str, served_page, screenshots: Path) -> None:
    page = served_page
    page.goto(options_url)
    expect(page).to_have_title("My served app")
    expect(page.locator("#styled-note")).to_have_css("color", "rgb(1, 2, 3)")
    page.wait_for_function("window.loaded === true")
    expect(page.get_by_label("Name")).to_be_visible()  # the app is drawn: js ran once, not per render
    assert page.evaluate("window.loads") == 1
    expect(page.locator('head meta[name="nbblocks-test"]')).to_have_attribute("content", "from-head")
    page.screenshot(path=screenshots / "served_options.png")


def test_load_listeners_js_runs_in_the_page_then_their_fn(launch, served_page) -> None:
    received: list[str] = []
    with gr.Blocks(js="() => { document.body.classList.add('app-js') }") as demo:
        name = gr.Textbox("ada", label="Name")
        out = gr.Textbox(label="Greeting")
        demo.load(None, None, None, js="() => { document.body.classList.add('loaded-by-js') }")
        demo.load(lambda who: received.append(who) or f"Hello {who}", name, out, js="(who) => who.toUpperCase()")
    served_page.goto(launch(demo))
    body = served_page.locator("body")
    expect(body).to_have_class(re.compile(r"(^|\s)loaded-by-js(\s|$)"))
    expect(body).to_have_class(re.compile(r"(^|\s)app-js(\s|$)"))
    expect(served_page.get_by_label("Greeting")).to_have_value("Hello ADA")  # what the js returned
    assert received == ["ADA"]

    served_page.reload()  # the same session: the new page runs the js again, the fn ran already
    expect(body).to_have_class(re.compile(r"(^|\s)loaded-by-js(\s|$)"))
    expect(served_page.get_by_label("Greeting")).to_have_value("Hello ADA")


def test_fill_height_fills_the_window(options_url: str, served_page) -> None:
    page = served_page
    page.set_viewport_size({"width": 1000, "height": 800})
    page.goto(options_url)
    app = page.locator(".nbb-app")
    expect(app).to_have_class("nbb-app gradio-container nbb-fill-height")
    box = app.bounding_box()
    assert box is not None
    footer = page.locator(".nbb-footer").bounding_box()
    assert footer is not None
    # the app stretches down to the footer, which sits at the bottom of the window
    assert footer["y"] + footer["height"] > 800 - 60, (box, footer)
    assert box["height"] > 600, box


def test_dark_theme_from_the_query(options_url: str, served_page, screenshots: Path) -> None:
    page = served_page
    page.goto(options_url + "?__theme=dark")
    expect(page.locator(".nbb-app")).to_be_visible()
    expect(page.locator("#nbblocks-app")).to_have_class("dark")
    expect(page.locator("body")).to_have_css("background-color", "rgb(11, 15, 25)")
    expect(page.locator(".nbb-app")).to_have_css("background-color", "rgb(11, 15, 25)")
    page.screenshot(path=screenshots / "served_dark.png")

    page.goto(options_url + "?__theme=light")
    expect(page.locator(".nbb-app")).to_be_visible()
    expect(page.locator("body")).to_have_css("background-color", "rgb(255, 255, 255)")


def test_dark_theme_follows_the_system(options_url: str, served_page) -> None:
    page = served_page
    page.emulate_media(color_scheme="dark")
    page.goto(options_url)
    expect(page.locator("body")).to_have_css("background-color", "rgb(11, 15, 25)")
    page.goto(options_url + "?__theme=light")  # the query wins over the system
    expect(page.locator("body")).to_have_css("background-color", "rgb(255, 255, 255)")


def test_favicon(options_url: str, served_page) -> None:
    with urllib.request.urlopen(options_url + "favicon.ico", timeout=10) as response:
        assert response.read() == PNG_1x1
        assert response.headers["Content-Type"] == "image/png"
    served_page.goto(options_url)
    icon = served_page.locator('link[rel="icon"]')
    expect(icon).to_have_attribute("href", "/favicon.ico")
    fetched = served_page.evaluate(
        "async () => Array.from(new Uint8Array(await (await fetch(document.querySelector('link[rel=icon]').href)).arrayBuffer()))"
    )
    assert bytes(fetched) == PNG_1x1


# --- the connection ------------------------------------------------------------------------------


def test_server_restart_shows_reconnecting_then_recovers(launch, served_page) -> None:
    demo = welcome_app()
    url = launch(demo)
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    page = served_page
    page.goto(url)
    notice = page.get_by_role("status").filter(has_text="Reconnecting")
    page.get_by_placeholder(NAME_BOX).press_sequentially("Before")
    expect(output_box(page)).to_have_value("Welcome to Gradio, Before!")
    expect(notice).to_be_hidden()

    demo.close()
    expect(notice).to_be_visible()

    launch(demo, server_port=port)  # a new server knows no sessions: the page starts a new one
    expect(notice).to_be_hidden()
    page.get_by_placeholder(NAME_BOX).fill("")
    page.get_by_placeholder(NAME_BOX).press_sequentially("After")
    expect(output_box(page)).to_have_value("Welcome to Gradio, After!")


def test_session_taken_over_by_another_page(launch, served_page) -> None:
    url = launch(welcome_app())
    first = served_page
    first.goto(url)
    first.get_by_placeholder(NAME_BOX).press_sequentially("Shared")
    expect(output_box(first)).to_have_value("Welcome to Gradio, Shared!")
    session = first.evaluate("sessionStorage.getItem('nbblocks-session')")

    # a duplicated tab carries the same sessionStorage, so the same session hash
    second = first.context.new_page()
    second.set_default_timeout(UI_TIMEOUT_MS)
    second.add_init_script(f"sessionStorage.setItem('nbblocks-session', {session!r})")
    second.goto(url)
    expect(second.get_by_placeholder(NAME_BOX)).to_have_value("Shared")
    expect(first.get_by_role("status")).to_have_text(
        "This session is now open in another page. Reload to continue here."
    )
