"""Image round trip: a 512×512 PNG in → PIL → Image out through the official ``gradio_client``,
nbblocks beside Gradio 6.31 on the same machine, in the same run.

Run: ``.venv/bin/python benchmarks/image_roundtrip.py [calls]`` (default 40 calls per server).
Target: nbblocks' median at most half of Gradio's.

Both servers run the same app (``gr.Image(type="pil")`` → flip → ``gr.Image()``, Gradio's
default output format, webp) as a user runs it, ``python app.py`` in its own process; only the
import differs. One call = ``Client.predict(handle_file(png))``: the upload, the queued event,
the result's download, measured by the same client (this venv's gradio_client) for both. The
calls alternate between the two servers, so a machine whose load changes during the run (other
jobs on its cores) weighs on both alike. The input is noise, the worst case for the codecs: a
669 KB PNG. Three figures: through gradio_client as a user calls it; the same with
``ssl_verify=False`` (gradio_client builds a TLS context with the CA bundle for each of its
requests, even to a loopback http URL, a cost the same on both servers that hides theirs); the
same again with the client's message poll shortened (gradio_client looks for a job's messages
every 50 ms, so a result is seen on the next 50 ms step after it arrives: about 22 ms of
nbblocks' 72 ms and 25 ms of Gradio's 128 ms on a quiet machine); and plain HTTP on one
keep-alive connection, the servers' own share. Gradio's side runs in a venv of its own, made on first use with
``pip install gradio==6.31.0`` under ``~/.cache/nbblocks-benchmarks`` (``NBBLOCKS_BENCH_CACHE``),
never inside the project; when that install fails, Gradio's figure is skipped with the reason.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")  # before gradio_client loads huggingface_hub
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from gradio_side import served_side_by_side

WARMUP_CALLS = 5
APP = """\
import {module} as gr
from PIL import Image

def flip(image):
    return image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)

with gr.Blocks() as demo:
    inp, out = gr.Image(type="pil"), gr.Image()
    gr.Button().click(flip, inp, out, api_name="flip")

demo.launch(server_name="127.0.0.1", server_port={port})
"""


def connect(url: str, downloads: Path, *, ssl_verify: bool = True) -> Any:
    from gradio_client import Client

    return Client(url, verbose=False, download_files=str(downloads), ssl_verify=ssl_verify)


def one_call(client: Any, image: Path) -> tuple[float, str]:
    """Seconds for one ``predict`` of ``image``, and the path of the picture it returned."""
    from gradio_client import handle_file

    start = time.perf_counter()
    result = client.predict(handle_file(str(image)), api_name="/flip")
    return time.perf_counter() - start, result


def check_flipped(result: str) -> None:
    """The answer really is the input flipped: its white corner pixel moved to the right."""
    from PIL import Image

    with Image.open(result) as flipped:
        corner = flipped.convert("RGB").getpixel((511, 0))
        assert flipped.size == (512, 512) and min(corner) > 200, corner


def raw_call(http: Any, image_bytes: bytes) -> tuple[float, bytes]:
    """Seconds for the same round trip over plain HTTP on one keep-alive connection (upload,
    ``/call``, its result stream, the picture's download): the servers' share of a call."""
    start = time.perf_counter()
    path = http.post("gradio_api/upload", files={"files": ("in.png", image_bytes, "image/png")}).json()[0]
    file_data = {"path": path, "orig_name": "in.png", "meta": {"_type": "gradio.FileData"}}
    event_id = http.post("gradio_api/call/flip", json={"data": [file_data]}).json()["event_id"]
    stream = http.get(f"gradio_api/call/flip/{event_id}").text
    assert "event: complete" in stream, stream[-500:]
    output = json.loads(stream.split("event: complete", 1)[1].split("data:", 1)[1].split("\n", 1)[0])[0]
    picture = http.get(output.get("url") or f"gradio_api/file={output['path']}").content
    return time.perf_counter() - start, picture


def report(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(
        f"  {name:10} median {median * 1000:7.1f} ms   p90 {sorted(times)[int(len(times) * 0.9)] * 1000:7.1f} ms   ({len(times)} calls)"
    )
    return median


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="nbb-image-bench-") as tmp, ExitStack() as stack:
        folder = Path(tmp)
        image = folder / "in.png"
        picture = Image.effect_noise((512, 512), 64).convert("RGB")
        picture.putpixel((0, 0), (255, 255, 255))
        picture.save(image)
        print(f"input: 512×512 PNG, {image.stat().st_size} bytes; {calls} calls per server")
        servers = served_side_by_side(stack, folder, APP)
        print("through gradio_client (Client.predict):")
        compare(client_medians(servers, image, calls, folder, ssl_verify=True))
        print("through gradio_client with ssl_verify=False (loopback http needs no CA bundle, loaded per request otherwise):")
        compare(client_medians(servers, image, calls, folder, ssl_verify=False))
        print("the same with gradio_client's 50 ms message poll at 1 ms (the rest of its flow unchanged):")
        with quick_message_poll():
            compare(client_medians(servers, image, calls, folder, ssl_verify=False))
        print("the servers' share (the same calls over plain HTTP, one keep-alive connection each):")
        compare(raw_medians(servers, image.read_bytes(), calls))


@contextmanager
def quick_message_poll() -> Iterator[None]:
    """gradio_client's job threads sleep 50 ms whenever a job has no new message; here at most
    1 ms, so the time measured is the servers' and the client's work, not the poll's step."""
    import gradio_client.utils as client_utils

    class QuickSleep:
        def __getattr__(self, name: str) -> Any:
            return getattr(time, name)

        @staticmethod
        def sleep(seconds: float) -> None:
            time.sleep(min(seconds, 0.001))

    client_utils.time = QuickSleep()  # type: ignore[assignment]
    try:
        yield
    finally:
        client_utils.time = time


def client_medians(servers: dict[str, str], image: Path, calls: int, folder: Path, *, ssl_verify: bool) -> dict[str, float]:
    """Median seconds per ``predict`` on each server, the calls alternating between them."""
    clients = {name: connect(url, folder / f"down-{name}", ssl_verify=ssl_verify) for name, url in servers.items()}
    return alternating_medians(clients, lambda client: one_call(client, image), check_flipped, calls)


def raw_medians(servers: dict[str, str], image_bytes: bytes, calls: int) -> dict[str, float]:
    import httpx

    https = {name: httpx.Client(base_url=url, timeout=60) for name, url in servers.items()}
    return alternating_medians(https, lambda http: raw_call(http, image_bytes), is_webp, calls)


def is_webp(picture: bytes) -> None:
    assert picture[:4] == b"RIFF", picture[:16]


def alternating_medians(
    connections: dict[str, Any], call: Callable[[Any], tuple[float, Any]], check: Callable[[Any], None], calls: int
) -> dict[str, float]:
    """Median seconds per ``call`` on each connection, the calls alternating between them; the
    warm-up calls' answers go through ``check``, the measured ones are only timed. Closes them."""
    times: dict[str, list[float]] = {name: [] for name in connections}
    for index in range(WARMUP_CALLS + calls):
        for name, connection in connections.items():
            elapsed, answer = call(connection)
            if index >= WARMUP_CALLS:
                times[name].append(elapsed)
            else:
                check(answer)
    for connection in connections.values():
        connection.close()
    return {name: report(name, measured) for name, measured in times.items()}


def compare(medians: dict[str, float]) -> None:
    if "gradio" in medians:
        ratio = medians["nbblocks"] / medians["gradio"]
        print(f"  nbblocks / Gradio 6.31 = {ratio:.2f} (target ≤ 0.50: {'met' if ratio <= 0.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
