"""Files through the official `gradio_client`: `handle_file` in (uploaded to /gradio_api/upload),
files out (downloaded from /gradio_api/file=), as Gradio's File, UploadButton and DownloadButton
give them; and a URL input the server must not fetch from its own network."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr

Connect = Callable[..., Any]
Launch = Callable[..., str]


def test_a_file_in_and_a_file_out(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    def shout(path: str) -> str:
        out = Path(path).with_name("shouted.txt")
        out.write_text(Path(path).read_text().upper())
        return str(out)

    with gr.Blocks() as demo:
        inp, out = gr.File(), gr.File()
        gr.Button().click(shout, inp, out, api_name="shout")
    source = tmp_path / "words.txt"
    source.write_text("hello files")
    from gradio_client import handle_file

    result = connect(launch(demo)).predict(handle_file(str(source)), api_name="/shout")
    assert Path(result).name == "shouted.txt" and Path(result).read_text() == "HELLO FILES"
    assert not Path(result).is_relative_to(demo.file_cache.root)  # downloaded, not the server's own path


def test_multiple_files_and_binary(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        many, sizes = gr.File(file_count="multiple", type="binary"), gr.JSON()
        gr.Button().click(lambda blobs: [len(b) for b in blobs], many, sizes, api_name="sizes")
        paths, echoed = gr.File(file_count="multiple"), gr.File(file_count="multiple")
        gr.Button().click(lambda ps: list(reversed(ps)), paths, echoed, api_name="reverse")
    files = []
    for name, size in [("a.bin", 3), ("b.bin", 70_000)]:
        files.append(tmp_path / name)
        files[-1].write_bytes(b"x" * size)
    from gradio_client import handle_file

    client = connect(launch(demo))
    assert client.predict([handle_file(str(f)) for f in files], api_name="/sizes") == [3, 70_000]
    reversed_paths = client.predict([handle_file(str(f)) for f in files], api_name="/reverse")
    assert [Path(p).name for p in reversed_paths] == ["b.bin", "a.bin"]
    assert [Path(p).read_bytes() for p in reversed_paths] == [b"x" * 70_000, b"x" * 3]


def test_upload_and_download_buttons(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        up, down = gr.UploadButton(), gr.DownloadButton()
        up.upload(lambda path: path, up, down, api_name="relay")
    source = tmp_path / "data.csv"
    source.write_text("a,b\n1,2\n")
    from gradio_client import handle_file

    client = connect(launch(demo))
    result = client.predict(handle_file(str(source)), api_name="/relay")
    assert Path(result).read_text() == "a,b\n1,2\n"
    usage = client.view_api(return_format="str", print_info=False)
    assert "[Uploadbutton] path: filepath (required)" in usage  # file values described as Gradio does
    assert "[Downloadbutton] download: filepath" in usage


def test_a_path_outside_the_returnable_places_is_refused(launch: Launch, connect: Connect) -> None:
    """Gradio's rule: a function may return files from the cache, the working directory, the
    temp dir and allowed_paths; /etc/passwd is none of them."""
    with gr.Blocks() as demo:
        out = gr.File()
        gr.Button().click(lambda: "/etc/passwd", None, out, api_name="leak")
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError):
        connect(launch(demo)).predict(api_name="/leak")


@pytest.fixture()
def loopback_site() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 that records every request it gets: (its URL, the paths asked)."""
    asked: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"internal secret")

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "10.0.0.1", "169.254.169.254", "[::1]", "0.0.0.0"])
def test_a_url_input_to_a_non_public_address_is_refused(launch: Launch, connect: Connect, loopback_site, host) -> None:
    site, asked = loopback_site
    port = site.rsplit(":", 1)[1]
    with gr.Blocks() as demo:
        inp, out = gr.File(type="binary"), gr.JSON()
        gr.Button().click(lambda data: data.decode(), inp, out, api_name="read")
    from gradio_client import handle_file
    from gradio_client.exceptions import AppError

    client = connect(launch(demo))
    with pytest.raises(AppError, match="not a public address"):
        client.predict(handle_file(f"http://{host}:{port}/secret.txt"), api_name="/read")
    assert asked == []  # nothing reached the loopback server
    assert [p for p in demo.file_cache.root.rglob("*") if p.is_file()] == []
