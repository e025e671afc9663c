"""Fetching a URL an API client gave as a file input, without letting it reach the server's own network.

An input ``handle_file("https://host/cat.png")`` makes the server download that URL. Pointed at
``http://127.0.0.1:8888/`` or ``http://169.254.169.254/`` (a cloud's metadata service), it would
have the server read what only the server can reach and hand it back: server-side request
forgery. So, as Gradio does:

- the host is resolved once and every address it resolves to must be public (not loopback,
  private, link-local, multicast, reserved or unspecified): one private answer refuses it all;
- the connection goes to the address that was checked, never to a second resolution (a DNS
  answer that changes between check and connect, "DNS rebinding", gains nothing); TLS still
  verifies the certificate against the host name;
- redirects are followed by hand, at most `MAX_REDIRECTS`, each new location checked the same way;
- the body streams into the cache within the app's ``max_file_size`` (else `DEFAULT_LIMIT`).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .cache import FileCache, FileTooLarge
from .exceptions import Error

MAX_REDIRECTS = 5
#: the largest body fetched when the app sets no ``max_file_size``, in bytes
DEFAULT_LIMIT = 100 * 1024 * 1024
TIMEOUT = 30.0
_CHUNK = 256 * 1024


def public_address(host: str, port: int) -> str:
    """The address to connect to for ``host``: raise `gr.Error` unless every address it resolves
    to is a public one."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise Error(f"Cannot resolve the host of the URL {host!r}: {exc}") from None
    addresses = [str(info[4][0]) for info in infos]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 scope id is no part of it
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
        if not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified:
            raise Error(f"The URL's host {host!r} is not a public address: the server does not fetch it.")
    if not addresses:
        raise Error(f"Cannot resolve the host of the URL {host!r}")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the checked address, whatever the host name resolves to by then."""

    def __init__(self, host: str, port: int, address: str) -> None:
        super().__init__(host, port, timeout=TIMEOUT)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str) -> None:
        super().__init__(host, port, timeout=TIMEOUT, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def fetch_to_cache(url: str, cache: FileCache) -> Path:
    """Download ``url`` (http or https, public hosts only) into ``cache``; raise `gr.Error`
    saying why when it is refused or fails. Nothing partial is kept."""
    limit = cache.max_file_size if cache.max_file_size is not None else DEFAULT_LIMIT
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Error(f"Only http and https URLs can be fetched, not {url[:100]!r}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = public_address(parts.hostname, port)
        kind = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        connection = kind(parts.hostname, port, address)
        try:
            connection.request("GET", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location", ""))
                continue
            if response.status != 200:
                raise Error(f"Fetching the URL failed: HTTP {response.status}")
            name = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]) or "file"
            incoming = cache.incoming(name, limit)
            try:
                while chunk := response.read(_CHUNK):
                    incoming.write(chunk)
            except FileTooLarge as exc:
                raise Error(str(exc)) from None
            except BaseException:
                incoming.abort()
                raise
            return incoming.finish()
        except (OSError, http.client.HTTPException) as exc:
            raise Error(f"Fetching the URL failed: {exc}") from None
        finally:
            connection.close()
    raise Error(f"The URL redirects more than {MAX_REDIRECTS} times.")
