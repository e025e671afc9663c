"""Fixtures for served-app tests: an app launched in this process, or ``python app.py`` in a
subprocess, each closed at the end of the test.

- `launch(demo, **launch_arguments) -> url`: ``demo.launch(prevent_thread_lock=True, quiet=True,
  ...)`` here; the url ends with "/". Every app it launched is closed at teardown.
- `run_app(script, *args, env=...) -> AppProcess`: ``python script`` in a subprocess, its url read
  from the ``Running on local URL:`` line it prints; `AppProcess.interrupt()` sends Ctrl-C.
- `served_page`: a Playwright page with short timeouts that fails the test on any uncaught error.
- `wire`: HTTP clients and session WebSockets to a launched app (`tests/server/wire.py`), closed
  at teardown before the apps are.
- `free_port()`, `port_is_free(port)`: loopback port helpers.
- `login_clock`: the clock of logins and the login throttle (`server/auth.py`), moved by the test.

Scripts for `run_app` live in ``tests/server/apps/`` (`APPS`).
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

APPS = Path(__file__).resolve().parent / "apps"
START_TIMEOUT = 30.0  # seconds for `python app.py` to print its URL (cold imports on 2 CI cores)
STOP_TIMEOUT = 15.0  # seconds for a Ctrl-C'd app to exit
UI_TIMEOUT_MS = 10_000  # Playwright actions and expectations on a served page
URL_LINE = "Running on local URL:"


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on ``port`` and a new server could bind it. SO_REUSEADDR, as
    every server sets (tornado included): connections the old server closed may linger in
    TIME_WAIT for a minute, and they do not stop a new server from listening."""
    with socket.socket() as probe:
        if probe.connect_ex((host, port)) == 0:
            return False
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


@pytest.fixture()
def launch() -> Iterator[Callable[..., str]]:
    """Launch Blocks apps in this process; returns their local URLs and closes them afterwards."""
    launched: list[Any] = []

    def start(demo: Any, **launch_arguments: Any) -> str:
        launch_arguments.setdefault("prevent_thread_lock", True)
        launch_arguments.setdefault("quiet", True)
        launched.append(demo)
        _app, url, _share = demo.launch(**launch_arguments)
        return url

    yield start
    for demo in launched:
        demo.close()


class Clock:
    """A monotonic clock that moves only when the test says (`advance`)."""

    def __init__(self) -> None:
        self.now = time.monotonic()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture()
def login_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Login expiry and the login throttle read this clock: a test skips hours without waiting."""
    clock = Clock()
    monkeypatch.setattr("nbblocks.server.auth.monotonic", clock)
    return clock


@pytest.fixture()
def wire(launch: Callable[..., str]) -> Iterator[Any]:
    """`wire.http(url)` (an httpx client) and `wire.socket(url, session)` (a page's WebSocket)."""
    from .wire import Wire

    opened = Wire()
    yield opened
    opened.close_all()


class AppProcess:
    """``python script`` serving an app: its URL, its output so far, and Ctrl-C."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        )
        self.lines: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.url = self._wait_for_url()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                line = self._lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                self.kill()
                raise TimeoutError(f"no {URL_LINE!r} line after {START_TIMEOUT} s:\n{self.output}") from None
            if line is None:
                self.process.wait()
                raise RuntimeError(f"the app exited with {self.process.returncode}:\n{self.output}")
            self.lines.append(line)
            if line.startswith(URL_LINE):
                return line[len(URL_LINE) :].strip().rstrip("/") + "/"

    @property
    def output(self) -> str:
        """Everything the app printed (stdout and stderr) up to now."""
        while True:
            try:
                line = self._lines.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                self.lines.append(line)
        return "\n".join(self.lines)

    @property
    def port(self) -> int:
        return int(self.url.rstrip("/").rsplit(":", 1)[1].split("/")[0])

    def interrupt(self) -> int:
        """Ctrl-C (SIGINT), as a user would press it; returns the exit code."""
        self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"the app did not stop within {STOP_TIMEOUT} s of Ctrl-C:\n{self.output}") from None
        self._reader.join(timeout=STOP_TIMEOUT)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self._reader.join(timeout=STOP_TIMEOUT)
            self.process.stdout.close()


@pytest.fixture()
def run_app(tmp_path: Path) -> Iterator[Callable[..., AppProcess]]:
    """Run ``python <script> *args`` (a path, or a name in tests/server/apps/); killed at teardown
    if the test left it running. ``env`` adds to (or, with None values, removes from) os.environ."""
    started: list[AppProcess] = []

    def start(script: str | Path, *args: str, env: dict[str, str | None] | None = None) -> AppProcess:
        path = Path(script) if Path(script).is_absolute() else APPS / script
        environment = {k: v for k, v in os.environ.items() if not k.startswith("GRADIO_")}
        environment["PYTHONUNBUFFERED"] = "1"
        for key, value in (env or {}).items():
            if value is None:
                environment.pop(key, None)
            else:
                environment[key] = value
        app = AppProcess([sys.executable, str(path), *args], environment, cwd=tmp_path)
        started.append(app)
        return app

    yield start
    for app in started:
        app.kill()


@pytest.fixture()
def served_page(page: Any) -> Iterator[Any]:
    """The shared `page`, with served-app timeouts; an uncaught error in the page fails the test."""
    from playwright.sync_api import expect

    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(UI_TIMEOUT_MS)
    expect.set_options(timeout=UI_TIMEOUT_MS)
    yield page
    assert errors == [], f"uncaught errors in the page: {errors}"
