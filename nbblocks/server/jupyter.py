"""Serving behind a Jupyter server's own proxy (jupyter-server-proxy: JupyterHub, Binder, a remote
JupyterLab), and the ``jupyter_serverproxy_servers`` entry point that serves the gallery there.

In such set-ups the browser cannot reach the kernel's ``127.0.0.1:<port>``; it reaches the app as
``<base_url>proxy/<port>/`` on the Jupyter server, which forwards HTTP and WebSockets with the
prefix stripped. ``launch(inline=False)`` in a kernel asks `find_jupyter_proxy` whether that is
the case and then sets ``root_path`` to that proxy path, so every URL the page uses resolves
under it. The server also answers under the prefix itself (`app.RootPathRouter`), so the local
URL keeps working where the browser can reach it.

Under JupyterHub the kernel often knows only the proxy path, not the host the browser uses, so
`show_proxied_url` shows the URL as a link in the cell's output: the browser resolves a
root-relative href against the notebook page's own origin, the hub's.

Detection is lazy (only at a served launch from a kernel) and cheap: an environment variable, or
a few small JSON files read directly. ``jupyter_server.serverapp.list_running_servers()`` reads
the same ``jpserver-<pid>.json`` files but importing it costs ~1.7 s, and it deletes the files of
dead servers as a side effect, which a kernel should not do.
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .options import ALLOWED_HOSTS_VARIABLE

if TYPE_CHECKING:
    from .app import Server

__all__ = ["JupyterProxy", "find_jupyter_proxy", "gallery_server", "serve_through_proxy", "show_proxied_url"]

#: the name of the entry point, hence the gallery's path under the Jupyter server's base URL
GALLERY_NAME = "nbblocks"
#: where JupyterHub may announce the browser's address of a user's server, most specific first:
#: the server's public URL (prefix included), its host when the hub uses subdomains, the hub's URL
HUB_ADDRESS_VARIABLES = ("JUPYTERHUB_PUBLIC_URL", "JUPYTERHUB_HOST", "JUPYTERHUB_PUBLIC_HUB_URL")


@dataclass(frozen=True)
class JupyterProxy:
    """Where jupyter-server-proxy answers for this kernel's Jupyter server."""

    #: the Jupyter server's base URL path, "/" or "/user/ada/" (slashes at both ends)
    base_url: str
    #: "http://127.0.0.1:8888" when the browser's address of the server is known, else "":
    #: under JupyterHub the kernel only knows its path unless the hub announces its public URL
    origin: str = ""

    def path(self, port: int) -> str:
        """The proxy path of a local port: ``<base_url>proxy/<port>/``."""
        return f"{self.base_url}proxy/{port}/"

    def url(self, port: int) -> str:
        """The proxy URL of a local port (only its path when the origin is unknown)."""
        return self.origin + self.path(port)


def find_jupyter_proxy() -> JupyterProxy | None:
    """The proxy of the Jupyter server this kernel runs under, or None when there is none.

    JupyterHub (and so Binder) tells its single-user servers their prefix in
    JUPYTERHUB_SERVICE_PREFIX, which kernels inherit. Otherwise the server that started this kernel
    (our parent process) is found among the ``jpserver-<pid>.json`` files of the runtime
    directory, both where Jupyter keeps them for this environment and where this kernel's
    connection file is (the server writes both in its own runtime directory).

    jupyter-server-proxy is assumed present when it is importable here: on JupyterHub and Binder
    the kernel runs in the server's environment. A kernel from another environment is not
    detected and the app is served at its local URL only, as without a Jupyter server.
    """
    if importlib.util.find_spec("jupyter_server_proxy") is None:
        return None
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX")
    if prefix:
        return JupyterProxy(_slashed(prefix), _hub_origin())
    server = _parent_server()
    if server is None:
        return None
    base_url = _slashed(server.get("base_url", "/"))
    url = str(server.get("url", "")).rstrip("/")
    origin = url[: -len(base_url.rstrip("/"))] if base_url != "/" and url.endswith(base_url.rstrip("/")) else url
    return JupyterProxy(base_url, origin)


