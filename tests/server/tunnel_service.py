"""A stand-in for localhost.run, the default share server, on loopback: an asyncssh server that
behaves as the service's documentation and users' transcripts show it. It accepts the ``nokey``
user with a keyboard-interactive login that asks nothing, forwards only a request for port 80
(here served on a free local port, `public_port`), puts a welcome text full of other URLs in its
login banner, and prints ``<name>.lhr.test tunneled with tls termination, https://<name>.lhr.test``
on the session, which it keeps open. It records what the client did, for the tests to assert."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import asyncssh

from .conftest import free_port

WELCOME = (
    "Welcome to the tunnel service!\n\n"
    "Follow your favourite reverse tunnel at [https://social.example/tunnels].\n"
    "To explore it, visit the documentation site:\nhttps://tunnels.example/docs/\n\n"
)


class TunnelService:
    """Start with `start()`, stop with `stop()`; one per test."""

    def __init__(self, name: str = "f7c1b2", host_key: asyncssh.SSHKey | None = None, port: int | None = None) -> None:
        self.url = f"https://{name}.lhr.test"
        self.host_key = host_key or asyncssh.generate_private_key("ssh-ed25519")
        self.port = port or free_port()
        self.public_port = free_port()
        #: user names that logged in, keys offered to it, and (host, port) forwards asked for
        self.logins: list[str] = []
        self.offered_keys: list[asyncssh.SSHKey] = []
        self.forward_requests: list[tuple[str, int]] = []
        self.open_connections = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="tunnel-service", daemon=True)
        self._acceptor: asyncssh.SSHAcceptor | None = None

    def start(self) -> TunnelService:
        self._thread.start()
        self._acceptor = self._call(
            asyncssh.create_server(
                lambda: _Server(self), "127.0.0.1", self.port,
                server_host_keys=[self.host_key], process_factory=self._session,
            )
        )  # fmt: skip
        return self

    def stop(self) -> None:
        """Stop listening and end the loop; again is a no-op."""
        if self._acceptor is None:
            return
        self._acceptor.close()
        self._call(self._acceptor.wait_closed())
        self._acceptor = None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def _call(self, awaitable: Any) -> Any:
        async def run() -> Any:
            return await awaitable

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result(timeout=10)

    async def _session(self, process: asyncssh.SSHServerProcess) -> None:
        process.stdout.write("** your connection id is 0f1e, mention it if you write to us. **\n\n")
        process.stdout.write("authenticated as anonymous user\n")
        process.stdout.write(f"{self.url[8:]} tunneled with tls termination, {self.url}\n")
        process.stdout.write("see https://tunnels.example/docs/forever-free/ for longer lasting names.\n")
        await process.channel.wait_closed()


class _Server(asyncssh.SSHServer):
    def __init__(self, service: TunnelService) -> None:
        self.service = service
        self.connection: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.connection = conn
        self.service.open_connections += 1

    def connection_lost(self, exc: Exception | None) -> None:
        self.service.open_connections -= 1

    def begin_auth(self, username: str) -> bool:
        self.service.logins.append(username)
        assert self.connection is not None
        self.connection.send_auth_banner(WELCOME)
        return True  # "none" is not enough: log in below

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        self.service.offered_keys.append(key)
        return False

    def kbdint_auth_supported(self) -> bool:
        return True

    def get_kbdint_challenge(self, username: str, lang: str, submethods: str) -> bool:
        return username == "nokey"  # accepted without a question

    def server_requested(self, listen_host: str, listen_port: int) -> Any:
        self.service.forward_requests.append((listen_host, listen_port))
        if listen_port != 80:
            return False
        assert self.connection is not None
        # connections to the public port come to the client as forwarded from ("", 80)
        return self.connection.forward_local_port("127.0.0.1", self.service.public_port, listen_host, listen_port)
