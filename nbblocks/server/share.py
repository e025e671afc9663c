"""Share links: an SSH reverse tunnel from a share server to the local server.

``launch(share=True, share_server_address="[user@]host:port")`` logs in to that SSH server the way
the ``ssh`` command would (asyncssh's defaults: ``~/.ssh/config``, the keys in ``~/.ssh``, the
agent, ``~/.ssh/known_hosts``) and asks it to forward a port it picks (remote port 0) to the local
server. Pure Python: no tunnel binary is downloaded at run time. The public URL is the first http(s)
URL the server announces (in its pre-login banner, or on the output of a session, as tunnel services
print it), else ``<protocol>://<host>:<the port it allocated>``.

There is no default share server: nbblocks runs no public service, so ``share=True`` without a
``share_server_address`` says so and serves locally only.

The tunnel runs on an asyncio loop in a thread of its own, so the HTTP server's loop never waits
on the network to the share server. A dropped connection is re-made with exponential backoff,
asking for the same remote port first so the printed URL stays good; ``close()`` ends it. When the
tunnel cannot open, one line says why and the local server keeps running.
"""

from __future__ import annotations

import asyncio
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import asyncssh

    from .app import Server

#: the first of these in a banner or a session's output is the URL the server announces
ANNOUNCED_URL = re.compile(r"https?://[^\s'\"<>]+")
CONNECT_TIMEOUT = 20.0  # seconds for a connection, login and port forward
ANNOUNCE_TIMEOUT = 3.0  # seconds a session that stays open and silent is given to print a URL
FIRST_RETRY = 0.5  # seconds before the first reconnection attempt; doubled after each failure
LAST_RETRY = 30.0  # seconds: the longest wait between attempts
#: seconds between keep-alives; three unanswered ones count as a dropped connection, so a network
#: that silently loses the connection (no FIN, no RST) is noticed within a minute
KEEPALIVE_INTERVAL = 15
FAILED = "Could not create share link: {reason}. The app is still served locally."


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


def open_share(server: Server) -> ShareTunnel | None:
    """Open the share tunnel for ``server`` and print its URL (unless quiet); None, after one
    line saying why, when it cannot open."""
    options = server.options
    try:
        if not options.share_server_address:
            raise ShareError(
                'share=True needs share_server_address="[user@]host:port", an SSH server you can log in to '
                "(nbblocks runs no public share service)"
            )
        address = ShareAddress.parse(options.share_server_address)
        # Gradio's default: https for its own share service, http for a custom server. nbblocks has
        # no share service of its own, so a server is always custom.
        protocol = options.share_server_protocol or "http"
        local = urlsplit(server.local_url)
        tunnel = ShareTunnel(address, local.hostname or "127.0.0.1", server.port, protocol, quiet=options.quiet)
        # integrate() logs the share link it finds on the server; a reconnection may change it
        tunnel.on_url = lambda url: setattr(server, "share_url", url)
        tunnel.open()
    except ShareError as exc:
        print(FAILED.format(reason=exc), flush=True)
        return None
    return tunnel


