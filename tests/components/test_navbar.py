"""gr.Navbar in the engine: its links as the page is sent them, updates that hide it or rename
the main page (multipage apps: tests/test_pages.py)."""

from __future__ import annotations

import pytest

import nbblocks as gr
from nbblocks import engine
from nbblocks.exceptions import Error


def test_the_links_and_main_page_name_are_sent_as_given() -> None:
    navbar = gr.Navbar(value=[("About Me", "https://x.com/abidlabs")], main_page_name="Dashboard")
    assert navbar.props()["value"] == [["About Me", "https://x.com/abidlabs"]]
    assert navbar.props()["main_page_name"] == "Dashboard"
    assert gr.Navbar(main_page_name=False).props()["main_page_name"] is False
    with pytest.raises(Error, match="expected a \\(name, path\\) pair"):
        gr.Navbar(value=[("About",)])


def test_a_function_hides_the_navbar_or_renames_the_main_page() -> None:
    navbar = gr.Navbar()
    assert engine.to_props(navbar, gr.Navbar(visible=False)) == {"visible": False}
    assert engine.to_props(navbar, gr.Navbar(main_page_name="Back")) == {"main_page_name": "Back"}
