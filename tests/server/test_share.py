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
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

import nbblocks as gr

asyncssh = pytest.importorskip("asyncssh")

from nbblocks.server import share_server  # noqa: E402 (after the skip: it needs no asyncssh, the service does)
from nbblocks.server.share_server import DEFAULT_SHARE_SERVER, ShareAddress, ShareError, ShareServer, announced_url  # noqa: E402

from .conftest import free_port  # noqa: E402
from .tunnel_service import TunnelService  # noqa: E402
from .wire import TIMEOUT, updated_values, wait_for  # noqa: E402

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
            wait_for(lambda pid=pid: not Path(f"/proc/{pid}").exists(), what=f"sshd's process {pid} to be reaped")
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


def known_hosts_line(name: str, key: asyncssh.SSHKey) -> str:
    return f"{name} {key.export_public_key().decode().strip()}\n"


#: what a user's ~/.ssh/known_hosts holds for other hosts: a name, an address, a pattern
OTHER_HOSTS = "".join(
    known_hosts_line(name, asyncssh.generate_private_key("ssh-ed25519"))
    for name in ("github.com", "192.0.2.7", "[git.example.org]:2222", "*.example.net")
)


@pytest.fixture(params=["no known_hosts", "other hosts in known_hosts"])
def default_service(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TunnelService]:
    """A stand-in for localhost.run on loopback made the default share server, reached by a host
    name (``localhost``) as the real one is, with a HOME whose ~/.ssh has a key (which must not be
    offered to it) and either no known_hosts or one listing other hosts, and an empty
    XDG_CONFIG_HOME (so nbblocks has pinned no host key yet)."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True, mode=0o700)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(home / ".ssh" / "id_ed25519")], check=True)
    if request.param == "other hosts in known_hosts":
        (home / ".ssh" / "known_hosts").write_text(OTHER_HOSTS)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    monkeypatch.delenv("GRADIO_SHARE", raising=False)
    service = TunnelService().start()
    stand_in = ShareAddress("localhost", service.port, DEFAULT_SHARE_SERVER.address.username)
    monkeypatch.setattr(share_server, "DEFAULT_SHARE_SERVER", replace(DEFAULT_SHARE_SERVER, address=stand_in))
    yield service
    service.stop()


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
    tunnel = demo._share_tunnel
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


def thread_names() -> list[str]:
    return sorted(thread.name for thread in threading.enumerate())


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_sshd_killed_under_the_tunnel_the_app_serves_on_and_close_leaks_nothing(sshd, wire):
    threads, fds = thread_names(), open_fds()
    demo = echo_app()
    _app, local_url, share_url = demo.launch(
        share=True, share_server_address=f"root@127.0.0.1:{sshd.port}", prevent_thread_lock=True, quiet=True
    )
    tunnel = demo._share_tunnel
    box, out, go = demo.parts
    try:
        assert answers(share_url)
        sshd.kill()
        assert not answers(share_url)
        # the app is still served locally, events included
        sock = wire.socket(local_url)
        sock.ready()
        messages = sock.run_event(go._id, "click", **{f"id{box._id}": "local"})
        assert {out._id: "LOCAL"}.items() <= updated_values(messages).items()
        sock.close()
        # the share server comes back: so does the link; it dies again: close() while reconnecting
        sshd.start()
        wait_for(lambda: tunnel.connections == 2, timeout=3 * TIMEOUT, what="the tunnel to reconnect")
        assert answers(share_url)
        sshd.kill()
    finally:
        demo.close()
    wire.close_all()
    wait_for(lambda: thread_names() == threads, what="the launch's threads to end")
    wait_for(lambda: open_fds() <= fds, what="the launch's file descriptors to close")


def test_an_unreachable_share_server_prints_one_line_and_the_app_still_serves(launch, wire, capsys, monkeypatch):
    monkeypatch.delenv("GRADIO_SHARE", raising=False)
    nobody = free_port()
    demo = echo_app()
    _app, local_url, share_url = demo.launch(share=True, share_server_address=f"127.0.0.1:{nobody}", prevent_thread_lock=True)
    try:
        lines = capsys.readouterr().out.splitlines()
        assert share_url is None
        (line,) = [line for line in lines if "share" in line]
        assert line.startswith("Could not create share link: cannot reach 127.0.0.1:") and "still served locally" in line
        assert wire.http(local_url).get("/config").status_code == 200
    finally:
        demo.close()


def test_an_unknown_host_key_is_refused_with_a_clear_line(sshd, launch, capsys):
    (Path(os.environ["HOME"]) / ".ssh" / "known_hosts").write_text("")
    demo = echo_app()
    launch(demo, share=True, share_server_address=f"root@127.0.0.1:{sshd.port}")
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "share" in line]
    assert f"the host key of 127.0.0.1:{sshd.port} is not in ~/.ssh/known_hosts" in line
    assert demo._share_tunnel is None


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
    found = ShareAddress.parse(address)
    assert (found.host, found.port, found.username) == parsed


@pytest.mark.parametrize("address", ["", "host:port", "host:0", "host:70000", "@:22"])
def test_bad_share_server_addresses_are_refused(address):
    with pytest.raises(ShareError, match=r"\[user@\]host:port"):
        ShareAddress.parse(address)


def test_share_alone_uses_the_public_default_service(default_service, launch, wire, capsys, monkeypatch):
    monkeypatch.setenv("GRADIO_SHARE", "True")  # the environment asks for a share link
    demo = echo_app()
    url = launch(demo, quiet=False)
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "public URL" in line]
    # the tunnel line, not the URLs of the service's welcome banner or the text after it
    assert line == f"Running on public URL: {default_service.url}"
    assert default_service.logins[-1] == "nokey" and default_service.forward_requests == [("", 80)]
    assert default_service.offered_keys == []  # the user's ~/.ssh key was not shown to a public service
    # what the service forwards from its public side reaches the app
    through = wire.http(f"http://127.0.0.1:{default_service.public_port}")
    assert through.get("/config").json()["title"] == "shared echo"
    pinned = (Path(os.environ["XDG_CONFIG_HOME"]) / "nbblocks" / "known_hosts").read_text()
    key = default_service.host_key.export_public_key().decode().strip()
    assert pinned == f"[localhost]:{default_service.port} {key}\n"  # trusted on first use, and pinned
    demo.close()
    wait_for(lambda: default_service.open_connections == 0, what="close() to end the tunnel")
    assert not answers(f"http://127.0.0.1:{default_service.public_port}")
    assert answers(url.rstrip("/")) is False  # and the app with it


def test_the_default_service_is_localhost_run_over_https():
    default = ShareServer.chosen(None, None)
    assert (default.address, default.protocol, default.remote_port) == (ShareAddress("localhost.run", 22, "nokey"), "https", 80)
    assert ShareServer.chosen(None, "http").protocol == "http"
    assert ShareServer.chosen("me@host.example:2222", None).protocol == "http"  # a custom server, as in Gradio
    with pytest.raises(ShareError, match="share_server_protocol"):
        ShareServer.chosen(None, "ftp")


def test_a_pinned_host_key_is_checked_on_later_connections(default_service, launch, capsys):
    demo = echo_app()
    launch(demo, share=True)
    assert default_service.forward_requests == [("", 80)]  # the first connection pinned the key and went on
    demo.close()
    wait_for(lambda: default_service.open_connections == 0, what="the first tunnel to close")
    default_service.stop()
    # the service's address answers again, with another host key: a man in the middle, say
    impostor = TunnelService(port=default_service.port).start()
    try:
        capsys.readouterr()
        launch(echo_app(), share=True, quiet=False)
        (line,) = [line for line in capsys.readouterr().out.splitlines() if "share" in line]
        assert line.startswith(f"Could not create share link: the host key of localhost:{impostor.port} is not the one pinned")
        assert impostor.forward_requests == []
    finally:
        impostor.stop()


@pytest.mark.parametrize("default_service", ["other hosts in known_hosts"], indirect=True)
def test_the_service_key_in_the_users_known_hosts_is_trusted_and_another_refused(default_service, launch, capsys):
    """A user who once ran ``ssh`` to the service has its key in ~/.ssh/known_hosts: it is
    trusted as it is (nothing pinned); a different key there is a changed key, refused."""
    known_hosts = Path(os.environ["HOME"]) / ".ssh" / "known_hosts"
    name = f"[localhost]:{default_service.port}"
    known_hosts.write_text(OTHER_HOSTS + known_hosts_line(name, default_service.host_key))
    launch(echo_app(), share=True, quiet=False)
    assert f"Running on public URL: {default_service.url}\n" in capsys.readouterr().out
    assert not (Path(os.environ["XDG_CONFIG_HOME"]) / "nbblocks" / "known_hosts").exists()

    known_hosts.write_text(OTHER_HOSTS + known_hosts_line(name, asyncssh.generate_private_key("ssh-ed25519")))
    launch(echo_app(), share=True, quiet=False)
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "share" in line]
    assert line.startswith(f"Could not create share link: the host key of localhost:{default_service.port} "
                           f"is not the one pinned in {known_hosts}")  # fmt: skip
    assert default_service.forward_requests == [("", 80)]  # only the first, trusted, connection's


def test_colab_defaults_share_to_true_when_not_inline(default_service, launch, capsys, monkeypatch):
    import sys
    import types

    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    launch(echo_app(), inline=False, quiet=False)
    assert f"Running on public URL: {default_service.url}\n" in capsys.readouterr().out


LOCALHOST_RUN = (
    "===============================================================================\n"
    "Welcome to localhost.run!\n\nFollow your favourite reverse tunnel at [https://twitter.com/localhost_run].\n\n"
    "To explore using localhost.run visit the documentation site:\nhttps://localhost.run/docs/\n\n"
    "** your connection id is 1f9d, please mention it if you send me a message about an issue. **\n\n"
    "authenticated as anonymous user\n"
    "\x1b[1mf7c1b2.lhr.life tunneled with tls termination, https://f7c1b2.lhr.life\x1b[0m\n"
    "create an account and add your key for a longer lasting domain name. see "
    "https://localhost.run/docs/forever-free/ for more information.\n"
)
PINGGY = (
    "You are not authenticated.\nYour tunnel will expire in 60 minutes. Upgrade to Pro. https://dashboard.pinggy.io\n\n"
    "http://rnxyz-1-2-3-4.a.free.pinggy.link\nhttps://rnxyz-1-2-3-4.a.free.pinggy.link\n"
)


@pytest.mark.parametrize(
    ("output", "complete", "url"),
    [
        (LOCALHOST_RUN, False, "https://f7c1b2.lhr.life"),
        (LOCALHOST_RUN[: LOCALHOST_RUN.index("authenticated")], False, None),  # its welcome URLs are not it
        (LOCALHOST_RUN[: LOCALHOST_RUN.index(".lhr.life\x1b")], False, None),  # half a line: wait for the rest
        ("Forwarding HTTP traffic from https://abc.serveo.net\n", False, "https://abc.serveo.net"),
        (PINGGY, False, None),  # no tunnel line: wait until it is silent or done
        (PINGGY, True, "https://rnxyz-1-2-3-4.a.free.pinggy.link"),  # then the last URL alone on a line
        ("Your app: http://share.example:4242/.\n", True, "http://share.example:4242/"),
        ("Welcome to our SSH server.\n", True, None),
    ],
)
def test_the_announced_url_is_the_tunnels(output, complete, url):
    assert announced_url(output, complete=complete) == url
