"""Share links through a real OpenSSH server on loopback: the page, a WebSocket event and the API
work through the port it forwards; close() ends the tunnel; a restarted server is reconnected to;
an unreachable or missing share server leaves one line and a working local app.

Each test starts its own ``/usr/sbin/sshd`` (Debian's openssh-server) on 127.0.0.1 and a free
port, with host and user keys made here and a HOME whose ``~/.ssh`` holds the user key and a
known_hosts naming the host key, so the client finds them as ``ssh`` would."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import nbblocks as gr

from .conftest import free_port
from .wire import TIMEOUT, wait_for

pytest.importorskip("asyncssh")
SSHD = Path("/usr/sbin/sshd")
pytestmark = pytest.mark.skipif(
    not SSHD.exists() or os.geteuid() != 0, reason="needs Debian's openssh-server and root (sshd drops privileges)"
)


class Sshd:
    """A private sshd on 127.0.0.1:``port`` that the test can kill and start again."""

    def __init__(self, folder: Path, extra_config: str = "") -> None:
        self.folder = folder
        self.port = free_port()
        self.host_key = folder / "host_key"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(self.host_key)], check=True)
        self.config = folder / "sshd_config"
        self.config.write_text(
            f"ListenAddress 127.0.0.1\nPort {self.port}\nHostKey {self.host_key}\n"
            f"PidFile {folder / 'sshd.pid'}\nAuthorizedKeysFile {folder / 'authorized_keys'}\n"
            "StrictModes no\nUsePAM no\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nAllowTcpForwarding remote\nGatewayPorts no\n"
            "PrintMotd no\nPrintLastLog no\n" + extra_config
        )
        self.log = folder / "sshd.log"
        self.process: subprocess.Popen[bytes] | None = None
        # the privilege separation directory that Debian's packaged service would create
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen([str(SSHD), "-D", "-f", str(self.config), "-e"], stderr=log)
        wait_for(self.answers, what="sshd to listen")

    def answers(self) -> bool:
        import socket

        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def kill(self) -> None:
        """Kill sshd and the processes serving its connections (each in a session of its own,
        so they are found by parent id), as a crash of the share server would. The deepest go
        first, each reaped by its parent before the next: killed together, orphans would stay
        zombies under a container's init."""
        assert self.process is not None
        for pid in reversed(descendants(self.process.pid)):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
            wait_for(lambda: not Path(f"/proc/{pid}").exists(), what=f"sshd's process {pid} to be reaped")
        self.process.kill()
        self.process.wait()


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # gone meanwhile
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def start_sshd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra_config: str = "") -> Sshd:
    """An sshd that accepts the user key of a HOME made for the test, which trusts its host key."""
    (tmp_path / "sshd").mkdir()
    server = Sshd(tmp_path / "sshd", extra_config)
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True, mode=0o700)
    user_key = home / ".ssh" / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(user_key)], check=True)
    (server.folder / "authorized_keys").write_text(user_key.with_suffix(".pub").read_text())
    host_public = server.host_key.with_suffix(".pub").read_text().split()
    (home / ".ssh" / "known_hosts").write_text(f"[127.0.0.1]:{server.port} {host_public[0]} {host_public[1]}\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)  # only the test's key, never a developer's agent
    monkeypatch.delenv("GRADIO_SHARE", raising=False)
    server.start()
    return server


@pytest.fixture()
def sshd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sshd]:
    server = start_sshd(tmp_path, monkeypatch)
    yield server
    server.kill()


def echo_app() -> gr.Blocks:
    with gr.Blocks(title="shared echo") as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        go = gr.Button("go")
        go.click(lambda text: text.upper(), box, out, api_name="shout")
    demo.parts = (box, out, go)  # type: ignore[attr-defined]
    return demo


def port_of(url: str) -> int:
    return int(url.rstrip("/").rsplit(":", 1)[1])


