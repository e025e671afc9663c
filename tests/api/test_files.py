"""Files through the official `gradio_client`: `handle_file` in (uploaded to /gradio_api/upload),
files out (downloaded from /gradio_api/file=), as Gradio's File, UploadButton and DownloadButton
give them; a URL input the server must not fetch from its own network; a URL output reached
through a redirect of the file route; and the absolute ``url`` a curl user gets for each file."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest

import nbblocks as gr

from ..server.wire import updated_values
from .test_call_routes import call

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


def test_a_file_type_the_component_refuses_fails_the_call(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    """The front end filters the chooser by file_types; an API client skips it and meets the same
    rule in Python, with Gradio's message."""
    with gr.Blocks() as demo:
        inp, out = gr.File(file_types=["image", ".csv"]), gr.Textbox()
        gr.Button().click(lambda path: Path(path).suffix, inp, out, api_name="suffix")
    for name in ("page.html", "table.CSV", "photo.png"):
        (tmp_path / name).write_bytes(b"x")
    from gradio_client import handle_file
    from gradio_client.exceptions import AppError

    client = connect(launch(demo))
    with pytest.raises(AppError, match=r"Invalid file type. .*\['image', '.csv'\]"):
        client.predict(handle_file(str(tmp_path / "page.html")), api_name="/suffix")
    assert client.predict(handle_file(str(tmp_path / "table.CSV")), api_name="/suffix") == ".CSV"
    assert client.predict(handle_file(str(tmp_path / "photo.png")), api_name="/suffix") == ".png"


def test_a_url_output_reaches_gradio_client(launch: Launch, connect: Connect, loopback_site) -> None:
    """The client downloads every output from /gradio_api/file=<path>, and a URL output's path is
    the URL: the route redirects to it (here a server on loopback standing in for the web)."""
    site, asked = loopback_site
    with gr.Blocks() as demo:
        out = gr.File()
        gr.Button().click(lambda: f"{site}/results/report.txt", None, out, api_name="link")
    result = connect(launch(demo)).predict(api_name="/link")
    assert Path(result).name == "report.txt" and Path(result).read_bytes() == b"internal secret"
    assert asked == ["/results/report.txt"]


def test_the_file_route_redirects_only_to_urls_the_app_returned(launch: Launch, wire, loopback_site) -> None:
    """Not an open redirect: a URL no function of this app returned is a 404, and nothing is
    asked of it."""
    site, asked = loopback_site
    with gr.Blocks() as demo:
        out = gr.File()
        gr.Button().click(lambda: f"{site}/returned.txt", None, out, api_name="link")
    http = wire.http(launch(demo))
    never = f"{site}/never-returned.txt"
    assert http.get(f"/gradio_api/file={quote(never)}").status_code == 404
    [(event, data)] = call(http, "link", {"data": []})
    assert event == "complete" and data[0]["url"] == f"{site}/returned.txt"  # a URL output keeps its own url
    for route in ("/gradio_api/file=", "/file="):
        answer = http.get(f"{route}{quote(data[0]['path'])}")
        assert (answer.status_code, answer.headers["location"]) == (302, f"{site}/returned.txt")
    assert http.get(f"/gradio_api/file={quote(never)}").status_code == 404
    assert asked == []


def files_demo(folder: Path) -> tuple[gr.Blocks, gr.Button]:
    """``/files`` (the button's click): one file, a list of two, and a Gallery's captioned image
    (a file nested in a dict of a list); the report's name has a space (percent-encoded in urls)."""
    for name in ("my report.txt", "b.txt", "c.png"):
        (folder / name).write_text(f"bytes of {name}")
    with gr.Blocks() as demo:
        one, many, gallery, button = gr.File(), gr.File(file_count="multiple"), gr.Gallery(), gr.Button()
        button.click(
            lambda: (folder / "my report.txt", [folder / "my report.txt", folder / "b.txt"], [(folder / "c.png", "c")]),
            None, [one, many, gallery], api_name="files",
        )  # fmt: skip
    return demo, button


def output_files(data: list[Any]) -> list[dict[str, Any]]:
    """The FileData of the ``/files`` outputs, in order."""
    one, many, gallery = data
    return [one, *many, gallery[0]["image"]]


def file_urls(data: list[Any]) -> list[str]:
    return [file["url"] for file in output_files(data)]


def test_output_files_carry_an_absolute_url_a_curl_user_can_fetch(launch: Launch, wire, tmp_path: Path) -> None:
    url = launch(files_demo(tmp_path)[0])
    http = wire.http(url)
    [(event, data)] = call(http, "files", {"data": []})
    assert event == "complete"
    paths = [file["path"] for file in output_files(data)]
    base = url.rstrip("/")
    assert file_urls(data) == [f"{base}/gradio_api/file={quote(path)}" for path in paths]
    assert "my%20report.txt" in data[0]["url"]
    fetched = httpx.get(data[0]["url"], timeout=10)  # as given, by a client knowing nothing else
    assert (fetched.status_code, fetched.text) == (200, "bytes of my report.txt")


def test_behind_a_proxy_the_url_is_the_proxy_s(launch: Launch, wire, tmp_path: Path, monkeypatch) -> None:
    """The scheme and host a trusted proxy (loopback by default) forwards, and the root_path; a
    peer that is no trusted proxy cannot change them."""
    url = launch(files_demo(tmp_path)[0], root_path="/apps/files")
    forwarded = {"X-Forwarded-Host": "apps.example.org", "X-Forwarded-Proto": "https"}
    [(_, data)] = call(wire.http(url, headers=forwarded), "files", {"data": []})
    assert all(u.startswith("https://apps.example.org/apps/files/gradio_api/file=/") for u in file_urls(data))
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.9")  # the peer, 127.0.0.1, is no proxy of ours now
    [(_, data)] = call(wire.http(url, headers=forwarded), "files", {"data": []})
    host = urlsplit(url).netloc
    assert all(u.startswith(f"http://{host}/apps/files/gradio_api/file=/") for u in file_urls(data))


def test_a_full_url_root_path_wins(launch: Launch, wire, tmp_path: Path) -> None:
    url = launch(files_demo(tmp_path)[0], root_path="https://public.example/tools/")
    [(_, data)] = call(wire.http(url, headers={"X-Forwarded-Host": "other.example"}), "files", {"data": []})
    assert all(u.startswith("https://public.example/tools/gradio_api/file=/") for u in file_urls(data))


def test_the_page_s_websocket_keeps_urls_to_itself(launch: Launch, wire, tmp_path: Path) -> None:
    """The page builds root-relative URLs from the path: no absolute url in its messages."""
    demo, button = files_demo(tmp_path)
    values = updated_values(wire.page(launch(demo)).run_event(button._id, "click"))
    assert [file["url"] for file in output_files(list(values.values()))] == [None] * 4
