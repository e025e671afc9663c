"""Dataset: rows of sample values, shown a page at a time; a click picks one (what `gr.Examples` shows)."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any, Literal

from traitlets import Dict, Enum, Int, List, Unicode, validate

from ..accepted import warn_unused
from ..block import undrawn
from ..events import EventListener
from ..exceptions import Error
from .base import Component, expect

DatasetType = Literal["values", "index", "tuple"]


def component_named(name: str) -> Component:
    """A component made from Gradio's string name for it ("textbox", "Image"), outside the tree."""
    from .. import components

    found = next((n for n in components.__all__ if n.lower() == name.lower() and n != "Component"), None)
    if found is None:
        raise ValueError(f"No component is named {name!r}")
    component: Component = getattr(components, found)(render=False)
    return component


class Dataset(Component):
    """Sample rows, one value per component of ``components`` (a table, or thumbnails when the
    one component is an Image), ``samples_per_page`` to a page. A click fires ``click`` and
    ``select``; the value a function receives is the clicked sample as ``type`` says: its values
    ("values"), its index ("index") or both ("tuple"). On the wire the value is the index.

    The samples travel in their components' JSON form (a file is a `FileData` in the app's cache),
    so the page draws each cell as its component would show it."""

    click = EventListener()
    select = EventListener()
    components = List(Unicode()).tag(prop=True)
    samples: List[Any] = List().tag(prop=True)
    headers = List(Unicode(), default_value=None, allow_none=True).tag(prop=True)
    samples_per_page = Int(10).tag(prop=True)
    sample_labels = List(Unicode(), default_value=None, allow_none=True).tag(prop=True)
    type = Enum(("values", "index", "tuple"), "values").tag(prop=True, not_drawn="what preprocess gives the function")
    component_props = List(Dict(), default_value=None, allow_none=True).tag(
        prop=True, not_drawn="each column's component is built in Python, which converts the samples"
    )
    proxy_url = Unicode(None, allow_none=True).tag(prop=True, not_drawn="a Space's proxy: this app loads no Space")
    interactive = undrawn(Component.interactive, "a dataset is always clickable, as in Gradio")

    def __init__(
        self,
        *,
        label: str | None = None,
        components: Sequence[Component] | Sequence[str] | None = None,
        component_props: list[dict[str, Any]] | None = None,
        samples: list[list[Any]] | None = None,
        headers: list[str] | None = None,
        type: DatasetType = "values",
        samples_per_page: int = 10,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
        preserved_by_key: list[str] | str | None = "value",
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        proxy_url: str | None = None,
        sample_labels: list[str] | None = None,
        show_label: bool = True,
        layout: Literal["gallery", "table"] | None = None,
    ) -> None:
        # Gradio 5 picks a gallery of cards or a table by itself unless told; here always a table
        warn_unused("Dataset", layout=None if layout in (None, "table") else layout)
        #: each column's component: it converts that column's samples (read by `_convert_samples`)
        self.columns: list[Component] = [c if isinstance(c, Component) else component_named(c) for c in components or []]
        #: the samples as given: what a function receives with ``type="values"``
        self.raw_samples: list[list[Any]] = [list(sample) for sample in samples or [[]]]
        if headers is None and any(column.label for column in self.columns):  # Gradio's: the columns' labels
            headers = [column.label or "" for column in self.columns]
        super().__init__(
            None, label=label, components=[c.type_name for c in self.columns], component_props=component_props,
            samples=self.raw_samples, headers=headers, type=type, samples_per_page=samples_per_page, visible=visible,
            elem_id=elem_id, elem_classes=elem_classes, render=render, key=key, preserved_by_key=preserved_by_key,
            container=container, scale=scale, min_width=min_width, proxy_url=proxy_url, sample_labels=sample_labels,
            show_label=show_label,
        )  # fmt: skip
        self._converted_raw_samples = self.samples  # while these are shown, `raw_samples` are theirs

    @validate("samples")
    def _convert_samples(self, proposal: Any) -> list[list[Any]]:
        """Each cell in its column's JSON form (a missing value stays None, as Gradio shows an
        example that leaves an input out); converting a converted sample changes nothing."""
        converted = []
        for sample in proposal["value"]:
            expect(isinstance(sample, (list, tuple)), self, f"each sample must be a list of values, got {sample!r}")
            converted.append([self._cell(column, value) for column, value in enumerate(sample)])
        return converted

    def _cell(self, column: int, value: Any) -> Any:
        """A sample's value in its column's JSON form. One its column refuses stays as given, with
        a warning: Gradio shows it so, unchecked (its fraud_detector demo gives a Slider a list)."""
        if value is None or column >= len(self.columns):
            return value
        try:
            return self.columns[column].postprocess(value)
        except Error as refused:
            warnings.warn(f"Dataset: a sample is shown as given, its component refuses it: {refused}", stacklevel=2)
            return value

    def api_info(self) -> dict[str, Any]:
        return {"type": "integer", "description": "index of the selected sample"}

    def example_value(self) -> Any:
        return 0

    def preprocess(self, payload: Any) -> Any:
        """The clicked sample's index → what ``type`` asks for (the sample as it was given)."""
        if payload is None:
            return None
        count = len(self.samples)
        expect(isinstance(payload, int) and not isinstance(payload, bool) and 0 <= payload < count, self,
               f"expected the index of a sample (0 to {count - 1}), got {payload!r}")  # fmt: skip
        if self.type == "index":
            return payload
        given = self.samples is self._converted_raw_samples  # not replaced by an update since
        sample = self.raw_samples[payload] if given else self.samples[payload]
        return sample if self.type == "values" else (payload, sample)

    def postprocess(self, value: Any) -> int | None:
        """A sample's index (or None: none picked) → the value the page shows picked."""
        expect(value is None or (isinstance(value, int) and not isinstance(value, bool)), self,
               f"expected the index of a sample, None, or new samples (a list of lists), got {value!r}")  # fmt: skip
        return value

    def returned_props(self, value: Any) -> dict[str, Any]:
        """A list of samples returned replaces the samples, as in Gradio 4 (as returning
        ``gr.Dataset(samples=...)`` does); an index picks one, as in Gradio 5."""
        if isinstance(value, list):
            return {"samples": self.normalize_prop("samples", value)}
        return super().returned_props(value)
