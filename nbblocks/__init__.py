"""nbblocks: Gradio's Blocks API, rebuilt Jupyter-native. ``import nbblocks as gr``.

This module lists every public name. Transports (the notebook widget, later the server) and
``gr.themes`` load lazily, so importing nbblocks costs only the engine and traitlets.
"""

from typing import Any

from .blocks import Blocks
from .components import (
    HTML,
    JSON,
    Button,
    Checkbox,
    CheckboxGroup,
    Component,
    Dropdown,
    Label,
    Markdown,
    Number,
    Radio,
    Slider,
    State,
    Textbox,
)
from .events import EventData, KeyUpData, SelectData, on
from .exceptions import Error
from .layouts import Accordion, Column, Group, Row, Tab, TabItem, Tabs
from .notices import Info, Warning
from .progress import Progress
from .request import Request
from .updates import skip, update

__version__ = "0.1.0"

__all__ = [
    "HTML", "JSON", "Accordion", "Blocks", "Button", "Checkbox", "CheckboxGroup", "Column",
    "Component", "Dropdown", "Error", "EventData", "Group", "Info", "KeyUpData", "Label", "Markdown",
    "Number", "Progress", "Radio", "Request", "Row", "SelectData", "Slider", "State", "Tab", "TabItem", "Tabs", "Textbox",
    "Warning", "on", "skip", "themes", "update",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    # `gr.themes` loads on first use: its palettes would add about a millisecond to every import.
    if name in ("themes", "Theme"):
        import importlib

        themes = importlib.import_module(".themes", __name__)
        return themes if name == "themes" else themes.Base  # gr.Theme, as in Gradio
    raise AttributeError(f"module 'nbblocks' has no attribute {name!r}")
