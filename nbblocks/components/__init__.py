"""The components: each holds a value and converts it between Python and the front end.

This is the one list of public components: ``nbblocks`` re-exports `__all__` as it is, so adding a
component is its class (props and events declared in its body, see `nbblocks.block`), its entry
in `_MODULES` (and in the type checkers' imports below), and its module in js/src/components/.

A component's module loads the first time the component is used (``gr.Image``), so
``import nbblocks`` pays for none of them; a component needing a heavy library (numpy, PIL) also
imports it only where it converts a value.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .base import Component

if TYPE_CHECKING:  # what `__getattr__` loads, for type checkers and editors
    from .button import Button, ClearButton, DeepLinkButton, DuplicateButton, LoginButton
    from .chatbot import Chatbot, ChatMessage
    from .choices import Checkbox, CheckboxGroup, Checkboxgroup, Dropdown, Radio
    from .code import Code
    from .data import JSON, Json, Label
    from .dataframe import DataFrame, Dataframe
    from .dataset import Dataset
    from .dialogue import Dialogue
    from .editor import Brush, Eraser, ImageEditor, ImageMask, LayerOptions, Sketchpad
    from .file_explorer import FileExplorer
    from .files import DownloadButton, File, UploadButton
    from .gallery import AnnotatedImage, Annotatedimage, Gallery
    from .highlighted import Highlight, HighlightedText, Highlightedtext
    from .image import Image, WatermarkOptions, WebcamOptions
    from .imageslider import ImageSlider
    from .media import Audio, Video, WaveformOptions
    from .model3d import Model3D
    from .multimodal import MultimodalTextbox
    from .navbar import Navbar
    from .numeric import Number, Slider
    from .paramviewer import ParamViewer
    from .pickers import ColorPicker, DateTime
    from .plot import Plot
    from .plots import BarPlot, LinePlot, ScatterPlot
    from .state import BrowserState, State
    from .templates import Files, List, Matrix, Mic, Microphone, Numpy, Paint, PlayableVideo, TextArea
    from .text import HTML, InputHTMLAttributes, Markdown, Text, Textbox
    from .timer import Timer

#: every public component (and its options' classes) by the module that defines it
_MODULES = {
    "button": ("Button", "ClearButton", "DeepLinkButton", "DuplicateButton", "LoginButton"),
    "chatbot": ("ChatMessage", "Chatbot"),
    "choices": ("Checkbox", "CheckboxGroup", "Checkboxgroup", "Dropdown", "Radio"),
    "code": ("Code",),
    "data": ("JSON", "Json", "Label"),
    "dataframe": ("DataFrame", "Dataframe"),
    "dataset": ("Dataset",),
    "dialogue": ("Dialogue",),
    "editor": ("Brush", "Eraser", "ImageEditor", "ImageMask", "LayerOptions", "Sketchpad"),
    "file_explorer": ("FileExplorer",),
    "files": ("DownloadButton", "File", "UploadButton"),
    "gallery": ("AnnotatedImage", "Annotatedimage", "Gallery"),
    "highlighted": ("Highlight", "HighlightedText", "Highlightedtext"),
    "image": ("Image", "WatermarkOptions", "WebcamOptions"),
    "imageslider": ("ImageSlider",),
    "media": ("Audio", "Video", "WaveformOptions"),
    "model3d": ("Model3D",),
    "multimodal": ("MultimodalTextbox",),
    "navbar": ("Navbar",),
    "numeric": ("Number", "Slider"),
    "paramviewer": ("ParamViewer",),
    "pickers": ("ColorPicker", "DateTime"),
    "plot": ("Plot",),
    "plots": ("BarPlot", "LinePlot", "ScatterPlot"),
    "state": ("BrowserState", "State"),
    "templates": ("Files", "List", "Matrix", "Mic", "Microphone", "Numpy", "Paint", "PlayableVideo", "TextArea"),
    "text": ("HTML", "InputHTMLAttributes", "Markdown", "Text", "Textbox"),
    "timer": ("Timer",),
}
_MODULE_OF = {name: module for module, names in _MODULES.items() for name in names}

__all__ = ["Component", *sorted(_MODULE_OF)]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # found directly from now on
    return value
