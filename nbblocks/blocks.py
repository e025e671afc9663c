"""`Blocks`: the app. A context that collects the block tree and the listeners registered in it.

Launching reaches a transport lazily: in a notebook ``launch()`` displays the widget inline
(`nbblocks.notebook`); the served transport is imported only when a server is started.
"""

from __future__ import annotations

import os
import sys
import weakref
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Bool, Unicode

from .block import Block, BlockContext, _Context, current_app, current_parent, tree_changed, tree_version
from .cache import FileCache
from .engine import analyze
from .events import Dependency, EventListener, block_list, listener_options, with_keyword_inputs
from .pages import MAIN_PAGE, Page, new_page
from .protocol import AppProps
from .queue import EventQueue, QueueSettings
from .request import Request

if TYPE_CHECKING:
    from .endpoints import Endpoint
    from .i18n import I18n
    from .server import Server, ServerOptions
    from .server.share import ShareTunnel


def _text_or_file(value: str | None) -> str | None:
    """Gradio's css/js arguments take the text itself or a path to a file holding it."""
    if value and len(value) < 4096 and os.path.isfile(value):
        with open(value, encoding="utf-8") as handle:
            return handle.read()
    return value


def _read_all(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None) -> list[str]:
    """The text of each file of ``css_paths``/``head_paths`` (one path or several)."""
    if paths is None:
        return []
    listed = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    return [Path(path).read_text(encoding="utf-8") for path in listed]


#: the apps launched in this process (`close_all`), until closed or collected
_serving: weakref.WeakSet[Blocks] = weakref.WeakSet()


def close_all(verbose: bool = True) -> None:
    """Gradio's ``gr.close_all()``: close every app this process launched (their ports freed)."""
    for app in list(_serving):
        app.close()


