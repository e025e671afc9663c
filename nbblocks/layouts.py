"""Layout blocks: Row, Column, Group, Tabs/Tab, Accordion. Each is a context (``with gr.Row():``)."""

from __future__ import annotations

from typing import Any, Literal

from traitlets import Any as AnyTrait
from traitlets import Bool, Enum, Int, Unicode

from .block import BlockContext, current_parent

_VARIANTS = ("default", "panel", "compact")


class Row(BlockContext):
    """Children side by side; they wrap when the row is too narrow for their min widths."""

    variant = Enum(_VARIANTS, "default").tag(prop=True)
    equal_height = Bool(True).tag(prop=True)

    def __init__(self, *, variant: Literal["default", "panel", "compact"] = "default", equal_height: bool = True, **kwargs: Any) -> None:
        super().__init__(variant=variant, equal_height=equal_height, **kwargs)


class Column(BlockContext):
    """Children stacked; inside a Row, ``scale`` is its share of the width."""

    scale = Int(1).tag(prop=True)
    min_width = Int(320).tag(prop=True)
    variant = Enum(_VARIANTS, "default").tag(prop=True)

    def __init__(self, scale: int = 1, min_width: int = 320, *, variant: Literal["default", "panel", "compact"] = "default", **kwargs: Any) -> None:
        if scale != round(scale):
            raise ValueError(f"'scale' value should be an integer. Using {scale} will cause issues.")
        super().__init__(scale=int(scale), min_width=min_width, variant=variant, **kwargs)


class Group(BlockContext):
    """Children drawn together, without gaps, in one box."""


class Tabs(BlockContext):
    """A tab strip over Tab children; ``selected`` is a Tab's ``id`` or its index."""

    EVENTS = ("change", "select")
    selected = AnyTrait(None).tag(prop=True)

    def __init__(self, *, selected: int | str | None = None, **kwargs: Any) -> None:
        super().__init__(selected=selected, **kwargs)


class Tab(BlockContext):
    """One tab. Consecutive Tabs outside a `Tabs` get one made for them, as in Gradio."""

    EVENTS = ("select",)
    label = Unicode(None, allow_none=True).tag(prop=True)
    id = AnyTrait(None).tag(prop=True)
    interactive = Bool(True).tag(prop=True)

    def __init__(self, label: str | None = None, visible: bool = True, interactive: bool = True, *, id: int | str | None = None, **kwargs: Any) -> None:
        super().__init__(label=label, visible=visible, interactive=interactive, id=id, **kwargs)

    def render(self) -> Tab:
        parent = current_parent()
        if parent is None or self.parent is not None or isinstance(parent, Tabs):
            return super().render()  # type: ignore[return-value]
        last = parent.children[-1] if parent.children else None
        tabs = last if isinstance(last, Tabs) and last.__dict__.get("implicit") else Tabs(render=False)
        if tabs is not last:
            tabs.__dict__["implicit"] = True
            parent.add_child(tabs)
        tabs.add_child(self)
        return self


TabItem = Tab


class Accordion(BlockContext):
    """A titled section that opens and closes."""

    EVENTS = ("expand", "collapse")
    label = Unicode(None, allow_none=True).tag(prop=True)
    open = Bool(True).tag(prop=True)

    def __init__(self, label: str | None = None, *, open: bool = True, **kwargs: Any) -> None:
        super().__init__(label=label, open=open, **kwargs)
