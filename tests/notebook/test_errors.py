"""``launch(debug=True)``'s error display, in the kernel's process: which errors it shows and how
many. (Shown in a real kernel and in JupyterLab: tests/notebooks/test_kernel_errors.py.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import nbblocks as gr
from nbblocks.notebook.errors import MAX_SHOWN, show_errors_in_cell
from nbblocks.sessions import Session


@pytest.fixture()
def cell(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """What IPython would show, by display id (its last display or update)."""
    shown: dict[str, str] = {}

    def publish(bundle: dict[str, str], raw: bool, display_id: str) -> None:
        shown[display_id] = bundle["text/plain"]

    monkeypatch.setattr("IPython.display.display", publish)
    monkeypatch.setattr("IPython.display.update_display", publish)
    yield shown


def fail(session: Session, text: str, event_id: int = 0) -> None:
    """A user function raised ``ValueError(text)`` in one of the session's events."""
    try:
        raise ValueError(text)
    except ValueError as exc:
        session.error_for(exc, event_id, [])


def test_the_cell_shows_its_apps_last_errors_and_counts_the_earlier_ones(cell):
    debugged, other = gr.Blocks(), gr.Blocks()
    show_errors_in_cell(debugged, True)
    try:
        (display_id,) = cell
        assert cell[display_id] == ""  # nothing until an error comes
        for number in range(MAX_SHOWN + 5):
            fail(Session(debugged, lambda message: None), f"failure {number}", number)
        fail(Session(other, lambda message: None), "another app's")
    finally:
        show_errors_in_cell(debugged, False)
    fail(Session(debugged, lambda message: None), "after debug ended")
    text = cell[display_id]
    assert text.startswith("(5 earlier errors not shown)\n\nError in event 5\nTraceback (most recent call last):")
    assert f"ValueError: failure {MAX_SHOWN + 4}" in text and "ValueError: failure 4\n" not in text
    assert "another app's" not in text and "after debug ended" not in text
