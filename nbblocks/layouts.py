"""Layout blocks: Row, Column, Group, Draggable, Tabs/Tab, Accordion, Sidebar. Each is a context (``with gr.Row():``).

Signatures are Gradio 4's: everything but a Tab's or an Accordion's label is keyword-only; each
also takes Gradio 5/6's ``key`` and ``preserved_by_key`` (`Keyed`), and Row, Tab and Accordion
their ``height``/``max_height`` (Row ``min_height`` too): CSS lengths, a number being pixels.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict, Unpack

from traitlets import Any as AnyTrait
from traitlets import Bool, Enum, Int, Unicode, Union

from .accepted import warn_unused
from .block import BlockContext, current_parent
from .components.base import number_trait, size_trait, warn_if_fractional
from .events import EventListener

Variant = Literal["default", "panel", "compact"]
_VARIANTS = ("default", "panel", "compact")
#: a layout is never an event's output here, so it has no progress to show
_LAYOUT_PROGRESS = "a layout is not an output here: no event's progress shows over it"


class Keyed(TypedDict, total=False):
    """Gradio 5/6's keywords for a block made in a ``@gr.render``: ``key`` keeps its id across
    re-renders (and a component's value, Gradio's ``preserved_by_key="value"``)."""

    key: Any
    preserved_by_key: list[str] | str | None


class Row(BlockContext):
    """Children side by side; they wrap when the row is too narrow for their min widths."""

    variant = Enum(_VARIANTS, "default").tag(prop=True)
    equal_height = Bool(True).tag(prop=True)
    show_progress = Bool(False).tag(prop=True, not_drawn=_LAYOUT_PROGRESS)
    #: Gradio 5: its share of the height in a ``fill_height`` column, as a component's scale
    scale = number_trait(None).tag(prop=True)
    height = size_trait().tag(prop=True)
    max_height = size_trait().tag(prop=True)
    min_height = size_trait().tag(prop=True)

    def __init__(
        self,
        *,
        variant: Variant = "default",
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        equal_height: bool = True,
        show_progress: bool = False,
        scale: int | None = None,
        height: int | str | None = None,
        max_height: int | str | None = None,
        min_height: int | str | None = None,
        **keyed: Unpack[Keyed],
    ) -> None:
        warn_if_fractional(scale, stacklevel=3)
        super().__init__(
            variant=variant, visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render,
            equal_height=equal_height, show_progress=show_progress, scale=scale, height=height,
            max_height=max_height, min_height=min_height, **keyed,
        )  # fmt: skip


class Column(BlockContext):
    """Children stacked; inside a Row, ``scale`` is its share of the width."""

    scale = number_trait(1, allow_none=False).tag(prop=True)
    min_width = Int(320).tag(prop=True)
    variant = Enum(_VARIANTS, "default").tag(prop=True)
    show_progress = Bool(False).tag(prop=True, not_drawn=_LAYOUT_PROGRESS)

    def __init__(
        self,
        *,
        scale: int = 1,
        min_width: int = 320,
        variant: Variant = "default",
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        show_progress: bool = False,
        **keyed: Unpack[Keyed],
    ) -> None:
        warn_if_fractional(scale, stacklevel=3)
        super().__init__(
            scale=scale, min_width=min_width, variant=variant, visible=visible, elem_id=elem_id,
            elem_classes=elem_classes, render=render, show_progress=show_progress, **keyed,
        )  # fmt: skip


class Group(BlockContext):
    """Children drawn together, without gaps, in one box."""

    def __init__(
        self,
        *,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        **keyed: Unpack[Keyed],
    ) -> None:
        super().__init__(visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render, **keyed)


class Draggable(BlockContext):
    """Gradio 6's layout whose children the user reorders: dragged with the mouse, or moved with
    Alt+Arrow while focused. The order lives in the page only, as in Gradio: no event tells Python."""

    orientation = Enum(("row", "column"), "column").tag(prop=True)

    def __init__(
        self,
        *,
        orientation: Literal["row", "column"] = "column",
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        **keyed: Unpack[Keyed],
    ) -> None:
        super().__init__(
            orientation=orientation, visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render, **keyed
        )


class Tabs(BlockContext):
    """A tab strip over Tab children; ``selected`` is a Tab's ``id`` or its index."""

    change = EventListener()
    select = EventListener()
    selected = AnyTrait(None).tag(prop=True)
    #: made for consecutive Tabs written without one (`Tab.render`): later Tabs join it
    implicit = False

    def __init__(
        self,
        *,
        selected: int | str | None = None,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        overflow_behavior: Literal["menu", "wrap"] = "menu",
        **keyed: Unpack[Keyed],
    ) -> None:
        # Gradio 6: tabs past the strip's width go to a menu; here the strip scrolls
        warn_unused(type(self).__name__, overflow_behavior=None if overflow_behavior == "menu" else overflow_behavior)
        super().__init__(selected=selected, visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render, **keyed)


