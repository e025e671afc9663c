"""A 1 MB image output in a real JupyterLab: the time from a button's click to the picture shown.

Run: ``.venv/bin/python benchmarks/notebook_image.py [runs]`` (default 20, after 2 warm-up runs
that also load the image chunk). Prints each run and the median.

The JupyterLab is the tests' own (``tests/notebooks/conftest.py`` ``running_jupyterlab``: loopback,
random token, config and data in a temporary folder), driven by the tests' headless Chromium. Its
folder holds ``runs`` + 2 different 1024×1024 greyscale noise PNGs (~1 MB each: noise, which PNG
can't shrink); its notebook shows a Button and an ``Image(type="filepath")`` output, and each click
returns the next file as it is: no encoding in the timed path, and a new picture each time, so the
front end can't reuse the last one's bytes. A run is timed in the page with ``performance.now()``,
from the button's click to the output <img> having loaded the new picture (``complete &&
naturalWidth > 0``): the event to the kernel, the function, the value back, the file's bytes over
the widget's comm in chunks, the blob URL's decode. It also prints, per run, when the <img> got
the new blob URL (all bytes through, before the decode).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' JupyterLab starter and Chromium settings

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.notebooks.conftest import NotebookUI, running_jupyterlab  # noqa: E402
from tests.notebooks.test_jupyter_ui import rendered_app  # noqa: E402

WARMUP_RUNS = 2
SIDE = 1024  # pixels
APP = """\
from pathlib import Path
import nbblocks as gr

pictures = iter(sorted(str(path.resolve()) for path in Path().glob("noise-*.png")))

def next_picture():
    return next(pictures)

with gr.Blocks() as demo:
    out = gr.Image(type="filepath", label="Noise")
    gr.Button("Show").click(next_picture, None, out)
demo.launch()
"""
# One run in the page: click, then note when the <img> gets the new picture's blob URL (the event
# and the bytes are through) and when it has loaded it; both in ms after the click, and its width.
CLICK_TO_LOADED_JS = """async (app) => {
    const img = app.querySelector(".nbb-image-picture");
    const button = [...app.querySelectorAll("button")].find((b) => b.textContent.trim() === "Show");
    const before = img.getAttribute("src");
    let bytesIn;
    const watch = new MutationObserver(() => {
        const src = img.getAttribute("src");
        if (bytesIn === undefined && src && src !== before) bytesIn = performance.now();
    });
    watch.observe(img, { attributes: true, attributeFilter: ["src"] });
    const loaded = new Promise((resolve) => {
        const onLoad = () => {
            if (img.getAttribute("src") === before || !(img.complete && img.naturalWidth > 0)) return;
            img.removeEventListener("load", onLoad);
            resolve(performance.now());
        };
        img.addEventListener("load", onLoad);
    });
    const start = performance.now();
    button.click();
    const end = await loaded;
    watch.disconnect();
    return [bytesIn - start, end - start, img.naturalWidth];
}"""


def measure(runs: int) -> list[tuple[float, float]]:
    """For each of ``runs`` runs after the warm-up: ms from the click to the picture's blob URL set,
    and to the picture loaded."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="nbblocks-bench-") as folder:
        base = Path(folder)
        root = base / "notebooks"
        root.mkdir()
        sizes = write_pictures(root, WARMUP_RUNS + runs)
        print(f"{len(sizes)} noise PNGs of {SIDE}×{SIDE}, {min(sizes):,} to {max(sizes):,} bytes", flush=True)
        write_notebook(root / "image.ipynb")
        with running_jupyterlab(base, root) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            ui = NotebookUI(page)
            ui.open(server.lab_url("image.ipynb", workspace="bench"))
            ui.run_all()
            app = rendered_app(ui, 0)
            results = [app.evaluate(CLICK_TO_LOADED_JS) for _ in range(WARMUP_RUNS + runs)]
            browser.close()
    assert all(width == SIDE for *_, width in results), results  # the output really is the new picture
    return [(bytes_in, loaded) for bytes_in, loaded, _ in results[WARMUP_RUNS:]]


def write_pictures(folder: Path, count: int) -> list[int]:
    """``count`` different noise PNGs in ``folder``, named in the order the app returns them; their sizes."""
    import numpy as np
    from PIL import Image

    sizes = []
    for seed in range(count):
        path = folder / f"noise-{seed:03}.png"
        Image.fromarray(np.random.default_rng(seed).integers(0, 256, (SIDE, SIDE), dtype=np.uint8)).save(path)
        sizes.append(path.stat().st_size)
    return sizes


def write_notebook(path: Path, *sources: str) -> None:
    """A notebook of a code cell per source (by default one: the image app)."""
    import nbformat

    cells = [nbformat.v4.new_code_cell(source) for source in sources or (APP,)]
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": kernelspec}), path)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    times = measure(runs)
    for number, (bytes_in, loaded) in enumerate(times, 1):
        print(f"run {number:2}: blob URL set {bytes_in:6.1f} ms, loaded {loaded:6.1f} ms")
    bytes_in, loaded = [run[0] for run in times], [run[1] for run in times]
    print(f"1 MB image output in JupyterLab, click to loaded: median {statistics.median(loaded):.1f} ms "
          f"(min {min(loaded):.1f}, max {max(loaded):.1f}, {runs} runs); "
          f"click to blob URL set (event and bytes through): median {statistics.median(bytes_in):.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
