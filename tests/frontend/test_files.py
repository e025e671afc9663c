"""File, UploadButton and DownloadButton on a served page in Chromium: the real file chooser,
uploads over HTTP into the app's cache, a download through the browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)


def text_output(page: Any) -> Any:
    return page.locator(".nbb-textbox .nbb-input")


def test_file_upload_through_the_chooser_reaches_the_function(launch, served_page, bundle, screenshots: Path) -> None:
    seen: list[str] = []
    with gr.Blocks() as demo:
        files = gr.File(file_count="multiple", file_types=[".txt", "image"])
        out = gr.Textbox()
        files.upload(lambda paths: " + ".join(Path(p).read_text() for p in paths), files, out)
        files.change(lambda paths: seen.append("change"), files, None)
    served_page.goto(launch(demo))
    chooser = served_page.locator(".nbb-file input[type=file]")
    expect(chooser).to_have_attribute("accept", ".txt,image/*")
    chooser.set_input_files([
        {"name": "one.txt", "mimeType": "text/plain", "buffer": b"first"},
        {"name": "two.txt", "mimeType": "text/plain", "buffer": b"second"},
    ])  # fmt: skip
    expect(text_output(served_page)).to_have_value("first + second")
    links = served_page.locator(".nbb-file-name")
    expect(links).to_have_text(["one.txt", "two.txt"])
    href = links.first.get_attribute("href")
    assert href and "/gradio_api/file=" in href
    fetched = served_page.evaluate("href => fetch(href).then((r) => r.text())", href)
    assert fetched == "first"  # the link serves the uploaded bytes
    served_page.screenshot(path=screenshots / "served_file_upload.png")
    assert seen == ["change"]


def test_upload_button_opens_the_file_chooser(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        button = gr.UploadButton("Pick a file", type="binary")
        out = gr.Textbox()
        button.upload(lambda data: f"{len(data)} bytes", button, out)
    served_page.goto(launch(demo))
    with served_page.expect_file_chooser() as chosen:
        served_page.get_by_role("button", name="Pick a file").click()
    chosen.value.set_files({"name": "data.bin", "mimeType": "application/octet-stream", "buffer": b"\x00" * 70_000})
    expect(text_output(served_page)).to_have_value("70000 bytes")


def test_download_button_downloads_its_file(launch, served_page, bundle, tmp_path: Path) -> None:
    report = tmp_path / "report.csv"
    report.write_text("a,b\n1,2\n")
    with gr.Blocks() as demo:
        make = gr.Button("Make")
        download = gr.DownloadButton("Get the report")
        make.click(lambda: str(report), None, download)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Make").click()
    served_page.wait_for_function("() => document.querySelector('.nbb-download-button') !== null")
    with served_page.expect_download() as downloading:
        # the value arrives with the click's update; the button downloads once it holds one
        served_page.get_by_role("button", name="Get the report").click()
    download = downloading.value
    assert download.suggested_filename == "report.csv"
    assert Path(download.path()).read_text() == "a,b\n1,2\n"
