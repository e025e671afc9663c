"""Plot: a figure made by a plotting library, shown as the library drew it.

A matplotlib figure is rendered in Python (``savefig`` in ``format``) and travels inline as a
data URL, as in Gradio: a figure is small, and the value then needs no file route. A Plotly
figure travels as its JSON and a Bokeh one as its ``json_item``, drawn in the page by plotly.js or
BokehJS from the user's own package (``nbblocks.chunks.LIBRARIES``: served behind login, or over
the comm; never a CDN). An Altair chart would need Vega, which no Python package ships: it is
rendered in Python to SVG by vl-convert (``pip install vl-convert-python``). nbblocks imports none
of these libraries before a figure of theirs arrives.

The value is Gradio's ``PlotData``: ``{"type": "matplotlib" | "altair", "plot": "data:image/..."}``,
``{"type": "plotly", "plot": "<the figure's JSON>"}`` or ``{"type": "bokeh", "plot": "<json_item>"}``.
"""

from __future__ import annotations

import base64
import io
import json
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Unicode

from ..block import undrawn
from ..dependencies import needs
from ..events import EventListener
from .base import Component, expect

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions

#: the data URL's media type per ``format``
_MEDIA_TYPES = {"png": "image/png", "webp": "image/webp", "jpeg": "image/jpeg", "jpg": "image/jpeg", "svg": "image/svg+xml"}


def made_by(library: str, value: Any, method: str) -> bool:
    """Whether ``value`` is an object (or module) of ``library`` with ``method``, recognised without
    importing the library: a matplotlib ``Figure`` or ``pyplot`` (``savefig``), a Plotly figure
    (``to_json``)."""
    module = getattr(value, "__module__", None) if not isinstance(value, type(io)) else value.__name__
    return isinstance(module, str) and module.partition(".")[0] == library and callable(getattr(value, method, None))


class Plot(Component):
    """A matplotlib figure (or ``matplotlib.pyplot`` for its current figure), drawn as an image
    in ``format``; a Plotly or Bokeh figure, drawn by its library in the page; an Altair chart,
    drawn as SVG."""

    change = EventListener()
    clear = EventListener(not_fired="Gradio declares it; its display has no control that clears it")
    format = Unicode("webp").tag(prop=True, not_drawn="used in Python: the image format the figure is saved in")
    interactive = undrawn(Component.interactive, "display only: a figure is not edited")

    def __init__(
        self,
        value: Any = None,
        *,
        format: Literal["png", "webp", "jpeg", "svg"] = "webp",
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        expect(format in _MEDIA_TYPES, self, f"format must be one of {sorted(_MEDIA_TYPES)}, got {format!r}")
        self.format = format  # before the value: postprocess saves in it
        super().__init__(value, format=format, **kwargs)

    def api_info(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {"type": {"type": "string"}, "plot": {"type": "string"}},
            "required": ["type", "plot"],
        }

    def postprocess(self, value: Any) -> dict[str, str] | None:
        if value is None:
            return None
        if isinstance(value, dict) and set(value) == {"type", "plot"}:  # already in JSON form
            return value
        if made_by("plotly", value, "to_json"):
            return {"type": "plotly", "plot": value.to_json()}
        if made_by("bokeh", value, "references"):
            from bokeh.embed import json_item  # installed: the figure is Bokeh's

            return {"type": "bokeh", "plot": json.dumps(json_item(value))}
        if made_by("altair", value, "to_json"):
            return {"type": "altair", "plot": _altair_svg(value.to_json())}
        expect(
            made_by("matplotlib", value, "savefig"), self,
            "expected a matplotlib, Plotly, Bokeh or Altair figure (or matplotlib.pyplot), "
            f"got {type(value).__name__}: {value!r:.80}",
        )  # fmt: skip
        out = io.BytesIO()
        value.savefig(out, format=self.format, bbox_inches="tight")
        data = base64.b64encode(out.getvalue()).decode("ascii")
        return {"type": "matplotlib", "plot": f"data:{_MEDIA_TYPES[self.format]};base64,{data}"}


def _altair_svg(spec: str) -> str:
    """A Vega-Lite spec drawn as SVG in Python, as a data URL."""
    with needs("An Altair chart in gr.Plot"):
        import vl_convert

    svg = vl_convert.vegalite_to_svg(spec)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
