"""``/file=`` serves only allowed files and uploads, whatever the path tricks; ``/upload`` stores
files within ``max_file_size`` and refuses larger bodies before reading them. Real sockets, raw
request lines where an HTTP client would tidy the path."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

import nbblocks as gr
from nbblocks.cache import confine, delete_older_than, safe_filename

from .wire import get_raw, post_raw, wait_for

SECRET = b"TOP-SECRET-BYTES-3b9e"


def app() -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.Markdown("files")
    return demo


@pytest.fixture()
def tree(tmp_path: Path) -> dict[str, Path]:
    """An allowed folder, a blocked subfolder in it, a secret next to it and a look-alike prefix."""
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "blocked").mkdir()
    (root / "public.txt").write_bytes(b"public bytes")
    (root / "sub" / "deep.txt").write_bytes(b"deep bytes")
    (root / "blocked" / "hidden.txt").write_bytes(SECRET)
    (root / "page.html").write_bytes(b"<script>alert(1)</script>")
    (root / "blocked.txt").write_bytes(SECRET)
    (tmp_path / "secret.txt").write_bytes(SECRET)
    (tmp_path / "rootfoo").mkdir()
    (tmp_path / "rootfoo" / "x.txt").write_bytes(SECRET)
    os.symlink(tmp_path / "secret.txt", root / "link.txt")
    os.symlink(tmp_path, root / "linkdir")
    return {"tmp": tmp_path, "root": root}


@pytest.fixture()
def served(launch, tree) -> str:
    root = tree["root"]
    return launch(app(), allowed_paths=[str(root)], blocked_paths=[str(root / "blocked"), str(root / "blocked.txt")])


def test_allowed_files_are_served_with_their_bytes(served, wire, tree):
    client = wire.http(served)
    response = client.get(f"/file={tree['root'] / 'public.txt'}")
    assert (response.status_code, response.content) == (200, b"public bytes")
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get(f"/file={tree['root'] / 'sub' / 'deep.txt'}").content == b"deep bytes"
    # a ".." that stays inside the allowed folder is fine
    status, body = get_raw(served, f"/file={tree['root']}/sub/../public.txt")
    assert status == 200 and body.endswith(b"\r\n\r\npublic bytes")


def test_html_comes_as_an_attachment(served, wire, tree):
    response = wire.http(served).get(f"/file={tree['root'] / 'page.html'}")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == "attachment; filename*=UTF-8''page.html"


def traversals(tree: dict[str, Path]) -> list[str]:
    root, tmp = str(tree["root"]), str(tree["tmp"])
    secret = f"{tmp}/secret.txt"
    return [
        f"/file={root}/../secret.txt",
        f"/file={root}/sub/../../secret.txt",
        f"/file={root}/%2e%2e/secret.txt",
        f"/file={root}%2f%2e%2e%2fsecret.txt",
        f"/file={root}/%2E%2E%2Fsecret.txt",
        f"/file={root}/%252e%252e%252fsecret.txt",  # double-encoded: decoded once, stays literal
        f"/file={root}/..%2fsecret.txt",
        f"/file={secret}",  # absolute, outside allowed_paths
        f"/file={quote(secret, safe='')}",
        f"/file=//{secret}",
        f"/file=../../../../../../..{secret}",  # relative to the working directory
        "/file=/etc/passwd",
        f"/file={root}/link.txt",  # a symlink inside pointing outside
        f"/file={root}/linkdir/secret.txt",  # a symlinked folder pointing outside
        f"/file={tmp}/rootfoo/x.txt",  # "/root" is not a prefix of "/rootfoo"
        f"/file={root}foo/x.txt",
        f"/file={root}/blocked/hidden.txt",  # blocked wins over allowed
        f"/file={root}/sub/../blocked/hidden.txt",
        f"/file={root}/blocked.txt",
        f"/file={root}/public.txt%00.png",
        f"/file={root}/public.txt%00",
        f"/file={root}",  # a directory
        f"/file={root}/sub/",
        f"/file={root}/",
        "/file=",
    ]


@pytest.mark.parametrize("route", ["/file=", "/gradio_api/file="])
def test_traversal_never_returns_the_bytes(served, tree, route):
    for path in traversals(tree):
        status, body = get_raw(served, path.replace("/file=", route, 1))
        assert status in (403, 404), (path, status)
        assert SECRET not in body, path
        assert b"public bytes" not in body and b"deep bytes" not in body, path


def test_traversal_with_an_http_client_too(served, wire, tree):
    client = wire.http(served)
    for path in traversals(tree):
        response = client.get(path)
        assert response.status_code in (403, 404), path
        assert SECRET not in response.content


def test_confine_is_the_one_resolver(tree):
    root, tmp = tree["root"], tree["tmp"]
    assert confine(str(root / "public.txt"), [str(root)], []) == (root / "public.txt").resolve()
    assert confine(str(root / "link.txt"), [str(root)], []) is None
    assert confine(str(root / "link.txt"), [str(tmp)], []) == (tmp / "secret.txt").resolve()
    assert confine(str(tmp / "rootfoo" / "x.txt"), [str(root)], []) is None
    assert confine(str(root / "blocked" / "hidden.txt"), [str(root)], [str(root / "blocked")]) is None
    assert confine(str(root / "public.txt"), [str(root / "public.txt")], []) is not None  # a file may be allowed
    assert confine(str(root / "public.txt") + "\x00", [str(root)], []) is None
    assert confine(str(root), [str(root)], []) is None
    assert confine("", [str(root)], []) is None
    assert confine(str(root / "public.txt"), [], []) is None


def test_safe_filename():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("..\\..\\win.ini") == "win.ini"
    assert safe_filename("") == "file"
    assert safe_filename("..") == "file"
    assert safe_filename(".bashrc") == "bashrc"


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("re\x00port.txt", "report.txt"),
        ("\x00", "file"),
        ("\udcffname.txt", "name.txt"),  # a lone surrogate (undecodable bytes) has no UTF-8 form
        ("é" * 200 + ".txt", "é" * 125 + ".txt"),  # 254 bytes: a 2-byte character is never cut in half
        ("x" * 300 + ".tar.gz", "x" * 252 + ".gz"),
        ("a." + "b" * 300, "a." + "b" * 253),  # a "suffix" too long to be an extension is cut like the rest
        ("x" * 255, "x" * 255),
    ],
)
def test_safe_filename_takes_what_no_file_system_would(given, stored):
    assert safe_filename(given) == stored
    assert len(stored.encode()) <= 255


# --- uploads --------------------------------------------------------------------------------------


def test_upload_stores_files_in_the_cache_and_serves_them(launch, wire):
    url = launch(app())
    client = wire.http(url)
    response = client.post("/upload", files=[("files", ("a.txt", b"first")), ("files", ("../../b.bin", b"\x00\xff"))])
    assert response.status_code == 200
    first, second = (Path(p) for p in response.json())
    assert first.read_bytes() == b"first" and first.name == "a.txt"
    assert second.read_bytes() == b"\x00\xff" and second.name == "b.bin"
    assert first.parent.parent == second.parent.parent  # both in the app's cache
    assert client.get(f"/file={first}").content == b"first"
    assert client.get(f"/file={second}").content == b"\x00\xff"


def test_delete_cache_removes_files_older_than_its_age(launch, wire):
    with gr.Blocks(delete_cache=(0.05, 60)) as demo:  # look every 50 ms for files over a minute old
        gr.Markdown("files")
    client = wire.http(launch(demo))
    old, new = (Path(client.post("/upload", files={"files": (name, b"data")}).json()[0]) for name in ("old.txt", "new.txt"))
    os.utime(old, (time.time() - 120, time.time() - 120))  # written two minutes ago
    wait_for(lambda: not old.parent.exists(), what="the old upload and its folder to be deleted")
    assert new.read_bytes() == b"data"
    assert client.get(f"/file={new}").status_code == 200 and client.get(f"/file={old}").status_code == 404


def test_delete_cache_leaves_a_new_empty_folder_to_the_upload_that_made_it(tmp_path):
    """An upload makes its folder, then writes its file: the cleaner passing in between must
    not take the folder from under it. An empty folder older than the age goes."""
    fresh, stale = tmp_path / "fresh", tmp_path / "stale"
    fresh.mkdir()
    stale.mkdir()
    os.utime(stale, (time.time() - 120, time.time() - 120))
    delete_older_than(tmp_path, 60)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh"]


def test_upload_without_files_is_a_clear_400(launch, wire):
    url = launch(app())
    response = wire.http(url).post("/upload", data={"other": "x"})
    assert response.status_code == 400
    assert "files" in response.json()["error"]


@pytest.mark.parametrize(("limit", "size"), [(5000, 5000), ("5kb", 5 * 1024)])
def test_max_file_size_int_and_string(launch, wire, limit, size):
    url = launch(app(), max_file_size=limit)
    client = wire.http(url)
    fits = client.post("/upload", files={"files": ("ok.bin", b"x" * size)})
    assert fits.status_code == 200, fits.text
    assert Path(fits.json()[0]).stat().st_size == size
    over = client.post("/upload", files={"files": ("big.bin", b"x" * (size + 1))})
    assert over.status_code == 413
    assert str(size) in over.json()["error"] and "maximum allowed size" in over.json()["error"]


@pytest.fixture()
def one_kb(launch) -> str:
    """The URL of an app that takes uploads of up to 1 KiB (``max_file_size="1kb"``)."""
    return launch(app(), max_file_size="1kb")


def post_upload_raw(url: str, headers: str, body: bytes = b"") -> tuple[int, bytes]:
    """POST ``body`` to /upload as it is, as multipart with boundary ``b``, after ``headers``."""
    return post_raw(url, "/upload", f"Content-Type: multipart/form-data; boundary=b\r\n{headers}", body, read_timeout=5)


TEN_MB = 10 * 1024 * 1024
CHUNK = b"x" * 32 * 1024


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        # the request promises 10 MB and sends none of it: the 413 must come anyway
        pytest.param(f"Content-Length: {TEN_MB}\r\n", b"", id="from its content-length before the body"),
        pytest.param(
            "Transfer-Encoding: chunked\r\n",
            b"".join(b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK) for _ in range(4)),  # 128 KiB, no final chunk
            id="while streaming chunks",
        ),
    ],
)
def test_oversized_upload_refused(one_kb, headers, body):
    status, response = post_upload_raw(one_kb, headers, body)
    assert status == 413, response
    assert b"1024 bytes" in response


def test_oversized_upload_refused_with_expect_continue(one_kb):
    status, response = post_upload_raw(one_kb, f"Content-Length: {TEN_MB}\r\nExpect: 100-continue\r\n")
    assert status == 413, response
    assert b"100" not in response.split(b"\r\n")[0]


def test_chunked_upload_within_the_limit_works(one_kb):
    multipart = (
        b'--b\r\nContent-Disposition: form-data; name="files"; filename="c.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\nchunked bytes\r\n--b--\r\n"
    )
    body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(multipart), multipart)
    status, response = post_upload_raw(one_kb, "Transfer-Encoding: chunked\r\nConnection: close\r\n", body)
    assert status == 200, response
    (path,) = json.loads(response.partition(b"\r\n\r\n")[2])
    assert Path(path).read_bytes() == b"chunked bytes"


@pytest.mark.parametrize("size", [2_000, 100_000, 5_000_000])
def test_a_client_sending_a_too_large_body_eagerly_still_reads_the_413(one_kb, wire, size):
    """httpx (like a browser's fetch) sends the whole body without waiting: the server must not
    reset the connection under it, or the clear message is lost."""
    response = wire.http(one_kb).post("/upload", files={"files": ("big.bin", b"x" * size)})
    assert response.status_code == 413
    assert response.json() == {"error": "File size exceeds the maximum allowed size of 1024 bytes."}


# --- serving: Range, ETag, what shows inline -------------------------------------------------


def test_range_requests_etag_and_304(launch, wire):
    """Video seeking asks for byte ranges; a repeat visit revalidates with the ETag."""
    client = wire.http(launch(app()))
    data = bytes(range(256)) * 4096  # 1 MiB
    (path,) = client.post("/gradio_api/upload", files={"files": ("clip.mp4", data)}).json()
    part = client.get(f"/gradio_api/file={path}", headers={"Range": "bytes=1000-1999"})
    assert part.status_code == 206
    assert part.content == data[1000:2000]
    assert part.headers["content-range"] == f"bytes 1000-1999/{len(data)}"
    whole = client.get(f"/gradio_api/file={path}")
    assert whole.content == data and whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["content-type"] == "video/mp4" and "content-disposition" not in whole.headers
    again = client.get(f"/gradio_api/file={path}", headers={"If-None-Match": whole.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")
    assert client.head(f"/file={path}").headers["content-length"] == str(len(data))


@pytest.mark.parametrize(
    ("name", "shown_as"),
    [
        ("photo.png", "image/png"), ("song.mp3", "audio/mpeg"), ("clip.webm", "video/webm"),
        ("paper.pdf", "application/pdf"), ("notes.txt", "text/plain"),
        ("page.html", None), ("drawing.svg", None), ("tool.js", None), ("data.xml", None), ("setup.exe", None),
    ],
)  # fmt: skip
def test_uploads_show_inline_only_from_the_allowlist(launch, wire, name, shown_as):
    """HTML, SVG, scripts and anything unknown come as an octet-stream attachment: a page of
    our origin must never run what someone uploaded."""
    client = wire.http(launch(app()))
    body = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
    (path,) = client.post("/upload", files={"files": (name, body)}).json()
    response = client.get(f"/file={path}")
    assert response.content == body
    if shown_as is None:
        assert response.headers["content-type"] == "application/octet-stream"
        assert response.headers["content-disposition"] == f"attachment; filename*=UTF-8''{name}"
    else:
        assert response.headers["content-type"].split(";")[0] == shown_as
        assert "content-disposition" not in response.headers


# --- uploads stream to disk ------------------------------------------------------------------


def cache_files(demo: gr.Blocks) -> list[Path]:
    return [p for p in demo.file_cache.root.rglob("*") if p.is_file()]


def open_upload(url: str, size: int) -> tuple[socket.socket, bytes, bytes]:
    """A raw connection with the headers of a one-file upload of ``size`` bytes sent: (the
    socket, the part's opening, its closing)."""
    opening = b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.bin"\r\n\r\n'
    closing = b"\r\n--b--\r\n"
    parts = urlsplit(url)
    conn = socket.create_connection((parts.hostname, parts.port), timeout=30)
    head = (
        f"POST /upload HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: multipart/form-data; boundary=b\r\n"
        f"Content-Length: {len(opening) + size + len(closing)}\r\n\r\n"
    )
    conn.sendall(head.encode() + opening)
    return conn, opening, closing


def test_an_upload_is_written_to_disk_as_it_arrives(launch):
    demo = app()
    url = launch(demo)
    size = 8 * 1024 * 1024
    conn, _, closing = open_upload(url, size)
    with conn:
        conn.sendall(b"y" * (size // 2))
        # half the body sent: half the file is on disk already, not held in memory
        wait_for(lambda: any(p.stat().st_size >= size // 4 for p in cache_files(demo)), what="the partial file")
        conn.sendall(b"y" * (size - size // 2) + closing)
        status, response = raw_http_reply(conn)
    assert status == 200
    (path,) = json.loads(response.partition(b"\r\n\r\n")[2])
    assert Path(path).stat().st_size == size


def test_a_client_leaving_mid_upload_leaves_no_partial_file(launch):
    demo = app()
    url = launch(demo)
    conn, _, _ = open_upload(url, 8 * 1024 * 1024)
    conn.sendall(b"z" * 2 * 1024 * 1024)
    wait_for(lambda: bool(cache_files(demo)), what="the partial file")
    conn.close()
    wait_for(lambda: list(demo.file_cache.root.iterdir()) == [], what="the partial upload to be removed")


def test_100_mb_over_a_lower_max_file_size_is_refused_before_it_is_sent(launch):
    """The 413 comes from the Content-Length, while the client has sent a few MB at most."""
    demo = app()
    url = launch(demo, max_file_size="10mb")
    conn, _, _ = open_upload(url, 100 * 1024 * 1024)
    sent = 0
    with conn:
        conn.settimeout(0.05)
        reply = b""
        while not reply and sent < 100 * 1024 * 1024:
            try:
                reply = conn.recv(65536)
            except TimeoutError:
                conn.sendall(b"w" * 256 * 1024)
                sent += 256 * 1024
    assert reply.startswith(b"HTTP/1.1 413"), reply[:100]
    assert sent <= 16 * 1024 * 1024
    assert cache_files(demo) == []


def raw_http_reply(conn: socket.socket) -> tuple[int, bytes]:
    received = b""
    while chunk := conn.recv(65536):
        received += chunk
        head, _, body = received.partition(b"\r\n\r\n")
        length = [int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")]
        if length and len(body) >= length[0]:
            break
    return int(received.split(b" ", 2)[1]), received


def test_a_file_given_to_a_component_made_outside_the_app_is_served(launch, wire, tmp_path):
    """``gr.File(path, render=False)`` stores its file before any app takes it in: the app that
    renders it serves that file too."""
    source = tmp_path / "early.txt"
    source.write_text("made early")
    early = gr.File(str(source), render=False)
    with gr.Blocks() as demo:
        early.render()
    response = wire.http(launch(demo)).get(f"/file={early.value['path']}")
    assert (response.status_code, response.text) == (200, "made early")


def test_a_relaunch_still_serves_the_components_files(launch, wire, tmp_path):
    source = tmp_path / "kept.txt"
    source.write_text("still here")
    with gr.Blocks() as demo:
        box = gr.File(str(source))
    launch(demo)
    demo.close()
    response = wire.http(launch(demo)).get(f"/file={box.value['path']}")
    assert (response.status_code, response.text) == (200, "still here")


def test_the_files_of_an_app_rendered_into_another_are_served_and_taken_back(launch, wire, tmp_path: Path):
    """An Interface in a TabbedInterface stored its files in its own cache while it was built."""
    (tmp_path / "note.txt").write_bytes(b"inner bytes")
    with gr.Blocks() as inner:
        given = gr.File(str(tmp_path / "note.txt"))
        size = gr.Number()
        gr.Button().click(lambda path: os.path.getsize(path), given, size, api_name="size")
    with gr.Blocks() as outer:
        inner.render()
    client = wire.http(launch(outer))
    (node,) = [c for c in client.get("/config").json()["components"] if c["type"] == "file"]
    stored = node["props"]["value"]
    assert client.get(f"/gradio_api/file={stored['path']}").content == b"inner bytes"
    event = client.post("/gradio_api/call/size", json={"data": [stored]}).json()["event_id"]
    assert 'data: [11]' in client.get(f"/gradio_api/call/size/{event}").text


def test_set_static_paths_serves_files_under_them_and_nothing_beside(launch, wire, tree, monkeypatch):
    from nbblocks import filedata

    monkeypatch.setattr(filedata, "_static_paths", [])  # process-wide, as in Gradio: none left for other tests
    gr.set_static_paths(tree["root"] / "sub")
    gr.set_static_paths([str(tree["root"] / "public.txt")])
    served = launch(app())
    client = wire.http(served)
    assert client.get(f"/file={tree['root'] / 'sub' / 'deep.txt'}").content == b"deep bytes"
    assert client.get(f"/file={tree['root'] / 'public.txt'}").content == b"public bytes"
    for outside in (f"{tree['root']}/page.html", f"{tree['tmp']}/secret.txt", f"{tree['root']}/sub/../blocked.txt"):
        status, body = get_raw(served, f"/file={outside}")
        assert status == 404 and SECRET not in body, outside
