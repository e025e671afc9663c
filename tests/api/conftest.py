"""Fixtures for API tests: served apps (`launch`, from the server tests) and the official
`gradio_client` connected to them (`connect`), every client closed before its app.

The client's constructor starts a Hugging Face telemetry thread that would reach the internet;
HF_HUB_DISABLE_TELEMETRY and HF_HUB_OFFLINE keep it (and any Hub lookup) off. They are read when
huggingface_hub is imported, so they are set here, before anything imports gradio_client.
"""

from __future__ import annotations

import os

os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..server.conftest import launch, login_clock, wire  # noqa: F401  (fixtures shared with the server tests)


@pytest.fixture()
def connect(launch: Callable[..., str], tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """``connect(url, **kw)``: a `gradio_client.Client` (quiet, downloads under tmp_path), closed
    at teardown — before the app, since this fixture depends on `launch`."""
    from gradio_client import Client

    clients: list[Client] = []

    def open_client(url: str, **options: Any) -> Client:
        options.setdefault("verbose", False)
        options.setdefault("download_files", str(tmp_path / "downloads"))
        client = Client(url, **options)
        clients.append(client)
        return client

    yield open_client
    for client in clients:
        # Client.close() joins its heartbeat thread for up to 1 s, and that thread only looks at
        # the kill flag between heartbeat lines; closing the app (next) ends its stream at once.
        client._kill_heartbeat.set()
        client.executor.shutdown(wait=False, cancel_futures=True)
