"""The notebook transport: an app renders as one anywidget; messages ride its comm.

Only this package imports anywidget/ipywidgets, and only when something is displayed, so
``import nbblocks`` stays cheap outside notebooks.

What a front end must give: anywidget's contract, nothing more. It loads ``_esm`` (the bundle) and
calls its ``render({model, el})``; the app then uses only ``model.send(content, callbacks,
buffers)`` and ``model.on("msg:custom", cb)`` (custom messages, with binary buffers for files): no
synced traits, no server, no iframe. JupyterLab, Notebook 7, VS Code and Colab give that through
the Jupyter widget manager; marimo gives it itself: there a cell that ends with ``demo`` (or any
block) shows the app through `Block._display_` (marimo's display hook), and its events run in
marimo's kernel (tests/notebooks/test_marimo.py). ``demo.launch()`` is Jupyter's way to display;
in marimo end the cell with ``demo``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..block import Block
    from ..blocks import Blocks
    from .widget import BlocksWidget


def in_notebook() -> bool:
    """True inside a Jupyter kernel (JupyterLab, Notebook 7, VS Code, Colab)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and hasattr(shell, "kernel")


def widget_for(block: Block) -> BlocksWidget:
    """The one widget showing ``block`` (an app, or a component on its own), made on first use."""
    from ..blocks import Blocks
    from ..dependencies import needs

    with needs("Displaying an app in a notebook"):
        from .widget import BlocksWidget

    widget = block._widget
    if widget is None or widget.comm is None:
        app = block if isinstance(block, Blocks) else Blocks.around(block)
        widget = BlocksWidget(app)
        block._widget = widget
    return widget


def mimebundle_for(block: Block) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """What Jupyter displays for a block that is a cell's last expression."""
    if not in_notebook():
        return None
    return widget_for(block)._repr_mimebundle_()


def display_inline(app: Blocks, height: int | str = 500, width: int | str = "100%") -> tuple[None, None, None]:
    """``launch()`` in a notebook: show the app in the output area. Returns Gradio's
    (app, local URL, share URL) triple, all None: nothing is served."""
    from IPython.display import display

    widget = widget_for(app)
    widget.layout.width = width if isinstance(width, str) else f"{width}px"
    widget.layout.min_height = None if height is None else (height if isinstance(height, str) else f"{height}px")
    display(widget)
    from ..blocks import Quiet

    return Quiet((None, None, None))
