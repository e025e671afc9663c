"""Fixtures for the notebook tests: a hermetic Jupyter environment and a real JupyterLab server.

Everything Jupyter reads or writes (config, data, runtime files, IPython profile) goes to a temporary
directory, so a kernelspec or lab setting in the user's home can never change what runs: the
`python3` kernel is always ipykernel's own spec from this interpreter's prefix, and jupyter_client
replaces its ``python`` argv with ``sys.executable`` (the .venv's python when pytest runs from it).

The server is started once per session on 127.0.0.1 with a random token, serving a temporary copy
of `notebooks/`; nothing in it goes online (no news, no update check, read-only extension manager).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
SERVER_START_TIMEOUT = 90.0  # seconds; a cold JupyterLab start on 2 CI cores takes ~5 s
UI_TIMEOUT = 60_000  # milliseconds; first page load and kernel start in headless Chromium


def jupyter_env(base: Path) -> dict[str, str]:
    """Environment variables that confine Jupyter and IPython to `base`."""
    env = {
        "JUPYTER_CONFIG_DIR": base / "config",
        "JUPYTER_DATA_DIR": base / "data",
        "JUPYTER_RUNTIME_DIR": base / "runtime",
        "IPYTHONDIR": base / "ipython",
    }
    for path in env.values():
        path.mkdir(parents=True, exist_ok=True)
    # Opt in to the platformdirs layout now: otherwise jupyter_core warns (DeprecationWarning) that
    # it will switch, and warnings are errors in our tests.
    return {**{key: str(path) for key, path in env.items()}, "JUPYTER_PLATFORM_DIRS": "1"}


@pytest.fixture()
def isolated_jupyter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Point this process's Jupyter at a private tmp dir (for in-process nbclient runs)."""
    env = jupyter_env(tmp_path / "jupyter")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class JupyterServer:
    """A running Jupyter server (JupyterLab, plus Notebook 7 when installed)."""

    base_url: str  # "http://127.0.0.1:PORT", no trailing slash
    token: str
    root: Path  # the server's root_dir: a temporary copy of notebooks/
    log: Path

    def lab_url(self, notebook: str, workspace: str) -> str:
        """JupyterLab opened on `notebook` in its own workspace, so tests never restore each other's tabs."""
        return f"{self.base_url}/lab/workspaces/{workspace}/tree/{notebook}?token={self.token}"

    def notebook7_url(self, notebook: str) -> str:
        return f"{self.base_url}/notebooks/{notebook}?token={self.token}"

    def api(self, method: str, path: str) -> Any:
        """Call the REST API; returns the decoded JSON body (None when empty)."""
        request = urllib.request.Request(
            f"{self.base_url}{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self) -> None:
        """Stop every kernel the browser started, so the next test gets fresh ones."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _wait_until_up(server: JupyterServer, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {process.returncode}:\n{server.log_tail()}")
        try:
            server.api("GET", "/api/status")
            return
        except (urllib.error.URLError, ConnectionError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"jupyter lab not up after {SERVER_START_TIMEOUT} s:\n{server.log_tail()}")
        time.sleep(0.2)  # polling interval, not synchronisation: the loop waits for the API


def _stop(server: JupyterServer, process: subprocess.Popen[bytes]) -> None:
    """Ask the server to shut down (it stops its kernels), then make sure the process is gone."""
    try:
        server.api("POST", "/api/shutdown")
        process.wait(timeout=20)
    except (urllib.error.URLError, ConnectionError, subprocess.TimeoutExpired):
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# User settings for the test server (the files a user's clicks in Settings would write).
LAB_SETTINGS = {
    # Start the notebook's kernel without the "Select Kernel" dialog, which JupyterLab otherwise
    # shows now and then when the kernelspecs load after the notebook (a flaky modal).
    "@jupyterlab/notebook-extension/tracker": {"autoStartDefaultKernel": True},
    # Never ask "Would you like to get notified about official Jupyter news?" (a toast over the page).
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false"},
}


def _write_lab_settings(env: dict[str, str]) -> None:
    settings = Path(env["JUPYTER_CONFIG_DIR"]) / "lab" / "user-settings"
    for plugin, values in LAB_SETTINGS.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


@contextlib.contextmanager
def running_jupyterlab(base: Path, root: Path, base_url: str = "/") -> Iterator[JupyterServer]:
    """A JupyterLab on 127.0.0.1 serving ``root`` under ``base_url``, its config and data in
    ``base``, stopped (with its kernels) on exit. Shared by the notebook and proxy tests."""
    port = free_port()
    server = JupyterServer(
        base_url=f"http://127.0.0.1:{port}{base_url.rstrip('/')}",
        token=secrets.token_hex(24),
        root=root,
        log=base / "server.log",
    )
    command = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.base_url={base_url}",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={server.token}",
        # Stay offline and quiet: no news feed, no update check, no PyPI-backed extension manager.
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        # window.jupyterapp, so tests can tell when the notebook's kernel is really connected.
        "--LabApp.expose_app_in_browser=True",
        "--JupyterNotebookApp.expose_app_in_browser=True",
    ]  # fmt: skip
    env = {**os.environ, **jupyter_env(base / "jupyter")}
    for name in ("GRADIO_ROOT_PATH", "GRADIO_SERVER_PORT", "JUPYTERHUB_SERVICE_PREFIX"):
        env.pop(name, None)  # what a kernel learns of its server must come from the server itself
    _write_lab_settings(env)
    with server.log.open("wb") as log:
        # a process group of its own, so what it started (jupyter-server-proxy's gallery) ends with it
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root, start_new_session=True)
    try:
        _wait_until_up(server, process)
        yield server
    finally:
        _stop(server, process)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)


@pytest.fixture(scope="session")
def jupyter_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """One JupyterLab for the session, serving a temporary copy of notebooks/."""
    base = tmp_path_factory.mktemp("jupyter-server")
    root = base / "notebooks"
    shutil.copytree(NOTEBOOKS, root)
    with running_jupyterlab(base, root) as server:
        yield server


@pytest.fixture()
def jupyter(jupyter_server: JupyterServer) -> Iterator[JupyterServer]:
    """The session's server, with every kernel shut down after the test."""
    yield jupyter_server
    jupyter_server.shutdown_sessions()


KERNEL_IDLE_JS = """() => {
    const context = window.jupyterapp?.shell.currentWidget?.sessionContext;
    const kernel = context?.session?.kernel;
    return Boolean(context?.isReady && kernel?.connectionStatus === "connected"
        && context.kernelDisplayStatus === "idle");
}"""


class NotebookUI:
    """What a user does in JupyterLab or Notebook 7: open a notebook, run it, look at outputs.

    Both front ends use the same notebook widgets (`.jp-Notebook`, `.jp-CodeCell`,
    `.jp-OutputArea`), so one page object drives both.
    """

    def __init__(self, page: Any) -> None:
        self.page = page

    def open(self, url: str) -> None:
        """Load `url`, activate the notebook and wait until its kernel is connected and idle."""
        from playwright.sync_api import expect

        self.page.goto(url)
        first_cell = self.page.locator(".jp-Notebook .jp-Cell").first
        expect(first_cell).to_be_visible(timeout=UI_TIMEOUT)
        # Click the notebook as a user would before using the menu: "Run All Cells" acts on the
        # shell's current widget, which is not set until something in the page has been activated.
        first_cell.locator(".jp-InputPrompt").click()
        self.wait_kernel_idle()

    def wait_kernel_idle(self) -> None:
        """Wait until the current notebook's kernel is connected and idle.

        No element on the page tells this reliably: the toolbar's status circle says "idle" while
        the session is still initializing, and "Run All Cells" at that moment silently runs
        nothing (JupyterLab skips cells when the notebook has no kernel yet). So ask the app
        itself, which the server exposes as ``window.jupyterapp``.
        """
        self.page.wait_for_function(KERNEL_IDLE_JS, timeout=UI_TIMEOUT)

    def run_all(self) -> None:
        """Run → Run All Cells, through the menu bar as a user would."""
        self.page.get_by_role("menubar").get_by_role("menuitem", name="Run", exact=True).click()
        self.page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

    def code_cell(self, index: int) -> Any:
        """The `index`-th code cell (0-based; markdown cells are not counted)."""
        return self.page.locator(".jp-Notebook .jp-CodeCell").nth(index)

    def output(self, index: int) -> Any:
        """The output area of the `index`-th code cell."""
        return self.code_cell(index).locator(".jp-OutputArea")

    def run_in_lab(self, jupyter: JupyterServer, name: str, *sources: str) -> list[str]:
        """Write ``sources`` as the code cells of ``<name>.ipynb`` in the server's root, open it in
        JupyterLab (in workspace ``name``) and run every cell. Returns the URLs the page requests
        from then on, which tests read to show that nothing came from a server in the kernel."""
        import nbformat

        kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
        cells = [nbformat.v4.new_code_cell(source) for source in sources]
        nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": kernelspec}), jupyter.root / f"{name}.ipynb")
        requested: list[str] = []
        self.page.on("request", lambda request: requested.append(request.url))
        self.open(jupyter.lab_url(f"{name}.ipynb", workspace=name))
        self.run_all()
        return requested


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """Remember each phase's report on the test item, so fixtures can tell a failed test."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture()
def notebook_ui(request: pytest.FixtureRequest, page: Any, screenshots: Path) -> Iterator[NotebookUI]:
    """Drives `page` as a notebook user; on failure, keeps a screenshot of what the page showed."""
    yield NotebookUI(page)
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        page.screenshot(path=screenshots / f"FAILED-{request.node.name}.png")
