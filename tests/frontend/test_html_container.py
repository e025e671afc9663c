"""gr.HTML in Chromium as Gradio 6 has it: a container whose children are drawn where its template
says ``@children``, and a template script that triggers ``keypress`` and ``upload`` (the latter
after storing a file with the ``upload`` function it is given)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)

FORM = """<h2>${form_name}</h2>
@children
<button class="submit">Submit</button>"""
ON_LOAD = "element.querySelector('.submit').addEventListener('click', () => trigger('submit'));"


def test_children_are_drawn_at_children_and_the_template_submits_them(launch, served_page, bundle) -> None:
    """Demo html_children: the form's textboxes sit between its heading and its button."""
    with gr.Blocks() as demo:
        with gr.HTML(html_template=FORM, js_on_load=ON_LOAD, form_name="Custom Form", elem_id="form") as form:
            name = gr.Textbox(label="Name")
            email = gr.Textbox(label="Email")
        output = gr.Textbox(label="Output")
        form.submit(lambda name, email: f"Name: {name}, Email: {email}", [name, email], output)
    served_page.goto(launch(demo))
    slot = served_page.locator("#form h2 + div")
    expect(slot.get_by_label("Name")).to_be_visible(timeout=30_000)
    expect(served_page.locator("#form h2")).to_have_text("Custom Form")
    slot.get_by_label("Name").fill("Ann")
    slot.get_by_label("Email").fill("ann@example.com")
    served_page.locator("#form h2 + div + button.submit").click()
    expect(served_page.get_by_label("Output")).to_have_value("Name: Ann, Email: ann@example.com", timeout=30_000)


def test_a_template_script_triggers_keypress_and_uploads_a_file(launch, served_page, bundle) -> None:
    """Demos html_custom_event and super_html: ``trigger('keypress', {key})`` reaches Python's
    ``keypress`` listener with its data, and ``await upload(file)`` stores the file with the app,
    whose path the ``upload`` listener reads."""
    on_load = """
        document.addEventListener('keydown', (e) => trigger('keypress', {key: e.key}));
        element.querySelector('button').addEventListener('click', async () => {
            const { path } = await upload(new File(['hello from the page'], 'note.txt'));
            trigger('upload', { path, name: 'note.txt' });
        });
    """
    with gr.Blocks() as demo:
        keys = gr.HTML("<button>Send a file</button>", js_on_load=on_load)
        pressed = gr.Textbox(label="Key pressed")
        uploaded = gr.Textbox(label="Uploaded")

        def key_of(evt: gr.EventData) -> str:
            return evt.key

        def read(evt: gr.EventData) -> str:
            return f"{evt.name}: {Path(evt.path).read_text()}"

        keys.keypress(key_of, None, pressed)
        keys.upload(read, None, uploaded)
    served_page.goto(launch(demo))
    button = served_page.get_by_role("button", name="Send a file")
    expect(button).to_be_visible(timeout=30_000)
    served_page.keyboard.press("q")
    expect(served_page.get_by_label("Key pressed")).to_have_value("q", timeout=30_000)
    button.click()
    expect(served_page.get_by_label("Uploaded")).to_have_value("note.txt: hello from the page", timeout=30_000)
