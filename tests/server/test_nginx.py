"""The app behind a real nginx at ``/myapp/``: page, bundle and WebSocket all through the proxy.

Each test starts its own nginx (Debian's package, installed by .ci/setup) on a free loopback
port, with a config, pid file, logs and temp folders of its own in a tmp dir, in the foreground;
it is stopped at the end. The proxy config is the one Gradio's guide "Running a Gradio App on
your Web Server with Nginx" gives (``Host $host``, the Upgrade/Connection pair for WebSockets).
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import UI_TIMEOUT_MS, free_port
from .test_browser import NAME_BOX, output_box, welcome_app

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is needed (.ci/setup installs nginx-light)")
START_TIMEOUT = 10.0  # seconds for nginx to answer on its port

CONFIG = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;

    server {{
        listen 127.0.0.1:{port};
        location /myapp/ {{
            proxy_pass http://127.0.0.1:{app_port}/;
            proxy_buffering off;
            proxy_redirect off;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Host $host;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


@dataclass
class Nginx:
    port: int
    folder: Path

    @property
    def url(self) -> str:
        """The app's address through the proxy."""
        return f"http://127.0.0.1:{self.port}/myapp/"

    def log(self) -> str:
        return (self.folder / "error.log").read_text(errors="replace") if (self.folder / "error.log").exists() else ""


@pytest.fixture()
def nginx(tmp_path: Path) -> Iterator[Callable[..., Nginx]]:
    """``nginx(app_port, port=None)`` starts an nginx on ``port`` (default: a free one) proxying
    ``/myapp/`` to the app on ``app_port``."""
    running: list[subprocess.Popen[bytes]] = []

    def start(app_port: int, port: int | None = None) -> Nginx:
        folder = tmp_path / f"nginx{len(running)}"
        folder.mkdir()
        proxy = Nginx(port or free_port(), folder)
        (folder / "nginx.conf").write_text(CONFIG.format(tmp=folder, port=proxy.port, app_port=app_port))
        process = subprocess.Popen(
            [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        running.append(process)
        _wait_until_up(proxy, process)
        return proxy

    yield start
    for process in running:
        process.terminate()  # SIGTERM: nginx's fast shutdown
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def _wait_until_up(proxy: Nginx, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            error = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"nginx exited with {process.returncode}: {error}\n{proxy.log()}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{proxy.port}/", timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # nginx answers (404 outside /myapp/)
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"nginx not up after {START_TIMEOUT} s:\n{proxy.log()}")
        time.sleep(0.05)  # polling interval, not synchronisation: the loop waits for an answer


def port_of(url: str) -> int:
    return int(url.rstrip("/").rsplit(":", 1)[1].split("/")[0])


def use_through_proxy(page, url: str) -> list[str]:
    """Load the welcome app at ``url`` and run it; returns the WebSocket URLs the page opened."""
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    bundle = []
    page.on("response", lambda r: bundle.append((r.url, r.status)) if "/static/" in r.url else None)
    page.goto(url)
    page.get_by_placeholder(NAME_BOX).press_sequentially("Proxy")
    expect(output_box(page)).to_have_value("Welcome to Gradio, Proxy!")
    assert bundle and all(status in (200, 304) for _, status in bundle), bundle
    assert all(u.startswith(url + "static/") for u, _ in bundle), bundle
    return sockets


def test_behind_nginx_with_root_path(launch, nginx, served_page, screenshots: Path) -> None:
    app_url = launch(welcome_app(), root_path="/myapp")
    proxy = nginx(port_of(app_url))
    sockets = use_through_proxy(served_page, proxy.url)
    assert sockets and all(s.startswith(f"ws://127.0.0.1:{proxy.port}/myapp/ws") for s in sockets), sockets
    served_page.screenshot(path=screenshots / "served_nginx.png")
    # the footer link goes through the proxy too
    expect(served_page.get_by_role("link", name="Use via API")).to_have_attribute("href", "/myapp/api-docs")


def test_root_path_from_the_environment(run_app, nginx, served_page) -> None:
    app = run_app("welcome.py", env={"GRADIO_ROOT_PATH": "/myapp"})
    proxy = nginx(app.port)
    use_through_proxy(served_page, proxy.url)
    assert app.interrupt() == 0, app.output


def test_root_path_as_a_full_url(launch, nginx, served_page) -> None:
    proxy_port = free_port()
    app_url = launch(welcome_app(), root_path=f"http://127.0.0.1:{proxy_port}/myapp/")
    proxy = nginx(port_of(app_url), port=proxy_port)
    sockets = use_through_proxy(served_page, proxy.url)
    assert sockets and all(s.startswith(f"ws://127.0.0.1:{proxy_port}/myapp/ws") for s in sockets), sockets


def test_login_behind_nginx(launch, nginx, served_page) -> None:
    app_url = launch(welcome_app(), root_path="/myapp", auth=("admin", "secret"))
    proxy = nginx(port_of(app_url))
    page = served_page
    page.goto(proxy.url)
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("secret")
    page.get_by_role("button", name="Login").click()
    expect(page).to_have_url(proxy.url)
    page.get_by_placeholder(NAME_BOX).press_sequentially("Kept")
    expect(output_box(page)).to_have_value("Welcome to Gradio, Kept!", timeout=UI_TIMEOUT_MS)
    page.goto(proxy.url + "logout")
    expect(page).to_have_url(proxy.url)
    expect(page.get_by_role("button", name="Login")).to_be_visible()
