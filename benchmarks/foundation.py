"""Foundation benchmarks: import time, building the hello app, one event, bundle size.

Run: ``.venv/bin/python benchmarks/foundation.py`` (after ``bash .ci/setup`` built the bundle).
Targets: import ≤ 0.10 s (whole process), build ≤ 2 ms, one event ≤ 50 µs, bundle ≤ 25 KB gzip.
"""

from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "nbblocks" / "static"


def process_seconds(code: str, runs: int = 15, python: str = sys.executable) -> float:
    """Median wall time of a fresh interpreter (``python``) running ``code``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([python, "-c", code], check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def welcome(name):
    return f"Welcome to Gradio, {name}!"


def build_hello(fn=welcome, **click_options):
    """The spec's Blocks example, built in this process: (demo, input, button)."""
    import nbblocks as gr

    with gr.Blocks() as demo:
        gr.Markdown("Start typing below and then click **Run** to see the output.")
        with gr.Row():
            inp = gr.Textbox(placeholder="What is your name?")
            out = gr.Textbox()
        btn = gr.Button("Run")
        btn.click(fn=fn, inputs=inp, outputs=out, **click_options)
    return demo, inp, btn


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from nbblocks import engine
    from nbblocks.sessions import Session

    bare = process_seconds("pass")
    with_import = process_seconds("import nbblocks")
    print(f"import nbblocks (whole process, median of 15): {with_import:.3f} s; python -c pass: {bare:.3f} s; "
          f"difference {with_import - bare:.3f} s  [target <= 0.10 s]")

    build_hello()  # warm: first class use computes cached prop names
    build = median_seconds(build_hello, 300)
    print(f"build the hello Blocks (median of 300): {build * 1e3:.3f} ms  [target <= 2 ms]")

    demo, inp, btn = build_hello()
    session = Session(demo, lambda message: None)
    session.handle({"type": "value", "id": inp._id, "value": "Ada"})
    dep = demo.dependencies[0]
    batch = 1000

    def engine_alone() -> None:
        invocation = engine.Invocation({inp._id: "Ada"}, btn, None, session.request, session.view)
        for updates in engine.run(dep, invocation):
            session.apply(updates)

    per_event = median_seconds(lambda: [engine_alone() for _ in range(batch)], 30) / batch
    print(f"one click event through the engine alone (inputs -> preprocess -> fn -> postprocess -> update "
          f"message; median of 30x1000): {per_event * 1e6:.1f} us  [target <= 50 us]")

    click = {"type": "trigger", "id": btn._id, "event": "click"}
    queue = demo.event_queue()

    def through_the_queue() -> None:
        session.handle(click)
        queue.join()

    per_event = median_seconds(lambda: [through_the_queue() for _ in range(batch)], 10) / batch
    print(f"  the same click as a trigger message through the session and the queue's worker thread, "
          f"waiting for each: {per_event * 1e6:.1f} us")

    js, css = (STATIC / "nbblocks.js").read_bytes(), (STATIC / "nbblocks.css").read_bytes()
    js_gz, css_gz = len(gzip.compress(js, 9)), len(gzip.compress(css, 9))
    print(f"front-end bundle: JS {len(js)} B ({js_gz} B gzip) + CSS {len(css)} B ({css_gz} B gzip) = "
          f"{(js_gz + css_gz) / 1024:.1f} KB gzip  [target <= 25 KB]")


if __name__ == "__main__":
    main()
