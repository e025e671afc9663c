"""What a Binder of this repository gets: a fresh environment made only from binder/.

A new venv gets ``binder/requirements.txt`` and then ``binder/postBuild`` runs in a copy of the
repository, as repo2docker does (that copy has no front-end bundle: postBuild's install must build
it). Every notebook in notebooks/ then runs top to bottom in a kernel of that venv, and the venv
serves the gallery through jupyter-server-proxy's entry point.

This is the one test that downloads packages (from PyPI, or pip's cache when it has them; the front
end's npm packages likewise), so it is marked ``network``: ``-m "not network"`` leaves it out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from ..server.wire import wait_for
from .conftest import NOTEBOOKS, free_port, jupyter_env
from .test_execution import NOTEBOOK_PATHS, run_and_check

REPO = NOTEBOOKS.parent
INSTALL_TIMEOUT = 600  # s for each of the two install steps; ~1-2 min with warm pip and npm caches
KERNEL_NAME = "binder-venv"
#: what repo2docker copies that postBuild's install reads (not .venv, node_modules nor the bundle)
COPIED = ["pyproject.toml", "README.md", "nbblocks", "js", "binder", "notebooks"]
LEFT_OUT = shutil.ignore_patterns("__pycache__", "node_modules", "static", ".venv")

pytestmark = [pytest.mark.network, pytest.mark.timeout(2 * INSTALL_TIMEOUT + 300)]


def run(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


@pytest.fixture(scope="module")
def binder_venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A venv built from binder/ alone; yields its python."""
    base = tmp_path_factory.mktemp("binder")
    checkout = base / "repo"
    checkout.mkdir()
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, checkout / name, ignore=LEFT_OUT)
        else:
            shutil.copy2(source, checkout / name)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # postBuild's `python` and `pip` are the environment's, as in repo2docker's image
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("PYTHONPATH", None)
    run([str(python), "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"], checkout, env)
    run(["bash", "binder/postBuild"], checkout, env)
    yield python


@pytest.fixture()
def binder_kernel(binder_venv: Path, isolated_jupyter: dict[str, str]) -> str:
    """A kernelspec for the binder venv's python, in this test's private Jupyter data dir."""
    spec = Path(isolated_jupyter["JUPYTER_DATA_DIR"]) / "kernels" / KERNEL_NAME / "kernel.json"
    spec.parent.mkdir(parents=True)
    argv = [str(binder_venv), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.write_text(json.dumps({"argv": argv, "display_name": "binder venv", "language": "python"}))
    return KERNEL_NAME


def test_binder_installs_nbblocks_with_its_front_end_and_the_gallery_entry_point(binder_venv: Path) -> None:
    code = (
        "import importlib.metadata as m, pathlib, nbblocks, nbblocks.server.jupyter as j\n"
        "static = pathlib.Path(nbblocks.__file__).parent / 'static'\n"
        "assert (static / 'nbblocks.js').stat().st_size > 1000, 'no front-end bundle'\n"
        "[ep] = [e for e in m.entry_points(group='jupyter_serverproxy_servers') if e.name == 'nbblocks']\n"
        "spec = ep.load()()\n"
        "assert spec['command'][1:] == ['-m', 'nbblocks.gallery'], spec\n"
        "import jupyter_server_proxy, jupyterlab, gradio_client, anywidget\n"
        "print(nbblocks.__file__)\n"
    )
    result = subprocess.run([str(binder_venv), "-c", code], capture_output=True, text=True, timeout=60, cwd="/")
    assert result.returncode == 0, result.stderr
    assert str(binder_venv.parents[1]) in result.stdout  # the venv's own install, not this checkout


def test_binder_opens_jupyterlab_on_the_notebooks(binder_venv: Path, tmp_path: Path) -> None:
    """A Binder link without ``?urlpath=`` lands on the server's default URL."""
    port = free_port()
    command = [
        str(binder_venv), "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--ServerApp.root_dir={tmp_path}",
        "--IdentityProvider.token=", "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]  # fmt: skip
    env = {**os.environ, **jupyter_env(tmp_path / "jupyter")}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        answers: list[httpx.Response] = []

        def server_answers() -> bool:
            try:
                answers.append(httpx.get(f"http://127.0.0.1:{port}/", timeout=5))
            except httpx.TransportError:
                assert server.poll() is None, "JupyterLab exited"
            return bool(answers)

        wait_for(server_answers, timeout=60, what="JupyterLab to answer")
        assert answers[0].status_code == 302
        assert urlsplit(answers[0].headers["location"]).path == "/lab/tree/notebooks"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda path: path.name)
def test_notebook_runs_in_the_binder_environment(path: Path, tmp_path: Path, binder_kernel: str) -> None:
    run_and_check(path, tmp_path, kernel_name=binder_kernel)
