"""Test helpers: a session whose outgoing messages are recorded."""

from __future__ import annotations

from typing import Any

from nbblocks.blocks import Blocks
from nbblocks.sessions import Session


class RecordedSession(Session):
    """A session that keeps every message it emits, as a transport would send them."""

    def __init__(self, app: Blocks, **kwargs: Any) -> None:
        self.sent: list[dict[str, Any]] = []
        super().__init__(app, self.sent.append, **kwargs)

    def handle(self, raw: Any) -> None:
        """Handle a message as a transport would, then wait until the events it set off are done."""
        super().handle(raw)
        assert self.app.event_queue().join(timeout=10), "events still running after 10 s"

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [message for message in self.sent if message["type"] == kind]

    def values_sent(self, block_id: int) -> list[Any]:
        """Every value the front end was told to show for one block, in order."""
        return [
            update["props"]["value"]
            for message in self.of_type("update")
            for update in message["updates"]
            if update["id"] == block_id and "value" in update["props"]
        ]

    def type_and_trigger(self, block_id: int, value: Any, event: str = "change") -> None:
        self.handle({"type": "value", "id": block_id, "value": value})
        self.handle({"type": "trigger", "id": block_id, "event": event})
