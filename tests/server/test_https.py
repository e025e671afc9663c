"""HTTPS: ``ssl_keyfile`` / ``ssl_certfile`` (/ ``ssl_keyfile_password``) with a self-signed
certificate the test makes with Debian's openssl; Chromium uses the app over https and wss."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import UI_TIMEOUT_MS, free_port, port_is_free
from .test_browser import NAME_BOX, output_box, welcome_app

OPENSSL = shutil.which("openssl")
pytestmark = pytest.mark.skipif(OPENSSL is None, reason="openssl is needed (.ci/setup installs it)")


def make_certificate(folder: Path, password: str | None = None) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key (encrypted when ``password``)."""
    key, cert = folder / "key.pem", folder / "cert.pem"
    encryption = ["-passout", f"pass:{password}"] if password else ["-noenc"]
    subprocess.run(
        [OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", *encryption],
        check=True, capture_output=True,
    )  # fmt: skip
    return key, cert


def unverified() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def use_over_https(browser, url: str, screenshot: Path | None = None) -> list[str]:
    """Run the welcome flow in Chromium at ``url``; returns the WebSocket URLs the page opened."""
    context = browser.new_context(ignore_https_errors=True)
    sockets: list[str] = []
    try:
        page = context.new_page()
        page.set_default_timeout(UI_TIMEOUT_MS)
        page.on("websocket", lambda ws: sockets.append(ws.url))
        page.goto(url)
        assert page.evaluate("location.protocol") == "https:"
        page.get_by_placeholder(NAME_BOX).press_sequentially("Tls")
        expect(output_box(page)).to_have_value("Welcome to Gradio, Tls!", timeout=UI_TIMEOUT_MS)
        if screenshot:
            page.screenshot(path=screenshot)
    finally:
        context.close()
    return sockets


def test_https_with_a_self_signed_certificate(launch, browser, tmp_path: Path, screenshots: Path) -> None:
    key, cert = make_certificate(tmp_path)
    url = launch(welcome_app(), ssl_keyfile=str(key), ssl_certfile=str(cert), ssl_verify=False)
    assert url.startswith("https://127.0.0.1:")

    sockets = use_over_https(browser, url, screenshots / "served_https.png")
    assert sockets and all(s.startswith("wss://127.0.0.1:") for s in sockets), sockets

    # the certificate served is ours, and verifies against itself
    with urllib.request.urlopen(url, timeout=10, context=ssl.create_default_context(cafile=str(cert))) as response:
        assert response.status == 200
    # plain http on the https port gets no page
    with pytest.raises(OSError):
        urllib.request.urlopen(url.replace("https", "http", 1), timeout=10).read()


def test_key_with_a_password(launch, browser, tmp_path: Path) -> None:
    key, cert = make_certificate(tmp_path, password="open sesame")
    assert "ENCRYPTED" in key.read_text()
    url = launch(
        welcome_app(), ssl_keyfile=str(key), ssl_certfile=str(cert),
        ssl_keyfile_password="open sesame", ssl_verify=False,
    )  # fmt: skip
    with urllib.request.urlopen(url, timeout=10, context=unverified()) as response:
        assert response.status == 200
    assert use_over_https(browser, url)


def test_wrong_key_password_is_a_clear_error(launch, tmp_path: Path) -> None:
    key, cert = make_certificate(tmp_path, password="open sesame")
    with pytest.raises(ssl.SSLError, match="ssl_keyfile_password"):
        launch(welcome_app(), ssl_keyfile=str(key), ssl_certfile=str(cert), ssl_keyfile_password="wrong", ssl_verify=False)


def test_ssl_verify_refuses_a_self_signed_certificate(launch, tmp_path: Path) -> None:
    key, cert = make_certificate(tmp_path)
    port = free_port()
    with pytest.raises(RuntimeError, match="ssl_verify=False") as raised:
        launch(welcome_app(), ssl_keyfile=str(key), ssl_certfile=str(cert), server_port=port)
    assert "CERTIFICATE_VERIFY_FAILED" in str(raised.value) or "certificate" in str(raised.value).lower()
    assert port_is_free(port), "a launch that failed its readiness check left the port bound"

