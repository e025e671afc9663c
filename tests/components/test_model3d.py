"""gr.Model3D on the Python side: Gradio 4.34's signature and defaults, its value a file in the
app's cache (a path in, FileData out and back to a path), its events."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import nbblocks as gr
from nbblocks.filedata import cache_of
from tests.model3d_files import write_model


def test_signature_and_defaults_are_gradios() -> None:
    parameters = inspect.signature(gr.Model3D).parameters
    for name in ("clear_color", "camera_position", "zoom_speed", "pan_speed", "height"):
        assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY, name
    model = gr.Model3D()
    assert model.value is None
    assert model.clear_color == [0, 0, 0, 0]
    assert model.camera_position == [None, None, None]
    assert (model.zoom_speed, model.pan_speed, model.height) == (1, 1, None)
    for event in ("change", "upload", "edit", "clear"):
        assert callable(getattr(model, event)), event


def test_props_reach_the_front_end_as_given() -> None:
    model = gr.Model3D(
        clear_color=(0.1, 0.2, 0.3, 1), camera_position=(45, None, 3.5), zoom_speed=2, pan_speed=0.5, height="20em"
    )
    assert (model.clear_color, model.camera_position) == ([0.1, 0.2, 0.3, 1], [45, None, 3.5])
    assert (model.zoom_speed, model.pan_speed, model.height) == (2, 0.5, "20em")
    with pytest.raises(Exception, match="clear_color"):
        gr.Model3D(clear_color=(1, 1, 1))


def test_a_path_value_becomes_a_cached_file_and_a_path_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # Gradio's rule: a function may return files under the working directory
    source = write_model(tmp_path, "glb")
    with gr.Blocks():
        model = gr.Model3D(source)
    value = model.value
    assert value["orig_name"] == "triangle.glb"
    assert value["meta"] == {"_type": "gradio.FileData"}
    cached = Path(value["path"])
    assert cached != source and cached.read_bytes() == source.read_bytes()
    assert cache_of(model).contains(cached)
    assert model.preprocess(value) == str(cached)
    assert model.postprocess(value) == value  # its own output back: unchanged
    assert model.preprocess(None) is None and model.postprocess(None) is None


def test_a_file_outside_the_returnable_places_is_refused(tmp_path: Path) -> None:
    outside = Path("/etc/hostname")
    if not outside.is_file():
        pytest.fail("the test needs a file outside the cache, the working directory and the temp dir")
    with pytest.raises(gr.Error, match="allowed_paths"):
        gr.Model3D(str(outside))
    with pytest.raises(gr.Error, match="not an upload of this app"):
        gr.Model3D().preprocess({"path": str(outside), "meta": {"_type": "gradio.FileData"}})


def test_a_url_output_goes_to_the_browser_as_is() -> None:
    url = "https://example.com/models/Fox.gltf"
    value = gr.Model3D().postprocess(url)
    assert (value["url"], value["orig_name"]) == (url, "Fox.gltf")


def test_api_info_is_gradios_file_data() -> None:
    info = gr.Model3D().api_info()
    assert info["title"] == "FileData" and "path" in info["properties"]
