"""The last gaps found by building Gradio's demo folder (benchmarks/gradio_demos.py): Blocks.clear,
ChatInterface(chatbot_value=), gr.Message, and the benchmark's launch() stub answering as launch()
does."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.gradio_demos import run_child


def test_a_demo_unpacking_launch_builds_in_the_benchmark(tmp_path: Path) -> None:
    """image_editor_story unpacks ``app, _, _ = demo.launch(...)``: the stubbed launch returns
    Gradio's triple, as the real one does, so the demo counts as built."""
    (tmp_path / "run.py").write_text(
        "import gradio as gr\n"
        "with gr.Blocks() as demo:\n"
        "    gr.Textbox()\n"
        "app, local_url, _ = demo.launch(prevent_thread_lock=True)\n"
        "assert local_url.startswith('http://')\n"
    )
    assert run_child(Path(sys.executable), tmp_path, "nbblocks")["status"] == "built"
