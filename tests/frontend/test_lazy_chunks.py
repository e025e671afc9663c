"""Lazy chunks in the page (js/src/chunks.ts): a block whose code is in a chunk shows a
placeholder until the chunk arrives, keeps the props Python changed meanwhile, and a chunk that
could not be loaded says so and is asked for again by the next tree that needs it."""

from __future__ import annotations

from playwright.sync_api import expect

from .harness import UI, node

# Holds every chunk back until the test calls `releaseChunks()` (or `failChunks()`); counts the asks.
HOLD_CHUNKS = """() => {
  window.chunkAsks = [];
  const held = [];
  window.loadChunk = (name) => new Promise((resolve, reject) => {
    window.chunkAsks.push(name);
    held.push({ name, resolve, reject });
  });
  window.releaseChunks = () => held.splice(0).forEach((c) => import(`./chunks/${c.name}.js`).then(c.resolve));
  window.failChunks = () => held.splice(0).forEach((c) => c.reject(new Error("the comm was closed")));
}"""


def test_a_lazy_block_waits_for_its_chunk_and_keeps_the_props_changed_meanwhile(ui: UI) -> None:
    ui.page.evaluate(HOLD_CHUNKS)
    ui.render(node(1, "model3d", label="First"), node(2, "model3d", label="Second"))
    first = ui.block(1)
    expect(first).to_contain_text("Loading…")
    ui.update(1, label="Renamed while loading")
    ui.page.evaluate("window.releaseChunks()")
    expect(first.locator(".nbb-model3d-body .nbb-label")).to_have_text("Renamed while loading")
    expect(ui.block(2).locator(".nbb-model3d-body .nbb-label")).to_have_text("Second")
    assert ui.page.evaluate("window.chunkAsks") == ["model3d"]  # once per page, for both blocks
    assert ui.page.evaluate("document.querySelectorAll('style[data-nbb-chunk=\"model3d\"]').length") == 1

    ui.update(1, label="Renamed after")  # now straight to the real block
    expect(first.locator(".nbb-model3d-body .nbb-label")).to_have_text("Renamed after")


def test_a_chunk_that_fails_to_load_says_so_and_the_next_render_asks_again(ui: UI) -> None:
    ui.page.evaluate(HOLD_CHUNKS)
    ui.render(node(1, "model3d", label="Model"), node(2, "textbox", label="Still works"))
    ui.page.evaluate("window.failChunks()")
    expect(ui.block(1)).to_contain_text("model3d: could not be loaded")
    expect(ui.block(2).get_by_label("Still works")).to_be_visible()

    ui.render(node(1, "model3d", label="Model"))
    ui.page.evaluate("window.releaseChunks()")
    expect(ui.block(1).locator(".nbb-model3d-body .nbb-label")).to_have_text("Model")
    assert ui.page.evaluate("window.chunkAsks") == ["model3d", "model3d"]
