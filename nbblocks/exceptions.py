"""Exceptions a user function raises to talk to the person using the app."""

from __future__ import annotations


class Error(Exception):
    """Raise ``gr.Error("message")`` in a function to show that message at the event's outputs.

    Unlike other exceptions, its text is always shown, whatever ``show_error`` says.
    """

    def __init__(
        self,
        message: str = "Error raised.",
        duration: float | None = 10,
        visible: bool = True,
        title: str = "Error",
        print_exception: bool = True,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.duration = duration
        self.visible = visible
        self.title = title
        self.print_exception = print_exception

    def __str__(self) -> str:
        return repr(self.message)
