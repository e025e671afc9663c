"""nbblocks in marimo: a cell that ends with the app shows it as an anywidget, and its events run
in marimo's kernel. A real ``marimo run`` on loopback, opened in the tests' Chromium."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import UI_TIMEOUT, free_port

START_TIMEOUT = 90.0  # seconds for marimo to answer on 2 loaded cores

HELLO = '''import marimo

app = marimo.App()


@app.cell
def _():
    import nbblocks as gr

    def welcome(name):
        return f"Welcome to Gradio, {name}!"

    with gr.Blocks() as demo:
        gr.Markdown("Start typing below and then click **Run** to see the output.")
        inp = gr.Textbox(placeholder="What is your name?")
        out = gr.Textbox(label="Greeting")
        btn = gr.Button("Run")
        btn.click(fn=welcome, inputs=inp, outputs=out)
    demo
    return
'''


@pytest.fixture()
def marimo_app(tmp_path: Path) -> Iterator[str]:
    """``marimo run`` serving the hello demo's notebook on 127.0.0.1, without a token; its URL."""
    if importlib.util.find_spec("marimo") is None:
        pytest.fail("marimo is not installed: pip install marimo (the test extra has it)")
    notebook = tmp_path / "hello.py"
    notebook.write_text(HELLO, encoding="utf-8")
    port = free_port()
    home = tmp_path / "home"  # marimo's config and state, away from the user's
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "MARIMO_SKIP_UPDATE_CHECK": "1"}
    log = tmp_path / "marimo.log"
    command = [sys.executable, "-m", "marimo", "run", str(notebook), "--headless", "--host", "127.0.0.1",
               "--port", str(port), "--no-token"]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"marimo exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        with contextlib.suppress(urllib.error.URLError, ConnectionError):
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        if time.monotonic() > deadline:
            raise TimeoutError(f"marimo not up after {START_TIMEOUT} s:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)  # polling interval, not synchronisation: the loop waits for the server


def test_the_hello_demo_runs_its_click_in_marimo(marimo_app: str, page: Any) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(UI_TIMEOUT)
    page.goto(marimo_app)
    box = page.get_by_placeholder("What is your name?")  # the app, drawn in marimo's output
    box.fill("marimo")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_label("Greeting")).to_have_value("Welcome to Gradio, marimo!", timeout=UI_TIMEOUT)
    assert errors == [], f"uncaught errors in the page: {errors}"
