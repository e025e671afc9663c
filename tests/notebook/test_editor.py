"""ImageEditor in a notebook, where there is no server: the page's PNGs (background, layers,
composite) arrive over the widget's comm as files in the app's cache, the function gets its
`EditorValue`, and an editor output's images go back to the page as buffers."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import PIL.Image

import nbblocks as gr

from .test_files import fetch
from .test_widget import recording_comms  # noqa: F401  (the autouse fixture: comms that record)


def upload_png(widget: Any, name: str, color: tuple[int, int, int, int]) -> dict[str, Any]:
    """What the page's `commFiles` does with one PNG the editor made: one upload_chunk, then its FileData."""
    out = io.BytesIO()
    PIL.Image.new("RGBA", (12, 10), color).save(out, format="png")
    widget.comm.from_front_end({"type": "upload_chunk", "transfer": name, "name": name, "final": True}, [out.getvalue()])
    done = widget.comm.custom_messages()[-1]
    assert done["type"] == "uploaded", done
    return done["file"]


def test_an_edit_arrives_as_cached_files_and_an_output_goes_back_as_buffers() -> None:
    from nbblocks.notebook import widget_for

    received: list[dict[str, Any]] = []

    def flip(value: dict[str, Any]) -> dict[str, Any]:
        received.append(value)
        return {"background": value["background"], "layers": [], "composite": value["composite"].transpose(0)}

    with gr.Blocks() as demo:
        pad = gr.Sketchpad(type="pil")
        out = gr.ImageEditor(format="png")
        pad.input(flip, pad, out)
    widget = widget_for(demo)
    value = {
        "background": upload_png(widget, "background.png", (255, 255, 255, 255)),
        "layers": [upload_png(widget, "layer-1.png", (0, 0, 0, 255))],
        "composite": upload_png(widget, "composite.png", (0, 0, 0, 255)),
    }
    for file in [value["background"], value["composite"], *value["layers"]]:
        assert demo.file_cache.contains(file["path"])
    widget.comm.from_front_end({"type": "value", "id": pad._id, "value": value})
    widget.comm.from_front_end({"type": "trigger", "id": pad._id, "event": "input"})

    (edit,) = received
    assert edit["composite"].getpixel((0, 0)) == (0, 0, 0, 255) and len(edit["layers"]) == 1
    assert edit["background"].getpixel((3, 3)) == (255, 255, 255, 255)
    (update,) = [m for m in widget.comm.custom_messages() if m["type"] == "update"]
    shown = update["updates"][0]["props"]["value"]
    assert shown["layers"] == [] and demo.file_cache.contains(shown["composite"]["path"])
    composite = PIL.Image.open(io.BytesIO(fetch(widget, shown["composite"]["path"])))
    assert composite.size == (12, 10) and composite.getpixel((0, 0)) == (0, 0, 0, 255)
    assert Path(shown["composite"]["path"]).suffix == ".png"
