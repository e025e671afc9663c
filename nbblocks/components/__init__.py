"""The components: each holds a value and converts it between Python and the front end.

This is the one list of public components: ``nbblocks`` re-exports this ``__all__`` as it is, so
adding a component is its class (props and events declared in its body, see `nbblocks.block`),
its line here, and its module in js/src/components/. A component needing a heavy library (numpy,
PIL) imports it where it converts a value, never at module level: ``import nbblocks`` stays cheap.
"""

from .base import Component
from .button import Button
from .choices import Checkbox, CheckboxGroup, Dropdown, Radio
from .data import JSON, Label
from .editor import Brush, Eraser, ImageEditor, ImageMask, Sketchpad
from .files import DownloadButton, File, UploadButton
from .gallery import AnnotatedImage, Gallery
from .image import Image
from .media import Audio, Video, WaveformOptions
from .model3d import Model3D
from .numeric import Number, Slider
from .state import State
from .text import HTML, Markdown, Textbox

__all__ = [
    "AnnotatedImage", "Button", "Checkbox", "CheckboxGroup", "Component", "DownloadButton", "Dropdown", "File",
    "Gallery", "HTML", "Image", "JSON", "Label",
    "Markdown", "Model3D", "Number", "Radio", "Slider", "State", "Textbox", "UploadButton",
]  # fmt: skip
__all__ += ["Audio", "Video", "WaveformOptions"]  # the media players (chunk "av") and the waveform's options
__all__ += ["Brush", "Eraser", "ImageEditor", "ImageMask", "Sketchpad"]  # the editor and its tools' options