class Tab(BlockContext):
    """One tab. Consecutive Tabs outside a `Tabs` get one made for them, as in Gradio."""

    select = EventListener()
    label = Unicode(None, allow_none=True).tag(prop=True)
    id = AnyTrait(None).tag(prop=True)
    interactive = Bool(True).tag(prop=True)
    height = size_trait().tag(prop=True)
    max_height = size_trait().tag(prop=True)

    def __init__(
        self,
        label: str | None = None,
        visible: bool = True,
        interactive: bool = True,
        *,
        id: int | str | None = None,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        render_children: bool = False,
        scale: int | None = None,
        height: int | str | None = None,
        max_height: int | str | None = None,
        alignment: Literal["left", "center", "right"] | None = None,
        **keyed: Unpack[Keyed],
    ) -> None:
        # render_children (Gradio 5) asks for hidden tabs' children to be drawn before they are
        # first shown: here every tab's children are always drawn, so it changes nothing. A
        # tab's button takes its label's width (Gradio 6's scale) at the strip's start (alignment).
        warn_unused(type(self).__name__, scale=scale, alignment=None if alignment in (None, "left") else alignment)
        super().__init__(
            label=label, visible=visible, interactive=interactive, id=id, elem_id=elem_id,
            elem_classes=elem_classes, render=render, height=height, max_height=max_height, **keyed,
        )  # fmt: skip

    def render(self) -> Tab:
        parent = current_parent()
        if parent is None or self.parent is not None or isinstance(parent, Tabs):
            return super().render()  # type: ignore[return-value]
        last = parent.children[-1] if parent.children else None
        tabs = last if isinstance(last, Tabs) and last.implicit else Tabs(render=False)
        if tabs is not last:
            tabs.implicit = True
            parent.add_child(tabs)
        tabs.add_child(self)
        return self


TabItem = Tab


class Walkthrough(Tabs):
    """Gradio 5's stepper: its `Step` children one at a time, under a row of numbered steps the
    user may pick; ``selected`` is a Step's ``id`` (or index), set by a function returning
    ``gr.Walkthrough(selected=...)`` to move on."""


class Step(Tab):
    """One step of a `Walkthrough`; ``id`` is what ``Walkthrough(selected=)`` names."""


class Accordion(BlockContext):
    """A titled section that opens and closes. Gradio 4 gives it no events; ``expand`` and
    ``collapse`` are Gradio 5's, kept because no Gradio 4 code can be hurt by them."""

    expand = EventListener()
    collapse = EventListener()
    label = Unicode(None, allow_none=True).tag(prop=True)
    open = Bool(True).tag(prop=True)
    height = size_trait().tag(prop=True)
    max_height = size_trait().tag(prop=True)

    def __init__(
        self,
        label: str | None = None,
        *,
        open: bool = True,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        height: int | str | None = None,
        max_height: int | str | None = None,
        **keyed: Unpack[Keyed],
    ) -> None:
        super().__init__(
            label=label, open=open, visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render,
            height=height, max_height=max_height, **keyed,
        )  # fmt: skip


class Sidebar(BlockContext):
    """Gradio 5's side panel, opened and closed from its edge. On a served page it is fixed to the
    window's ``position`` edge, ``width`` wide; in a notebook, where the window is JupyterLab's,
    it is a panel in the app's flow with the same toggle."""

    expand = EventListener()
    collapse = EventListener()
    label = Unicode(None, allow_none=True).tag(prop=True)
    open = Bool(True).tag(prop=True)
    width = Union([Int(), Unicode()], default_value=320).tag(prop=True)
    position = Enum(("left", "right"), "left").tag(prop=True)

    def __init__(
        self,
        label: str | None = None,
        *,
        open: bool = True,
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        width: int | str = 320,
        position: Literal["left", "right"] = "left",
        **keyed: Unpack[Keyed],
    ) -> None:
        super().__init__(
            label=label, open=open, visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render,
            width=width, position=position, **keyed,
        )  # fmt: skip
