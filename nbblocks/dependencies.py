"""Optional parts load on first use; a missing one stops with one line saying what to install.

nbblocks imports its heavier parts only when they are needed (asyncssh for a share link, anywidget
and ipywidgets for the notebook widget), so ``import nbblocks`` stays cheap and works without
them. Where such an import fails, Python's ModuleNotFoundError points into nbblocks' code and
names a module the user may never have heard of; `needs` turns it into `MissingDependency`: one
sentence saying what needed the module and the pip command that installs it, without the chained
traceback. In IPython (a notebook) that sentence is all the user sees.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

#: how to install a module when ``pip install <module>`` is not the right command
INSTALL = {
    "asyncssh": "pip install 'nbblocks[share]'",
    # dependencies of nbblocks itself: missing only if removed after installing it
    "anywidget": "pip install anywidget ipywidgets",
    "ipywidgets": "pip install anywidget ipywidgets",
    "PIL": "pip install pillow",  # the import name is not the package's
    "vl_convert": "pip install vl-convert-python",
}


class MissingDependency(ImportError):
    """What was asked for needs a module that is not installed; the message says how to get it."""

    def _render_traceback_(self) -> list[str]:
        """IPython shows these lines instead of a traceback: the one sentence is all that helps."""
        return [f"{type(self).__name__}: {self}"]


@contextlib.contextmanager
def needs(purpose: str) -> Iterator[None]:
    """Imports inside this block are for ``purpose`` (``"share=True"``); one that finds a module
    missing raises `MissingDependency` naming that module and how to install it."""
    try:
        yield
    except ModuleNotFoundError as exc:
        module = (exc.name or "").partition(".")[0]
        if not module or module == "nbblocks":
            raise  # a bug of ours, not something to install
        hint = INSTALL.get(module, f"pip install {module}")
        raise MissingDependency(f"{purpose} needs {module}, which is not installed: {hint}", name=module) from None
