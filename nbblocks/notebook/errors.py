"""``launch(debug=True)`` in a notebook: the errors of the app's events, with their tracebacks,
in the output area of the cell that launched it.

Gradio's ``debug`` blocks the cell and prints each error. Here the kernel must stay free, since
the app's own events run in it. So the launching cell gets an empty display with an id of its
own, and each error, which the engine logs to the "nbblocks" logger tagged with its app's id
(`Session.error_for`), rewrites that display from whichever worker thread it happened on. An
update names its display, not the cell that is running, so the text lands in the launching cell
whatever runs meanwhile, and it is a plain text output of that cell, saved with the notebook
(JupyterLab and nbclient are tested; any front end that follows display ids shows it).
"""

from __future__ import annotations

import logging
import secrets
from collections import deque
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..blocks import Blocks

MAX_SHOWN = 20  # errors the cell shows; older ones are only counted, so a failing timer can't grow it forever


class CellErrors(logging.Handler):
    """Shows the errors of one app's events below the cell that was running when it was made."""

    def __init__(self, app_id: int) -> None:
        from IPython.display import display

        super().__init__()
        self.app_id = app_id
        self.display_id = f"nbblocks-errors-{secrets.token_hex(8)}"
        self.setFormatter(logging.Formatter("%(message)s"))  # the formatter adds the traceback
        self._shown: deque[str] = deque(maxlen=MAX_SHOWN)
        self._count = 0
        display(self._bundle(), raw=True, display_id=self.display_id)

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "app_id", None) == self.app_id

    def emit(self, record: logging.LogRecord) -> None:
        from IPython.display import update_display

        self._shown.append(self.format(record))
        self._count += 1
        update_display(self._bundle(), raw=True, display_id=self.display_id)

    def _bundle(self) -> dict[str, str]:
        hidden = self._count - len(self._shown)
        earlier = [f"({hidden} earlier errors not shown)"] if hidden else []
        return {"text/plain": "\n\n".join([*earlier, *self._shown])}


def show_errors_in_cell(app: Blocks, debug: bool) -> None:
    """With ``debug``, the errors of ``app``'s events appear from now on below the running cell
    (and no longer below an earlier launch's); without, nowhere in the notebook."""
    logger = logging.getLogger("nbblocks")
    for handler in list(logger.handlers):
        if isinstance(handler, CellErrors) and handler.app_id == app._id:
            logger.removeHandler(handler)
    if debug:
        logger.addHandler(CellErrors(app._id))
