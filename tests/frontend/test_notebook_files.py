"""Files in the notebook's front end, in Chromium: the bundle's widget (anywidget's ``render``)
drawn with a model whose messages reach a real `BlocksWidget` in this process, so an upload
travels as comm buffers into the kernel's cache and a file output comes back as buffers shown
from a blob URL. There is no HTTP server for the app: the page is a static harness (conftest.py
`notebook_page`)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

import nbblocks as gr


def test_an_upload_and_a_file_output_travel_over_the_comm(notebook_page, page, tmp_path: Path) -> None:
    def shout(path: str) -> str:
        out = tmp_path / "shouted.txt"
        out.write_bytes(Path(path).read_bytes().upper())
        return str(out)

    with gr.Blocks() as demo:
        inp, out = gr.File(label="In"), gr.File(label="Out")
        inp.upload(shout, inp, out)
    notebook_page(demo)
    notebook = page.locator("#notebook")
    data = b"abc" * 1_700_000  # 5.1 MB: two upload chunks, three download chunks
    notebook.locator(".nbb-file input[type=file]").first.set_input_files(
        {"name": "words.txt", "mimeType": "text/plain", "buffer": data}
    )
    link = notebook.locator(".nbb-file").nth(1).locator(".nbb-file-name")
    # through this test's base64 relay a few MB take seconds on a loaded machine: slow, not stuck
    expect(link).to_have_text("shouted.txt", timeout=30_000)
    expect(link).to_have_attribute("href", re.compile("^blob:"), timeout=30_000)  # bytes from the comm, no server URL
    size = page.evaluate("href => fetch(href).then((r) => r.arrayBuffer()).then((b) => b.byteLength)", link.get_attribute("href"))
    assert size == len(data)
    head = page.evaluate("href => fetch(href).then((r) => r.text()).then((t) => t.slice(0, 6))", link.get_attribute("href"))
    assert head == "ABCABC"
    uploaded = [p for p in demo.file_cache.root.rglob("words.txt")]
    assert len(uploaded) == 1 and uploaded[0].read_bytes() == data  # the page's upload, in the kernel's cache
    demo.close()
