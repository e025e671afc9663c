"""Share links: an SSH reverse tunnel from a share server to the local server.

``launch(share=True, share_server_address="[user@]host:port")`` logs in to that SSH server the way
the ``ssh`` command would (asyncssh's defaults: ``~/.ssh/config``, the keys in ``~/.ssh``, the
agent, ``~/.ssh/known_hosts``) and asks it to forward a port it picks (remote port 0) to the local
server. Without an address, the public default of `share_server.DEFAULT_SHARE_SERVER` is used.
Pure Python: no tunnel binary is downloaded at run time. The public URL is the one the server
announces (in its pre-login banner, or on the output of a session, as tunnel services print it;
see `share_server.announced_url`), else ``<protocol>://<host>:<the port it allocated>``.

The tunnel runs on an asyncio loop in a thread of its own, so the HTTP server's loop never waits
on the network to the share server. A dropped connection is re-made with exponential backoff,
asking for the same remote port first so the printed URL stays good; ``close()`` ends it. When the
tunnel cannot open, one line says why and the local server keeps running.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..dependencies import MissingDependency, needs
from .share_server import ShareError, ShareServer, announced_url, existing_known_hosts, pinned_hosts_file

if TYPE_CHECKING:
    import asyncssh

    from .app import Server

CONNECT_TIMEOUT = 20.0  # seconds for a connection, login and port forward
ANNOUNCE_TIMEOUT = 3.0  # seconds a session that stays open and silent is given to print a URL
FIRST_RETRY = 0.5  # seconds before the first reconnection attempt; doubled after each failure
LAST_RETRY = 30.0  # seconds: the longest wait between attempts
#: seconds between keep-alives; three unanswered ones count as a dropped connection, so a network
#: that silently loses the connection (no FIN, no RST) is noticed within a minute
KEEPALIVE_INTERVAL = 15
FAILED = "Could not create share link: {reason}. The app is still served locally."


def open_share(server: Server) -> ShareTunnel | None:
    """Open the share tunnel for ``server`` and print its URL (unless quiet); None, after one
    line saying why, when it cannot open."""
    options = server.options
    try:
        share_server = ShareServer.chosen(options.share_server_address, options.share_server_protocol)
        local = urlsplit(server.local_url)
        tunnel = ShareTunnel(share_server, local.hostname or "127.0.0.1", server.port, quiet=options.quiet)
        # integrate() logs the share link it finds on the server; a reconnection may change it
        tunnel.on_url = lambda url: setattr(server, "share_url", url)
        tunnel.open()
    except (ShareError, MissingDependency) as exc:
        print(FAILED.format(reason=exc), flush=True)
        return None
    return tunnel


class ShareTunnel:
    """One reverse tunnel from ``share_server`` to ``local_host:local_port``, kept open until
    ``close()``."""

    def __init__(self, share_server: ShareServer, local_host: str, local_port: int, *, quiet: bool = False) -> None:
        self.share_server = share_server
        self.address = share_server.address
        self.local_host = local_host
        self.local_port = local_port
        self.quiet = quiet
        #: the public URL; None until the tunnel first opens
        self.url: str | None = None
        #: the port the share server listens on for us (first, the one to ask for)
        self.remote_port = share_server.remote_port
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
        the first connection fails, `MissingDependency` without asyncssh. Later drops are
        reconnected in the background."""
        with needs("share=True"):
            import asyncssh  # noqa: F401 (only to say clearly when it is missing)
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
            connection: asyncssh.SSHClientConnection | None = await self._connect()
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
        login = self.share_server.login_options()
        try:
            connection = await asyncio.wait_for(
                asyncssh.connect(
                    address.host, address.port, client_factory=_client(self.share_server, self._banner),
                    keepalive_interval=KEEPALIVE_INTERVAL, keepalive_count_max=3, **login,
                ),
                CONNECT_TIMEOUT,
            )  # fmt: skip
        except (TimeoutError, OSError, asyncssh.Error) as exc:
            raise ShareError(self._reason(exc)) from None
        try:
            listener = await self._forward(connection)
            announced = await asyncio.wait_for(self._announced_url(connection), CONNECT_TIMEOUT)
        except BaseException as exc:  # a cancellation by close() too: the connection must not linger
            connection.close()
            if isinstance(exc, (TimeoutError, OSError, asyncssh.Error)):
                raise ShareError(self._reason(exc)) from None
            raise
        self.remote_port = listener.get_port()
        url = announced or f"{self.share_server.protocol}://{address.url_host}:{self.remote_port}"
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
        """The URL the login banner or a session announces. The session's stdin is closed at
        once, so a plain shell exits without a word; a tunnel service prints its URL and keeps
        the session open, which is then left open for as long as the connection."""
        import asyncssh

        output = "".join(self._banner)
        if url := announced_url(output, complete=False):
            return url
        try:
            process = await connection.create_process(stderr=asyncssh.STDOUT)
        except asyncssh.Error:
            return announced_url(output, complete=True)  # no sessions (a forwarding-only account)
        process.stdin.write_eof()

        async def read_until_announced() -> str | None:
            nonlocal output
            while chunk := await process.stdout.read(4096):
                output += chunk
                if url := announced_url(output, complete=False):
                    return url
            return None

        try:
            return await asyncio.wait_for(read_until_announced(), ANNOUNCE_TIMEOUT) or announced_url(output, complete=True)
        except (TimeoutError, asyncssh.Error):  # silent for a while, or gone: all it said is in
            return announced_url(output, complete=True)

    def _reason(self, exc: BaseException) -> str:
        import asyncssh

        where = f"{self.address.host}:{self.address.port}"
        user = self.address.username or "your user name"
        if isinstance(exc, TimeoutError):
            return f"no answer from {where} within {CONNECT_TIMEOUT:.0f} s"
        if isinstance(exc, asyncssh.HostKeyNotVerifiable) and self.share_server.public:
            pinned_in = " or ".join(existing_known_hosts()) or pinned_hosts_file()
            return (f"the host key of {where} is not the one pinned in {pinned_in} (if the service "
                    "announced a new key, remove its line there)")  # fmt: skip
        if isinstance(exc, asyncssh.HostKeyNotVerifiable):
            return (f"the host key of {where} is not in ~/.ssh/known_hosts (log in once with "
                    f"`ssh -p {self.address.port} {self.address.host}` to check and add it)")  # fmt: skip
        if isinstance(exc, asyncssh.PermissionDenied):
            return f"{where} refused the login as {user} (no key in ~/.ssh or the SSH agent was accepted)"
        if isinstance(exc, asyncssh.ChannelListenError) and self.share_server.public:
            return f"{where} refused to forward port {self.share_server.remote_port}"
        if isinstance(exc, asyncssh.ChannelListenError):
            return f"{where} refused to forward a port (its sshd_config needs AllowTcpForwarding yes or remote)"
        if isinstance(exc, asyncssh.Error):
            return f"{where}: {exc.reason}"
        errno = getattr(exc, "errno", None)
        # asyncio's strerror repeats the address ("Connect call failed (...)"); a failed name
        # look-up has negative errnos that only its own strerror explains
        detail = os.strerror(errno) if errno and errno > 0 else getattr(exc, "strerror", None) or exc
        return f"cannot reach {where} ({detail})"


def _client(share_server: ShareServer, banner: list[str]) -> type[asyncssh.SSHClient]:
    """An asyncssh client class that keeps the pre-login banner (where a share server may put
    its URL), lets the share server decide on host keys asyncssh does not know, and answers a
    keyboard-interactive login that asks nothing (as ``ssh`` does; a service may use it for
    anonymous logins). Made on demand: asyncssh is only imported once a share link is asked for."""
    import asyncssh

    class ShareClient(asyncssh.SSHClient):
        def auth_banner_received(self, msg: str, lang: str) -> None:
            banner.append(msg)

        def validate_host_public_key(self, host: str, addr: str, port: int, key: asyncssh.SSHKey) -> bool:
            return share_server.trusts_new_key(host, addr, port, key)

        def kbdint_auth_requested(self) -> str:
            return ""  # the server picks; a challenge with prompts gets no answer (see below)

        def kbdint_challenge_received(self, name: str, instructions: str, lang: str, prompts: Any) -> list[str] | None:
            return [] if not prompts else None

    return ShareClient
