"""Gradio's string shortcuts: ``gr.Interface(fn, "text", "image")`` names its components by string.

A shortcut is a component's class name in lower case, underscores ignored (``"textbox"``,
``"check_box_group"``), Gradio's aliases and templates included (``"text"``, ``"json"``,
``"microphone"``: an Audio recorded from the microphone), or one of the presets in `PRESETS`,
which set a few options of another component (``"textarea"``: a Textbox of 7 lines). Names are
looked up in `nbblocks.components`' list, so a new component gets its shortcut with no edit
here. A dict
``{"name": "dropdown", "choices": [...]}`` is a shortcut with options, as in Gradio.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import components

if TYPE_CHECKING:
    from .components.base import Component

#: preset name → (component, the options it sets): Gradio 3's templates that older code still names
PRESETS: dict[str, tuple[str, dict[str, Any]]] = {
    "webcam": ("Image", {"sources": ["webcam"]}),
    "pil": ("Image", {"type": "pil"}),
    "mic": ("Microphone", {}),
}
#: what Gradio names a layout: a shortcut naming one is refused as not a component
_LAYOUTS = ("row", "column", "group", "tab", "tabitem", "tabs", "accordion", "form", "blocks")
_CLASSES = {name.lower(): name for name in components.__all__}


def component(shortcut: str, render: bool = False, **options: Any) -> Component:
    """A new component for a shortcut (``"textbox"``) with ``options``; ValueError naming the
    shortcut when nbblocks knows no such component."""
    key = shortcut.lower().replace("_", "")
    preset_class, preset_options = PRESETS.get(key, (_CLASSES.get(key), {}))
    cls = getattr(components, preset_class) if preset_class else None
    if not (isinstance(cls, type) and issubclass(cls, components.Component)) or cls is components.Component:
        why = "a layout, not a component" if key in _LAYOUTS else "not a component nbblocks has"
        raise ValueError(
            f"No such component: {shortcut!r} is {why}. A shortcut is a component's name in lower "
            f"case, such as 'textbox', 'image' or 'dataframe', or one of {', '.join(map(repr, PRESETS))}."
        )
    return cls(**{**preset_options, **options, "render": render})


def get_component_instance(
    block: str | dict[str, Any] | type[Component] | Component, render: bool = False, unrender: bool = False
) -> Component:
    """A component from a shortcut, a ``{"name": shortcut, **options}`` dict, a component class
    (``gr.Textbox``: one made with its defaults) or a component (returned as is); ``unrender`` takes a given component out of where it was created, so that
    an Interface built inside a Blocks lays it out itself."""
    if isinstance(block, str):
        return component(block, render=render)
    if isinstance(block, dict):
        options = dict(block)
        name = options.pop("name", None)
        if not isinstance(name, str):
            raise ValueError(f"A component given as a dict needs its shortcut as 'name', as in {{'name': 'textbox'}}: {block!r}")
        return component(name, render=render, **options)
    if isinstance(block, type) and issubclass(block, components.Component) and block is not components.Component:
        return block(render=render)
    if isinstance(block, components.Component):
        if render:
            block.render()
        elif unrender:
            block.unrender()
        return block
    raise ValueError(f"A component must be given as a component, its class, a shortcut string or a dict, not {block!r}")
