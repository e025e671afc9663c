"""Click to output in a real JupyterLab: a small nbblocks app against the same app in plain ipywidgets.

Run: ``.venv/bin/python benchmarks/notebook_vs_ipywidgets.py [runs]`` (default 30 each, after 3
warm-up runs each). Prints each side's median, min and max, their ratio with a 95% bootstrap
interval (this figure moves ±15% between runs of the same code), and the kernel WebSocket frames
one click costs on each side.

One notebook, two cells, the same app twice: a name box, a button and a greeting box; the click
sets the greeting to ``Hello <name>!`` in the kernel. Cell 0 is nbblocks (one anywidget for the
app, its messages custom ones on one comm); cell 1 is ipywidgets (a widget and a comm per
component, ``on_click`` setting the greeting's ``value`` trait). The JupyterLab is the tests' own
(``tests/notebooks/conftest.py`` ``running_jupyterlab``: loopback, random token, its config in a
temporary folder) and the page the tests' headless Chromium. Runs alternate between the two
sides, each typing a new name first (outside the timing: ipywidgets sends it as it is typed,
nbblocks with the click); a run is timed in the page with ``performance.now()``, from the
button's ``click()`` to the greeting box holding the new greeting, checked on every turn of the
page's event loop.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' JupyterLab starter and Chromium settings

from benchmarks.notebook_image import write_notebook  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.notebooks.conftest import NotebookUI, running_jupyterlab  # noqa: E402

WARMUP_RUNS = 3
NBBLOCKS_APP = """\
import nbblocks as gr

def greet(name):
    return f"Hello {name}!"

with gr.Blocks() as demo:
    name = gr.Textbox(label="Name")
    greeting = gr.Textbox(label="Greeting")
    gr.Button("Greet").click(greet, name, greeting)
demo.launch()
"""
IPYWIDGETS_APP = """\
import ipywidgets as widgets
from IPython.display import display

name = widgets.Text(description="Name")
greeting = widgets.Text(description="Greeting")
button = widgets.Button(description="Greet")

def greet(_):
    greeting.value = f"Hello {name.value}!"

