"""The notebook transport in the kernel, with a comm that records what it would send."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import comm
import pytest
from comm.base_comm import BaseComm

import nbblocks as gr
from tests.helpers import hello_app


class RecordingComm(BaseComm):
    """Stands in for the kernel's comm: keeps what the widget publishes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.published: list[tuple[str, Any]] = []
        #: the binary buffers of each custom message, in the order of `custom_messages`
        self.custom_buffers: list[list[bytes]] = []
        super().__init__(*args, **kwargs)

    def publish_msg(self, msg_type: str, data: Any = None, metadata: Any = None, buffers: Any = None, **keys: Any) -> None:
        self.published.append((msg_type, data))
        if msg_type == "comm_msg" and (data or {}).get("method") == "custom":
            self.custom_buffers.append([bytes(b) for b in buffers or []])

    def custom_messages(self) -> list[dict[str, Any]]:
        return [data["content"] for kind, data in self.published if kind == "comm_msg" and data.get("method") == "custom"]

    def from_front_end(self, content: Any, buffers: list[bytes] | None = None, *, settle: bool = True) -> None:
        """Deliver a custom message as the front end's ``model.send(content, callbacks, buffers)``
        would, then (``settle``) wait until the events it set off have run on the queue's workers."""
        self.handle_msg({"content": {"data": {"method": "custom", "content": content}}, "buffers": buffers or []})
        widget = self._msg_callback.__self__  # the widget's own handler is the comm's callback
        if settle:
            assert widget.app.event_queue().join(timeout=10)


@pytest.fixture(autouse=True)
def recording_comms(monkeypatch):
    monkeypatch.setattr(comm, "create_comm", lambda *a, **k: RecordingComm(*a, **k))


def test_the_widget_ships_the_bundle_and_renders_on_ready():
    from nbblocks.notebook import widget_for

    demo, inp, out, btn = hello_app()
    widget = widget_for(demo)
    assert widget is widget_for(demo)  # one widget per app
    from nbblocks.notebook.widget import STATIC

    bundle = (STATIC / "nbblocks.js").read_text()
    assert bundle and widget._esm == bundle  # the built ESM bundle itself, not a CDN URL
    widget.comm.from_front_end({"type": "ready"})
    (render,) = widget.comm.custom_messages()
    assert render["type"] == "render"
    assert render["tree"]["children"][1]["children"][0]["props"]["placeholder"] == "What is your name?"


def test_a_front_end_trigger_runs_in_the_kernel_and_the_output_goes_back():
    from nbblocks.notebook import widget_for

    demo, inp, out, btn = hello_app()
    widget = widget_for(demo)
    widget.comm.from_front_end({"type": "value", "id": inp._id, "value": "Ada"})
    widget.comm.from_front_end({"type": "trigger", "id": btn._id, "event": "click", "data": None})
    sent = widget.comm.custom_messages()
    assert [(m["type"], m.get("stage")) for m in sent] == [
        ("status", "running"), ("update", None), ("status", "complete"),  # no wait: no "pending"
    ]
    assert sent[1]["updates"] == [{"id": out._id, "props": {"value": "Welcome to Gradio, Ada!"}}]


def test_trait_changes_from_python_update_the_rendering():
    from nbblocks.notebook import widget_for

    demo, inp, out, btn = hello_app()
    widget = widget_for(demo)
    out.label = "Result"
    out.visible = False
    demo.title = "Hello"
    assert widget.comm.custom_messages() == [
        {"type": "update", "updates": [{"id": out._id, "props": {"label": "Result"}}]},
        {"type": "update", "updates": [{"id": out._id, "props": {"visible": False}}]},
        {"type": "update", "updates": [{"id": demo._id, "props": {"title": "Hello"}}]},
    ]
    widget.comm.from_front_end({"type": "ready"})
    out_node = widget.comm.custom_messages()[-1]["tree"]["children"][1]["children"][1]
    assert out_node["props"]["label"] == "Result" and out_node["props"]["visible"] is False


def test_a_malformed_message_gets_an_error_and_the_widget_keeps_working():
    from nbblocks.notebook import widget_for

    demo, inp, out, btn = hello_app()
    widget = widget_for(demo)
    widget.comm.from_front_end({"type": "trigger", "id": "x"})
    widget.comm.from_front_end({"type": "trigger", "id": btn._id, "event": "click"})
    kinds = [m["type"] for m in widget.comm.custom_messages()]
    assert kinds == ["error", "status", "update", "status"]


def test_a_component_alone_renders_in_its_own_app():
    from nbblocks.notebook import widget_for

    box = gr.Textbox(value="hi")
    widget = widget_for(box)
    widget.comm.from_front_end({"type": "ready"})
    (render,) = widget.comm.custom_messages()
    assert render["tree"]["type"] == "blocks"
    assert [(c["type"], c["props"]["value"]) for c in render["tree"]["children"]] == [("textbox", "hi")]
    box.value = "changed"
    assert widget.comm.custom_messages()[-1]["updates"] == [{"id": box._id, "props": {"value": "changed"}}]


def test_close_stops_observing_and_runs_unload():
    from nbblocks.notebook import widget_for

    demo, inp, out, btn = hello_app()
    unloaded = []
    demo.unload(lambda: unloaded.append("bye"))
    widget = widget_for(demo)
    published = widget.comm
    demo.close()
    out.label = "after close"
    assert all(m["type"] != "update" for m in published.custom_messages())
    assert widget_for(demo) is not widget
    assert unloaded == ["bye"]


