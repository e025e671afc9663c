"""Plot: a figure made by a plotting library, shown as the library drew it.

A matplotlib figure is rendered in Python (``savefig`` in ``format``) and travels inline as a
data URL, as in Gradio: a figure is small, and the value then needs no file route. A Plotly
figure travels as its JSON and is drawn in the page by plotly.js from the user's own plotly
package (``nbblocks.chunks.LIBRARIES``: served behind login, or over the comm; never a CDN).
nbblocks imports neither library: the figure the user returns knows how to save itself.

The value is Gradio's ``PlotData``: ``{"type": "matplotlib", "plot": "data:image/...;base64,..."}``
or ``{"type": "plotly", "plot": "<the figure's JSON>"}``.
"""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Unicode

from ..block import undrawn
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
    in ``format``, or a Plotly figure, drawn by plotly.js."""

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

    def example_value(self) -> Any:
        return None

    def postprocess(self, value: Any) -> dict[str, str] | None:
        if value is None:
            return None
        if isinstance(value, dict) and set(value) == {"type", "plot"}:  # already in JSON form
            return value
        if made_by("plotly", value, "to_json"):
            return {"type": "plotly", "plot": value.to_json()}
        expect(
            made_by("matplotlib", value, "savefig"), self,
            f"expected a matplotlib or Plotly figure (or matplotlib.pyplot), got {type(value).__name__}: {value!r:.80}",
        )  # fmt: skip
        out = io.BytesIO()
        value.savefig(out, format=self.format, bbox_inches="tight")
        data = base64.b64encode(out.getvalue()).decode("ascii")
        return {"type": "matplotlib", "plot": f"data:{_MEDIA_TYPES[self.format]};base64,{data}"}
