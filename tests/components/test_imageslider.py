"""ImageSlider: Gradio 6.31's signature; a pair of images converted each as Image converts one."""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PILImage

import nbblocks as gr
from tests.components.test_image import uploaded

#: `inspect.signature(gradio.ImageSlider)` of Gradio 6.31, its parameters in order
GRADIO_PARAMETERS = [
    "value", "format", "height", "width", "image_mode", "type", "label", "every", "inputs", "show_label", "buttons",
    "container", "scale", "min_width", "interactive", "visible", "elem_id", "elem_classes", "render", "key",
    "preserved_by_key", "slider_position", "max_height",
]  # fmt: skip


def test_signature_and_defaults_are_gradios() -> None:
    assert list(inspect.signature(gr.ImageSlider).parameters) == GRADIO_PARAMETERS
    slider = gr.ImageSlider()
    assert (slider.value, slider.type, slider.format) == (None, "numpy", "webp")
    assert (slider.slider_position, slider.max_height) == (50, 500)
    assert gr.ImageSlider.EVENTS == ("clear", "change", "stream", "select", "upload", "input")
    with pytest.raises(ValueError, match="Invalid value for parameter `type`"):
        gr.ImageSlider(type="bytes")  # type: ignore[arg-type]
    with pytest.warns(UserWarning, match="buttons"):
        gr.ImageSlider(buttons=["download"])


def test_a_returned_pair_is_saved_as_two_files_in_format() -> None:
    slider = gr.ImageSlider(format="png")
    first, second = slider.postprocess((np.zeros((4, 6, 3), dtype=np.uint8), PILImage.new("RGB", (3, 2))))
    assert first is not None and second is not None
    sizes = []
    for item in (first, second):
        with PILImage.open(item["path"]) as saved:
            sizes.append(saved.size)
    assert sizes == [(6, 4), (3, 2)]
    assert Path(first["path"]).suffix == ".png"
    assert slider.postprocess((PILImage.new("RGB", (3, 2)), None))[1] is None  # type: ignore[index]
    assert slider.postprocess(None) is None


def test_the_function_receives_the_pair_as_type_says() -> None:
    red = uploaded(PILImage.new("RGBA", (5, 3), (255, 0, 0, 255)), "red.png")
    as_arrays = gr.ImageSlider().preprocess([red, None])
    assert as_arrays is not None and as_arrays[0].shape == (3, 5, 3) and as_arrays[1] is None  # RGB, as image_mode says
    as_pil = gr.ImageSlider(type="pil", image_mode=None).preprocess([red, red])
    assert as_pil is not None and [image.mode for image in as_pil] == ["RGBA", "RGBA"]
    as_paths = gr.ImageSlider(type="filepath").preprocess([red, red])
    assert as_paths is not None and all(Path(path).is_file() for path in as_paths)
