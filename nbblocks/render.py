"""The render tree of a session: what the front end draws, built from blocks, traits and overrides."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import protocol
from .block import Block, BlockContext

if TYPE_CHECKING:
    from .blocks import Blocks
    from .renderable import RenderScope
    from .sessions import Session


def render_message(session: Session, page: str = "") -> protocol.RenderMessage:
    """The app's ``page`` (its path; "" the main page) for ``session``: the root holds that
    page's blocks; a multipage app's pages come along, for its navigation bar."""
    app = session.app
    static_ids = _static_ids(session)
    tree = _node(app, session, static_ids, app.page_children(page))
    message: protocol.RenderMessage = {
        "type": "render",
        "app": app.app_props(),
        "tree": tree,
        "listeners": _listener_pairs(session),
        "dependencies": _dependency_infos(session),
    }
    if len(app.pages) > 1:
        message["pages"] = [known.info() for known in app.pages]
        message["page"] = page
    return message


def rerender_message(session: Session, scope: RenderScope) -> protocol.RerenderMessage:
    """A render's container with what its latest run built for ``session``, and the session's
    listeners now (the previous run's are gone, the new run's are in)."""
    return {
        "type": "rerender",
        "tree": _node(scope.container, session, _static_ids(session)),
        "listeners": _listener_pairs(session),
        "dependencies": _dependency_infos(session),
    }


def _tables(session: Session) -> list[Blocks]:
    """Where the session's listeners are registered: the app, and each of its renders."""
    return [session.app, *session.renders.values()]


def _static_ids(session: Session) -> frozenset[int]:
    return frozenset().union(*(table.output_only_ids() for table in _tables(session)))


def _listener_pairs(session: Session) -> list[tuple[int, str]]:
    return [pair for table in _tables(session) for pair in table.listener_pairs()]


def _dependency_infos(session: Session) -> list[protocol.DependencyInfo]:
    return [
        {
            "id": dep.id,
            "targets": dep.targets,
            "inputs": [block._id for block in dep.inputs],
            "outputs": [block._id for block in dep.outputs],
            "has_fn": dep.fn is not None,
            "js": dep.options.js,
            "scroll_to_output": dep.options.scroll_to_output,
        }
        for table in _tables(session)
        for dep in table.dependencies
        if dep.options.js or dep.options.scroll_to_output
    ]


def _node(
    block: Block, session: Session, static_ids: frozenset[int], children: list[Block] | None = None
) -> protocol.BlockNode:
    """``block``'s node, with ``children`` (the app's one page) or all its own."""
    props: dict[str, Any] = block.props()
    overrides = session.props.get(block._id)
    if overrides:
        props.update(overrides)
    if "value" in props:
        props["value"] = session.values.get(block._id)
    if "interactive" in props and props["interactive"] is None:
        props["interactive"] = block._id not in static_ids
    node: protocol.BlockNode = {"id": block._id, "type": block.type_name, "props": props}
    if isinstance(block, BlockContext):
        if children is None:
            scope = session.renders.get(block._id)  # a render's container: this session's rendering
            children = (scope.container if scope is not None else block).children
        node["children"] = [_node(child, session, static_ids) for child in children if not child.NOT_DRAWN]
    return node
