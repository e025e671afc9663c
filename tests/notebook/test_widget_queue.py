"""The queue through the notebook widget: events run off the kernel's main thread (the kernel
stays free while a function works), outputs keep their order per listener, unload on close."""

from __future__ import annotations

import threading
from typing import Any

import nbblocks as gr

from .test_widget import recording_comms  # noqa: F401 (an autouse fixture: every comm records)

TIMEOUT = 10.0


def deliver(widget: Any, content: dict[str, Any]) -> None:
    """A custom message from the front end, handled as the kernel would, without waiting for
    the events it sets off."""
    widget.comm.handle_msg({"content": {"data": {"method": "custom", "content": content}}, "buffers": []})


def values_sent(widget: Any, block: gr.Block) -> list[Any]:
    return [
        update["props"]["value"]
        for message in widget.comm.custom_messages()
        if message["type"] == "update"
        for update in message["updates"]
        if update["id"] == block._id and "value" in update["props"]
    ]


def test_events_run_off_the_main_thread_and_the_kernel_is_free_meanwhile():
    from nbblocks.notebook import widget_for

    release = threading.Event()
    ran_on: list[threading.Thread] = []

    def slow():
        ran_on.append(threading.current_thread())
        assert release.wait(TIMEOUT)
        return "done"

    with gr.Blocks() as demo:
        out = gr.Textbox()
        btn = gr.Button()
        btn.click(slow, None, out)
    widget = widget_for(demo)
    assert threading.current_thread() is threading.main_thread()
    deliver(widget, {"type": "trigger", "id": btn._id, "event": "click"})
    # the kernel's thread is back while the function still runs: it can take the next message
    deliver(widget, {"type": "ready"})
    assert [m["type"] for m in widget.comm.custom_messages()][-1] == "render"
    assert values_sent(widget, out) == []
    release.set()
    assert demo.event_queue().join(timeout=TIMEOUT)
    assert values_sent(widget, out) == ["done"]
    assert ran_on and ran_on[0] is not threading.main_thread()
    demo.close()


def test_outputs_arrive_in_order_per_listener():
    from nbblocks.notebook import widget_for

    def stream(n):
        for step in range(int(n)):
            yield f"{int(n)}.{step}"

    with gr.Blocks() as demo:
        num, echoed, streamed = gr.Number(), gr.Textbox(), gr.Textbox()
        echo, count = gr.Button(), gr.Button()
        echo.click(lambda n: str(int(n)), num, echoed, trigger_mode="multiple")
        count.click(stream, num, streamed, trigger_mode="multiple")
    widget = widget_for(demo)
    for n in range(1, 6):
        deliver(widget, {"type": "value", "id": num._id, "value": n})
        deliver(widget, {"type": "trigger", "id": echo._id, "event": "click"})
        deliver(widget, {"type": "trigger", "id": count._id, "event": "click"})
    assert demo.event_queue().join(timeout=TIMEOUT)
    assert values_sent(widget, echoed) == ["1", "2", "3", "4", "5"]
    assert values_sent(widget, streamed) == [f"{n}.{step}" for n in range(1, 6) for step in range(n)]
    demo.close()


def test_closing_the_widget_runs_unload_and_ends_the_session():
    from nbblocks.notebook import widget_for

    unloaded, repeated = threading.Event(), threading.Event()
    ticks: list[int] = []

    def tick():
        ticks.append(1)
        if len(ticks) == 3:
            repeated.set()
        return len(ticks)

    with gr.Blocks() as demo:
        out = gr.Number()
        demo.load(tick, None, out, every=0.01)
    demo.unload(unloaded.set)
    widget = widget_for(demo)
    deliver(widget, {"type": "ready"})
    assert repeated.wait(TIMEOUT), "every did not repeat"
    widget.close()
    assert unloaded.is_set()
    assert widget.session.ended  # no more repeats (tests/test_queue.py proves that on the engine)
    assert demo.event_queue().join(timeout=TIMEOUT)
