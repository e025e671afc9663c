"""Apps behind a Jupyter server's own proxy, as on JupyterHub and Binder.

A real JupyterLab with jupyter-server-proxy runs on 127.0.0.1 under a hub-like base URL
(``/user/ada/``). A kernel it started serves an app with ``launch(inline=False)``; headless
Chromium, which only ever talks to the Jupyter server, uses it through ``/user/ada/proxy/<port>/``
(page, WebSocket), and the API and file routes answer there too. Under a hub that announces no
public address the kernel knows only that path: the notebook shows it as a link, which opens the
app. The ``nbblocks`` entry point serves the gallery at ``/user/ada/nbblocks/``.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from playwright.sync_api import expect

from .conftest import UI_TIMEOUT, JupyterServer, NotebookUI, running_jupyterlab

BASE_URL = "/user/ada/"  # as JupyterHub names a user's server
EVENT_TIMEOUT = 20_000  # ms
KERNEL_TIMEOUT = 60  # s for one cell, the first import of nbblocks included

APP = """
import nbblocks as gr

with gr.Blocks() as demo:
    name = gr.Textbox(label="Name")
    greeting = gr.Textbox(label="Greeting")
    gr.Button("Greet").click(lambda n: f"Hello, {n}!", name, greeting)

_, local_url, browser_url = demo.launch(inline=False)
"""


@pytest.fixture(scope="module")
def hub_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """A JupyterLab at http://127.0.0.1:<port>/user/ada/ with jupyter-server-proxy."""
    base = tmp_path_factory.mktemp("jupyter-proxy")
    root = base / "root"
    root.mkdir()
    with running_jupyterlab(base, root, BASE_URL) as server:
        yield server


class Kernel:
    """A kernel the Jupyter server started (so its child, as in a notebook), driven by jupyter_client."""

    def __init__(self, server: JupyterServer, runtime_dir: Path) -> None:
        from jupyter_client import BlockingKernelClient

        self.server = server
        self.id = server.api("POST", "/api/kernels")["id"]
        self.client = BlockingKernelClient()
        self.client.load_connection_file(str(runtime_dir / f"kernel-{self.id}.json"))
        self.client.start_channels()
        self.client.wait_for_ready(timeout=KERNEL_TIMEOUT)

    def run(self, code: str) -> str:
        """Execute ``code``; returns its output as a console shows it: what it printed and the
        plain text of what it displayed. The displays' bundles are kept in ``self.displays``.
        Fails the test on an error."""
        printed: list[str] = []
        self.displays: list[dict[str, str]] = []

        def collect(message: dict[str, Any]) -> None:
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                printed.append(content["text"])
            elif kind == "display_data":
                self.displays.append(content["data"])
                printed.append(content["data"]["text/plain"] + "\n")
            elif kind == "error":
                printed.append("\n".join(content["traceback"]))

        reply = self.client.execute_interactive(code, timeout=KERNEL_TIMEOUT, output_hook=collect)
        assert reply["content"]["status"] == "ok", "".join(printed)
        return "".join(printed)

    def shutdown(self) -> None:
        self.client.stop_channels()
        self.server.api("DELETE", f"/api/kernels/{self.id}")


@pytest.fixture()
def kernel(hub_server: JupyterServer) -> Iterator[Kernel]:
    kernel = Kernel(hub_server, hub_server.log.parent / "jupyter" / "runtime")
    yield kernel
    kernel.shutdown()


