"""Fixtures for the front-end tests: the built bundle, a loopback page that mounts it with a fake
Channel, and a `ui` helper that pushes server messages and reads what the front end sent."""

from __future__ import annotations

import functools
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import comm
import pytest

from .harness import FAKE_MODEL, HARNESS, TIMEOUT_MS, UI, RelayComm

if TYPE_CHECKING:
    from nbblocks.blocks import Blocks

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "js"
STATIC = ROOT / "nbblocks" / "static"
BUNDLE = (STATIC / "nbblocks.js", STATIC / "nbblocks.css")


def _newest_source_mtime() -> float:
    sources = [p for p in (JS / "src").rglob("*") if p.is_file()]
    sources += [JS / "build.mjs", JS / "package-lock.json"]
    return max(p.stat().st_mtime for p in sources)


@pytest.fixture(scope="session")
def bundle() -> tuple[Path, Path]:
    """The built JS and CSS, rebuilt when they or the lazy chunks are missing or older than js/src."""
    built = [*BUNDLE, *(STATIC / "chunks").glob("*.js")]
    stale = (
        not all(p.is_file() for p in BUNDLE)
        or not (STATIC / "chunks").is_dir()
        or min(p.stat().st_mtime for p in built) < _newest_source_mtime()
    )
    if stale:
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to build the front-end bundle")
        if not (JS / "node_modules").is_dir():
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=JS, check=True)
        subprocess.run([npm, "run", "build"], cwd=JS, check=True)
    return BUNDLE


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def harness_url(bundle: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A loopback server for the harness page and the bundle."""
    root = tmp_path_factory.mktemp("harness")
    (root / "index.html").write_text(HARNESS, encoding="utf-8")
    for path in bundle:
        shutil.copy(path, root / path.name)
    shutil.copytree(STATIC / "chunks", root / "chunks")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture()
def ui(page: Any, harness_url: str) -> Iterator[UI]:
    """The harness page, mounted; the `ready` message already checked and cleared."""
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(harness_url)
    page.wait_for_function("window.harnessReady === true")
    harness = UI(page)
    assert [msg["type"] for msg in harness.take(1)] == ["ready"]
    yield harness
    assert errors == [], f"uncaught errors in the page: {errors}"


@pytest.fixture()
def notebook_page(page: Any, harness_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[[Blocks], None]:
    """Shows an app in `page` as the notebook's front end (the bundle's widget ``render``), its
    model relayed to a real `BlocksWidget` in this process: no HTTP server, files go over the comm."""
    from nbblocks.notebook import widget_for

    monkeypatch.setattr(comm, "create_comm", lambda *a, **k: RelayComm(*a, **k))

    def show(demo: Blocks) -> None:
        relay = widget_for(demo).comm
        page.set_default_timeout(10_000)
        page.expose_function("toKernel", relay.push)
        page.expose_function("fromKernel", relay.pull)
        page.goto(harness_url)
        page.wait_for_function("window.harnessReady === true")
        page.evaluate(FAKE_MODEL)

    return show
