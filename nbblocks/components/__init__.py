"""The components: each holds a value and converts it between Python and the front end."""

from .base import Component
from .button import Button
from .choices import Checkbox, CheckboxGroup, Dropdown, Radio
from .data import JSON, Label
from .numeric import Number, Slider
from .state import State
from .text import HTML, Markdown, Textbox

__all__ = [
    "Button", "Checkbox", "CheckboxGroup", "Component", "Dropdown", "HTML", "JSON", "Label",
    "Markdown", "Number", "Radio", "Slider", "State", "Textbox",
]  # fmt: skip
