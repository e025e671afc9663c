"""``gradio.themes.base``, where Gradio's theming guide imports the class to subclass from
(``from gradio.themes.base import Base``)."""

from ._theme import Base

__all__ = ["Base"]
