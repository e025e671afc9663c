"""A 100,000 × 10 DataFrame output: time from the click to its first rows shown, and the bytes
the page received for it, nbblocks beside Gradio 6.31 on the same machine, in the same run.

Run: ``.venv/bin/python benchmarks/dataframe.py [runs]`` (default 3 per server; needs pandas).
Target: nbblocks' median time at most half of Gradio's.

The same app also runs in a real JupyterLab (the tests' starter, as notebook_image.py uses it),
rendered inline: there the table's rows travel over the kernel's WebSocket (the widget's comm),
whose frames are counted the same way.

Both servers run the same app as a user runs it (``python app.py``, only the import differs): a
button whose function returns the DataFrame into a ``gr.Dataframe``. One run = a fresh page in
headless Chromium, a click, then waiting until a cell of the first row shows; the bytes are what
Chromium's network layer received between the click and then (WebSocket frames and HTTP bodies,
Chrome DevTools Protocol), so a transport that sends the whole table pays for it. Runs
alternate between the servers. Gradio's venv is image_roundtrip.py's (made on first use, outside
the project); when it cannot be made, Gradio's figures are skipped with the reason.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from gradio_side import served_side_by_side
from notebook_image import CHROMIUM, CHROMIUM_ARGS, NotebookUI, rendered_app, running_jupyterlab, write_notebook
from playwright.sync_api import sync_playwright

ROWS, COLUMNS = 100_000, 10
APP = """\
import {module} as gr
import pandas as pd

frame = pd.DataFrame({{f"c{{j}}": [f"r{{i}}c{{j}}" for i in range(%d)] for j in range(%d)}})

with gr.Blocks() as demo:
    button = gr.Button("Show")
    table = gr.Dataframe()
    button.click(lambda: frame, None, table)

demo.launch(server_name="127.0.0.1", server_port={port})
""" % (ROWS, COLUMNS)  # noqa: UP031 (the braces are str.format's, filled by serving)

#: the first row's first cell is on the page (Gradio draws cells as spans or inputs inside td)
FIRST_ROW_SHOWN = """() => [...document.querySelectorAll('td, [role=gridcell]')].some(
  (cell) => cell.textContent.trim() === 'r0c0' || cell.querySelector('input')?.value === 'r0c0')"""


def one_run(browser: Any, url: str) -> tuple[float, int]:
    """Seconds from the click to the first row shown on a served page, and the bytes received."""
    page = browser.new_page()
    try:
        page.goto(url)
        page.get_by_role("button", name="Show").wait_for()
        page.wait_for_load_state("networkidle")
        return timed_click(page, page)
    finally:
        page.close()


def notebook_runs(browser: Any, runs: int) -> list[tuple[float, int]]:
    """`runs` runs in JupyterLab, each a fresh page running the notebook's cell again."""
    with tempfile.TemporaryDirectory(prefix="nbblocks-bench-") as folder:
        base = Path(folder)
        root = base / "notebooks"
        root.mkdir()
        write_notebook(root / "table.ipynb", APP.split("demo.launch(")[0].format(module="nbblocks") + "demo.launch()\n")
        figures = []
        with running_jupyterlab(base, root) as server:
            for run in range(runs):
                page = browser.new_page(viewport={"width": 1200, "height": 900})
                ui = NotebookUI(page)
                ui.open(server.lab_url("table.ipynb", workspace=f"bench{run}"))
                ui.run_all()
                figures.append(timed_click(page, rendered_app(ui, 0)))
                page.close()
    return figures


def timed_click(page: Any, app: Any) -> tuple[float, int]:
    """Click the app's Show; the seconds until the first row is shown and the bytes received."""
    cdp = page.context.new_cdp_session(page)
    received: list[int] = []  # the size of each HTTP body piece and WebSocket frame
    cdp.on("Network.dataReceived", lambda event: received.append(event["encodedDataLength"]))
    cdp.on("Network.webSocketFrameReceived", lambda event: received.append(len(event["response"]["payloadData"])))
    cdp.send("Network.enable")
    show = app.get_by_role("button", name="Show", exact=True)
    show.wait_for()
    started = time.perf_counter()
    show.click()
    page.wait_for_function(FIRST_ROW_SHOWN, timeout=300_000, polling="raf")
    return time.perf_counter() - started, sum(received)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        servers = served_side_by_side(stack, folder, APP, "gradio 6.31")
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        results: dict[str, list[tuple[float, int]]] = {name: [] for name in servers}
        for _ in range(runs):
            for name, url in servers.items():  # alternating: a change of load weighs on both
                results[name].append(one_run(browser, url))
        results["nbblocks in JupyterLab"] = notebook_runs(browser, runs)
    print(f"A {ROWS:,} × {COLUMNS} DataFrame output, {runs} runs each: click to first rows shown, bytes received")
    medians = {}
    for name, figures in results.items():
        medians[name] = statistics.median(seconds for seconds, _ in figures)
        sizes = statistics.median(size for _, size in figures)
        each = ", ".join(f"{seconds:.2f} s" for seconds, _ in figures)
        print(f"  {name:23} median {medians[name]:.2f} s ({each}); {sizes / 1024:,.0f} KiB received")
    if len(medians) == 2:
        print(f"  nbblocks takes {medians['nbblocks'] / medians['gradio 6.31']:.0%} of Gradio's time (target: at most 50%)")


if __name__ == "__main__":
    main()