def test_unload_runs_when_the_kernel_shuts_down(tmp_path):
    """A real interpreter exit (what a kernel shutdown is) ends every open widget's session."""
    import subprocess
    import sys
    import textwrap

    marker = tmp_path / "unloaded"
    script = textwrap.dedent(f"""
        import comm
        from comm.base_comm import BaseComm

        class Quiet(BaseComm):
            def publish_msg(self, *args, **kwargs):
                pass

        comm.create_comm = lambda *a, **k: Quiet(*a, **k)
        import nbblocks as gr
        from nbblocks.notebook import widget_for

        with gr.Blocks() as demo:
            gr.Textbox()
        demo.unload(lambda: open({str(marker)!r}, "w").write("bye"))
        widget = widget_for(demo)
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert marker.read_text() == "bye"


def test_prop_assignments_in_one_cell_reach_the_page_as_one_update(monkeypatch):
    from nbblocks.notebook import widget_for

    monkeypatch.setattr("nbblocks.notebook.widget.in_notebook", lambda: True)  # as in a kernel
    demo, inp, out, _ = hello_app()
    widget = widget_for(demo)

    def cell() -> None:
        out.label = "Result"
        out.value = "hi"
        inp.placeholder = "Your name"
        out.label = "Greeting"  # the latest of a prop wins

    while_running: list[Any] = []

    async def run_cell() -> None:  # as the kernel does: the cell's code on its event loop
        cell()
        while_running.extend(widget.comm.custom_messages())
        await asyncio.sleep(0)  # the loop's next turn

    kernel = threading.Thread(target=asyncio.run, args=(run_cell(),))  # a loop of its own, like the kernel's
    kernel.start()
    kernel.join(10)
    assert while_running == []  # nothing while the cell runs
    assert widget.comm.custom_messages() == [
        {"type": "update", "updates": [
            {"id": out._id, "props": {"label": "Greeting", "value": "hi"}},
            {"id": inp._id, "props": {"placeholder": "Your name"}},
        ]},
    ]  # fmt: skip


class TurningLoop:
    """A kernel's IO loop that turns when the test says: `add_callback` queues, `turn` runs."""

    def __init__(self) -> None:
        self.callbacks: list[Any] = []

    def add_callback(self, callback: Any) -> None:
        self.callbacks.append(callback)

    def turn(self) -> None:
        callbacks, self.callbacks = self.callbacks, []
        for callback in callbacks:
            callback()


def test_in_a_kernel_a_quick_run_comes_back_as_one_comm_message(monkeypatch):
    from nbblocks.notebook import widget_for

    loop = TurningLoop()
    monkeypatch.setattr("nbblocks.notebook.widget._kernel_io_loop", lambda: loop)
    demo, inp, out, btn = hello_app()
    widget = widget_for(demo)
    widget.comm.from_front_end({"type": "value", "id": inp._id, "value": "Ada"})
    widget.comm.from_front_end({"type": "trigger", "id": btn._id, "event": "click", "data": None})
    (batch,) = widget.comm.custom_messages()  # sent as the event ended, the kernel's loop still
    assert [(m["type"], m.get("stage")) for m in batch] == [("status", "running"), ("update", None), ("status", "complete")]
    loop.turn()
    assert len(widget.comm.custom_messages()) == 1  # nothing was left for the loop


def test_in_a_kernel_a_slow_run_does_not_hold_the_shell_thread(monkeypatch):
    from nbblocks.notebook import widget_for

    from ..helpers import Gate, button_app

    monkeypatch.setattr("nbblocks.notebook.widget._kernel_io_loop", TurningLoop)
    monkeypatch.setattr("nbblocks.notebook.widget.QUICK_RUN_SECONDS", 0.05)
    gate = Gate(result="late")
    demo, btn, out = button_app(gate)
    widget = widget_for(demo)
    widget.comm.from_front_end({"type": "trigger", "id": btn._id, "event": "click", "data": None}, settle=False)
    # the handler returned with the run still held (a handler that waited for it to end would
    # have waited for the gate's own timeout, and the run would have ended in an error)
    gate.started(1)
    # its "running" went out as the shell thread stopped waiting (the test's loop never turns)
    assert [m.get("stage") for m in widget.comm.custom_messages()] == ["running"]
    gate.open()
    assert demo.event_queue().join(10)
    running, batch = widget.comm.custom_messages()
    assert [m.get("stage") for m in batch] == [None, "complete"]
    assert batch[0]["updates"] == [{"id": out._id, "props": {"value": "late"}}]


class EagerLoop:
    """A kernel's IO loop that is idle on another thread: a callback runs at once."""

    def add_callback(self, callback: Any) -> None:
        callback()


@pytest.mark.parametrize("loop", [TurningLoop, EagerLoop])
def test_in_a_kernel_a_quick_run_ends_before_its_click_is_handled(monkeypatch, loop):
    """The shell thread gives a click's runs a moment (here a generous one) to end: the output is
    sent before the kernel reports itself idle, as an ipywidgets callback's is. Their messages
    wait meanwhile, even for an idle kernel loop (`EagerLoop`): one woken to send "running"
    alone competes with the run for the interpreter."""
    from nbblocks.notebook import widget_for

    monkeypatch.setattr("nbblocks.notebook.widget._kernel_io_loop", loop)
    monkeypatch.setattr("nbblocks.notebook.widget.QUICK_RUN_SECONDS", 10.0)
    demo, inp, out, btn = hello_app()
    widget = widget_for(demo)
    widget.comm.from_front_end({"type": "value", "id": inp._id, "value": "Ada"}, settle=False)
    widget.comm.from_front_end({"type": "trigger", "id": btn._id, "event": "click", "data": None}, settle=False)
    (batch,) = widget.comm.custom_messages()  # no join: it went out before the handler returned
    assert [(m["type"], m.get("stage")) for m in batch] == [("status", "running"), ("update", None), ("status", "complete")]
    assert batch[1]["updates"] == [{"id": out._id, "props": {"value": "Welcome to Gradio, Ada!"}}]
