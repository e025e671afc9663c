"""`nbblocks.server.jupyter`: finding a Jupyter server's proxy from a kernel, and the gallery's
jupyter-server-proxy spec. The real thing, a kernel under JupyterLab used from Chromium, is in
tests/notebooks/test_jupyter_proxy.py."""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import pytest

import nbblocks as gr
from nbblocks.server.jupyter import (
    HUB_ADDRESS_VARIABLES,
    JupyterProxy,
    find_jupyter_proxy,
    gallery_server,
    show_proxied_url,
)


@pytest.fixture()
def runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Jupyter runtime directory, and no hub in the environment."""
    folder = tmp_path / "runtime"
    folder.mkdir()
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(folder))
    for name in ("JUPYTERHUB_SERVICE_PREFIX", *HUB_ADDRESS_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    return folder


def server_file(folder: Path, pid: int, url: str, base_url: str) -> None:
    (folder / f"jpserver-{pid}.json").write_text(json.dumps({"pid": pid, "url": url, "base_url": base_url}))


def test_no_jupyter_server_no_proxy(runtime_dir: Path) -> None:
    assert find_jupyter_proxy() is None


def test_the_parent_jupyter_server_is_found_by_pid(runtime_dir: Path) -> None:
    server_file(runtime_dir, os.getppid() + 1, "http://127.0.0.1:9999/other/", "/other/")
    assert find_jupyter_proxy() is None  # another server: not ours
    server_file(runtime_dir, os.getppid(), "http://127.0.0.1:8888/jup/", "/jup/")
    proxy = find_jupyter_proxy()
    assert proxy == JupyterProxy("/jup/", "http://127.0.0.1:8888")
    assert proxy.url(7860) == "http://127.0.0.1:8888/jup/proxy/7860/"


def test_a_server_at_the_root(runtime_dir: Path) -> None:
    server_file(runtime_dir, os.getppid(), "http://localhost:8888/", "/")
    assert find_jupyter_proxy() == JupyterProxy("/", "http://localhost:8888")


def test_a_half_written_server_file_is_skipped(runtime_dir: Path) -> None:
    (runtime_dir / "jpserver-1.json").write_text('{"pid": ')
    assert find_jupyter_proxy() is None


@pytest.mark.parametrize("announced", [{}, {name: "" for name in HUB_ADDRESS_VARIABLES}])
def test_jupyterhub_prefix_without_a_public_address(
    runtime_dir: Path, monkeypatch: pytest.MonkeyPatch, announced: dict[str, str]
) -> None:
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/ada")
    for name, value in announced.items():
        monkeypatch.setenv(name, value)  # JupyterHub sets them empty when it does not know them
    assert find_jupyter_proxy() == JupyterProxy("/user/ada/", "")  # the browser's host is unknown
    assert find_jupyter_proxy().url(7860) == "/user/ada/proxy/7860/"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("announced", "url"),
    [
        # the server's public URL includes its prefix, which must not be doubled
        ({"JUPYTERHUB_PUBLIC_URL": "https://hub.example.org/user/ada/"}, "https://hub.example.org/user/ada/proxy/7860/"),
        ({"JUPYTERHUB_HOST": "https://ada.hub.example.org"}, "https://ada.hub.example.org/user/ada/proxy/7860/"),
        ({"JUPYTERHUB_PUBLIC_HUB_URL": "https://hub.example.org/"}, "https://hub.example.org/user/ada/proxy/7860/"),
        ({"JUPYTERHUB_PUBLIC_HUB_URL": "http://10.0.0.5:8000/hub/"}, "http://10.0.0.5:8000/user/ada/proxy/7860/"),
        # the most specific address wins; an empty or host-less one is passed over
        (
            {
                "JUPYTERHUB_PUBLIC_URL": "",
                "JUPYTERHUB_HOST": "https://ada.hub.example.org",
                "JUPYTERHUB_PUBLIC_HUB_URL": "https://hub.example.org/",
            },
            "https://ada.hub.example.org/user/ada/proxy/7860/",
        ),
        (
            {"JUPYTERHUB_PUBLIC_URL": "https://lab.example.org/user/ada/", "JUPYTERHUB_HOST": "https://ada.hub.example.org"},
            "https://lab.example.org/user/ada/proxy/7860/",
        ),
        (
            {"JUPYTERHUB_HOST": "ada.hub.example.org", "JUPYTERHUB_PUBLIC_HUB_URL": "https://hub.example.org/"},
            "https://hub.example.org/user/ada/proxy/7860/",
        ),
    ],
)
def test_jupyterhub_public_address_gives_only_the_origin(
    runtime_dir: Path, monkeypatch: pytest.MonkeyPatch, announced: dict[str, str], url: str
) -> None:
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/ada/")
    for name, value in announced.items():
        monkeypatch.setenv(name, value)
    assert find_jupyter_proxy().url(7860) == url  # type: ignore[union-attr]


def test_without_jupyter_server_proxy_installed_nothing_is_detected(
    runtime_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/ada/")
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    assert find_jupyter_proxy() is None


def test_a_served_launch_outside_a_kernel_is_not_proxied(runtime_dir: Path, monkeypatch, launch) -> None:
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/ada/")
    demo = gr.Blocks()
    launch(demo)
    assert demo.proxied_url is None and demo.server.options.root_path == ""


def test_the_proxied_url_is_shown_as_a_link(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[dict[str, str], bool]] = []
    monkeypatch.setattr("IPython.display.display", lambda bundle, raw: shown.append((bundle, raw)))
    show_proxied_url('/user/a&"b/proxy/7860/')
    [(bundle, raw)] = shown
    assert raw and bundle == {
        "text/plain": 'Running on proxied URL: /user/a&"b/proxy/7860/',
        "text/html": 'Running on proxied URL: <a href="/user/a&amp;&quot;b/proxy/7860/" target="_blank" rel="noopener">'
        "/user/a&amp;&quot;b/proxy/7860/</a>",
    }


def test_gallery_spec_starts_the_gallery_with_its_root_path() -> None:
    spec = gallery_server()
    assert spec["command"][1:] == ["-m", "nbblocks.gallery"]
    assert spec["environment"] == {
        "GRADIO_SERVER_PORT": "{port}", "GRADIO_ROOT_PATH": "{base_url}nbblocks", "NBBLOCKS_ALLOWED_HOSTS": "*",
    }  # fmt: skip
    assert spec["launcher_entry"]["title"] == "nbblocks gallery"


@pytest.mark.parametrize("path", ["/config", "/app/config"])
def test_a_root_path_is_also_served_under_itself(launch, path: str) -> None:
    """The page's URLs start with root_path, so they must resolve at the local URL too."""
    url = launch(gr.Blocks(), root_path="/app")
    assert httpx.get(url.rstrip("/") + path).status_code == 200


@pytest.mark.parametrize("path", ["/appx/config", "/ap/config"])
def test_only_whole_segments_of_the_root_path_are_stripped(launch, path: str) -> None:
    url = launch(gr.Blocks(), root_path="/app")
    assert httpx.get(url.rstrip("/") + path).status_code == 404