button.on_click(greet)
display(widgets.VBox([name, button, greeting]))
"""
# One run in the page: click, then look at the greeting box on every turn of the event loop (a
# MessageChannel round, which no timer clamping slows) until it holds the expected text.
CLICK_TO_OUTPUT_JS = """async ([button, output, expected]) => {
    const channel = new MessageChannel();
    const turn = () => new Promise((resolve) => { channel.port1.onmessage = resolve; channel.port2.postMessage(null); });
    const start = performance.now();
    button.click();
    while (output.value !== expected) await turn();
    const shown = performance.now();
    const arrived = window.__kernelFrames.filter((t) => t > start && t <= shown).pop() ?? shown;
    return [shown - start, arrived - start];
}"""
# Before JupyterLab connects: every kernel WebSocket message's arrival time, so a run splits into
# the click to the frame that carried the output (the kernel and the way there and back) and
# from that frame to the output shown (the front end's own work).
RECORD_FRAMES_JS = """(() => {
    window.__kernelFrames = [];
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener("message", () => window.__kernelFrames.push(performance.now()));
        }
    };
})();"""


class Side:
    """One of the two apps on the page: its name box, its button and its greeting box."""

    def __init__(self, label: str, name: Any, button: Any, greeting: Any) -> None:
        self.label = label
        self.name, self.button, self.greeting = name, button, greeting
        self.times: list[float] = []
        #: of each run, ms from the click to the arrival of the frame that carried the output
        self.arrivals: list[float] = []
        self.frames: list[int] = []

    def run(self, page: Any, number: int, frames: list[str]) -> None:
        who = f"{self.label}{number}"
        self.name.fill(who)
        self.name.evaluate("el => el.blur()")  # ipywidgets' box has its value in the kernel now
        page.wait_for_timeout(50)  # not timed: the typed name's messages settle before the click
        frames.clear()
        elapsed, arrived = page.evaluate(
            CLICK_TO_OUTPUT_JS, [self.button.element_handle(), self.greeting.element_handle(), f"Hello {who}!"]
        )
        page.wait_for_timeout(200)  # not timed: the click's last frames (the kernel's idle status) arrive
        self.times.append(elapsed)
        self.arrivals.append(arrived)
        self.frames.append(len(frames))


def measure(runs: int) -> tuple[Side, Side]:
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory(prefix="nbblocks-bench-") as folder:
        base = Path(folder)
        root = base / "notebooks"
        root.mkdir()
        write_notebook(root / "versus.ipynb", NBBLOCKS_APP, IPYWIDGETS_APP)
        with running_jupyterlab(base, root) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            frames: list[str] = []

            def watch(ws: Any) -> None:
                if "/api/kernels/" in ws.url:
                    ws.on("framesent", lambda frame: frames.append("sent"))
                    ws.on("framereceived", lambda frame: frames.append("received"))

            page.on("websocket", watch)
            page.add_init_script(RECORD_FRAMES_JS)
            ui = NotebookUI(page)
            ui.open(server.lab_url("versus.ipynb", workspace="bench"))
            ui.run_all()
            app = ui.output(0).locator(".nbb-app")
            plain = ui.output(1).locator(".widget-vbox")
            expect(app).to_be_visible(timeout=60_000)
            expect(plain).to_be_visible(timeout=60_000)
            nbblocks = Side("nbblocks", app.get_by_label("Name"), app.get_by_role("button", name="Greet"),
                            app.get_by_label("Greeting"))  # fmt: skip
            ipywidgets = Side("ipywidgets", plain.locator("input").nth(0), plain.get_by_role("button", name="Greet"),
                              plain.locator("input").nth(1))  # fmt: skip
            for number in range(WARMUP_RUNS + runs):
                for side in (nbblocks, ipywidgets) if number % 2 == 0 else (ipywidgets, nbblocks):
                    side.run(page, number, frames)
            browser.close()
    for side in (nbblocks, ipywidgets):
        del side.times[:WARMUP_RUNS]
        del side.arrivals[:WARMUP_RUNS]
        del side.frames[:WARMUP_RUNS]
    return nbblocks, ipywidgets


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    nbblocks, ipywidgets = measure(runs)
    for side in (nbblocks, ipywidgets):
        times = side.times
        print(f"{side.label:10}: click to output median {statistics.median(times):6.1f} ms "
              f"(min {min(times):6.1f}, max {max(times):6.1f}, {len(times)} runs); "
              f"kernel WebSocket frames per click: median {statistics.median(side.frames):.0f}")  # fmt: skip
        arrivals = side.arrivals
        shown_after = [time - arrived for time, arrived in zip(times, arrivals)]
        print(f"{'':10}  click to the output's frame arriving: median {statistics.median(arrivals):6.1f} ms; "
              f"from its arrival to shown: median {statistics.median(shown_after):5.1f} ms")  # fmt: skip
    ratio = statistics.median(nbblocks.times) / statistics.median(ipywidgets.times)
    low, high = ratio_interval(nbblocks.times, ipywidgets.times)
    print(f"nbblocks / ipywidgets: {ratio:.2f}× (95% bootstrap interval {low:.2f}–{high:.2f}× over "
          f"{len(nbblocks.times)} paired runs; target: at most 1.00)")  # fmt: skip


def ratio_interval(ours: list[float], theirs: list[float], resamples: int = 2000) -> tuple[float, float]:
    """A 95% interval for the ratio of the two medians, resampling runs in pairs (a run of each
    side, taken one after the other): how far the ratio moves with which runs happened to be
    slow. Seeded, so the same runs give the same interval."""
    pick = random.Random(0)
    count = len(ours)
    ratios = []
    for _ in range(resamples):
        drawn = [pick.randrange(count) for _ in range(count)]
        ratios.append(statistics.median(ours[i] for i in drawn) / statistics.median(theirs[i] for i in drawn))
    ratios.sort()
    return ratios[int(0.025 * resamples)], ratios[int(0.975 * resamples) - 1]


if __name__ == "__main__":
    main()
