"""`Server`: one served app on tornado, its sessions, its thread pool, its lifecycle.

The IO loop runs in a thread of its own, so ``launch()`` can return at once
(``prevent_thread_lock``, notebooks) or block the main thread until Ctrl-C; either way
``close()`` stops the loop and frees the port. User functions run in a pool of ``max_threads``
threads (sync ones) or on the loop (async ones), never blocking the loop.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import secrets
import socket
import ssl
import threading
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tornado.httpserver import HTTPServer
from tornado.httputil import HTTPServerRequest
from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.routing import Router
from tornado.web import Application

from ..request import Request
from ..sessions import Session, SessionStore
from .api import ApiSessions, api_routes
from .api.config import BuiltJson
from .auth import Authenticator, LoginHandler, LogoutHandler
from .files import FileHandler, UploadHandler
from .options import ServerOptions
from .page import BundleHandler, ChunkHandler, FaviconHandler, PageHandler, page_html
from .socket import SessionLink, SessionSocket

if TYPE_CHECKING:
    from ..blocks import Blocks

logger = logging.getLogger("nbblocks")
FIRST_PORT = 7860
PORTS_TRIED = 100


def bind(host: str, port: int | None) -> tuple[list[socket.socket], int]:
    """Listening sockets on ``port`` (0: one the system picks), or on the first free port from
    7860 when None."""
    if port is not None:
        try:
            sockets = listen(host, port)
        except OSError as exc:
            raise OSError(exc.errno, f"Port {port} is in use (or cannot be bound on {host}): {exc.strerror}. "
                          "Pass another server_port to launch(), or stop what is using it.") from None
        return sockets, sockets[0].getsockname()[1]
    for candidate in range(FIRST_PORT, FIRST_PORT + PORTS_TRIED):
        try:
            return listen(host, candidate), candidate
        except OSError:
            continue
    raise OSError(
        f"Cannot find empty port in range: {FIRST_PORT}-{FIRST_PORT + PORTS_TRIED - 1}. You can specify a "
        "different port by setting the GRADIO_SERVER_PORT environment variable or passing the "
        "`server_port` parameter to `launch()`."
    )


def listen(host: str, port: int) -> list[socket.socket]:
    """A listening socket for every address ``host`` resolves to ("localhost": IPv4 and IPv6),
    all on one port. Unlike tornado's ``bind_sockets``, a failed bind closes the sockets already
    made instead of leaving them to the garbage collector (the port search fails often)."""
    sockets: list[socket.socket] = []
    addresses = socket.getaddrinfo(host or None, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE)
    try:
        for family, kind, proto, _, address in sorted(set(addresses), key=lambda info: info[0]):
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                # one socket per family, as tornado does: an IPv6 socket would otherwise take IPv4 too
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            if port == 0 and len(sockets) > 1:  # the port the system picked for the first address
                address = (address[0], sockets[0].getsockname()[1], *address[2:])
            sock.setblocking(False)
            try:
                sock.bind(address)
            except OSError as exc:
                if exc.errno == errno.EADDRNOTAVAIL and family == socket.AF_INET6 and len(addresses) > 1:
                    sockets.pop().close()  # "localhost" names ::1 on a host without IPv6
                    continue
                raise
            sock.listen(128)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    return sockets


class RootPathRouter(Router):
    """Serves ``<root_path path>/x`` as ``/x`` too, so the page (whose URLs all start with
    ``root_path``) also works when opened at the local URL, and behind proxies that forward the
    full path (jupyter-server-proxy's ``/proxy/absolute/<port>/``) as well as those that strip it.

    The prefix matches whole segments only: ``/app/x`` and ``/app`` are stripped, ``/appx`` is
    not (it would serve a sibling path as ours). ``root_path`` is read per request: launch() sets
    it once the port a Jupyter proxy path names is known."""

    def __init__(self, application: Application, options: ServerOptions) -> None:
        self.application = application
        self.options = options

    def find_handler(self, request: HTTPServerRequest, **kwargs: Any) -> Any:
        prefix = urlsplit(self.options.root_path).path.rstrip("/")
        path = request.path or "/"
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            request.path = path[len(prefix):] or "/"
            request.uri = request.path + (f"?{request.query}" if request.query else "")
        return self.application.find_handler(request, **kwargs)


class Server:
    """The served transport for one app."""

    def __init__(self, app: Blocks, options: ServerOptions) -> None:
        self.app = app
        self.options = options
        self.authenticator = Authenticator(options)
        self.store = SessionStore(options.state_session_capacity, options.reconnect_grace)
        self.links: dict[str, SessionLink] = {}
        #: sessions of API clients (gradio_client, curl), in the same store as the pages'
        self.api = ApiSessions(self)
        #: calls for the loop from other threads, run in order at its next wake-up (`call_soon`)
        self._inbox: list[tuple[Callable[..., object], tuple[Any, ...]]] = []
        self._inbox_lock = threading.Lock()
        self._outbox: list[tuple[SessionLink, str]] = []
        self._outbox_lock = threading.Lock()
        self.pool = ThreadPoolExecutor(options.max_threads, thread_name_prefix="nbblocks-fn")
        self.application = Application(self.routes(), **self.settings())
        self.loop: IOLoop
        self._asyncio_loop: asyncio.AbstractEventLoop
        self._thread: threading.Thread | None = None
        self._closed = threading.Event()
        self.port = 0
        #: True when every listening address is a loopback one: then only Host names that are
        #: loopback or configured are answered (`handlers.host_allowed`)
        self.loopback_only = False
        #: the share link once the tunnel is up (`share.py` sets it, again on reconnection)
        self.share_url: str | None = None
        #: the URL through a Jupyter server's proxy (`jupyter.py` sets it); only a path when the
        #: browser's host is unknown
        self.proxied_url: str | None = None
        #: the ``app_id`` of /config: random per launch, where Gradio once showed a memory address
        self.app_id = secrets.randbits(64)
        self.config_json = BuiltJson()
        self.info_json = BuiltJson()

    def routes(self) -> list[tuple[Any, ...]]:
        """Every route; the API's first (its calls are the requests that come by the thousand;
        a page makes a few). No two routes match one path, so their order changes nothing else,
        but for the pages of a multipage app, last: any first segment no route above takes
        (`nbblocks.pages.RESERVED_PATHS` keeps the pages' paths off those)."""
        return [
            *api_routes(),
            (r"/", PageHandler),
            (r"/ws", SessionSocket),
            (r"/static/([\w.]+)", BundleHandler),
            (r"/static/chunks/([\w-]+)\.js", ChunkHandler),
            (r"/favicon\.ico", FaviconHandler),
            (r"/login", LoginHandler),
            (r"/logout", LogoutHandler),
            (r"/file=(.*)", FileHandler, {"path": "/"}),
            (r"/upload", UploadHandler),
            (r"/([^/]+)/?", PageHandler),
        ]

    def settings(self) -> dict[str, Any]:
        settings: dict[str, Any] = {
            "cookie_secret": secrets.token_bytes(32),
            "compress_response": True,
            "websocket_max_message_size": 4 * self.options.max_message_bytes,
            # a page that stops answering pings (asleep, or its network gone without a FIN) is
            # closed within 40 s instead of holding its socket until TCP gives up
            "websocket_ping_interval": 20,
            "websocket_ping_timeout": 20,
            # no access log: like Gradio, the console shows the URL and errors, not every request
            "log_function": lambda handler: None,
        }
        settings.update(self.options.app_kwargs)
        settings["nbblocks_server"] = self
        return settings

    # --- lifecycle -----------------------------------------------------------------------------

    @property
    def local_url(self) -> str:
        host = self.options.server_name
        # an "any address" host is not somewhere to browse to: show the loopback of its family
        shown = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(host, host)
        if ":" in shown:
            shown = f"[{shown}]"
        return f"{self.options.scheme}://{shown}:{self.port}/"

    def start(self) -> None:
        """Bind the port, start the loop thread, and check the server answers its own URL."""
        try:
            # the certificate is loaded here, not on the loop thread: a wrong ssl_keyfile_password
            # must reach the caller as an error, not leave start() waiting for a loop that died
            tls = self._ssl_context()
            sockets, self.port = bind(self.options.server_name, self.options.server_port)
            self.loopback_only = all(ipaddress.ip_address(sock.getsockname()[0]).is_loopback for sock in sockets)
        except BaseException:  # ssl.SSLError and a busy port included
            self.close()  # the pool and the cache folder exist already
            raise
        started = threading.Event()
        failed: list[BaseException] = []
        self._thread = threading.Thread(
            target=self._run, args=(sockets, tls, started, failed), name="nbblocks-server", daemon=True
        )
        self._thread.start()
        started.wait()
        if failed:
            self._thread = None
            self.close()
            raise failed[0]
        self._check_ready()

    def _run(
        self, sockets: list[socket.socket], tls: ssl.SSLContext | None, started: threading.Event, failed: list[BaseException]
    ) -> None:
        try:
            self._asyncio_loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._asyncio_loop)
            self.loop = IOLoop.current()
            router = RootPathRouter(self.application, self.options)
            options = self.options
            http = HTTPServer(
                router, ssl_options=tls, max_body_size=options.max_body_bytes,
                idle_connection_timeout=options.idle_connection_timeout, body_timeout=options.body_timeout,
                max_header_size=int(options.max_header_size),
            )  # fmt: skip
            http.add_sockets(sockets)
            reaper = PeriodicCallback(self._reap, 1000)
            reaper.start()
            if self.app.delete_cache:
                frequency, age = self.app.delete_cache
                def clean() -> None:
                    self.pool.submit(self.app.file_cache.delete_older_than, age)

                cleaner = PeriodicCallback(clean, frequency * 1000)
                cleaner.start()
        except BaseException as exc:  # start() must hear of it, not wait for a loop that never runs
            failed.append(exc)
            for sock in sockets:
                sock.close()
            if hasattr(self, "_asyncio_loop"):
                self._asyncio_loop.close()
            return
        finally:
            started.set()
        try:
            self.loop.start()
        finally:
            reaper.stop()
            http.stop()
            self._asyncio_loop.run_until_complete(http.close_all_connections())
            self.loop.close(all_fds=True)

    def _ssl_context(self) -> ssl.SSLContext | None:
        if not self.options.ssl_certfile:
            return None
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        try:
            context.load_cert_chain(self.options.ssl_certfile, self.options.ssl_keyfile, self.options.ssl_keyfile_password)
        except ssl.SSLError as exc:
            raise ssl.SSLError(
                f"Cannot load ssl_certfile {self.options.ssl_certfile!r} with ssl_keyfile {self.options.ssl_keyfile!r}: "
                f"{exc.reason or exc}. Is ssl_keyfile_password right, and does the key match the certificate?"
            ) from None
        return context

    def _check_ready(self) -> None:
        """Fetch a public asset from our own URL, verifying TLS unless ``ssl_verify=False``."""
        context = None
        if self.options.scheme == "https":
            context = ssl.create_default_context()
            if not self.options.ssl_verify:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
        url = self.local_url + "static/nbblocks.css"
        try:
            with urllib.request.urlopen(url, timeout=10, context=context) as response:
                response.read(1)
        except Exception as exc:
            self.close()
            raise RuntimeError(
                f"The server started but could not be reached at {self.local_url} ({exc}). With a "
                "self-signed certificate pass ssl_verify=False; otherwise check proxy settings for localhost."
            ) from None

    def block_until_closed(self) -> None:
        """Hold the main thread until ``close()`` or Ctrl-C (which closes)."""
        try:
            while not self._closed.wait(0.5):
                pass
        except KeyboardInterrupt:
            if not self.options.quiet:
                print("Keyboard interruption in main thread... closing server.")
            self.close()

    def close(self) -> None:
        """Stop serving: end every session, stop the loop, free the port (the app's files stay,
        for a later launch: `nbblocks.cache`)."""
        if self._closed.is_set():
            return
        self._closed.set()
        if self._thread is not None:
            self.loop.add_callback(self.loop.stop)
            self._thread.join(timeout=10)
        for session in self.store.remove_all():
            session.end()
        self.pool.shutdown(wait=False, cancel_futures=True)

    # --- sessions (called on the loop) ---------------------------------------------------------

    def attach(self, session_hash: str, page: SessionSocket) -> SessionLink | None:
        """The link for a page's session: the kept one for a known hash, else a new session.
        None (the page is told its session ended) when the hash is another user's session."""
        if session_hash in self.api:  # an API client's session is not a page's to take over
            page.close(code=4002, reason="session ended")
            return None
        link = self.links.get(session_hash)
        if link is not None and link.session.request.username != (page.current_user or None):
            # a hash is a bearer token for the session's values; under auth it is only good
            # for the user who opened the session
            page.close(code=4002, reason="session ended")
            return None
        if link is not None and self.store.attach(session_hash) is not None:
            previous, link.socket = link.socket, page
            link.session.reconnect()
            if previous is not None and previous is not page:
                previous.close(code=4001, reason="session opened in another page")
            return link
        link = SessionLink(self)
        # the handshake's headers are kept only if some function asks for a gr.Request:
        # otherwise they would be most of an idle session's memory
        if self.app.takes_requests():
            request = page.visitor_request(session_hash)
        else:
            request = Request(session_hash, username=page.current_user or None)
        link.session = Session(self.app, link.emit, session_hash=session_hash, request=request, run_coroutine=self.run_on_loop)
        link.socket = page
        self.links[session_hash] = link
        for evicted in self.store.add(link.session):
            self._end(evicted)
        return link

    def detach(self, link: SessionLink, page: SessionSocket) -> None:
        if link.socket is page:
            link.socket = None
            self.store.detach(link.session.hash)
            link.session.disconnect()

    def _reap(self) -> None:
        """Every second: end the sessions and the logins that expired."""
        self._end_expired_sessions()
        self.authenticator.end_expired()

    def _end_expired_sessions(self) -> None:
        for session in self.store.expired():
            self._end(session)

    def _end(self, session: Session) -> None:
        self.api.forget(session.hash)
        link = self.links.pop(session.hash, None)
        if link is not None and link.socket is not None:
            link.socket.close(code=4002, reason="session ended")
        self.pool.submit(session.end)

    def call_soon(self, fn: Callable[..., object], *args: Any) -> None:
        """Run ``fn(*args)`` on the loop, from any thread. Calls from all threads share one loop
        wake-up per burst: a wake-up (a write to the loop's pipe, an epoll return) costs more
        than most calls."""
        with self._inbox_lock:
            wake = not self._inbox
            self._inbox.append((fn, args))
        if wake:
            self.loop.add_callback(self._run_inbox)

    def _run_inbox(self) -> None:
        with self._inbox_lock:
            calls, self._inbox = self._inbox, []
        for fn, args in calls:
            try:
                fn(*args)
            except Exception:  # one failing call must not drop the others
                logger.exception("Error in a call on the server's loop")

    def send_soon(self, link: SessionLink, text: str) -> None:
        """Queue a message for the loop to write. Messages from all threads share one outbox,
        written as one frame per page (`_flush_outbox`)."""
        with self._outbox_lock:
            wake = not self._outbox
            self._outbox.append((link, text))
        if wake:
            self.call_soon(self._flush_outbox)

    def _flush_outbox(self) -> None:
        """Write what the outbox holds: one frame per page, a list when it has several messages
        (a quick run's running, update and complete: one frame, as in a notebook's comm)."""
        with self._outbox_lock:
            outbox, self._outbox = self._outbox, []
        frames: dict[SessionLink, list[str]] = {}
        for link, text in outbox:
            frames.setdefault(link, []).append(text)
        for link, texts in frames.items():
            link.write(texts[0] if len(texts) == 1 else f"[{','.join(texts)}]")

    def run_on_loop(self, coroutine: Any) -> Any:
        """Run an async user function on the server's loop, from a worker thread."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._asyncio_loop).result()

    def page_html(self, page: str = "") -> str:
        app = self.app
        return page_html(
            title=app.title, root_path=self.options.root_path, head=app.head,
            show_api=self.options.show_api, favicon=self.options.favicon_path is not None, page=page,
        )  # fmt: skip