def authorized(server: JupyterServer, url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> Any:
    request = urllib.request.Request(url, data=data, headers={"Authorization": f"token {server.token}", **(headers or {})})
    return urllib.request.urlopen(request, timeout=20)


def test_launch_in_a_kernel_prints_and_serves_the_proxied_url(hub_server: JupyterServer, kernel: Kernel, page: Any) -> None:
    printed = kernel.run(APP)
    [shown] = kernel.displays
    port = int(kernel.run("print(demo.server.port)"))
    proxied = f"{hub_server.base_url}/proxy/{port}/"
    assert f"Running on local URL: http://127.0.0.1:{port}\n" in printed
    assert f"Running on proxied URL: {proxied}\n" in printed
    assert shown["text/html"] == (  # what front ends that render HTML show: a link
        f'Running on proxied URL: <a href="{proxied}" target="_blank" rel="noopener">{proxied}</a>'
    )
    # returned too: where the browser goes (the triple's last place, with no share link), and the
    # local URL that code in the kernel uses
    assert kernel.run("print(demo.proxied_url, browser_url, local_url)").split() == [proxied, proxied, f"http://127.0.0.1:{port}/"]

    # The page, its bundle and the WebSocket, all through the proxy: the browser never sees the port.
    page.goto(f"{proxied}?token={hub_server.token}")
    page.get_by_label("Name").fill("Ada")
    page.get_by_role("button", name="Greet").click()
    expect(page.get_by_label("Greeting")).to_have_value("Hello, Ada!", timeout=EVENT_TIMEOUT)

    # The API and the file routes answer under the proxy too.
    with authorized(hub_server, f"{proxied}config") as response:
        config = json.load(response)
    assert {c.get("props", {}).get("label") for c in config["components"]} >= {"Name", "Greeting"}
    boundary = "nbblocks-test-boundary"
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"note.txt\"\r\n"
        f"Content-Type: text/plain\r\n\r\nthrough the proxy\r\n--{boundary}--\r\n"
    ).encode()
    upload = authorized(hub_server, f"{proxied}upload", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with upload as response:
        [path] = json.load(response)
    with authorized(hub_server, f"{proxied}file={path}") as response:
        assert response.read() == b"through the proxy"

    # The local URL still works where the browser can reach it (here: the same machine).
    page.goto(f"http://127.0.0.1:{port}/")
    page.get_by_label("Name").fill("Bo")
    page.get_by_role("button", name="Greet").click()
    expect(page.get_by_label("Greeting")).to_have_value("Hello, Bo!", timeout=EVENT_TIMEOUT)
    kernel.run("demo.close()")


def test_a_quiet_launch_shows_no_url(kernel: Kernel) -> None:
    assert kernel.run(APP.replace("inline=False", "inline=False, quiet=True")) == ""
    assert kernel.displays == []
    assert kernel.run("print(demo.proxied_url.endswith(f'/proxy/{demo.server.port}/'))") == "True\n"
    kernel.run("demo.close()")


HUB_NOTEBOOK_CELLS = [
    # What JupyterHub puts in a user's server's environment when it announces no public address:
    # the kernel then knows the proxy path but not the host the browser uses.
    """
import os

os.environ["JUPYTERHUB_SERVICE_PREFIX"] = "/user/ada/"
os.environ.update(dict.fromkeys(["JUPYTERHUB_PUBLIC_URL", "JUPYTERHUB_HOST", "JUPYTERHUB_PUBLIC_HUB_URL"], ""))
""",
    APP.replace("gr.Blocks()", 'gr.Blocks(title="Greeter")'),
]


def test_under_jupyterhub_the_notebook_links_to_the_app(hub_server: JupyterServer, notebook_ui: NotebookUI) -> None:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in HUB_NOTEBOOK_CELLS])
    nbformat.write(notebook, hub_server.root / "hub.ipynb")
    ui = notebook_ui
    try:
        ui.open(hub_server.lab_url("hub.ipynb", workspace="hub"))
        ui.run_all()
        output = ui.output(1)
        expect(output).to_contain_text("Running on proxied URL: /user/ada/proxy/", timeout=UI_TIMEOUT)
        link = output.get_by_role("link").filter(has_text="/user/ada/proxy/")  # the local URL is one too
        proxy_path = re.compile(r"^/user/ada/proxy/\d+/$")
        expect(link).to_have_text(proxy_path)
        expect(link).to_have_attribute("href", proxy_path)  # root-relative, left so by JupyterLab

        # The browser resolves it against the notebook page's origin, the hub's.
        with ui.page.context.expect_page(timeout=UI_TIMEOUT) as opened:
            link.click()
        app = opened.value
        page_origin = hub_server.base_url.removesuffix(BASE_URL.rstrip("/"))
        expect(app).to_have_url(page_origin + link.inner_text(), timeout=UI_TIMEOUT)
        expect(app).to_have_title("Greeter", timeout=UI_TIMEOUT)
        app.get_by_label("Name").fill("Ada")
        app.get_by_role("button", name="Greet").click()
        expect(app.get_by_label("Greeting")).to_have_value("Hello, Ada!", timeout=EVENT_TIMEOUT)
    finally:
        hub_server.shutdown_sessions()  # its kernel closes the app's server


def test_a_root_path_given_wins_over_the_proxy(kernel: Kernel) -> None:
    printed = kernel.run(APP.replace("inline=False", "inline=False, root_path='/mine'"))
    assert "proxied URL" not in printed
    assert kernel.run("print(demo.proxied_url, demo.server.options.root_path)").split() == ["None", "/mine"]
    kernel.run("demo.close()")


def test_the_gallery_entry_point_serves_at_nbblocks(hub_server: JupyterServer, page: Any) -> None:
    servers = hub_server.api("GET", "/server-proxy/servers-info")["server_processes"]
    [gallery] = [entry for entry in servers if entry["name"] == "nbblocks"]
    assert gallery["launcher_entry"]["title"] == "nbblocks gallery"
    assert gallery["launcher_entry"]["path_info"] == "nbblocks/"

    # The first request starts `python -m nbblocks.gallery`; jupyter-server-proxy waits for it.
    page.goto(f"{hub_server.base_url}/nbblocks/?token={hub_server.token}", timeout=UI_TIMEOUT)
    expect(page.get_by_role("heading", name="nbblocks gallery")).to_be_visible(timeout=UI_TIMEOUT)
    page.get_by_label("Name").fill("Ada")
    page.get_by_role("button", name="Greet").click()
    expect(page.get_by_label("Message")).to_have_value("Hello, Ada!", timeout=EVENT_TIMEOUT)
