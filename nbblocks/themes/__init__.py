"""Gradio's themes, ``gr.themes``: ``gr.Blocks(theme=gr.themes.Soft(primary_hue="red"))``.

A theme recolours and resizes an app through the front end's CSS variables (`_css` says which).
It loads nothing from the network: Google fonts are named, not downloaded, and themes on the
Hugging Face Hub cannot be used.
"""

from . import base, colors, sizes, utils
from ._theme import Base, Default, Glass, Monochrome, Soft
from .colors import Color
from .fonts import Font, GoogleFont
from .sizes import Size

__all__ = [
    "Base", "Color", "Default", "Font", "Glass", "GoogleFont", "Monochrome", "Size", "Soft",
    "base", "colors", "sizes", "utils",
]  # fmt: skip
