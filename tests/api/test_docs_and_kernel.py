"""The "Use via API" page, and an app launched with inline=False from a notebook kernel."""

from __future__ import annotations

import html
import re
import textwrap
from typing import Any

import httpx

import nbblocks as gr


def test_the_api_page_lists_every_listed_endpoint_with_python_and_curl(launch: Any) -> None:
    with gr.Blocks() as demo:
        name, out = gr.Textbox(label="name"), gr.Textbox()
        gr.Button().click(lambda n: n, name, out, api_name="shout")
        gr.Button().click(lambda n: n, name, out, api_name="hidden", show_api=False)
        gr.Button().click(lambda n: n, name, out, api_name=False)
    url = launch(demo)
    page = httpx.get(url + "api-docs")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    text = html.unescape(page.text)
    assert "/shout" in text and "hidden" not in text
    assert "from gradio_client import Client" in text and 'api_name="/shout"' in text
    assert "curl" in text and "/gradio_api/call/shout" in text
    assert "api-docs" in httpx.get(url + "static/nbblocks.js").text  # the page's footer links here


def test_a_kernel_launch_with_inline_false_returns_and_serves_the_client(connect: Any) -> None:
    """In a notebook, launch(inline=False) serves without blocking the cell, and gradio_client
    calls the app as it would a Gradio one."""
    from jupyter_client.manager import start_new_kernel

    manager, kernel = start_new_kernel(kernel_name="python3")
    try:
        code = textwrap.dedent("""
            import nbblocks as gr
            with gr.Blocks() as demo:
                inp, out = gr.Textbox(), gr.Textbox()
                gr.Button().click(lambda n: f"Welcome to Gradio, {n}!", inp, out, api_name="update")
            app, local_url, share_url = demo.launch(inline=False, quiet=True)
            print("URL", local_url, share_url)
        """)
        printed: list[str] = []
        reply = kernel.execute_interactive(
            code, timeout=60, output_hook=lambda msg: printed.append(msg["content"].get("text", ""))
        )
        assert reply["content"]["status"] == "ok", reply["content"]
        match = re.search(r"URL (\S+) None", "".join(printed))
        assert match, printed
        client = connect(match.group(1))
        assert client.predict("Ada", api_name="/update") == "Welcome to Gradio, Ada!"
    finally:
        kernel.stop_channels()
        manager.shutdown_kernel(now=True)