class ShareTunnel:
    """One reverse tunnel from ``address`` to ``local_host:local_port``, kept open until ``close()``."""

    def __init__(self, address: ShareAddress, local_host: str, local_port: int, protocol: str, *, quiet: bool = False) -> None:
        self.address = address
        self.local_host = local_host
        self.local_port = local_port
        self.protocol = protocol
        self.quiet = quiet
        #: the public URL; None until the tunnel first opens
        self.url: str | None = None
        #: the port the share server listens on for us
        self.remote_port = 0
        #: how many times the tunnel opened: 1 after ``open()``, more after reconnections
        self.connections = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._banner: list[str] = []
        #: called (on the tunnel's thread) with every new URL
        self.on_url: Callable[[str], None] | None = None

    def open(self) -> str:
        """Connect, forward, find the URL; raises `ShareError` (and leaves nothing running) when
        the first connection fails. Later drops are reconnected in the background."""
        try:
            import asyncssh  # noqa: F401 (only to say clearly when it is missing)
        except ImportError:
            raise ShareError("share=True needs asyncssh: pip install 'nbblocks[share]'") from None
        opened = threading.Event()
        failure: list[ShareError] = []
        self._thread = threading.Thread(target=self._run, args=(opened, failure), name="nbblocks-share", daemon=True)
        self._thread.start()
        opened.wait()
        if failure:
            self._thread.join()
            raise failure[0]
        assert self.url is not None
        return self.url

    def close(self) -> None:
        """Close the connection (the share server stops listening) and end the thread."""
        if self._loop is not None and self._stop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(timeout=10)

    # --- on the tunnel's own thread -------------------------------------------------------------

    def _run(self, opened: threading.Event, failure: list[ShareError]) -> None:
        asyncio.run(self._keep_open(opened, failure))

    async def _keep_open(self, opened: threading.Event, failure: list[ShareError]) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            connection = await self._connect()
        except ShareError as exc:
            failure.append(exc)
            return
        finally:
            opened.set()
        while connection is not None:
            if await self._stopped_before(connection.wait_closed()):
                connection.close()
                await connection.wait_closed()
                return
            connection = await self._reconnect()

    async def _reconnect(self) -> asyncssh.SSHClientConnection | None:
        """Connect again, waiting longer after each failure; None once closed."""
        delay = FIRST_RETRY
        while not await self._stopped_before(asyncio.sleep(delay)):
            attempt = asyncio.ensure_future(self._connect())
            stopped = await self._stopped_before(attempt)
            if attempt.cancelled() or attempt.exception() is not None:
                delay = min(delay * 2, LAST_RETRY)
            elif stopped:  # connected just as close() came
                attempt.result().close()
            else:
                return attempt.result()
        return None

    async def _stopped_before(self, awaitable: Any) -> bool:
        """Wait for ``awaitable`` or ``close()``, whichever comes first; True for ``close()``."""
        assert self._stop is not None
        stop = asyncio.ensure_future(self._stop.wait())
        other = asyncio.ensure_future(awaitable)
        await asyncio.wait({stop, other}, return_when=asyncio.FIRST_COMPLETED)
        for task in (stop, other):
            task.cancel()
        # the loser ends before we go on (a half-made connection is closed by its cancellation)
        await asyncio.gather(stop, other, return_exceptions=True)
        return self._stop.is_set()

    async def _connect(self) -> asyncssh.SSHClientConnection:
        import asyncssh

        address = self.address
        self._banner.clear()
        login: dict[str, Any] = {"username": address.username} if address.username else {}
        try:
            connection = await asyncio.wait_for(
                asyncssh.connect(
                    address.host, address.port, client_factory=_banner_client(self._banner),
                    keepalive_interval=KEEPALIVE_INTERVAL, keepalive_count_max=3, **login,
                ),
                CONNECT_TIMEOUT,
            )  # fmt: skip
        except (OSError, asyncio.TimeoutError, asyncssh.Error) as exc:
            raise ShareError(self._reason(exc)) from None
        try:
            listener = await self._forward(connection)
            announced = await asyncio.wait_for(self._announced_url(connection), CONNECT_TIMEOUT)
        except BaseException as exc:  # a cancellation by close() too: the connection must not linger
            connection.close()
            if isinstance(exc, (OSError, asyncio.TimeoutError, asyncssh.Error)):
                raise ShareError(self._reason(exc)) from None
            raise
        self.remote_port = listener.get_port()
        url = announced or f"{self.protocol}://{address.url_host}:{self.remote_port}"
        if url != self.url and not self.quiet:
            print(f"Running on public URL: {url}", flush=True)
        self.url = url
        if self.on_url is not None:
            self.on_url(url)
        self.connections += 1
        return connection

    async def _forward(self, connection: asyncssh.SSHClientConnection) -> asyncssh.SSHListener:
        """Ask for the port we had before (a reconnection keeps the URL), else any port."""
        import asyncssh

        if self.remote_port:
            try:
                return await connection.forward_remote_port("", self.remote_port, self.local_host, self.local_port)
            except asyncssh.ChannelListenError:
                pass  # taken by now: the server picks another one, and the new URL is printed
        return await connection.forward_remote_port("", 0, self.local_host, self.local_port)

    async def _announced_url(self, connection: asyncssh.SSHClientConnection) -> str | None:
        """The first URL in the login banner, else in what a session prints. Its stdin is closed
        at once, so a plain shell exits without a word; a tunnel service prints its URL and keeps
        the session open, which is then left open for as long as the connection."""
        import asyncssh

        for text in self._banner:
            if match := ANNOUNCED_URL.search(text):
                return match.group(0)
        try:
            process = await connection.create_process(stderr=asyncssh.STDOUT)
        except asyncssh.Error:
            return None  # no sessions allowed (a forwarding-only account): nothing is announced
        process.stdin.write_eof()

        async def first_url() -> str | None:
            output = ""
            while chunk := await process.stdout.read(4096):
                output += chunk
                if match := ANNOUNCED_URL.search(output):
                    return match.group(0)
            return None

        try:
            return await asyncio.wait_for(first_url(), ANNOUNCE_TIMEOUT)
        except (asyncio.TimeoutError, asyncssh.Error):
            return None

    def _reason(self, exc: BaseException) -> str:
        import asyncssh

        where = f"{self.address.host}:{self.address.port}"
        user = self.address.username or "your user name"
        if isinstance(exc, asyncio.TimeoutError):
            return f"no answer from {where} within {CONNECT_TIMEOUT:.0f} s"
        if isinstance(exc, asyncssh.HostKeyNotVerifiable):
            return (f"the host key of {where} is not in ~/.ssh/known_hosts (log in once with "
                    f"`ssh -p {self.address.port} {self.address.host}` to check and add it)")  # fmt: skip
        if isinstance(exc, asyncssh.PermissionDenied):
            return f"{where} refused the login as {user} (no key in ~/.ssh or the SSH agent was accepted)"
        if isinstance(exc, asyncssh.ChannelListenError):
            return f"{where} refused to forward a port (its sshd_config needs AllowTcpForwarding yes or remote)"
        if isinstance(exc, asyncssh.Error):
            return f"{where}: {exc.reason}"
        errno = getattr(exc, "errno", None)
        # asyncio's strerror repeats the address ("Connect call failed (...)"); a failed name
        # look-up has negative errnos that only its own strerror explains
        detail = os.strerror(errno) if errno and errno > 0 else getattr(exc, "strerror", None) or exc
        return f"cannot reach {where} ({detail})"


def _banner_client(banner: list[str]) -> type[asyncssh.SSHClient]:
    """An asyncssh client class that keeps the pre-login banner (where a share server may put
    its URL). Made on demand: asyncssh is only imported once a share link is asked for."""
    import asyncssh

    class BannerClient(asyncssh.SSHClient):
        def auth_banner_received(self, msg: str, lang: str) -> None:
            banner.append(msg)

    return BannerClient
