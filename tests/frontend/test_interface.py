"""gr.Interface on a served page in Chromium: the title, Submit, Clear, and a Flag click whose
row (with the logged-in user) a test reads back from the CSV on disk; Stop shown while a
generator runs, ending it; gr.TabbedInterface's second tab answering."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)
from ..server.wire import wait_for


def rows(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    with open(log, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_submit_clear_and_flag(launch: Any, served_page: Any, bundle: Any, tmp_path: Path) -> None:
    def greet(name: str) -> str:
        return f"Hello, {name}!"

    flags = tmp_path / "flags"
    demo = gr.Interface(greet, "text", "text", title="Greeter", flagging_options=["nice"], flagging_dir=str(flags))
    served_page.goto(launch(demo, auth=("ada", "secret")))
    served_page.get_by_label("Username").fill("ada")
    served_page.get_by_label("Password").fill("secret")
    served_page.get_by_role("button", name="Login").click()
    expect(served_page.get_by_role("heading", name="Greeter")).to_be_visible()
    name, output = served_page.get_by_label("name"), served_page.get_by_label("output")
    name.fill("Ada")
    served_page.get_by_role("button", name="Submit").click()
    expect(output).to_have_value("Hello, Ada!")
    served_page.get_by_role("button", name="Flag as nice").click()
    wait_for(lambda: len(rows(flags / "log.csv")) == 2, timeout=30, what="the flag's row in the CSV")
    header, row = rows(flags / "log.csv")
    assert header == ["name", "output", "flag", "username", "timestamp"]
    assert row[:4] == ["Ada", "Hello, Ada!", "nice", "ada"]  # who flagged: the login's user
    served_page.get_by_role("button", name="Clear").click()
    expect(name).to_have_value("")
    expect(output).to_have_value("")


def test_tabbed_interface_runs_each_tab(launch: Any, served_page: Any, bundle: Any) -> None:
    hello = gr.Interface(lambda name: f"Hello {name}", "text", "text", allow_flagging="never")
    square = gr.Interface(lambda x: x * x, gr.Number(label="x"), gr.Number(label="squared"), allow_flagging="never")
    served_page.goto(launch(gr.TabbedInterface([hello, square], ["Hello", "Square"])))
    served_page.get_by_role("tab", name="Square").click()
    served_page.get_by_label("x", exact=True).fill("7")
    served_page.get_by_role("button", name="Submit").locator("visible=true").click()
    expect(served_page.get_by_label("squared")).to_have_value("49")


def test_stop_shows_while_a_generator_runs_and_ends_it(launch: Any, served_page: Any, bundle: Any) -> None:
    released, ended = threading.Event(), threading.Event()

    def count(n: float) -> Iterator[str]:
        try:
            yield "started"
            released.wait(30)  # until the test releases it: the page's Stop ends the run before
            yield "finished"
        finally:
            ended.set()

    demo = gr.Interface(count, "number", "text", allow_flagging="never")
    try:
        served_page.goto(launch(demo))
        submit, stop = served_page.get_by_role("button", name="Submit"), served_page.get_by_role("button", name="Stop")
        expect(stop).to_be_hidden()
        submit.click()
        expect(served_page.get_by_label("output")).to_have_value("started")
        expect(submit).to_be_hidden()
        stop.click()
        expect(submit).to_be_visible()
        expect(stop).to_be_hidden()
    finally:
        released.set()
    wait_for(ended.is_set, what="the generator to end")
    expect(served_page.get_by_label("output")).to_have_value("started")  # "finished" was never sent
