"""Lazy front-end chunks on a served page: an app without media loads none and its first page
stays within 30 KB gzip; an app with a Model3D loads the Model3D chunk from
``<root>/static/chunks/``, behind login like the app, and draws the model."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

import nbblocks as gr
from nbblocks.chunks import read_chunk

from ..model3d_files import FORMATS, wait_for_paint, write_model
from .test_routes import log_in

FIRST_PAGE_BUDGET = 30 * 1024
BLACK = (0, 0, 0)


def recorded_responses(page: Any) -> list[Any]:
    """Every response the page receives from now on."""
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    return responses


def test_an_app_without_media_loads_no_chunk_and_a_small_first_page(launch, served_page) -> None:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        out = gr.Textbox(label="Greeting")
        gr.Button("Run").click(lambda n: f"Hi {n}", name, out)
    url = launch(demo)
    responses = recorded_responses(served_page)
    served_page.goto(url)
    served_page.get_by_label("Name").fill("Ada")
    served_page.get_by_role("button", name="Run").click()
    expect(served_page.get_by_label("Greeting")).to_have_value("Hi Ada")

    urls = [response.url for response in responses]
    assert not [u for u in urls if "/static/chunks/" in u], urls
    first_page = [r for r in responses if r.request.resource_type in ("document", "script", "stylesheet")]
    assert {r.url.rsplit("/", 1)[-1] for r in first_page} == {"", "nbblocks.js", "nbblocks.css"}
    gzipped = sum(len(gzip.compress(r.body(), 9)) for r in first_page)
    assert gzipped <= FIRST_PAGE_BUDGET, f"first page is {gzipped} B gzip"


@pytest.mark.parametrize("kind", FORMATS)
def test_a_model3d_loads_its_chunk_and_draws_the_model(launch, served_page, tmp_path: Path, kind: str, screenshots) -> None:
    path = write_model(tmp_path, kind)
    with gr.Blocks() as demo:
        gr.Model3D(str(path), label="Triangle", clear_color=(0, 0, 0, 1), interactive=False)
    url = launch(demo, allowed_paths=[str(tmp_path)])
    responses = recorded_responses(served_page)
    served_page.goto(url)
    canvas = served_page.locator(".nbb-model3d-stage canvas")
    expect(canvas).to_be_visible()
    wait_for_paint(canvas, BLACK)
    expect(served_page.locator(".nbb-model3d-note")).to_be_hidden()  # no error shown
    canvas.screenshot(path=screenshots / f"served_model3d_{kind}.png")

    chunks = [r.url for r in responses if "/static/chunks/" in r.url]
    assert [c.rsplit("/", 1)[-1] for c in chunks] == ["model3d.js"]


def test_the_chunk_route_is_behind_login_cacheable_and_by_name_only(launch, wire) -> None:
    with gr.Blocks() as demo:
        gr.Textbox()
    url = launch(demo, auth=("ada", "lovelace"))
    anonymous = wire.http(url)
    assert anonymous.get("static/chunks/model3d.js").status_code == 401
    assert anonymous.get("static/nbblocks.js").status_code == 200  # the login page's own assets stay public

    visitor = wire.http(url)
    assert log_in(visitor, "ada", "lovelace").status_code == 302
    chunk = visitor.get("static/chunks/model3d.js")
    assert chunk.status_code == 200
    assert chunk.headers["content-type"].startswith("text/javascript")
    assert "max-age" in chunk.headers["cache-control"]
    assert chunk.content == read_chunk("model3d")
    again = visitor.get("static/chunks/model3d.js", headers={"If-None-Match": chunk.headers["etag"]})
    assert again.status_code == 304
    for name in ("nothing", "..%2Fnbblocks", "model3d.js%00"):
        assert visitor.get(f"static/chunks/{name}.js").status_code == 404


def test_a_model3d_upload_reaches_the_function_and_clear_fires(launch, served_page, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        model = gr.Model3D(label="Model", clear_color=(0, 0, 0, 1))
        out = gr.Textbox(label="Got")
        model.upload(lambda path: f"{Path(path).name} {Path(path).stat().st_size}", model, out)
        model.clear(lambda value: f"cleared {value}", model, out)
    url = launch(demo)
    upload = write_model(tmp_path, "obj")
    served_page.goto(url)
    with served_page.expect_file_chooser() as chooser:
        served_page.get_by_text("Drop a 3D model here").click()  # the drop zone opens the file chooser
    chooser.value.set_files(str(upload))
    expect(served_page.get_by_label("Got")).to_have_value(f"triangle.obj {upload.stat().st_size}")
    wait_for_paint(served_page.locator(".nbb-model3d-stage canvas"), BLACK)

    served_page.get_by_role("button", name="Clear").click()
    expect(served_page.get_by_label("Got")).to_have_value("cleared None")
    expect(served_page.get_by_text("Drop a 3D model here")).to_be_visible()


def test_the_users_plotly_js_is_served_behind_login_from_the_installed_package(launch, wire) -> None:
    import plotly

    with gr.Blocks() as demo:
        gr.Plot()
    url = launch(demo, auth=("ada", "lovelace"))
    assert wire.http(url).get("static/chunks/lib-plotly.js").status_code == 401
    visitor = wire.http(url)
    assert log_in(visitor, "ada", "lovelace").status_code == 302
    library = visitor.get("static/chunks/lib-plotly.js")
    assert library.status_code == 200 and library.headers["content-type"].startswith("text/javascript")
    shipped = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()
    # the package's own file, run with `this` the global object as a classic script would be
    assert library.content == b"(function () {\n" + shipped + b"\n}).call(globalThis);\n"
    assert visitor.get("static/chunks/lib-matplotlib.js").status_code == 404  # only the libraries nbblocks.chunks names
