"""Each block's Python declarations against what the front end declares it draws and fires.

Python declares a block's props (traits tagged ``prop=True``) and events (``EventListener()``)
in its class; each front-end module declares, next to its factory, the props it draws and the
events it fires (`ComponentSpec`, js/src/block.ts), which ``node js/manifest.mjs`` prints. A prop
set by a user must show, or be marked ``not_drawn="why"``; an event a user listens to must
happen, or be marked ``not_fired="why"``: these tests hold every public block to that.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr
from nbblocks.block import Block

JS = Path(__file__).resolve().parents[2] / "js"


@cache
def manifest() -> dict[str, Any]:
    node = shutil.which("node")
    if node is None or not (JS / "node_modules").is_dir():
        pytest.fail("node and js/node_modules (npm ci in js/) are needed to read the front end's declarations")
    result = subprocess.run([node, "manifest.mjs"], cwd=JS, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def public_blocks() -> list[type[Block]]:
    """Every block class a user can make: the app and each public block, `gr.Component` (the base
    class, public for isinstance checks as in Gradio) and aliases (`TabItem`) aside."""
    found = {getattr(gr, name) for name in gr.__all__ if name != "themes"}
    classes = {obj for obj in found if isinstance(obj, type) and issubclass(obj, Block) and obj is not gr.Component}
    return sorted(classes, key=lambda cls: cls.__name__)


BLOCKS = public_blocks()


def type_name(cls: type[Block]) -> str:
    """`Block.type_name` of a bare instance (none made): an app of any class (gr.Interface) is
    drawn as one, a template (gr.Files) as the component it presets."""
    bare = object.__new__(cls)
    return bare.type_name


def drawn_props(cls: type[Block]) -> set[str]:
    spec = manifest()["types"].get(type_name(cls), {"props": []})
    return set(manifest()["shared_props"]) | set(spec["props"])


def fired_events(cls: type[Block]) -> set[str]:
    spec = manifest()["types"].get(type_name(cls), {"events": []})
    return set(manifest()["app_events"]) | set(spec["events"])


@pytest.mark.parametrize("cls", BLOCKS, ids=lambda cls: cls.__name__)
def test_every_block_has_a_front_end_or_says_why_not(cls: type[Block]) -> None:
    has_front_end = type_name(cls) in manifest()["types"]
    if cls.NOT_DRAWN:
        assert not has_front_end, f"{cls.__name__} is drawn by the front end: drop its NOT_DRAWN"
    else:
        assert has_front_end, f"{cls.__name__} has no front-end factory (js/src/registry.ts) and no NOT_DRAWN reason"


@pytest.mark.parametrize("cls", [cls for cls in BLOCKS if not cls.NOT_DRAWN], ids=lambda cls: cls.__name__)
def test_every_prop_is_drawn_or_marked_not_drawn(cls: type[Block]) -> None:
    traits = cls.class_traits()
    drawn = drawn_props(cls)
    undrawn = {name for name in cls.prop_names() if name not in drawn}
    unmarked = sorted(name for name in undrawn if not traits[name].metadata.get("not_drawn"))
    assert unmarked == [], f"{cls.__name__}: props neither drawn by the front end nor tagged not_drawn='why'"
    stale = sorted(name for name in cls.prop_names() if name in drawn and traits[name].metadata.get("not_drawn"))
    assert stale == [], f"{cls.__name__}: props drawn by the front end yet tagged not_drawn"


@pytest.mark.parametrize("cls", [cls for cls in BLOCKS if not cls.NOT_DRAWN], ids=lambda cls: cls.__name__)
def test_every_event_is_fired_or_marked_not_fired(cls: type[Block]) -> None:
    fired = fired_events(cls)
    marks = {name: getattr(cls, name).not_fired for name in cls.EVENTS}
    unmarked = sorted(name for name in cls.EVENTS if name not in fired and not marks[name])
    assert unmarked == [], f"{cls.__name__}: events no front end fires, not declared EventListener(not_fired='why')"
    stale = sorted(name for name in cls.EVENTS if name in fired and marks[name])
    assert stale == [], f"{cls.__name__}: events the front end fires yet declared not_fired"


def test_the_front_end_draws_only_blocks_props_and_events_python_declares() -> None:
    """A type, prop or event name the front end declares and Python doesn't is a typo there: what
    it draws would never arrive, what it fires never be listened to."""
    by_type = {type_name(cls): cls for cls in BLOCKS}
    assert sorted(set(manifest()["types"]) - set(by_type)) == []
    for name, spec in manifest()["types"].items():
        cls = by_type[name]
        assert sorted(set(spec["props"]) - set(cls.prop_names())) == [], name
        assert sorted(set(spec["events"]) - set(cls.EVENTS)) == [], name
    assert sorted(set(manifest()["shared_props"]) - set(gr.Component.prop_names())) == []


def test_every_component_class_is_public_through_the_one_list() -> None:
    """`nbblocks.components.__all__` is the list: a component left out of it (a class with no
    subclass, or one the front end draws) is missing from ``gr``, and everything in it is in
    ``gr.__all__`` without an edit there. Shared base classes (`_ChoiceComponent`) may stay private.
    Every module of the package is imported first: components load on first use, and a module
    left out of the list would otherwise never load here."""
    import importlib
    import pkgutil

    from nbblocks import components

    for module in pkgutil.iter_modules(components.__path__):
        importlib.import_module(f"{components.__name__}.{module.name}")

    def subclasses(cls: type) -> set[type]:
        return {sub for direct in cls.__subclasses__() for sub in (direct, *subclasses(direct))}

    ours = {cls for cls in subclasses(gr.Component) if cls.__module__.startswith("nbblocks.components.")}
    concrete = {cls.__name__ for cls in ours if not cls.__subclasses__() or type_name(cls) in manifest()["types"]}
    assert sorted(concrete - set(components.__all__)) == []
    assert set(components.__all__) <= set(gr.__all__)
    assert all(getattr(gr, name) is getattr(components, name) for name in components.__all__)


def test_a_prop_nobody_draws_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself: Markdown's ``header_links`` marked, then not drawn and not marked."""
    spec = manifest()["types"]["markdown"]
    monkeypatch.setitem(spec, "props", [p for p in spec["props"] if p != "header_links"])
    with pytest.raises(AssertionError, match="Markdown: props neither drawn"):
        test_every_prop_is_drawn_or_marked_not_drawn(gr.Markdown)
