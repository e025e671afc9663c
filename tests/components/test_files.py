"""File, UploadButton, DownloadButton: Gradio's values both ways, the app's cache, the paths a
function may return, and URL inputs fetched only from public addresses."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr
from nbblocks import urlfetch
from nbblocks.components.files import NamedString


@pytest.fixture()
def app() -> Iterator[gr.Blocks]:
    with gr.Blocks() as demo:
        pass
    yield demo
    demo.file_cache.clear()


def test_gradio_signatures_and_events() -> None:
    assert gr.File.EVENTS == ("change", "select", "clear", "upload", "delete")
    assert gr.UploadButton.EVENTS == ("click", "upload")
    assert gr.DownloadButton.EVENTS == ("click",)
    up, down = gr.UploadButton(), gr.DownloadButton()
    assert (up.label, up.file_count, up.type, up.variant, up.min_width) == (
        "Upload a File",
        "single",
        "filepath",
        "secondary",
        None,
    )
    assert (down.label, down.variant, down.interactive) == ("Download", "secondary", True)
    with pytest.raises(ValueError, match="file_types must be a list"):
        gr.File(file_types=".pdf")  # type: ignore[arg-type]


def test_a_returned_path_is_copied_into_the_cache_once(app: gr.Blocks, tmp_path: Path) -> None:
    source = tmp_path / "out.txt"
    source.write_text("same bytes")
    with app:
        box = gr.File()
    first, second = box.postprocess(str(source)), box.postprocess(source)
    assert first == second  # same content: stored once, under its hash
    assert first["path"] != str(source) and app.file_cache.contains(first["path"])
    assert (first["orig_name"], first["size"], first["mime_type"]) == ("out.txt", 10, "text/plain")
    assert first["meta"] == {"_type": "gradio.FileData"} and first["url"] is None
    assert box.postprocess(first) == first  # its own output given back: unchanged
    assert box.postprocess(b"raw bytes")["size"] == 9


def test_preprocess_gives_a_path_or_bytes(app: gr.Blocks, tmp_path: Path) -> None:
    with app:
        paths, blobs = gr.File(file_count="multiple"), gr.File(type="binary")
    for name in ("a", "b"):
        (tmp_path / name).write_text(name)
    stored = [paths.postprocess(tmp_path / name) for name in ("a", "b")]
    received = paths.preprocess(stored)
    assert all(isinstance(path, NamedString) and path.name == str(path) for path in received)
    assert [Path(p).read_text() for p in received] == ["a", "b"]
    assert blobs.preprocess(stored[0]) == b"a"
    assert paths.preprocess(None) is None


def test_a_client_cannot_name_a_file_outside_the_cache(app: gr.Blocks, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    with app:
        box = gr.File(type="binary")
    cached = box.postprocess(secret)["path"]
    for sent in [str(secret), {"path": str(secret), "url": cached}, f"{Path(cached).parent}/../../{secret}"]:
        with pytest.raises(gr.Error, match="not an upload of this app"):
            box.preprocess(sent)


def test_what_a_function_may_return(app: gr.Blocks, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Gradio 4.34's rule: the cache, the working directory, the temp dir and allowed_paths, minus
    blocked_paths; never a directory."""
    outside = Path("/etc/hostname")
    with app:
        box = gr.File()
    with pytest.raises(gr.Error, match="allowed_paths"):
        box.postprocess(str(outside))
    app.file_cache.set_rules([str(outside)], [], None)
    assert box.postprocess(str(outside))["orig_name"] == "hostname"
    (tmp_path / "blocked").mkdir()
    (tmp_path / "blocked" / "x.txt").write_text("x")
    app.file_cache.set_rules([], [str(tmp_path / "blocked")], None)
    with pytest.raises(gr.Error):
        box.postprocess(tmp_path / "blocked" / "x.txt")  # in the temp dir, but blocked wins
    with pytest.raises(gr.Error, match="directory"):
        box.postprocess(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here.txt").write_text("cwd")
    assert box.postprocess("here.txt")["orig_name"] == "here.txt"


def test_a_returned_url_goes_to_the_browser_as_is(app: gr.Blocks) -> None:
    with app:
        down = gr.DownloadButton()
    value = down.postprocess("https://example.com/files/report.pdf?download=1")
    assert value["url"] == value["path"] == "https://example.com/files/report.pdf?download=1"
    assert value["orig_name"] == "report.pdf"


def test_file_types_are_checked_in_python(app: gr.Blocks, tmp_path: Path) -> None:
    """Extensions in any case, categories by MIME family, "file" for anything; for every
    ``type`` and ``file_count``, and UploadButton as File: Gradio's message names the types."""
    with app:
        store = gr.File()
        files = gr.File(file_types=[".pdf", "image"], file_count="multiple", type="binary")
        button = gr.UploadButton(file_types=[".csv"])
        anything = gr.File(file_types=["file"])
    sent = {}
    for name in ("report.PDF", "photo.jpeg", "notes.txt", "page.html", "data.csv"):
        (tmp_path / name).write_text(name)
        sent[name] = store.postprocess(tmp_path / name)
    assert files.preprocess([sent["report.PDF"], sent["photo.jpeg"]]) == [b"report.PDF", b"photo.jpeg"]
    with pytest.raises(gr.Error, match=r"Invalid file type. .* formats: \['.pdf', 'image'\]"):
        files.preprocess([sent["photo.jpeg"], sent["notes.txt"]])
    assert Path(button.preprocess(sent["data.csv"])).name == "data.csv"
    with pytest.raises(gr.Error, match="Invalid file type"):
        button.preprocess(sent["page.html"])
    assert Path(anything.preprocess(sent["page.html"])).name == "page.html"


def test_the_cache_remembers_the_latest_url_outputs(app: gr.Blocks, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a function returned, and a bounded number of them (the file route redirects to
    these, never to any other URL)."""
    import importlib

    cache = importlib.import_module("nbblocks.cache")  # `gr.cache` is Gradio's decorator, not this module

    monkeypatch.setattr(cache, "URLS_KEPT", 3)
    with app:
        out = gr.File()
    urls = [f"https://example.com/{n}.png" for n in range(4)]
    for url in urls:
        out.postprocess(url)
    assert [app.file_cache.returned_url(url) for url in urls] == [False, True, True, True]
    assert not app.file_cache.returned_url("https://example.com/other.png")


# --- URL inputs: public addresses only --------------------------------------------------------


@pytest.fixture()
def loopback_site() -> Iterator[tuple[int, list[str]]]:
    """A web server on 127.0.0.1: /data gives 2,000 bytes, /hop redirects to /data on 127.0.0.1
    by address; (its port, the paths it was asked for)."""
    asked: list[str] = []

    class Site(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            if self.path == "/hop":
                self.send_response(302)
                self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}/data")
                self.end_headers()
                return
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"d" * 2000)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], asked
    server.shutdown()
    server.server_close()


def pretend_public(monkeypatch: pytest.MonkeyPatch, name: str, address: str = "127.0.0.1") -> None:
    """Make ``name`` pass the public-address check as ``address`` (standing in for a public
    site, which these offline tests cannot reach); every other host is checked for real."""
    real = urlfetch.public_address
    monkeypatch.setattr(urlfetch, "public_address", lambda host, port: address if host == name else real(host, port))


def test_a_fetch_connects_to_the_checked_address(app: gr.Blocks, loopback_site, monkeypatch) -> None:
    port, asked = loopback_site
    pretend_public(monkeypatch, "files.invalid")  # a name no resolver knows: only the pinned address works
    with app:
        box = gr.File(type="binary")
    assert box.preprocess({"path": f"http://files.invalid:{port}/data", "meta": {"_type": "gradio.FileData"}}) == b"d" * 2000
    assert asked == ["/data"]


def test_a_redirect_to_a_private_address_is_refused(app: gr.Blocks, loopback_site, monkeypatch) -> None:
    port, asked = loopback_site
    pretend_public(monkeypatch, "files.invalid")
    with app:
        box = gr.File(type="binary")
    with pytest.raises(gr.Error, match="not a public address"):
        box.preprocess(f"http://files.invalid:{port}/hop")
    assert asked == ["/hop"]  # the redirect's target was never asked
    assert list(app.file_cache.root.iterdir()) == []


def test_a_fetch_stops_at_max_file_size_and_keeps_nothing(app: gr.Blocks, loopback_site, monkeypatch) -> None:
    port, _ = loopback_site
    pretend_public(monkeypatch, "files.invalid")
    app.file_cache.set_rules([], [], 1000)
    with app:
        box = gr.File()
    with pytest.raises(gr.Error, match="1000 bytes"):
        box.preprocess(f"http://files.invalid:{port}/data")
    assert list(app.file_cache.root.iterdir()) == []


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "10.1.2.3", "192.168.0.1", "172.16.0.1", "169.254.169.254", "[::1]",
             "[::ffff:127.0.0.1]", "0.0.0.0", "224.0.0.1", "[fe80::1]", "100.64.0.1"],
)  # fmt: skip
def test_non_public_hosts_are_refused_before_any_connection(host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_connection(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("connected")

    monkeypatch.setattr(urlfetch.socket, "create_connection", no_connection)
    with pytest.raises(gr.Error, match="not a public address"):
        urlfetch.fetch_to_cache(f"http://{host}:8080/x", gr.Blocks().file_cache)


def test_only_http_and_https(app: gr.Blocks) -> None:
    for url in ["file:///etc/passwd", "ftp://example.com/x", "gopher://x"]:
        with pytest.raises(gr.Error):
            urlfetch.fetch_to_cache(url, app.file_cache)


def test_the_cache_folders_go_when_the_process_exits(tmp_path: Path) -> None:
    code = "import nbblocks as gr\nwith gr.Blocks() as demo:\n    box = gr.File()\nprint(box.postprocess(b'bytes')['path'])\n"
    env = {**os.environ, "GRADIO_TEMP_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    stored = Path(result.stdout.strip())
    assert stored.is_relative_to(tmp_path) and not stored.exists()
    assert list(tmp_path.iterdir()) == []