def answers(url: str) -> bool:
    try:
        return httpx.get(url + "/config", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def test_share_url_serves_page_websocket_and_api_and_close_ends_it(sshd, launch, wire, capsys):
    demo = echo_app()
    _app, local_url, share_url = demo.launch(
        share=True, share_server_address=f"root@127.0.0.1:{sshd.port}", prevent_thread_lock=True
    )
    try:
        printed = capsys.readouterr().out
        assert share_url.startswith("http://127.0.0.1:") and port_of(share_url) not in (sshd.port, port_of(local_url))
        assert f"Running on public URL: {share_url}\n" in printed

        client = wire.http(share_url)
        page = client.get("/")
        assert page.status_code == 200 and "shared echo" in page.text
        config = client.get("/config")
        assert config.status_code == 200 and config.json()["title"] == "shared echo"

        box, out, go = demo.parts
        sock = wire.socket(share_url)
        sock.ready()
        messages = sock.run_event(go._id, "click", **{f"id{box._id}": "through the tunnel"})
        assert any(
            u["id"] == out._id and u["props"].get("value") == "THROUGH THE TUNNEL"
            for m in messages if m["type"] == "update" for u in m["updates"]
        )  # fmt: skip
        sock.close()
    finally:
        demo.close()
    wait_for(lambda: not answers(share_url), what="the forwarded port to close")
    assert sshd.answers()  # only the tunnel ended, not the share server


def test_the_tunnel_reconnects_when_the_share_server_restarts(sshd, launch):
    demo = echo_app()
    _app, _local, share_url = demo.launch(
        share=True, share_server_address=f"root@127.0.0.1:{sshd.port}", prevent_thread_lock=True, quiet=True
    )
    tunnel = demo.__dict__["_share_tunnel"]
    try:
        assert answers(share_url)
        sshd.kill()
        assert not answers(share_url)
        sshd.start()
        wait_for(lambda: tunnel.connections == 2, timeout=3 * TIMEOUT, what="the tunnel to reconnect")
        assert tunnel.url == share_url  # the same remote port was asked for again, and was free
        assert answers(share_url)
    finally:
        demo.close()


def test_an_unreachable_share_server_prints_one_line_and_the_app_still_serves(launch, wire, capsys, monkeypatch):
    monkeypatch.delenv("GRADIO_SHARE", raising=False)
    nobody = free_port()
    demo = echo_app()
    _app, local_url, share_url = demo.launch(
        share=True, share_server_address=f"127.0.0.1:{nobody}", prevent_thread_lock=True
    )
    try:
        lines = capsys.readouterr().out.splitlines()
        assert share_url is None
        (line,) = [line for line in lines if "share" in line]
        assert line.startswith("Could not create share link: cannot reach 127.0.0.1:") and "still served locally" in line
        assert wire.http(local_url).get("/config").status_code == 200
    finally:
        demo.close()


def test_share_without_a_server_address_says_what_it_needs(launch, wire, capsys, monkeypatch):
    monkeypatch.setenv("GRADIO_SHARE", "True")  # the environment asks for a share link too
    demo = echo_app()
    url = launch(demo, quiet=False)
    lines = [line for line in capsys.readouterr().out.splitlines() if "share" in line]
    assert lines == [
        'Could not create share link: share=True needs share_server_address="[user@]host:port", an SSH server '
        "you can log in to (nbblocks runs no public share service). The app is still served locally."
    ]
    assert wire.http(url).get("/").status_code == 200


def test_an_unknown_host_key_is_refused_with_a_clear_line(sshd, launch, capsys):
    (Path(os.environ["HOME"]) / ".ssh" / "known_hosts").write_text("")
    demo = echo_app()
    launch(demo, share=True, share_server_address=f"root@127.0.0.1:{sshd.port}")
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "share" in line]
    assert f"the host key of 127.0.0.1:{sshd.port} is not in ~/.ssh/known_hosts" in line
    assert "_share_tunnel" not in demo.__dict__


def test_a_url_the_server_announces_is_the_share_url(tmp_path, monkeypatch, launch):
    # a tunnel service prints its public URL on the session; here a ForceCommand plays one
    server = start_sshd(tmp_path, monkeypatch, "ForceCommand echo 'Forwarding: https://app-42.share.test/ ready'\n")
    try:
        demo = echo_app()
        _app, _local, share_url = demo.launch(
            share=True, share_server_address=f"root@127.0.0.1:{server.port}", prevent_thread_lock=True, quiet=True
        )
        demo.close()
        assert share_url == "https://app-42.share.test/"
    finally:
        server.kill()


@pytest.mark.parametrize(
    ("address", "parsed"),
    [
        ("host.example:2222", ("host.example", 2222, None)),
        ("me@host.example:22", ("host.example", 22, "me")),
        ("host.example", ("host.example", 22, None)),
        ("me@[::1]:2200", ("::1", 2200, "me")),
    ],
)
def test_share_server_addresses(address, parsed):
    from nbblocks.server.share import ShareAddress

    found = ShareAddress.parse(address)
    assert (found.host, found.port, found.username) == parsed


@pytest.mark.parametrize("address", ["", "host:port", "host:0", "host:70000", "@:22"])
def test_bad_share_server_addresses_are_refused(address):
    from nbblocks.server.share import ShareAddress, ShareError

    with pytest.raises(ShareError, match=r"\[user@\]host:port"):
        ShareAddress.parse(address)


def test_colab_defaults_share_to_true_when_not_inline(launch, capsys, monkeypatch):
    import sys
    import types

    monkeypatch.delenv("GRADIO_SHARE", raising=False)
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    launch(echo_app(), inline=False)
    assert "share=True needs share_server_address" in capsys.readouterr().out