class Blocks(BlockContext):
    """Gradio's low-level API: ``with gr.Blocks() as demo:`` then add layouts, components and
    listeners; ``demo`` displays inline in a notebook."""

    load = EventListener()
    title = Unicode("Gradio").tag(prop=True)
    fill_height = Bool(False).tag(prop=True)

    def __init__(
        self,
        theme: Any = None,
        analytics_enabled: bool | None = None,
        mode: str = "blocks",
        title: str = "Gradio",
        css: str | None = None,
        js: str | None = None,
        head: str | None = None,
        fill_height: bool = False,
        fill_width: bool = False,
        delete_cache: tuple[int, int] | None = None,
        css_paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        head_paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        # fill_width (Gradio 5): the app here always spans its container (a notebook cell, the
        # page), as Gradio's does with fill_width=True; there is no narrower look to choose
        self.theme: Any = None
        self.css: str | None = None
        self.js: str | None = None
        self.head: str | None = None
        self.set_look(theme=theme, css=css, js=js, head=head, css_paths=css_paths, head_paths=head_paths)  # Gradio 5's *_paths too
        self.analytics_enabled = analytics_enabled
        self.mode = mode
        self.delete_cache = delete_cache
        #: the app's files: uploads and what its functions return (a folder made on first use)
        self.file_cache = FileCache()
        self.dependencies: list[Dependency] = []
        self._listeners: dict[tuple[int, str], list[Dependency]] = {}
        self._chained: dict[int, list[Dependency]] = {}
        #: the apps rendered into this one, and their listeners' copies here
        self._adopted_apps: set[int] = set()
        self._copies: dict[Dependency, Dependency] = {}
        self.unload_fns: list[Callable[[], Any]] = []
        self.queue_settings = QueueSettings()
        self.show_error = False
        self.max_threads = 40  # worker threads for user functions (launch(max_threads=...))
        #: the running server once launched, and its share tunnel if it has one
        self.server: Server | None = None
        self._share_tunnel: ShareTunnel | None = None
        #: the app's URL through a Jupyter server's proxy (``<base>/proxy/<port>/``), once served so
        self.proxied_url: str | None = None
        #: one entry per open ``with``: whether it is nested in another app, and where its children start
        self._entered: list[tuple[bool, int]] = []
        #: the app's pages (`route`), the main one first; blocks and listeners made now go to
        #: ``current_page``; each root child's page, by id
        self.pages: list[Page] = [MAIN_PAGE]
        self.current_page = ""
        self._page_of: dict[int, str] = {}
        self._event_queue: EventQueue | None = None
        #: `components()`, kept with the tree version and number of listeners it was built for
        self._index: tuple[tuple[int, int], dict[int, Block]] | None = None
        #: `endpoints.endpoints`' cache, valid while the number of listeners is unchanged
        self._api_endpoints: list[Endpoint] = []
        kwargs.setdefault("render", False)
        super().__init__(title=title, fill_height=fill_height, **kwargs)

    def set_look(
        self,
        *,
        theme: Any = None,
        css: str | None = None,
        css_paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        js: str | None = None,
        head: str | None = None,
        head_paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    ) -> None:
        """Set what Gradio 4 took in ``Blocks()`` and Gradio 6 takes in ``launch()``; an argument
        left None keeps what the other place set. ``css_paths``/``head_paths`` are files whose
        text follows ``css``/``head``."""
        if theme is not None:  # None is the front end's own look, the Default theme: nothing to load
            from .themes._theme import theme_from_argument

            self.theme = theme_from_argument(theme)
        if css is not None or css_paths is not None:
            self.css = "\n".join(filter(None, [_text_or_file(css), *_read_all(css_paths)])) or None
        if js is not None:
            self.js = _text_or_file(js)
        if head is not None or head_paths is not None:
            self.head = "\n".join(filter(None, [head, *_read_all(head_paths)])) or None

    @property
    def type_name(self) -> str:
        """Drawn as an app, whatever the subclass (Interface, ChatInterface...)."""
        return "blocks"

    @classmethod
    def around(cls, block: Block) -> Blocks:
        """An app that shows one block on its own (a component displayed alone in a notebook)."""
        from .filedata import cache_of

        app = cls()
        app.children = [block]  # the block keeps its real parent: this app only views it
        app.file_cache = cache_of(block)  # its files are where the block converts them
        app.attach_value_functions()
        return app

    def __enter__(self) -> Blocks:
        # Inside another app's `with`, this one is nested (Gradio's `with gr.Blocks():` within
        # one): its listeners go to the outer app and its blocks join the enclosing context.
        outer = current_app()
        nested = outer is not None and outer is not self
        self._entered.append((nested, len(self.children)))
        if not nested:
            _Context.apps.append(self)
        _Context.parents.append(self)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        nested, first_child = self._entered.pop()
        _Context.parents.pop()
        if not nested:
            _Context.apps.pop()
            if exc_type is None:
                self.attach_value_functions()
        elif exc_type is None:
            self._join_enclosing_context(self.children[first_child:])

    def clear(self) -> Blocks:
        """Gradio's: forget every block and listener, to build the app afresh
        (``with demo.clear():``)."""
        self.children = []
        self.dependencies = []
        self._listeners, self._chained, self._copies = {}, {}, {}
        self._index, self._api_endpoints, self._page_of = None, [], {}
        tree_changed()
        return self

    def _nested(self) -> bool:
        return bool(self._entered and self._entered[-1][0])

    def render(self) -> Blocks:
        """Inside another app's ``with``, add this app to it, as Gradio does to combine demos
        (``with gr.Tab("A"): demo_a.render()``): its blocks join the enclosing context and its
        listeners, load and unload functions become the other app's. Elsewhere a no-op."""
        app = current_app()
        if app is not None and app is not self:
            app.adopt(self)
            self._join_enclosing_context(list(self.children))
        return self

    def _join_enclosing_context(self, children: list[Block]) -> None:
        """Gradio splices a nested app's children into the enclosing context (a Row lays them
        side by side) rather than nesting the app itself; they stay this app's children too."""
        parent = current_parent()
        if parent is not None:
            for child in children:
                parent.add_child(child)

    # --- listeners ---------------------------------------------------------------------------

    def add_dependency(
        self,
        targets: list[tuple[Block, str]],
        fn: Callable[..., Any] | None,
        inputs: Any,
        outputs: Any,
        options: dict[str, Any],
        trigger_after: int | None = None,
        trigger_only_on_success: bool = False,
        trigger_only_on_failure: bool = False,
        page: str | None = None,
    ) -> Dependency:
        """Register a listener; called by every listener method, ``gr.on`` and ``.then()``. It
        belongs to ``page`` (by default the page being built), which matters for a ``load``."""
        for block, event in targets:
            if event not in block.EVENTS:
                raise ValueError(f"{type(block).__name__} has no event {event!r}; it has {block.EVENTS}")
        if fn is not None and not callable(fn):
            raise TypeError(f"fn must be callable or None, not {fn!r}")
        options = dict(options)
        if by_name := options.pop("inputs_kwargs", None):
            if fn is None:
                raise TypeError("inputs_kwargs needs a function whose parameters it names")
            inputs = with_keyword_inputs(fn, inputs, by_name)
        ins, as_dict = block_list(inputs)
        outs, _ = block_list(outputs)
        if fn is None:
            options = {**options, "show_api": False}
        settled = listener_options(targets[0][1] if targets else "then", fn is not None, **options)
        if settled.cancels:  # a listener of an app rendered into this one is known by its copy here
            settled = replace(settled, cancels=tuple(self._copies.get(dep, dep) for dep in settled.cancels))
        # the page fires every load listener: a nested or rendered app's load is this app's
        pairs = [(self if event == "load" and isinstance(block, Blocks) else block, event) for block, event in targets]
        return self._register(
            Dependency(
                app=self,
                id=len(self.dependencies),
                targets=[(block._id, event) for block, event in pairs],
                fn=fn,
                inputs=ins,
                outputs=outs,
                inputs_as_dict=as_dict,
                options=settled,
                trigger_after=trigger_after,
                trigger_only_on_success=trigger_only_on_success,
                trigger_only_on_failure=trigger_only_on_failure,
                spec=analyze(fn),
                page=self.current_page if page is None else page,
            )
        )

    def _register(self, dep: Dependency) -> Dependency:
        self.dependencies.append(dep)
        for pair in dep.targets:
            self._listeners.setdefault(pair, []).append(dep)
        if dep.trigger_after is not None:
            self._chained.setdefault(dep.trigger_after, []).append(dep)
        return dep

    def adopt(self, other: Blocks) -> None:
        """Copy ``other``'s listeners (in order, ``.then`` chains and ``cancels`` kept) and its
        unload functions into this app, and take its files as this app's; api names already
        taken get Gradio's ``_1`` suffix."""
        if other._id in self._adopted_apps:
            raise ValueError(f"A block with id: {other._id} has already been rendered in the current Blocks.")
        self._adopted_apps.add(other._id)
        copies: dict[Dependency, Dependency] = {}
        for dep in other.dependencies:
            after = None if dep.trigger_after is None else copies[other.dependencies[dep.trigger_after]].id
            copies[dep] = self._register(
                replace(
                    dep,
                    app=self,
                    id=len(self.dependencies),
                    targets=[(self._id if block_id == other._id else block_id, event) for block_id, event in dep.targets],
                    trigger_after=after,
                    page=self.current_page,
                )
            )
        for copy in copies.values():
            if copy.options.cancels:
                copy.options = replace(copy.options, cancels=tuple(copies.get(d, d) for d in copy.options.cancels))
        self._copies.update(copies)
        self.unload_fns.extend(other.unload_fns)
        self.file_cache.include(other.file_cache)

    def attach_value_functions(self) -> None:
        """Make each component's ``value=fn`` with ``inputs`` or ``every`` a listener, as Gradio
        does once the app is built: it runs as a session starts (the app's ``load``), again when
        one of its ``inputs`` changes and every ``every`` seconds (or on each tick of a
        `gr.Timer` given as ``every``), and its return becomes the component's value in that
        session. Hidden (``api_name=False``): it is the component's own, not a function to call.
        A component given one by this app or by an app rendered into it keeps that one."""
        from .components.base import Component
        from .components.timer import Timer

        for block in list(self.components().values()):
            if not isinstance(block, Component) or not block.needs_value_listener():
                continue
            owner = block.value_listener.app if block.value_listener else None
            if owner is self or (owner is not None and owner._id in self._adopted_apps):
                continue
            triggers = [(source, "change") for source in block.value_inputs if "change" in source.EVENTS]
            every = block.every
            if isinstance(every, Timer):
                triggers.append((every, "tick"))
                every = None
            options = {"every": every, "show_progress": "hidden", "api_name": False, "show_api": False}
            triggers.append((self, "load"))
            block.value_listener = self.add_dependency(
                triggers, block.value_fn, block.value_inputs, [block], options, page=self.page_of(block)
            )

    def takes_requests(self) -> bool:
        """Whether any listener's function declares a gr.Request parameter."""
        return any(cls is Request for dep in self.dependencies for _, cls, _ in dep.spec.special)

    def listeners(self, block_id: int, event: str) -> list[Dependency]:
        return self._listeners.get((block_id, event), [])

    def chained_after(self, dep_id: int) -> list[Dependency]:
        return self._chained.get(dep_id, [])

    def listener_pairs(self) -> list[tuple[int, str]]:
        """The (block id, event) pairs the front end must report."""
        return [pair for pair, deps in self._listeners.items() if deps]

    def unload(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` (no arguments, result unused) when a session ends."""
        nested_in = current_app() if self._nested() else None  # then the outer app's sessions end
        (nested_in or self).unload_fns.append(fn)

    # --- the tree ----------------------------------------------------------------------------

    def components(self) -> dict[int, Block]:
        """Every block of the app by id: the tree, plus inputs/outputs living outside it. Messages
        look their block up here, so the index is kept until a tree changes or a listener is
        added; callers must not change it."""
        version = (tree_version(), len(self.dependencies))
        if self._index is None or self._index[0] != version:
            self._index = (version, self._find_components())
        return self._index[1]

    def _find_components(self) -> dict[int, Block]:
        found: dict[int, Block] = {self._id: self}
        found.update((block._id, block) for block in self.walk())
        for dep in self.dependencies:
            found.update((block._id, block) for block in dep.inputs)
            found.update((block._id, block) for block in dep.outputs)
        return found

    def initial_values(self) -> dict[int, Any]:
        """Values for a new session (value functions re-run, States copied)."""
        return {
            block_id: block.session_value()
            for block_id, block in self.components().items()
            if hasattr(block, "session_value")
        }

    def output_only_ids(self) -> frozenset[int]:
        """Components that are written by listeners but never read or triggered by the user:
        Gradio renders those non-interactive unless ``interactive`` is given."""
        written: set[int] = set()
        read: set[int] = set()
        for dep in self.dependencies:
            written.update(block._id for block in dep.outputs)
            read.update(block._id for block in dep.inputs)
            read.update(block_id for block_id, _ in dep.targets)
        return frozenset(written - read)

    def app_props(self) -> AppProps:
        css = self.css
        if self.theme is not None:
            from .themes._css import app_css

            css = "\n".join(part for part in (app_css(self.theme, self._id), self.css) if part) or None
        return {
            "title": self.title,
            "css": css,  # the user's css after the theme's, so it wins
            "js": self.js,
            "fill_height": self.fill_height,
            "show_error": self.show_error,
        }

    def route(self, name: str, path: str | None = None, show_in_navbar: bool = True) -> Blocks:
        """Gradio 5's multipage apps: ``with demo.route("Settings"):`` builds a page of this app
        (`nbblocks.pages`), served at ``<root>/settings`` (``path``, or made from ``name``) and
        listed in the navigation bar unless ``show_in_navbar=False``."""
        if current_app() is not None:
            raise ValueError(
                "You cannot create a route while inside a Blocks() context. Call route() outside the "
                "Blocks() context (unindent this line)."
            )
        page = new_page(name, path, show_in_navbar, self.pages)
        self.pages.append(page)
        self.current_page = page.path
        return self

    def add_child(self, child: Block) -> None:
        super().add_child(child)
        self._page_of[child._id] = self.current_page

    def page_of(self, block: Block) -> str:
        """The page a block of this app is on (its root ancestor's)."""
        while block.parent is not None and block.parent is not self:
            block = block.parent
        return self._page_of.get(block._id, "")

    def page_children(self, page: str) -> list[Block]:
        """The root children of one page."""
        return [child for child in self.children if self._page_of.get(child._id, "") == page]

    # --- running -----------------------------------------------------------------------------

    def queue(
        self,
        status_update_rate: float | Literal["auto"] = "auto",
        api_open: bool | None = None,
        max_size: int | None = None,
        concurrency_count: int | None = None,
        *,
        default_concurrency_limit: int | None | Literal["not_set"] = "not_set",
    ) -> Blocks:
        """Record queue settings (Gradio's arguments and defaults); returns the app for chaining."""
        self.queue_settings = QueueSettings.from_arguments(
            status_update_rate, api_open, max_size, concurrency_count, default_concurrency_limit
        )
        if status_update_rate != "auto":
            self.event_queue().announce_every(float(status_update_rate))
        return self

    def launch(
        self,
        inline: bool | None = None,
        inbrowser: bool = False,
        share: bool | None = None,
        debug: bool = False,
        max_threads: int = 40,
        auth: Any = None,
        auth_message: str | None = None,
        prevent_thread_lock: bool = False,
        show_error: bool = False,
        server_name: str | None = None,
        server_port: int | None = None,
        *,
        height: int = 500,
        width: int | str = "100%",
        favicon_path: str | None = None,
        ssl_keyfile: str | None = None,
        ssl_certfile: str | None = None,
        ssl_keyfile_password: str | None = None,
        ssl_verify: bool = True,
        quiet: bool = False,
        show_api: bool = True,
        allowed_paths: list[str] | None = None,
        blocked_paths: list[str] | None = None,
        root_path: str | None = None,
        app_kwargs: dict[str, Any] | None = None,
        state_session_capacity: int = 10000,
        share_server_address: str | None = None,
        share_server_protocol: Literal["http", "https"] | None = None,
        auth_dependency: Callable[[Any], str | None] | None = None,
        max_file_size: str | int | None = None,
        theme: Any = None,
        css: str | None = None,
        css_paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        js: str | None = None,
        head: str | None = None,
        head_paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        ssr_mode: bool | None = None,
        footer_links: list[Any] | None = None,
        run_history: bool | None = None,
        share_server_tls_certificate: str | None = None,
        enable_monitoring: bool | None = None,
        strict_cors: bool = True,
        node_server_name: str | None = None,
        node_port: int | None = None,
        pwa: bool | None = None,
        mcp_server: bool | None = None,
        num_workers: int | None = None,
        i18n: I18n | None = None,  # nothing to do: i18n() gave each text already (nbblocks/i18n.py)
    ) -> Any:
        """Show the app. In a notebook (``inline`` defaults to True there) it renders inline as a
        live widget, with no server, port or iframe; with ``share=True`` (or GRADIO_SHARE) it is
        also served, with a share link. Otherwise it is served over HTTP; the main
        thread then blocks until Ctrl-C unless ``prevent_thread_lock`` (or in a notebook), and
        always with ``debug``, except in a notebook: there ``debug`` shows each error of the
        app's events, with its traceback, below the launching cell, and the kernel stays free to
        run the events. Returns Gradio's (app, local URL, share URL) triple.

        From a kernel under a Jupyter server with jupyter-server-proxy (JupyterHub, Binder) it also
        shows the proxied URL as a link, where the browser reaches the app, keeps it in
        ``demo.proxied_url`` and returns it in the triple's last place when there is no share link
        (the URL to give the browser); the local URL stays second, for code in the kernel (such
        as ``gradio_client``), which reaches it directly.

        ``theme``, ``css``, ``css_paths``, ``js``, ``head``, ``head_paths`` are Gradio 6's places
        for what Gradio 4 took in ``Blocks()``; ``ssr_mode`` is accepted (the page is drawn in
        the browser: nothing to render server-side); the rest of Gradio 5/6's keywords warn once
        when set (`nbblocks.accepted`)."""
        from .accepted import warn_unused
        from .notebook import display_inline, in_notebook
        from .notebook.errors import show_errors_in_cell

        self.set_look(theme=theme, css=css, css_paths=css_paths, js=js, head=head, head_paths=head_paths)
        warn_unused(
            "launch()", footer_links=footer_links, run_history=run_history, enable_monitoring=enable_monitoring or None,
            share_server_tls_certificate=share_server_tls_certificate, strict_cors=None if strict_cors else False,
            node_server_name=node_server_name, node_port=node_port, pwa=pwa or None, mcp_server=mcp_server or None,
            num_workers=num_workers,
        )  # fmt: skip
        self.show_error = show_error
        self.max_threads = max_threads
        self.file_cache.set_rules(allowed_paths or [], blocked_paths or [], max_file_size)
        notebook = in_notebook()
        if inline is None:
            inline = notebook
        if share is None:
            # GRADIO_SHARE=True asks for a link; as Gradio, so does a served launch in Colab, whose
            # kernel's own ports the browser cannot reach
            sharing_env = os.environ.get("GRADIO_SHARE", "").strip().lower() == "true"
            share = sharing_env or (not inline and "google.colab" in sys.modules)
        if inline and notebook:
            shown = display_inline(self, height=height, width=width)
            if not share:
                show_errors_in_cell(self, debug)
                return shown
            # a share link asked for in a notebook: served and shared too, as Gradio does there
        from .server import ServerOptions

        options = ServerOptions.from_launch(
            server_name=server_name, server_port=server_port, root_path=root_path, max_threads=max_threads,
            auth=auth, auth_message=auth_message, auth_dependency=auth_dependency, ssl_keyfile=ssl_keyfile,
            ssl_certfile=ssl_certfile, ssl_keyfile_password=ssl_keyfile_password, ssl_verify=ssl_verify,
            allowed_paths=allowed_paths, blocked_paths=blocked_paths, max_file_size=max_file_size,
            favicon_path=favicon_path, show_api=show_api, state_session_capacity=state_session_capacity,
            app_kwargs=app_kwargs, quiet=quiet, debug=debug, share=share,
            share_server_address=share_server_address, share_server_protocol=share_server_protocol,
        )  # fmt: skip
        return self._serve(options, notebook, prevent_thread_lock, inbrowser, root_path)

    def _serve(
        self, options: ServerOptions, notebook: bool, prevent_thread_lock: bool, inbrowser: bool, root_path: str | None
    ) -> Any:
        """Serve the app (``root_path`` as given to launch(): None lets a Jupyter proxy set it)."""
        from .server import serve

        self._stop_serving()
        self.server = serve(self, options)
        _serving.add(self)
        if notebook:  # debug=True shows the app's errors below the cell, and leaves the kernel free
            from .notebook.errors import show_errors_in_cell

            show_errors_in_cell(self, options.debug)
        elif options.debug:
            _log_errors_to_stderr()
        if not options.quiet:
            print(f"Running on local URL: {self.server.local_url.rstrip('/')}", flush=True)
        self.proxied_url = None
        if notebook:  # a kernel under JupyterHub, Binder or a remote JupyterLab: see server/jupyter.py
            from .server.jupyter import serve_through_proxy, show_proxied_url

            self.proxied_url = serve_through_proxy(self.server, root_path)
            if self.proxied_url and not options.quiet:
                show_proxied_url(self.proxied_url)  # a link: under JupyterHub often only a path
        share_url = None
        if options.share:
            from .server.share import open_share

            tunnel = open_share(self.server)  # prints the public URL, or one line saying why not
            if tunnel is not None:
                self._share_tunnel = tunnel
                share_url = tunnel.url
        if inbrowser:
            import webbrowser

            webbrowser.open(self.server.local_url)
        launched = Quiet((self.server.application, self.server.local_url, share_url or self.proxied_url))
        if not notebook and (options.debug or not prevent_thread_lock):
            self.server.block_until_closed()
            self.close()  # closed by Ctrl-C or another thread: undo the rest of the launch too
        return launched

    def integrate(self, comet_ml: Any = None, wandb: Any = None, mlflow: Any = None) -> None:
        """A catch-all method for integrating with other libraries. This method should be run after launch()

        Logs the app's URL (its share link, else its Jupyter proxy URL, else its local URL) to a
        comet_ml Experiment, the wandb module's current run and/or the mlflow module's active run;
        `nbblocks.integrations` says what each receives. An app only rendered inline in a notebook
        has no URL: ValueError."""
        from .integrations import integrate

        integrate(self, comet_ml=comet_ml, wandb=wandb, mlflow=mlflow)

    def event_queue(self) -> EventQueue:
        """The app's queue, made on first use; every session's events go through it."""
        if self._event_queue is None:
            from .execution import run_jobs

            self._event_queue = EventQueue(self, run_jobs)
            rate = self.queue_settings.status_update_rate
            if rate != "auto":  # made again after close(): it announces on its timer too
                self._event_queue.announce_every(float(rate))
        return self._event_queue

    @property
    def server_port(self) -> int | None:
        """The port the app is served on once launched (Gradio's ``demo.server_port``), else None."""
        return self.server.port if self.server is not None else None

    @property
    def local_url(self) -> str | None:
        """The app's local URL once served (Gradio's ``demo.local_url``), else None."""
        return self.server.local_url if self.server is not None else None

    def close(self) -> None:
        """Stop the app's server (freeing its port), close its notebook rendering, if any, and
        end its queue's worker threads (a later launch starts a new queue)."""
        _serving.discard(self)
        self._stop_serving()
        widget, self._widget = self._widget, None
        if widget is not None:
            widget.close()
        if self._event_queue is not None:
            self._event_queue.close()
            self._event_queue = None
        from .notebook.errors import show_errors_in_cell

        show_errors_in_cell(self, False)

    def _stop_serving(self) -> None:
        """Close the share tunnel and the server, if any (a new launch replaces them)."""
        tunnel, self._share_tunnel = self._share_tunnel, None
        if tunnel is not None:
            tunnel.close()
        if self.server is not None:
            if self.server.options.debug:
                _log_errors_to_stderr(False)
            self.server.close()
            self.server = None


class Quiet(tuple[Any, ...]):
    """launch()'s return value: a tuple that shows nothing as a cell's last value."""

    def __repr__(self) -> str:
        return ""

    def _ipython_display_(self) -> None:
        """Jupyter shows no ``Out[n]:`` for it: the app itself is already displayed."""


def _log_errors_to_stderr(on: bool = True) -> None:
    """``debug=True``: every error of a user function is printed with its traceback, until the
    server closes (the handler holds the ``sys.stderr`` of its time, which may not outlive it)."""
    import logging

    logger = logging.getLogger("nbblocks")
    ours = [h for h in logger.handlers if getattr(h, "nbblocks_debug", False)]
    if on and not ours:
        handler = logging.StreamHandler()
        handler.nbblocks_debug = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    elif not on:
        for added in ours:
            logger.removeHandler(added)
        logger.setLevel(logging.NOTSET)
