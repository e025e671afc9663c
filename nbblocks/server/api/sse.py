"""`EventStreamHandler`: a route that answers with server-sent events from a `Mailbox`."""

from __future__ import annotations

import asyncio

from tornado.iostream import StreamClosedError

from ..handlers import BaseHandler
from .streams import HEARTBEAT_SECONDS, Mailbox


class EventStreamHandler(BaseHandler):
    """Writes a mailbox's frames as they come, a heartbeat frame when idle, and ends after the
    mailbox's last frame, when a newer reader claims the mailbox, when the client leaves, or
    when the login it was opened under ends (`auth.Authenticator.hold`)."""

    gone = False

    def start_stream(self) -> None:
        self.server.authenticator.hold(self, self.on_connection_close)
        self.set_header("Content-Type", "text/event-stream; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("X-Accel-Buffering", "no")  # nginx: pass each frame on at once
        # tornado would gzip text/*; compressing each small frame costs more than it saves
        self.set_header("Content-Encoding", "identity")

    async def stream(self, mailbox: Mailbox, heartbeat: str) -> None:
        self.start_stream()
        self.mailbox = mailbox
        generation = mailbox.claim()
        try:
            while not self.gone:
                try:
                    if mailbox.empty():  # frames already there (the call ended first) need no timed wait
                        await asyncio.wait_for(mailbox.wait(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    self.write(heartbeat)
                    await self.flush()
                    continue
                if mailbox.generation != generation or self.gone:
                    return
                frames, last = mailbox.take()
                if frames:
                    self.write("".join(frames))
                    if not last:  # the last frames go out with the response's end: one write
                        await self.flush()
                if last:
                    break
            self.finish()
        except StreamClosedError:
            pass

    def compute_etag(self) -> None:
        """None: an event stream is never answered "304 Not Modified" (nor hashed to see if it could)."""
        return None

    def on_finish(self) -> None:
        self.server.authenticator.release(self)

    def on_connection_close(self) -> None:
        """The client left, or its login ended: the stream loop ends."""
        self.server.authenticator.release(self)
        self.gone = True
        mailbox = getattr(self, "mailbox", None)
        if mailbox is not None:
            mailbox.wake()
