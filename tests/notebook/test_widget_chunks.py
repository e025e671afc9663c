"""The notebook transport hands out the front end's lazy chunks: the page has no server to fetch
them from, so it asks over the comm and Python answers with the chunk's source."""

from __future__ import annotations

from pathlib import Path

import nbblocks as gr
from nbblocks.chunks import CHUNKS
from tests.notebook.test_widget import recording_comms  # noqa: F401  (autouse: comms that record)


def model3d_widget():
    from nbblocks.notebook import widget_for

    with gr.Blocks() as demo:
        gr.Model3D()
    return widget_for(demo)


def test_a_chunk_request_is_answered_with_the_chunk_module() -> None:
    widget = model3d_widget()
    widget.comm.from_front_end({"type": "chunk", "name": "model3d"})
    (reply,) = widget.comm.custom_messages()  # the chunk only: nothing for the session
    assert reply == {"type": "chunk", "name": "model3d", "source": (CHUNKS / "model3d.js").read_text()}
    assert "export" in reply["source"]


def test_an_unknown_chunk_gets_an_error_and_no_file_is_read() -> None:
    widget = model3d_widget()
    for name in ("nothing", "../nbblocks", "model3d.js", ""):
        widget.comm.from_front_end({"type": "chunk", "name": name})
    widget.comm.from_front_end({"type": "chunk", "name": ["model3d"]})
    replies = widget.comm.custom_messages()
    assert [reply.get("source") for reply in replies] == [None] * 5
    assert all(reply["type"] == "chunk" and reply["error"] for reply in replies)
    assert [reply["name"] for reply in replies] == ["nothing", "../nbblocks", "model3d.js", "", ""]


def test_the_users_plotly_js_travels_over_the_comm() -> None:
    import plotly

    widget = model3d_widget()
    widget.comm.from_front_end({"type": "chunk", "name": "lib-plotly"})
    (reply,) = widget.comm.custom_messages()
    shipped = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert reply == {"type": "chunk", "name": "lib-plotly", "source": f"(function () {{\n{shipped.read_text()}\n}}).call(globalThis);\n"}
