"""Gradio 6's ``buttons=[...]`` read as Gradio 4's ``show_<name>_button`` flags.

Gradio 6 replaced each component's ``show_download_button``, ``show_share_button``,
``show_copy_button`` and ``show_fullscreen_button`` by one list naming the buttons to show.
nbblocks keeps Gradio 4's flags as its props (the spec is the floor), so a list given is turned
into those flags here, once for every component; a name the component has no flag for (a custom
``gr.Button`` in the list, "fullscreen" where nothing goes full screen) is accepted and warned about
(`nbblocks.accepted`).
"""

from __future__ import annotations

from typing import Any

from ..accepted import warn_unused


def button_flags(owner: str, buttons: list[Any] | None, **flags: bool | None) -> dict[str, bool | None]:
    """``flags`` (``show_download_button=...``) as given when ``buttons`` is None; otherwise each
    one True exactly when its name ("download") is in ``buttons``."""
    if buttons is None:
        return flags
    names = {flag.removeprefix("show_").removesuffix("_button"): flag for flag in flags}
    warn_unused(owner, buttons=[button for button in buttons if button not in names] or None)
    return {flag: name in buttons for name, flag in names.items()}
