"""Gradio's ``gr.themes.utils``: the palettes, size scales and fonts modules."""

from . import colors, fonts, sizes

__all__ = ["colors", "fonts", "sizes"]