def _hub_origin() -> str:
    """``scheme://host`` of the first address JupyterHub announces, else "" (none, or all empty).

    Only the origin is kept: JUPYTERHUB_PUBLIC_URL already ends with the prefix, which the proxy
    path repeats. A value without a scheme or host cannot be a URL's origin and is passed over."""
    for name in HUB_ADDRESS_VARIABLES:
        parts = urlsplit(os.environ.get(name, ""))
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    return ""


def _slashed(path: str) -> str:
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def _parent_server() -> dict[str, Any] | None:
    """The running-server record of the Jupyter server whose child this process is."""
    parent = os.getppid()
    for folder in _runtime_dirs():
        for record in folder.glob("jpserver-*.json"):
            try:
                info = json.loads(record.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # a server writing or removing its file right now
            if isinstance(info, dict) and info.get("pid") == parent:
                return info
    return None


def _runtime_dirs() -> list[Path]:
    folders = []
    kernel_app = sys.modules.get("ipykernel.kernelapp")
    if kernel_app is not None and kernel_app.IPKernelApp.initialized():
        connection_file = kernel_app.IPKernelApp.instance().abs_connection_file
        if connection_file:
            folders.append(Path(connection_file).parent)
    from jupyter_core.paths import jupyter_runtime_dir  # a few ms; jupyter_core comes with ipykernel

    folders.append(Path(jupyter_runtime_dir()))
    return list(dict.fromkeys(folder for folder in folders if folder.is_dir()))


def serve_through_proxy(server: Server, root_path: str | None) -> str | None:
    """After a served launch from a kernel: the app's URL through the Jupyter server's proxy, or
    None without one. Unless a root path was given (argument or GRADIO_ROOT_PATH), the page's
    URLs then start with the proxy path."""
    if root_path is not None or os.environ.get("GRADIO_ROOT_PATH"):
        return None  # the user runs their own proxy set-up
    proxy = find_jupyter_proxy()
    if proxy is None:
        return None
    server.options.root_path = proxy.path(server.port).rstrip("/")
    server.proxied_url = proxy.url(server.port)  # its host is one the server answers to
    return server.proxied_url


def show_proxied_url(url: str) -> None:
    """Show "Running on proxied URL: <url>" in the cell's output, as a link the user can click.

    Called only from a kernel, where IPython publishes the display. Under JupyterHub the URL is
    often only a path ("/user/ada/proxy/7860/"): as an href the browser resolves it against the
    notebook page, which the hub serves, and JupyterLab leaves such root-relative links alone.
    Front ends without HTML (a console, nbconvert to text) show the plain-text line instead."""
    from IPython.display import display  # only here: the engine and `import nbblocks` stay free of IPython

    line = f"Running on proxied URL: {url}"
    escaped = html.escape(url)
    link = f'<a href="{escaped}" target="_blank" rel="noopener">{escaped}</a>'
    display({"text/plain": line, "text/html": f"Running on proxied URL: {link}"}, raw=True)


def gallery_server() -> dict[str, Any]:
    """jupyter-server-proxy's server spec for the ``nbblocks`` entry point: ``<base_url>nbblocks/``
    starts ``python -m nbblocks.gallery`` on the port the proxy picks, with the root path its page
    needs, and a tile in JupyterLab's launcher opens it."""
    return {
        "command": [sys.executable, "-m", "nbblocks.gallery"],
        # {port} and {base_url} are filled in by jupyter-server-proxy; base_url ends with "/".
        # The proxy passes on the Host the browser used, the Jupyter server's public name (a hub's
        # on Binder), which nothing tells us: so any Host is answered (see handlers.host_allowed);
        # the Jupyter server in front decides who reaches the gallery, which holds no secrets
        "environment": {
            "GRADIO_SERVER_PORT": "{port}", "GRADIO_ROOT_PATH": "{base_url}" + GALLERY_NAME, ALLOWED_HOSTS_VARIABLE: "*",
        },  # fmt: skip
        "timeout": 60,  # seconds for the first start, when Python compiles nbblocks
        "launcher_entry": {"enabled": True, "title": "nbblocks gallery"},
    }
