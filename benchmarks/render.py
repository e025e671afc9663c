"""``@gr.render`` re-rendering 50 keyed textboxes: server CPU time and bytes sent to the page per
re-render, nbblocks beside Gradio 6.31 in the same run; then nbblocks' memory over 1,000
re-renders of one session.

Run: ``.venv/bin/python benchmarks/render.py [re-renders]`` (default 20 per server).
Target: nbblocks' server time per re-render at most a third of Gradio's.

Both servers run the same app as a user runs it (``python app.py``, only the import differs): a
slider whose ``change`` re-renders 50 textboxes keyed by position, each labelled with the
slider's value, so every re-render rebuilds all 50. Each server's page is driven the same way in
headless Chromium: the slider is set to a new value, and the re-render counts as done when the
50th box shows the new label. The server's CPU time is read from /proc (its process and any
children, user + system) before and after all the re-renders; the bytes are what Chromium's
network layer received meanwhile (WebSocket frames, HTTP bodies and SSE data, through the Chrome
DevTools Protocol). Gradio's venv is gradio_side's (made on first use, outside the project); when
it cannot be made, Gradio's figures are skipped with the reason.

Memory: one nbblocks session in this process (no transport: its messages are dropped) re-rendered
1,000 times; RSS and the bytes tracemalloc sees are printed every 200 re-renders after a warm-up
of 100, and should stay flat.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
import tracemalloc
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from gradio_side import gradio_python, serving
from notebook_image import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import sync_playwright

BOXES = 50
APP = """\
import {module} as gr

with gr.Blocks() as demo:
    count = gr.Slider(0, 1000, step=1, value=0, label="Version")

    @gr.render(inputs=count)
    def boxes(version):
        for i in range(BOXES):
            gr.Textbox(label=f"box {{i}} of {{int(version)}}", key=i)

demo.launch(server_name="127.0.0.1", server_port={port})
""".replace("BOXES", str(BOXES))  # the braces are str.format's, filled by serving

SHOWN = "label => document.body.innerText.includes(label)"
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its descendants, from /proc."""
    total = 0.0
    for candidate in [pid, *descendants(pid)]:
        try:
            fields = Path(f"/proc/{candidate}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    return total


def descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, its_parent in parents.items() if its_parent == parent]
        found += children
        frontier += children
    return found


def server_pid(app_file: Path) -> int:
    """The process serving ``app_file`` (gradio_side.serving runs ``python <app_file>``)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(app_file) in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    return int(entry.name)
            except OSError:
                pass
    raise RuntimeError(f"no process serves {app_file}")


def rerenders(browser: Any, url: str, pid: int, count: int) -> tuple[float, float, int]:
    """Re-render ``count`` times on a fresh page: server CPU seconds and wall seconds per
    re-render, and bytes received per re-render."""
    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_function(SHOWN, arg=f"box {BOXES - 1} of 0", timeout=120_000, polling="raf")
        page.wait_for_load_state("networkidle")
        cdp = page.context.new_cdp_session(page)
        received: list[int] = []
        cdp.on("Network.dataReceived", lambda event: received.append(event["encodedDataLength"]))
        cdp.on("Network.webSocketFrameReceived", lambda event: received.append(len(event["response"]["payloadData"])))
        cdp.on("Network.eventSourceMessageReceived", lambda event: received.append(len(event["data"])))
        cdp.send("Network.enable")
        slider = page.locator("input[type=range]").first
        cpu, started = cpu_seconds(pid), time.perf_counter()
        for version in range(1, count + 1):
            slider.fill(str(version))
            page.wait_for_function(SHOWN, arg=f"box {BOXES - 1} of {version}", timeout=120_000, polling="raf")
        wall, cpu = time.perf_counter() - started, cpu_seconds(pid) - cpu
        return cpu / count, wall / count, sum(received) // count
    finally:
        page.close()


def memory(total: int = 1000, warm_up: int = 100) -> None:
    """One session re-rendered ``total`` times after ``warm_up``: RSS and traced bytes."""
    import nbblocks as gr
    from nbblocks import engine
    from nbblocks.sessions import Session

    with gr.Blocks() as demo:
        count = gr.Slider(0, 10_000, step=1, value=0)

        @gr.render(inputs=count)
        def boxes(version: float) -> None:
            for i in range(BOXES):
                gr.Textbox(label=f"box {i} of {int(version)}", key=i)

    session = Session(demo, lambda message: None)
    dep = demo.dependencies[0]
    renderable = dep.fn

    def rerender(version: int) -> None:
        session.values[count._id] = version
        for _ in renderable.run(session, dep, engine.Invocation(session.values)):  # type: ignore[union-attr]
            pass

    started = time.perf_counter()
    for version in range(warm_up):
        rerender(version)
    untraced = (time.perf_counter() - started) / warm_up
    gc.collect()
    tracemalloc.start()
    print(f"Memory of one session over {total:,} re-renders of {BOXES} keyed textboxes (after {warm_up} to warm up):")
    for version in range(1, total + 1):
        rerender(version)
        if version % 200 == 0:
            gc.collect()
            rss = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            traced, _ = tracemalloc.get_traced_memory()
            print(f"  after {version:5,}: RSS {rss / 2**20:6.1f} MiB, traced {traced / 2**20:6.2f} MiB")
    tracemalloc.stop()
    print(f"  one re-render in this process (the engine alone, no tracing): {untraced * 1000:.1f} ms")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        servers = {"nbblocks": (stack.enter_context(serving(Path(sys.executable), "nbblocks", folder, APP)), "nbblocks")}
        python, why_not = gradio_python()
        if python is None:
            print(f"Gradio 6.31 skipped: {why_not}")
        else:
            servers["gradio 6.31"] = (stack.enter_context(serving(python, "gradio", folder, APP)), "gradio")
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        results = {}
        for name, (url, module) in servers.items():
            results[name] = rerenders(browser, url, server_pid(folder / f"{module}_app.py"), count)
    print(f"A @gr.render of {BOXES} keyed textboxes, re-rendered {count} times from a served page in Chromium:")
    for name, (cpu, wall, size) in results.items():
        print(
            f"  {name:12} server CPU {cpu * 1000:6.1f} ms per re-render, page sees it in {wall * 1000:6.1f} ms, {size / 1024:6.1f} KiB received"
        )
    if len(results) == 2:
        ratio = results["nbblocks"][0] / results["gradio 6.31"][0]
        print(f"  nbblocks' server time is {ratio:.0%} of Gradio's (target: at most 33%)")
    memory()


if __name__ == "__main__":
    main()
