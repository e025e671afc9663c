"""Upload benchmark: one 100 MB file posted to a served app's ``/gradio_api/upload``.

Run: ``.venv/bin/python benchmarks/uploads.py``. Targets: the server's RSS grows by at most
16 MiB while it takes the upload (the body streams to disk, never whole in memory), and loopback
throughput is at least 300 MB/s.

The server is an ``app.py`` ending in ``demo.launch()``, started as its own process; this script
sends the multipart body from a 1 MiB block over a raw socket on 127.0.0.1 (no client library in
the way) and samples the server's RSS from /proc every millisecond meanwhile.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

MIB = 1024 * 1024
SIZE = 100 * MIB
BLOCK = os.urandom(MIB)
APP = """\
import nbblocks as gr

with gr.Blocks() as demo:
    gr.File()

demo.launch()
"""


def rss(pid: int) -> int:
    """The process's resident set size in bytes."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) * 1024  # type: ignore[union-attr]


def start_app(folder: Path) -> tuple[subprocess.Popen[str], str]:
    script = folder / "app.py"
    script.write_text(APP)
    env = {**os.environ, "GRADIO_TEMP_DIR": str(folder / "cache")}
    process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Running on local URL:"):
            return process, line.split(": ", 1)[1].strip()
    raise RuntimeError("the app did not start")


def upload(url: str) -> tuple[float, bytes]:
    """Post SIZE bytes as one file; (seconds from the first byte sent to the answer, the answer)."""
    opening = b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.bin"\r\n\r\n'
    closing = b"\r\n--b--\r\n"
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port)) as conn:
        head = (
            f"POST /gradio_api/upload HTTP/1.1\r\nHost: {parts.netloc}\r\n"
            f"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {len(opening) + SIZE + len(closing)}\r\n\r\n"
        )
        started = time.perf_counter()
        conn.sendall(head.encode() + opening)
        for _ in range(SIZE // MIB):
            conn.sendall(BLOCK)
        conn.sendall(closing)
        answer = conn.recv(65536)
        return time.perf_counter() - started, answer


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        process, url = start_app(Path(folder))
        try:
            upload(url)  # warm-up: imports, first allocations, the cache folder
            baseline = rss(process.pid)
            peak = baseline
            done = threading.Event()

            def sample() -> None:
                nonlocal peak
                while not done.is_set():
                    peak = max(peak, rss(process.pid))
                    time.sleep(0.001)

            sampler = threading.Thread(target=sample)
            sampler.start()
            seconds, answer = upload(url)
            done.set()
            sampler.join()
        finally:
            process.terminate()
            process.wait()
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
    growth = (peak - baseline) / MIB
    throughput = SIZE / seconds / 1e6
    print(f"100 MB upload: server RSS {baseline / MIB:.1f} MiB -> peak {peak / MIB:.1f} MiB "
          f"(+{growth:.1f} MiB, target <= 16)")  # fmt: skip
    print(f"loopback throughput: {throughput:.0f} MB/s ({seconds:.2f} s; target >= 300)")


if __name__ == "__main__":
    main()
