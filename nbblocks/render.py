"""The render tree of a session: what the front end draws, built from blocks, traits and overrides."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import protocol
from .block import Block, BlockContext

if TYPE_CHECKING:
    from .sessions import Session


def render_message(session: Session) -> protocol.RenderMessage:
    app = session.app
    return {
        "type": "render",
        "app": app.app_props(),
        "tree": _node(app, session, app.output_only_ids()),
        "listeners": app.listener_pairs(),
        "dependencies": [
            {
                "id": dep.id,
                "targets": dep.targets,
                "inputs": [block._id for block in dep.inputs],
                "outputs": [block._id for block in dep.outputs],
                "has_fn": dep.fn is not None,
                "js": dep.options.js,
                "scroll_to_output": dep.options.scroll_to_output,
            }
            for dep in app.dependencies
            if dep.options.js or dep.options.scroll_to_output
        ],
    }


def _node(block: Block, session: Session, static_ids: frozenset[int]) -> protocol.BlockNode:
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
        node["children"] = [
            _node(child, session, static_ids) for child in block.children if not child.NOT_DRAWN
        ]
    return node
