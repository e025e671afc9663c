"""Text components: Textbox (typed input), Markdown and HTML (display)."""

from __future__ import annotations

import dataclasses
import inspect
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Bool, Dict, Enum, Int, List, Unicode, Union

from ..accepted import warn_unused
from ..block import BlockContext, undrawn
from ..events import EventListener
from .base import Component, HTMLOptions, expect, size_trait

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions

_TEXTBOX_TYPES = ("text", "password", "email")
#: the keyword arguments HTML passes to Component; its other unknown ones are template props
_COMPONENT_OPTIONS = frozenset(HTMLOptions.__annotations__)
#: Markdown and HTML draw only their content, as Gradio's do (their label is for examples tables)
_NO_HEADER = "only the content is drawn, as in Gradio"


def copy_in(buttons: list[Any] | None, owner: str, show_copy_button: bool) -> bool:
    """Gradio 6's ``buttons=["copy"]`` as Gradio 4's ``show_copy_button``; a custom button
    (a ``gr.Button`` in the list) is accepted and not drawn (`nbblocks.accepted`)."""
    if buttons is None:
        return show_copy_button
    warn_unused(owner, buttons=[button for button in buttons if button != "copy"] or None)
    return "copy" in buttons


@dataclasses.dataclass
class InputHTMLAttributes:
    """Gradio 6's HTML attributes for a Textbox's ``<input>``/``<textarea>`` (``html_attributes``);
    one left None is the browser's default."""

    autocapitalize: Literal["off", "none", "on", "sentences", "words", "characters"] | None = None
    autocorrect: Literal["on", "off"] | None = None
    spellcheck: bool | None = None
    autocomplete: str | None = None
    tabindex: int | None = None
    enterkeyhint: Literal["enter", "done", "go", "next", "previous", "search", "send"] | None = None
    lang: str | None = None

    def attributes(self) -> dict[str, str]:
        """The attributes set, as the element takes them (``spellcheck="false"``)."""
        given = {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}
        return {name: str(value).lower() if isinstance(value, bool) else str(value) for name, value in given.items() if value is not None}


class TextInput(Component):
    """What a field one types text into has (Textbox, MultimodalTextbox): its events and layout."""

    change = EventListener()
    input = EventListener()
    select = EventListener()
    submit = EventListener()
    focus = EventListener()
    blur = EventListener()
    lines = Int(1).tag(prop=True)
    max_lines = Int(20).tag(prop=True)
    placeholder = Unicode(None, allow_none=True).tag(prop=True)
    autofocus = Bool(False).tag(prop=True)
    autoscroll = Bool(True).tag(prop=True)
    text_align = Enum(("left", "right"), None, allow_none=True).tag(prop=True)
    rtl = Bool(False).tag(prop=True)


