"""nbblocks: Gradio's Blocks API, rebuilt Jupyter-native. ``import nbblocks as gr``.

This module lists every public name; the components come from `nbblocks.components`' list, so
adding one needs no edit here. Components, transports (the notebook widget, the server) and
``gr.themes`` load lazily, so importing nbblocks costs only the engine and traitlets.
"""

from typing import TYPE_CHECKING, Any

from . import components
from . import render as _tree  # noqa: F401  (before `render` below: the decorator must win over this module's name)
from .blocks import Blocks, close_all
from .cache import FileSize
from .caching import Cache, cache  # gr.cache: the function takes over the name of the `cache` module (FileCache's)
from .events import CopyData, DeletedFileData, EditData, EventData, KeyUpData, LikeData, RetryData, SelectData, UndoData, on
from .exceptions import Error, validate
from .layouts import Accordion, Column, Draggable, Group, Row, Sidebar, Step, Tab, TabItem, Tabs, Walkthrough
from .notices import Info, Success, Warning
from .progress import Progress
from .renderable import render
from .request import Header, Request
from .updates import skip, update

if TYPE_CHECKING:  # every component, loaded on first use by __getattr__ below
    from .api_only import api as api
    from .chat_interface import ChatInterface as ChatInterface
    from .components import *  # noqa: F403
    from .examples import Examples as Examples
    from .filedata import set_static_paths as set_static_paths
    from .flagging import CSVLogger as CSVLogger
    from .flagging import FlaggingCallback as FlaggingCallback
    from .flagging import SimpleCSVLogger as SimpleCSVLogger
    from .i18n import I18n as I18n
    from .interface import Interface as Interface
    from .interface import TabbedInterface as TabbedInterface
    from .oauth import OAuthProfile as OAuthProfile
    from .oauth import OAuthToken as OAuthToken

__version__ = "0.1.0"

def get_package_version() -> str:
    """This package's version (Gradio's ``gr.get_package_version``, for code that prints it)."""
    return __version__


#: Gradio's flag for code to skip when its reload mode re-runs the app: there is no reload mode here
NO_RELOAD = True

__all__ = [
    "Accordion", "Blocks", "Column", "CopyData", "DeletedFileData", "EditData", "Error", "EventData", "Group", "Info", "KeyUpData",
    "LikeData", "Progress", "Request", "RetryData", "UndoData",
    "Row", "SelectData", "Tab", "TabItem", "Tabs", "Warning", "on", "render", "skip", "update",
    "validate", "Sidebar", "NO_RELOAD", "Walkthrough", "Step", "Draggable", "cache", "Cache",
    "Success", "Header", "close_all", "get_package_version", "FileSize",
]  # fmt: skip
__all__ += ["themes", "mcp"]  # noqa: F405  (modules loaded on first use: __getattr__ below)
__all__ += components.__all__

#: public names of the engine's helper modules, loaded on first use: name -> its module
_LAZY_HELPERS = {"Examples": "examples", "ChatInterface": "chat_interface"}
_LAZY_HELPERS |= {"Interface": "interface", "TabbedInterface": "interface"}
_LAZY_HELPERS |= {"CSVLogger": "flagging", "FlaggingCallback": "flagging", "SimpleCSVLogger": "flagging"}
_LAZY_HELPERS |= {"api": "api_only"}
_LAZY_HELPERS |= {"OAuthProfile": "oauth", "OAuthToken": "oauth", "I18n": "i18n", "set_static_paths": "filedata"}
__all__ += list(_LAZY_HELPERS)


def __getattr__(name: str) -> Any:
    # A component's module loads on first use (`gr.Image`), as `gr.themes` does: together they
    # would be most of the cost of `import nbblocks`.
    if name in components.__all__:
        value = getattr(components, name)
        globals()[name] = value
        return value
    if name in _LAZY_HELPERS:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY_HELPERS[name]}", __name__), name)
        globals()[name] = value
        return value
    if name == "mcp":  # Gradio 6's MCP decorators, accepted without an MCP server
        import importlib

        return importlib.import_module(".mcp", __name__)
    if name in ("themes", "Theme"):
        import importlib

        themes = importlib.import_module(".themes", __name__)
        return themes if name == "themes" else themes.Base  # gr.Theme, as in Gradio
    raise AttributeError(f"module 'nbblocks' has no attribute {name!r}")
