"""ParamViewer on a served page: one entry per parameter, opened one by one or all at once."""

from __future__ import annotations

from playwright.sync_api import expect

import nbblocks as gr

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)

WAIT = 30_000  # ms: the machine is shared

PARAMS = {
    "number": {"type": "int | float", "description": "The number to **round**", "default": None},
    "ndigits": {"type": "int", "description": "See [round](https://docs.python.org/3/library/functions.html#round)<script>window.hacked = 1</script>", "default": "0"},
}


def test_param_viewer_lists_parameters_opens_them_and_links_to_each(launch, served_page, bundle) -> None:
    with gr.Blocks() as demo:
        gr.ParamViewer(PARAMS, header="round()", anchor_links="rd", max_height=400, elem_id="params")
        gr.ParamViewer(PARAMS, header=None, elem_id="bare")
    served_page.goto(launch(demo))
    viewer = served_page.locator("#params")
    entries = viewer.locator("details")
    expect(entries).to_have_count(2, timeout=WAIT)
    expect(viewer.locator("summary").first).to_have_text("number: int | float #")
    expect(viewer.get_by_text("round()")).to_be_visible()
    expect(viewer.get_by_text("The number to")).to_be_hidden()  # closed at first
    viewer.get_by_role("button", name="Expand all").click()
    expect(viewer.locator("strong")).to_have_text("round")
    expect(viewer.get_by_role("link", name="round")).to_have_attribute("href", "https://docs.python.org/3/library/functions.html#round")
    expect(viewer.get_by_text("default = 0")).to_be_visible()
    assert served_page.evaluate("window.hacked") is None  # a description is sanitized
    viewer.get_by_role("button", name="Collapse all").click()
    expect(viewer.get_by_text("The number to")).to_be_hidden()
    viewer.locator("summary").nth(1).click()
    expect(viewer.get_by_text("default = 0")).to_be_visible()
    expect(viewer.locator("#rd-param-ndigits")).to_have_count(1)
    expect(viewer.get_by_role("link", name="Link to ndigits")).to_have_attribute("href", "#rd-param-ndigits")
    bare = served_page.locator("#bare")
    expect(bare.get_by_role("button", name="Expand all")).to_be_hidden()
    expect(bare.locator("[id]")).to_have_count(0)