class Textbox(TextInput):
    """A single- or multi-line text field; Enter (Shift+Enter when multi-line) fires ``submit``."""

    #: its copy button was clicked (Gradio 5's event; `CopyData` carries the text)
    copy = EventListener()
    type = Enum(_TEXTBOX_TYPES, "text").tag(prop=True)
    show_copy_button = Bool(False).tag(prop=True)
    max_length = Int(None, allow_none=True).tag(prop=True)
    #: Gradio 5's button beside the field that fires ``submit``: True (an arrow) or its label
    submit_btn = Union([Bool(), Unicode()], default_value=False).tag(prop=True)
    #: Gradio 6's `InputHTMLAttributes`, as the field's attributes (``{"spellcheck": "false"}``)
    html_attributes = Dict(Unicode()).tag(prop=True)

    def __init__(
        self,
        value: str | Any = None,
        *,
        lines: int = 1,
        max_lines: int = 20,
        placeholder: str | None = None,
        autofocus: bool = False,
        autoscroll: bool = True,
        type: Literal["text", "password", "email"] = "text",
        text_align: Literal["left", "right"] | None = None,
        rtl: bool = False,
        show_copy_button: bool = False,
        max_length: int | None = None,
        buttons: list[Any] | None = None,
        submit_btn: str | bool | None = False,
        stop_btn: str | bool | None = False,
        html_attributes: InputHTMLAttributes | dict[str, Any] | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        if isinstance(html_attributes, dict):
            html_attributes = InputHTMLAttributes(**html_attributes)
        show_copy_button = copy_in(buttons, "Textbox", show_copy_button)
        warn_unused("Textbox", stop_btn=stop_btn or None)
        if type not in _TEXTBOX_TYPES:
            raise ValueError('`type` must be one of "text", "password", or "email".')
        # a password or email field is one line; a text area never shows fewer than `lines` rows
        max_lines = max(lines, max_lines) if type == "text" else 1
        super().__init__(
            value, lines=lines, max_lines=max_lines, placeholder=placeholder, type=type,
            autofocus=autofocus, autoscroll=autoscroll, text_align=text_align, rtl=rtl,
            show_copy_button=show_copy_button, max_length=max_length, submit_btn=submit_btn or False,
            html_attributes=html_attributes.attributes() if html_attributes else {}, **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_value(self) -> Any:
        return 'Hello!!'

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        expect(isinstance(payload, str), self, f"expected text, got {payload!r}")
        return payload

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)


class Markdown(Component):
    """Markdown shown as formatted text; the value is dedented (`inspect.cleandoc`), as in Gradio,
    so a triple-quoted string indented with the code reads as intended."""

    change = EventListener()
    #: its copy button was clicked (Gradio 5's event; `CopyData` carries the text)
    copy = EventListener()
    rtl = Bool(False).tag(prop=True)
    latex_delimiters: List[dict[str, Any]] = List().tag(prop=True)  # typeset by KaTeX (the katex chunk)
    sanitize_html = Bool(True).tag(prop=True)
    line_breaks = Bool(False).tag(prop=True)
    header_links = Bool(False).tag(prop=True)
    height = size_trait().tag(prop=True)
    #: Gradio 5's bounds on the height: the text scrolls past the first, the box keeps the second
    max_height = size_trait().tag(prop=True)
    min_height = size_trait().tag(prop=True)
    padding = Bool(False).tag(prop=True)
    show_copy_button = Bool(False).tag(prop=True)
    label = undrawn(Component.label, _NO_HEADER)
    show_label = undrawn(Component.show_label, _NO_HEADER)
    info = undrawn(Component.info, _NO_HEADER)
    interactive = undrawn(Component.interactive, "display only: the text is not editable")

    def __init__(
        self,
        value: str | Any = None,
        *,
        rtl: bool = False,
        latex_delimiters: list[dict[str, str | bool]] | None = None,
        sanitize_html: bool = True,
        line_breaks: bool = False,
        header_links: bool = False,
        height: int | str | None = None,
        max_height: int | str | None = None,
        min_height: int | str | None = None,
        padding: bool = False,
        show_copy_button: bool = False,
        buttons: list[Any] | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        show_copy_button = copy_in(buttons, "Markdown", show_copy_button)
        if latex_delimiters is None:
            latex_delimiters = [{"left": "$$", "right": "$$", "display": True}]
        super().__init__(
            value, rtl=rtl, latex_delimiters=latex_delimiters, sanitize_html=sanitize_html,
            line_breaks=line_breaks, header_links=header_links, height=height, max_height=max_height,
            min_height=min_height, padding=padding, show_copy_button=show_copy_button, **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_value(self) -> Any:
        return '# Hello!'

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        expect(isinstance(payload, str), self, f"expected text, got {payload!r}")
        return payload

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else inspect.cleandoc(str(value))


#: Gradio 6's default ``js_on_load``: a click on the HTML fires its ``click`` event
_CLICK_ON_LOAD = "element.addEventListener('click', function() { trigger('click') });"


class HTML(Component, BlockContext):
    """HTML, shown as given; or, with Gradio 6's ``html_template``, a small custom component: the
    template is a JavaScript template literal over ``value`` and the extra keyword arguments
    (``${value}``), ``css_template`` styles it (scoped to it), and ``js_on_load`` runs once with
    ``element``, ``props`` (setting ``props.value`` sends the value to Python and fires
    ``change``), ``trigger(event, data)`` and ``upload(file)`` (sends a browser ``File`` to the
    app; resolves to ``{path, url}``). Templates and scripts are the app author's own code.

    As in Gradio 6 it is also a container: blocks made in ``with gr.HTML(...):`` are drawn where
    the template says ``@children`` (after the content when it doesn't)."""

    change = EventListener()
    input = EventListener()
    click = EventListener()
    double_click = EventListener()
    submit = EventListener()
    select = EventListener()
    #: Gradio 6's events for a template's script to trigger (``trigger('keypress', {key})``)
    keypress = EventListener()
    upload = EventListener()
    show_label = Bool(False, allow_none=True).tag(prop=True, not_drawn=_NO_HEADER)
    label = undrawn(Component.label, _NO_HEADER)
    info = undrawn(Component.info, _NO_HEADER)
    interactive = undrawn(Component.interactive, "display only: the markup is not editable")
    html_template = Unicode("${value}").tag(prop=True)
    css_template = Unicode("").tag(prop=True)
    js_on_load = Unicode(_CLICK_ON_LOAD, allow_none=True).tag(prop=True)
    #: the extra keyword arguments, by name, for the templates and ``props`` in ``js_on_load``
    template_props = Dict().tag(prop=True)
    min_height = size_trait().tag(prop=True)
    max_height = size_trait().tag(prop=True)
    padding = Bool(False).tag(prop=True)

    def __init__(
        self,
        value: str | Any = None,
        *,
        show_label: bool = False,
        html_template: str = "${value}",
        css_template: str = "",
        js_on_load: str | None = _CLICK_ON_LOAD,
        apply_default_css: bool = True,
        min_height: int | str | None = None,
        max_height: int | str | None = None,
        padding: bool = False,
        autoscroll: bool = False,
        buttons: list[Any] | None = None,
        head: str | None = None,
        server_functions: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        options = {name: kwargs.pop(name) for name in list(kwargs) if name in _COMPONENT_OPTIONS}
        warn_unused(
            "HTML", apply_default_css=None if apply_default_css else False, autoscroll=autoscroll or None,
            buttons=buttons, head=head, server_functions=server_functions,
        )  # fmt: skip
        super().__init__(
            value, show_label=show_label, html_template=html_template, css_template=css_template, js_on_load=js_on_load,
            template_props=kwargs, min_height=min_height, max_height=max_height, padding=padding, **options,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_value(self) -> Any:
        return '<p>Hello</p>'

    def preprocess(self, payload: Any) -> Any:
        """Text, or with a template whatever JSON value its script set (a star rating's number)."""
        if payload is None or self.html_template != "${value}":
            return payload
        expect(isinstance(payload, str), self, f"expected HTML text, got {payload!r}")
        return payload

    def postprocess(self, value: Any) -> Any:
        if value is None or (self.html_template != "${value}" and isinstance(value, (int, float, bool, list, dict))):
            return value
        return str(value)


#: Gradio's other names for Textbox
Text = Textbox
