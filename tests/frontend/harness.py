"""The harness page and helpers for the front-end tests: build render trees, play Python's
messages, read what the front end sent."""

from __future__ import annotations

import base64
import threading
from typing import Any

from comm.base_comm import BaseComm

TIMEOUT_MS = 5000

# The page: a fake Channel records what the app sends in `window.sent` (less the view's random
# name that `ready` and `value` carry); `window.push(msg)` plays a message from Python. Lazy chunks come from ./chunks/ through `window.loadChunk`, which a test
# may replace (to hold a chunk back, or fail it).
HARNESS = """<!doctype html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="nbblocks.css"></head>
<body><div id="host"></div>
<script type="module">
import widget, { mount } from "./nbblocks.js";
const subscribers = new Set();
window.sent = [];
window.push = (msg) => subscribers.forEach((cb) => cb(msg));
const channel = {
  send: (msg) => window.sent.push(JSON.parse(JSON.stringify({ ...msg, view: undefined }))),
  onMessage(cb) { subscribers.add(cb); return () => subscribers.delete(cb); },
  loadChunk: (name) => window.loadChunk(name),
};
window.loadChunk = (name) => import(`./chunks/${name}.js`);
window.unmount = mount(document.getElementById("host"), channel);
window.widget = widget;
window.harnessReady = true;
</script></body></html>
"""


# Props as Python sends them in a render: every prop present (Gradio's defaults).
_COMMON = {"visible": True, "elem_id": None, "elem_classes": []}
_COMPONENT = {
    **_COMMON,
    "value": None,
    "label": None,
    "info": None,
    "show_label": True,
    "container": True,
    "scale": None,
    "min_width": 160,
    "interactive": True,
}
DEFAULTS: dict[str, dict[str, Any]] = {
    "blocks": {**_COMMON},
    "row": {**_COMMON, "variant": "default", "equal_height": True},
    "column": {**_COMMON, "scale": 1, "min_width": 320, "variant": "default"},
    "group": {**_COMMON},
    "tabs": {**_COMMON, "selected": None},
    "tab": {**_COMMON, "label": None, "id": None, "interactive": True},
    "accordion": {**_COMMON, "label": None, "open": True},
    "markdown": {
        **_COMPONENT,
        "value": "",
        "rtl": False,
        "latex_delimiters": [{"left": "$$", "right": "$$", "display": True}],
        "line_breaks": False,
        "sanitize_html": True,
        "header_links": False,
        "height": None,
        "show_copy_button": False,
        "container": False,
    },
    "html": {**_COMPONENT, "value": "", "container": False},
    "textbox": {
        **_COMPONENT,
        "value": "",
        "lines": 1,
        "max_lines": 20,
        "placeholder": None,
        "type": "text",
        "max_length": None,
        "autofocus": False,
        "autoscroll": True,
        "text_align": None,
        "rtl": False,
        "show_copy_button": False,
    },
    "number": {**_COMPONENT, "minimum": None, "maximum": None, "step": 1, "precision": None},
    "slider": {**_COMPONENT, "value": 0, "minimum": 0, "maximum": 100, "step": 1},
    "checkbox": {**_COMPONENT, "value": False},
    "checkboxgroup": {**_COMPONENT, "value": [], "choices": []},
    "radio": {**_COMPONENT, "choices": []},
    "dropdown": {
        **_COMPONENT,
        "choices": [],
        "multiselect": False,
        "allow_custom_value": False,
        "filterable": True,
        "max_choices": None,
    },
    "button": {**_COMMON, "value": "Run", "variant": "secondary", "size": "lg", "icon": None, "link": None,
               "interactive": True, "scale": None, "min_width": 160},
    "json": {**_COMPONENT, "open": False, "show_indices": False, "height": None},
    "label": {**_COMPONENT, "num_top_classes": None, "color": None},
    "model3d": {
        **_COMPONENT,
        "clear_color": [0, 0, 0, 0],
        "camera_position": [None, None, None],
        "zoom_speed": 1,
        "pan_speed": 1,
        "height": None,
    },
}


def node(block_id: int, block_type: str, /, *children: dict[str, Any], **props: Any) -> dict[str, Any]:
    """A BlockNode with every default prop of its type, overridden by `props`."""
    out: dict[str, Any] = {"id": block_id, "type": block_type, "props": {**DEFAULTS.get(block_type, {}), **props}}
    if children or block_type in {"blocks", "row", "column", "group", "tabs", "tab", "accordion"}:
        out["children"] = list(children)
    return out


class UI:
    """Drives the harness page: plays Python's messages, reads the front end's."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def render(
        self,
        *children: dict[str, Any],
        listeners: tuple[tuple[int, str], ...] = (),
        dependencies: tuple[dict[str, Any], ...] = (),
        **app: Any,
    ) -> None:
        settings = {"title": "nbblocks", "css": None, "js": None, "fill_height": False, "show_error": False, **app}
        tree = node(0, "blocks", *children)
        self.push({
            "type": "render", "app": settings, "tree": tree,
            "listeners": [list(p) for p in listeners], "dependencies": list(dependencies),
        })  # fmt: skip

    def push(self, msg: dict[str, Any]) -> None:
        self.page.evaluate("msg => window.push(msg)", msg)

    def update(self, block_id: int, /, **props: Any) -> None:
        self.push({"type": "update", "updates": [{"id": block_id, "props": props}]})

    def status(
        self, outputs: list[int], stage: str, show_progress: str = "full", event: int = 1, **queue: Any
    ) -> None:
        """A status message; `queue` may add `position` and `eta` (as Python does only for pending)."""
        msg = {"type": "status", "event": event, "outputs": outputs, "stage": stage, "show_progress": show_progress}
        self.push({**msg, **queue})

    def sent(self) -> list[dict[str, Any]]:
        return self.page.evaluate("window.sent")

    def take(self, count: int) -> list[dict[str, Any]]:
        """Waits until the front end has sent `count` messages, returns them all and forgets them."""
        self.page.wait_for_function(f"window.sent.length >= {count}", timeout=TIMEOUT_MS)
        return self.page.evaluate("window.sent.splice(0)")

    def block(self, block_id: int) -> Any:
        return self.page.locator(f'[data-nbb-id="{block_id}"]')


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
