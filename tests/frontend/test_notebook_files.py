"""Files in the notebook's front end, in Chromium: the bundle's widget (anywidget's ``render``)
drawn with a model whose messages reach a real `BlocksWidget` in this process, so an upload
travels as comm buffers into the kernel's cache and a file output comes back as buffers shown
from a blob URL. There is no HTTP server for the app: the page is a static harness."""

from __future__ import annotations

import base64
import re
import threading
from pathlib import Path
from typing import Any

import comm
import pytest
from comm.base_comm import BaseComm
from playwright.sync_api import expect

import nbblocks as gr


class RelayComm(BaseComm):
    """The kernel's side of the comm: what the widget sends waits here for the page to pull."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.pending: list[tuple[Any, list[str]]] = []
        self.lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def publish_msg(self, msg_type: str, data: Any = None, metadata: Any = None, buffers: Any = None, **keys: Any) -> None:
        if msg_type == "comm_msg" and (data or {}).get("method") == "custom":
            with self.lock:
                self.pending.append((data["content"], [base64.b64encode(bytes(b)).decode() for b in buffers or []]))

    def pull(self) -> list[tuple[Any, list[str]]]:
        with self.lock:
            taken, self.pending = self.pending, []
        return taken

    def push(self, content: Any, buffers: list[str]) -> None:
        raw = [base64.b64decode(b) for b in buffers]
        self.handle_msg({"content": {"data": {"method": "custom", "content": content}}, "buffers": raw})


# The anywidget model in the page: `send` goes to the kernel, a poll brings the kernel's messages
# with their buffers as DataViews, as anywidget delivers them.
FAKE_MODEL = """async () => {
  const handlers = new Set();
  const toB64 = (buf) => { let s = ""; const bytes = new Uint8Array(buf); for (let i = 0; i < bytes.length; i += 32768) s += String.fromCharCode(...bytes.subarray(i, i + 32768)); return btoa(s); };
  const fromB64 = (text) => { const s = atob(text); const bytes = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i); return new DataView(bytes.buffer); };
  const model = {
    send: (msg, _callbacks, buffers) => window.toKernel(msg, (buffers || []).map(toB64)),
    on: (_event, cb) => handlers.add(cb),
    off: (_event, cb) => handlers.delete(cb),
  };
  setInterval(async () => {
    for (const [msg, buffers] of await window.fromKernel()) for (const cb of [...handlers]) cb(msg, buffers.map(fromB64));
  }, 20);
  const el = document.createElement("div");
  el.id = "notebook";
  document.body.append(el);
  window.widget.render({ model, el });
}"""


@pytest.fixture()
def relay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(comm, "create_comm", lambda *a, **k: RelayComm(*a, **k))


def test_an_upload_and_a_file_output_travel_over_the_comm(relay, page, harness_url, tmp_path: Path) -> None:
    from nbblocks.notebook import widget_for

    def shout(path: str) -> str:
        out = tmp_path / "shouted.txt"
        out.write_bytes(Path(path).read_bytes().upper())
        return str(out)

    with gr.Blocks() as demo:
        inp, out = gr.File(label="In"), gr.File(label="Out")
        inp.upload(shout, inp, out)
    widget = widget_for(demo)
    relay_comm = widget.comm
    page.set_default_timeout(10_000)
    page.expose_function("toKernel", relay_comm.push)
    page.expose_function("fromKernel", relay_comm.pull)
    page.goto(harness_url)
    page.wait_for_function("window.harnessReady === true")
    page.evaluate(FAKE_MODEL)
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
