"""Gradio's side of a side-by-side benchmark: a venv holding Gradio 6.31 beside the project (made on
first use under ``~/.cache/nbblocks-benchmarks``, or ``NBBLOCKS_BENCH_CACHE``, never inside the project),
and an app served by either package in its own process, as a user runs ``python app.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import venv
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from served import free_port, http_get

GRADIO = "gradio==6.31.0"
CACHE = Path(os.environ.get("NBBLOCKS_BENCH_CACHE", Path.home() / ".cache" / "nbblocks-benchmarks"))


def gradio_python() -> tuple[Path | None, str]:
    """The Python of a venv holding Gradio 6.31 (made now if missing), or None and why not."""
    home = CACHE / GRADIO.replace("==", "-")
    python = home / "bin" / "python"
    check = [str(python), "-c", "import gradio; assert gradio.__version__ == '6.31.0'"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python, ""
    print(f"making a venv with {GRADIO} in {home} (once)…", flush=True)
    venv.create(home, with_pip=True, clear=True)
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", GRADIO], capture_output=True, text=True)
    if install.returncode != 0:
        return None, f"pip install {GRADIO} failed: {install.stderr.strip().splitlines()[-1:]}"
    return python, ""


@contextmanager
def serving(python: Path, module: str, folder: Path, source: str) -> Iterator[str]:
    """An app (``source``, formatted with ``module`` and ``port``) served by ``python`` with
    ``import <module> as gr``; its URL until closed."""
    port = free_port()
    app = folder / f"{module}_app.py"
    app.write_text(source.format(module=module, port=port))
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "GRADIO_TEMP_DIR": str(folder / f"{module}-cache")}
    process = subprocess.Popen([str(python), str(app)], cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{module} app exited: {process.stderr.read().decode()[-2000:] if process.stderr else ''}")
            try:
                if http_get(port, "/", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{module} app did not answer within 120 s")
            time.sleep(0.1)  # polling a starting server: nothing to wait on but the port
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(10)


def served_side_by_side(stack: ExitStack, folder: Path, source: str, gradio_key: str = "gradio") -> dict[str, str]:
    """``source`` served by nbblocks (this Python) and, when its venv can be made, by Gradio 6.31
    (under ``gradio_key``): each one's URL, both closed with ``stack``."""
    servers = {"nbblocks": stack.enter_context(serving(Path(sys.executable), "nbblocks", folder, source))}
    python, why_not = gradio_python()
    if python is None:
        print(f"Gradio 6.31 skipped: {why_not}")
    else:
        servers[gradio_key] = stack.enter_context(serving(python, "gradio", folder, source))
    return servers
