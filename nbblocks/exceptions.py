"""Exceptions a user function raises to talk to the person using the app."""

from __future__ import annotations

from typing import Any


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


class MissingFile(Error):
    """A file value names a file that does not exist: an error for what a function returns; a
    component's initial value is left empty with a warning instead, as Gradio starts such an app."""

    def __init__(self, path: str) -> None:
        super().__init__(f"Cannot return {path!r}: it is not a file that exists.")
        self.path = path



def validate(is_valid: bool, message: str) -> dict[str, Any]:
    """What a listener's ``validator`` returns for one input (Gradio 6): whether it is valid,
    and the message to show when it is not."""
    return {"__type__": "validate", "is_valid": is_valid, "message": message}


def refuse_invalid(results: Any) -> None:
    """Raise `Error` with the messages of the `validate` results that say invalid (one result
    or a list, one per input; anything else, None included, passes)."""
    listed = results if isinstance(results, (list, tuple)) else [results]
    messages = [
        r["message"] for r in listed if isinstance(r, dict) and r.get("__type__") == "validate" and not r.get("is_valid")
    ]
    if messages:
        raise Error("\n".join(messages), title="Invalid input")
