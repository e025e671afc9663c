"""What nbblocks knows of a share server: its address, how to log in to it, how much to trust
its host key, and how to read the URL it announces. `share.py` keeps the tunnel open.

The default is localhost.run, a free public SSH tunnel service that needs no account: log in
as ``nokey``, ask for remote port 80, and it prints ``<name>.lhr.life tunneled with tls
termination, https://<name>.lhr.life`` on the session. Being a public service, it gets none of
the user's keys or agent, and its host key is trusted on first use (as ``ssh -o
StrictHostKeyChecking=accept-new`` would) and pinned in nbblocks' own known_hosts file, so a
changed key is refused later. Any other server is the user's own: their ``~/.ssh`` set-up
decides, as for the ``ssh`` command.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncssh

#: a URL in a share server's banner or session output
URL = re.compile(r"https?://[^\s'\"<>\[\]]+")
#: a line that names the tunnel's own URL, as tunnel services word it: "<name>.lhr.life tunneled
#: with tls termination, https://<name>.lhr.life", "Forwarding HTTP traffic from https://…"
TUNNEL_LINE = re.compile(r"tunnell?ed\b|\bforwarding\b|\bpublic url\b|\byour url\b", re.IGNORECASE)
TERMINAL_CODES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class ShareError(Exception):
    """Why the tunnel could not open, as one sentence for the user."""


@dataclass(frozen=True)
class ShareAddress:
    """``[user@]host[:port]`` of an SSH server (port 22 when not given)."""

    host: str
    port: int = 22
    username: str | None = None

    @classmethod
    def parse(cls, address: str) -> ShareAddress:
        username, _, hostport = address.strip().rpartition("@")
        if hostport.startswith("["):  # [IPv6]:port
            host, _, port = hostport[1:].partition("]")
            port = port.removeprefix(":")
        elif hostport.count(":") == 1:
            host, _, port = hostport.partition(":")
        else:  # a bare host name, or a bare IPv6 address
            host, port = hostport, ""
        if not host or (port and not port.isdigit()) or not 0 < int(port or 22) < 65536:
            raise ShareError(f'share_server_address must look like "[user@]host:port", not {address!r}')
        return cls(host, int(port or 22), username or None)

    @property
    def url_host(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host

    @property
    def known_hosts_name(self) -> str:
        """How OpenSSH's known_hosts names this server."""
        return self.host if self.port == 22 else f"[{self.host}]:{self.port}"

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class ShareServer:
    """An SSH server to open share tunnels on, and how to use it."""

    address: ShareAddress
    #: the scheme of the URL made when the server announces none
    protocol: str = "http"
    #: the remote port to ask for first; 0 lets the server pick one
    remote_port: int = 0
    #: a public service: log in without the user's keys or agent, and trust its host key on first
    #: use; otherwise the user's own server, reached with their ~/.ssh set-up
    public: bool = False

    @classmethod
    def chosen(cls, address: str | None, protocol: str | None) -> ShareServer:
        """The server ``launch()``'s share options name. As in Gradio, the protocol defaults to
        https for the default service and to http for a server of the user's own."""
        if protocol not in (None, "http", "https"):
            raise ShareError(f'share_server_protocol must be "http" or "https", not {protocol!r}')
        if not address:
            return replace(DEFAULT_SHARE_SERVER, protocol=protocol or DEFAULT_SHARE_SERVER.protocol)
        return cls(ShareAddress.parse(address), protocol or "http")

    def login_options(self) -> dict[str, object]:
        """asyncssh.connect() arguments beyond the address."""
        options: dict[str, object] = {"username": self.address.username} if self.address.username else {}
        if self.public:
            # no key, agent or known_hosts entry of the user's goes to a public service
            options.update(client_keys=None, agent_path=None, known_hosts=existing_known_hosts())
        return options

    def trusts_new_key(self, host: str, addr: str, port: int, key: asyncssh.SSHKey) -> bool:
        """Whether an unlisted host key is accepted (asyncssh asks only for keys not in the known
        hosts): for a public service met for the first time, it is, and is pinned. ``host``,
        ``addr`` and ``port`` are what asyncssh matched the known hosts against."""
        if not self.public or known_keys(host, addr, port):
            return False  # the user's own server, or a known service whose key changed
        pin_host_key(self.address, key)
        return True


#: localhost.run: free, no account, plain SSH; its free domains change every few hours, and a
#: reconnection prints the new URL
DEFAULT_SHARE_SERVER = ShareServer(ShareAddress("localhost.run", 22, "nokey"), "https", remote_port=80, public=True)


def pinned_hosts_file() -> Path:
    """nbblocks' own known_hosts, where the keys of public share services are pinned."""
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "nbblocks" / "known_hosts"


def existing_known_hosts() -> list[str]:
    """The user's known_hosts and nbblocks' own, those that exist."""
    files = [Path.home() / ".ssh" / "known_hosts", pinned_hosts_file()]
    return [str(path) for path in files if path.is_file()]


def known_keys(host: str, addr: str, port: int) -> list[asyncssh.SSHKey]:
    """The host keys the known hosts files list for the server at ``host`` (its name), ``addr``
    (the address connected to) and ``port``: the same look-up asyncssh made before it asked about
    a key it did not find. ``addr`` must be an IP address: asyncssh parses it to match address
    patterns, and a host name there raises ValueError, which asyncssh reports as an untrusted key."""
    import asyncssh

    files = existing_known_hosts()
    if not files:
        return []
    trusted, *_ = asyncssh.read_known_hosts(files).match(host, addr, None if port == 22 else port)
    return list(trusted)


def pin_host_key(address: ShareAddress, key: asyncssh.SSHKey) -> None:
    path = pinned_hosts_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(f"{address.known_hosts_name} {key.export_public_key('openssh').decode().strip()}\n")


def announced_url(text: str, *, complete: bool) -> str | None:
    """The URL a share server announces in ``text``, its banner and session output so far: the
    URL on a line saying it is the tunnel's. Once the output is complete (ended, or silent for a
    while), else the last line that is a URL alone (as some services print it), else the first
    URL. Welcome texts list other URLs (docs, accounts) first, so the first URL alone won't do."""
    text = TERMINAL_CODES.sub("", text)
    if not complete:
        text = text[: text.rfind("\n") + 1]  # a line still arriving may hold half a URL
    lines = [line.strip() for line in text.splitlines()]
    for line in lines:
        if TUNNEL_LINE.search(line) and (match := URL.search(line)):
            return _trimmed(match.group(0))
    if not complete:
        return None
    alone = [line for line in lines if URL.fullmatch(line)]
    if alone:
        return _trimmed(alone[-1])
    first = URL.search(text)
    return _trimmed(first.group(0)) if first else None


def _trimmed(url: str) -> str:
    return url.rstrip(".,;:)")
