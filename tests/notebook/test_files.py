"""Files in a notebook, where there is no server: a file output's bytes and an upload travel
over the widget's comm as binary buffers, chunk by chunk (protocol.py's file messages)."""

from __future__ import annotations

from pathlib import Path

import nbblocks as gr
from nbblocks.transfers import CHUNK_BYTES

from .test_widget import recording_comms  # noqa: F401  (the autouse fixture: comms that record)


def fetch(widget, path: str) -> bytes:
    """What the page's `commFiles` does: ask chunk by chunk until ``final``."""
    data, offset = b"", 0
    while True:
        widget.comm.from_front_end({"type": "fetch_file", "transfer": "t1", "path": path, "offset": offset})
        reply, buffers = widget.comm.custom_messages()[-1], widget.comm.custom_buffers[-1]
        assert reply["type"] == "file_chunk" and "error" not in reply, reply
        data += buffers[0]
        offset += len(buffers[0])
        if reply["final"]:
            return data


def test_a_file_output_reaches_the_page_as_buffers(tmp_path):
    from nbblocks.notebook import widget_for

    made = tmp_path / "report.bin"
    made.write_bytes(bytes(range(256)) * (CHUNK_BYTES // 256 + 7))  # more than one chunk
    with gr.Blocks() as demo:
        out = gr.File()
        btn = gr.Button()
        btn.click(lambda: str(made), None, out)
    widget = widget_for(demo)
    widget.comm.from_front_end({"type": "trigger", "id": btn._id, "event": "click"})
    (update,) = [m for m in widget.comm.custom_messages() if m["type"] == "update"]
    value = update["updates"][0]["props"]["value"]
    assert value["orig_name"] == "report.bin" and value["size"] == made.stat().st_size
    assert value["meta"] == {"_type": "gradio.FileData"}
    cached = Path(value["path"])
    assert cached != made and demo.file_cache.contains(cached)  # a copy in the app's cache
    assert fetch(widget, value["path"]) == made.read_bytes()


def test_the_page_cannot_fetch_a_file_outside_the_cache(tmp_path):
    from nbblocks.notebook import widget_for

    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"SECRET")
    with gr.Blocks() as demo:
        gr.File()
    widget = widget_for(demo)
    for path in [str(secret), "/etc/hostname", f"{demo.file_cache.root}/../{secret.name}"]:
        widget.comm.from_front_end({"type": "fetch_file", "transfer": "t", "path": path, "offset": 0})
        assert widget.comm.custom_messages()[-1]["error"] == "no such file"
        assert widget.comm.custom_buffers[-1] == []


def test_an_upload_over_the_comm_arrives_as_a_cached_file():
    from nbblocks.notebook import widget_for

    received = []
    with gr.Blocks() as demo:
        box = gr.File(type="binary")
        box.upload(received.append, box, None)
    widget = widget_for(demo)
    for part, final in [(b"first half, ", False), (b"second half", True)]:
        message = {"type": "upload_chunk", "transfer": "u1", "name": "../notes.txt", "final": final}
        widget.comm.from_front_end(message, [part])
    done = widget.comm.custom_messages()[-1]
    assert done["type"] == "uploaded" and done["received"] == len(b"first half, second half")
    stored = done["file"]
    assert Path(stored["path"]).name == "notes.txt" and demo.file_cache.contains(stored["path"])
    widget.comm.from_front_end({"type": "value", "id": box._id, "value": stored})
    widget.comm.from_front_end({"type": "trigger", "id": box._id, "event": "upload"})
    assert received == [b"first half, second half"]


def test_an_upload_over_max_file_size_is_refused_and_leaves_nothing():
    from nbblocks.notebook import widget_for

    with gr.Blocks() as demo:
        gr.File()
    demo.file_cache.max_file_size = 10
    widget = widget_for(demo)
    widget.comm.from_front_end({"type": "upload_chunk", "transfer": "u", "name": "a.txt", "final": False}, [b"123456"])
    widget.comm.from_front_end({"type": "upload_chunk", "transfer": "u", "name": "a.txt", "final": True}, [b"789012"])
    refused = widget.comm.custom_messages()[-1]
    assert refused["error"] == "File size exceeds the maximum allowed size of 10 bytes."
    assert list(demo.file_cache.root.iterdir()) == []


def test_a_client_path_outside_the_cache_is_not_read():
    """A page (or a crafted message) naming a server file as an input value gets an error, never its bytes."""
    from nbblocks.notebook import widget_for

    seen = []
    with gr.Blocks() as demo:
        box = gr.File(type="binary")
        btn = gr.Button()
        btn.click(seen.append, box, None)
    widget = widget_for(demo)
    widget.comm.from_front_end(
        {"type": "value", "id": box._id, "value": {"path": "/etc/hostname", "meta": {"_type": "gradio.FileData"}}}
    )
    widget.comm.from_front_end({"type": "trigger", "id": btn._id, "event": "click"})
    assert seen == []
    error = [m for m in widget.comm.custom_messages() if m["type"] == "error"]
    assert error and "not an upload of this app" in error[0]["message"]


def test_delete_gives_the_removed_file_as_deleted_file_data():
    from nbblocks.notebook import widget_for

    removed = []

    def on_delete(deleted: gr.DeletedFileData) -> None:
        removed.append((deleted.file.orig_name, deleted.file.path))

    with gr.Blocks() as demo:
        box = gr.File(file_count="multiple")
        box.delete(on_delete, None, None)
    widget = widget_for(demo)
    payload = {"path": "/cache/x/a.txt", "orig_name": "a.txt", "meta": {"_type": "gradio.FileData"}, "__class__": 1}
    widget.comm.from_front_end({"type": "trigger", "id": box._id, "event": "delete", "data": payload})
    assert removed == [("a.txt", "/cache/x/a.txt")]
