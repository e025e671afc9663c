"""``launch(share=True)`` in a notebook, as a Gradio user writes it: the app renders inline as
the widget and is also served with a share link (Gradio shows its share link there too). A real
kernel runs the cell; the share server is the private sshd of the share tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from ..server.test_share import answers, start_sshd
from ..server.test_share import pytestmark as share_marks
from ..server.wire import wait_for

pytestmark = share_marks
KERNEL_TIMEOUT = 60  # s for the kernel to start, and for a cell

APP = """
import nbblocks as gr

with gr.Blocks(title="shared from a notebook") as demo:
    name = gr.Textbox(label="Name")
    gr.Button("Greet").click(lambda n: f"Hello, {{n}}!", name, name)

_, local_url, share_url = demo.launch(share=True, share_server_address="root@127.0.0.1:{port}")
"""


def run(client: Any, code: str) -> tuple[str, list[dict[str, Any]]]:
    """Execute ``code`` in the kernel: what it printed, and the bundles it displayed."""
    printed: list[str] = []
    displayed: list[dict[str, Any]] = []

    def collect(message: dict[str, Any]) -> None:
        kind, content = message["msg_type"], message["content"]
        if kind == "stream":
            printed.append(content["text"])
        elif kind == "display_data":
            displayed.append(content["data"])
        elif kind == "error":
            printed.append("\n".join(content["traceback"]))

    reply = client.execute_interactive(code, timeout=KERNEL_TIMEOUT, output_hook=collect)
    assert reply["content"]["status"] == "ok", "".join(printed)
    return "".join(printed), displayed


def test_share_in_a_notebook_renders_inline_and_serves_a_share_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_jupyter: dict[str, str]
) -> None:
    from jupyter_client.manager import start_new_kernel

    sshd = start_sshd(tmp_path, monkeypatch)  # the kernel inherits the HOME whose ~/.ssh it trusts
    manager, client = start_new_kernel(kernel_name="python3", startup_timeout=KERNEL_TIMEOUT)
    try:
        printed, displayed = run(client, APP.format(port=sshd.port))
        assert any("application/vnd.jupyter.widget-view+json" in bundle for bundle in displayed)  # inline
        found = re.search(r"^Running on public URL: (http://127\.0\.0\.1:\d+)$", printed, re.MULTILINE)
        assert found, printed
        share_url = found.group(1)
        assert run(client, "print(share_url)")[0] == share_url + "\n"  # returned, as Gradio does
        assert httpx.get(share_url + "/config", timeout=10).json()["title"] == "shared from a notebook"
        run(client, "demo.close()")
        wait_for(lambda: not answers(share_url), what="close() to end the tunnel")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
        sshd.kill()
