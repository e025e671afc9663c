"""`Interface` and `TabbedInterface`: Gradio's high-level apps, built as ordinary `Blocks`.

``gr.Interface(fn, inputs, outputs)`` lays out Gradio 4.34's page: the title as a heading, the
description, a panel of inputs with Clear and Submit (and Stop, shown while a generator runs)
beside a panel of outputs with the Flag buttons, then the examples and the article. Everything
is built once in the constructor from components and listeners, so the engine and both
transports see a Blocks like any other: the endpoint is ``/predict`` (``api_name``).

An Interface is standard (inputs and outputs), input-only (``outputs=None``), output-only
(``inputs=None``: a Generate button) or unified (the same components in and out: one panel).
"""

from __future__ import annotations

import inspect
import os
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from .accepted import warn_unused
from .blocks import Blocks
from .components.base import Component
from .components.button import Button, ClearButton
from .components.state import State
from .components.text import Markdown
from .engine import analyze
from .events import Dependency, on
from .examples import Examples
from .flagging import CSVLogger, FlaggingCallback, FlagMethod
from .layouts import Accordion, Column, Row, Tab, Tabs
from .shortcuts import get_component_instance
from .updates import update

_B = TypeVar("_B", bound=Button)
FlaggingMode = Literal["never", "auto", "manual"]
InterfaceType = Literal["standard", "input_only", "output_only", "unified"]


def _heading(title: str) -> str:
    return f"<h1 style='text-align: center; margin-bottom: 1rem'>{title}</h1>"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _flagging_mode(allow_flagging: Any, flagging_mode: str | None) -> FlaggingMode:
    """Gradio 4's ``allow_flagging`` (booleans as in Gradio 3, with its warning) or Gradio 5's
    ``flagging_mode``; neither given: GRADIO_ALLOW_FLAGGING, else "manual"."""
    chosen = flagging_mode if flagging_mode is not None else allow_flagging
    if chosen is None:
        chosen = os.getenv("GRADIO_ALLOW_FLAGGING", "manual")
    if isinstance(chosen, bool):
        warnings.warn(
            "The `allow_flagging` parameter in `Interface` now takes a string value ('auto', 'manual', "
            f"or 'never'), not a boolean. Setting parameter to: {'manual' if chosen else 'never'!r}.",
            stacklevel=4,
        )
        return "manual" if chosen else "never"
    for mode in get_args(FlaggingMode):
        if chosen == mode:
            return mode
    raise ValueError("Invalid value for `allow_flagging` parameter. Must be: 'auto', 'manual', or 'never'.")


def _flagging_options(options: list[str] | list[tuple[str, str]] | None) -> list[tuple[str, str]]:
    """(button label, value saved) pairs: strings ``"X"`` are shown as "Flag as X"."""
    if options is None:
        return [("Flag", "")]
    listed: list[Any] = list(options) if isinstance(options, list) else [None]
    if all(isinstance(option, str) for option in listed):
        return [(f"Flag as {option}", option) for option in listed]
    if all(isinstance(option, tuple) and len(option) == 2 for option in listed):
        return listed
    raise ValueError("flagging_options must be a list of strings or list of (string, string) tuples.")


def _is_generator(fn: Callable[..., Any]) -> bool:
    return inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn)


def _button(given: Any, default_label: str, kind: type[_B], **options: Any) -> _B | None:
    """A button of ``kind`` from Gradio's forms: a label, a button (used as it is when of
    ``kind``, else its options given to one, as Gradio does), True (the default label, Gradio 5)
    or False/None (no button)."""
    if isinstance(given, Button):
        given.unrender()
        if isinstance(given, kind):
            given.render()
            return given
        return kind(**given.explicit_args())
    if given is None or given is False:
        return None
    if given is True:
        given = default_label
    if not isinstance(given, str):
        raise ValueError(f"A button must be given as a gr.Button, a string or a bool, not {given!r}")
    return kind(value=given, **options)


class Interface(Blocks):
    """A whole app around one function: ``gr.Interface(fn, inputs, outputs)``, with its inputs
    and outputs given as components or shortcuts ("text", "image"...). See Gradio's docs for
    every argument; Gradio 5's ``flagging_mode`` works too, and its other new keywords warn."""

    @classmethod
    def from_pipeline(cls, pipeline: Any, **kwargs: Any) -> Interface:
        """Gradio builds an Interface from a transformers or diffusers pipeline: not nbblocks."""
        raise NotImplementedError(
            "Interface.from_pipeline is not part of nbblocks: write the function yourself, such as "
            "gr.Interface(lambda text: pipe(text)[0]['label'], 'text', 'label')."
        )

    def __init__(
        self,
        fn: Callable[..., Any],
        inputs: str | Component | Sequence[str | Component] | None,
        outputs: str | Component | Sequence[str | Component] | None,
        examples: list[Any] | str | None = None,
        cache_examples: bool | Literal["lazy"] | None = None,
        examples_per_page: int = 10,
        live: bool = False,
        title: str | None = None,
        description: str | None = None,
        article: str | None = None,
        thumbnail: str | None = None,
        theme: Any = None,
        css: str | None = None,
        allow_flagging: FlaggingMode | bool | None = None,
        flagging_options: list[str] | list[tuple[str, str]] | None = None,
        flagging_dir: str = "flagged",
        flagging_callback: FlaggingCallback | None = None,
        analytics_enabled: bool | None = None,
        batch: bool = False,
        max_batch_size: int = 4,
        api_name: str | Literal[False] | None = "predict",
        _api_mode: bool = False,
        allow_duplication: bool = False,
        concurrency_limit: int | None | Literal["default"] = "default",
        js: str | None = None,
        head: str | None = None,
        additional_inputs: str | Component | Sequence[str | Component] | None = None,
        additional_inputs_accordion: str | Accordion | None = None,
        *,
        submit_btn: str | Button | bool = "Submit",
        stop_btn: str | Button | bool = "Stop",
        clear_btn: str | Button | bool | None = "Clear",
        delete_cache: tuple[int, int] | None = None,
        flagging_mode: FlaggingMode | None = None,
        show_progress: Literal["full", "minimal", "hidden"] = "full",
        show_api: bool = True,
        api_visibility: Literal["public", "private", "undocumented"] | None = None,
        cache_mode: Literal["eager", "lazy"] | None = None,
        example_labels: list[str] | None = None,
        api_description: str | None | Literal[False] = None,
        time_limit: int | None = None,
        stream_every: float | None = None,
        validator: Callable[..., Any] | None = None,
        deep_link: Any = None,
        fill_width: bool = False,
        preload_example: int | Literal[False] | None = None,
        **kwargs: Any,
    ) -> None:
        warn_unused(
            "Interface()", thumbnail=thumbnail, allow_duplication=allow_duplication or None,
            api_description=api_description, time_limit=time_limit, stream_every=stream_every, validator=validator,
            deep_link=deep_link, fill_width=fill_width or None, preload_example=preload_example,
        )  # fmt: skip
        super().__init__(
            theme=theme, analytics_enabled=analytics_enabled, mode="interface", title=title or "Gradio", css=css,
            js=js, head=head, delete_cache=delete_cache, **kwargs,
        )  # fmt: skip
        self.fn = fn
        self.__name__ = getattr(fn, "__name__", "fn")
        self.api_name = api_name
        self.api_mode = _api_mode
        self.live = live
        self.description = description
        self.article = article
        self.examples = examples
        # Gradio 5 says "lazy" in cache_mode, Gradio 4 in cache_examples
        self.cache_examples = "lazy" if cache_examples and cache_mode == "lazy" else cache_examples
        self.example_labels = example_labels
        self.examples_per_page = examples_per_page
        self.batch = batch
        self.max_batch_size = max_batch_size
        self.concurrency_limit = concurrency_limit
        self.show_progress = show_progress
        self.show_api = show_api
        self.api_visibility = api_visibility
        self.allow_flagging = _flagging_mode(allow_flagging, flagging_mode)
        self.flagging_options = _flagging_options(flagging_options)
        self.flagging_callback = flagging_callback if flagging_callback is not None else CSVLogger()
        self.flagging_dir = flagging_dir
        self.interface_type: InterfaceType = self._build_components(fn, inputs, outputs, additional_inputs)
        self.additional_inputs_accordion = additional_inputs_accordion
        if self.allow_flagging != "never" and self.interface_type != "input_only":
            self.flagging_callback.setup(self._flagged_components(), flagging_dir)
        with self:
            self._render(title, submit_btn, stop_btn, clear_btn)

    # --- components --------------------------------------------------------------------------

    def _build_components(self, fn: Callable[..., Any], inputs: Any, outputs: Any, additional: Any) -> InterfaceType:
        """Make the components from what was given (shortcuts, classes' instances, lists), label
        them as Gradio does, and say which kind of Interface they make."""

        ins, outs = _as_list(inputs), _as_list(outputs)
        if not ins and not outs:
            raise ValueError("Must provide at least one of `inputs` or `outputs`")
        for given, what in ((inputs, "inputs"), (outputs, "outputs")):
            if given is not None and not isinstance(given, (str, list, tuple, Component, dict, type)):
                raise TypeError(f"{what} must be a string, list, or Component, not {given}")
        state_in = [index for index, block in enumerate(ins) if block == "state" or isinstance(block, State)]
        state_out = [index for index, block in enumerate(outs) if block == "state" or isinstance(block, State)]
        if state_in or state_out:
            if len(state_in) != 1 or len(state_out) != 1:
                raise ValueError("If using 'state', there must be exactly one state input and one state output.")
            state = ins[state_in[0]]
            if state == "state":  # its first value is the function's default for that parameter
                default = list(inspect.signature(fn).parameters.values())[state_in[0]].default
                state = State(None if default is inspect.Parameter.empty else default, render=False)
            ins[state_in[0]] = outs[state_out[0]] = state
            self.cache_examples = False
        self.main_input_components = [get_component_instance(block, unrender=True) for block in ins]
        self.additional_input_components = [get_component_instance(block, unrender=True) for block in _as_list(additional)]
        self.input_components = self.main_input_components + self.additional_input_components
        self.output_components = [get_component_instance(block, unrender=True) for block in outs]
        self._label_components(fn)
        if not outs:
            return "input_only"
        if not ins:
            kind: InterfaceType = "output_only"
        elif len(self.input_components) == len(self.output_components) and all(
            i is o for i, o in zip(self.input_components, self.output_components, strict=True)
        ):
            return "unified"
        else:
            kind = "standard"
        for block in self.output_components:
            if block.interactive is None:  # Gradio's outputs are not editable unless asked
                block.interactive = False
        return kind

    def _label_components(self, fn: Callable[..., Any]) -> None:
        """Unlabelled inputs take their parameter's name, outputs "output" (or "output 0", ...)."""
        try:
            params = list(inspect.signature(fn).parameters)
        except (TypeError, ValueError):
            params = []
        special = {position for position, _, _ in analyze(fn).special}
        names = [name for position, name in enumerate(params) if position not in special]
        for block, name in zip(self.input_components, names, strict=False):
            if block.label is None:
                block.label = name
        for index, block in enumerate(self.output_components):
            if block.label is None:
                block.label = "output" if len(self.output_components) == 1 else f"output {index}"

    def _flagged_components(self) -> list[Component]:
        if self.interface_type == "unified":
            return self.input_components
        return self.input_components + self.output_components

    # --- layout and listeners ----------------------------------------------------------------

    def _render(self, title: str | None, submit_btn: Any, stop_btn: Any, clear_btn: Any) -> None:

        if title:
            Markdown(_heading(title))
        if self.description:
            Markdown(self.description)
        submit = stop = clear = None
        flag_buttons: list[Button] = []
        with Row(equal_height=False):
            if self.interface_type != "output_only":
                submit, stop, clear, flag_buttons = self._render_input_column(submit_btn, stop_btn, clear_btn)
            if self.interface_type in ("standard", "output_only"):
                submit, stop, clear, flag_buttons = self._render_output_column(
                    submit, stop, clear, submit_btn, stop_btn, clear_btn
                )
        submitted = self._attach_submit(submit, stop)
        if clear is not None:
            self._attach_clear(clear)
        self._attach_flagging(flag_buttons, clear, submitted)
        self._render_examples()
        if self.article:
            Markdown(self.article)

    def _render_input_column(self, submit_btn: Any, stop_btn: Any, clear_btn: Any) -> tuple[Any, Any, Any, list[Button]]:
        submit = stop = clear = None
        flag_buttons: list[Button] = []
        with Column(variant="panel"):
            with Column():
                for block in self.main_input_components:
                    block.render()
                if self.additional_input_components:
                    with self._accordion():
                        for block in self.additional_input_components:
                            block.render()
            with Row():
                clear = _button(clear_btn, "Clear", ClearButton, variant="secondary")
                if not self.live or self.interface_type == "unified":
                    submit = _button(submit_btn, "Submit", Button, variant="primary")
                    if _is_generator(self.fn) and not self.live:
                        stop = _button(stop_btn, "Stop", Button, variant="stop", visible=False)
                if self.interface_type == "unified":
                    flag_buttons = self._render_flag_buttons(submit)
        return submit, stop, clear, flag_buttons

    def _render_output_column(
        self, submit: Any, stop: Any, clear: Any, submit_btn: Any, stop_btn: Any, clear_btn: Any
    ) -> tuple[Any, Any, Any, list[Button]]:

        with Column(variant="panel"):
            for block in self.output_components:
                if not isinstance(block, State):
                    block.render()
            with Row():
                if self.interface_type == "output_only":
                    clear = _button(clear_btn, "Clear", ClearButton, variant="secondary")
                    submit = Button("Generate", variant="primary")
                    if _is_generator(self.fn) and not self.live:
                        stop = _button(stop_btn, "Stop", Button, variant="stop", visible=False)
                flag_buttons = self._render_flag_buttons(submit)
        return submit, stop, clear, flag_buttons

    def _render_flag_buttons(self, submit: Button | None) -> list[Button]:
        """One Flag button per option when flagging is manual; "auto" flags on every submit."""

        if self.allow_flagging == "manual":
            return [Button(label) for label, _ in self.flagging_options]
        if self.allow_flagging == "auto" and submit is not None:
            return [submit]
        return []

    def _accordion(self) -> Accordion:
        given = self.additional_inputs_accordion
        if given is None:
            return Accordion("Additional Inputs", open=False)
        if isinstance(given, str):
            return Accordion(given, open=False)
        if isinstance(given, Accordion):
            given.unrender()
            given.render()
            return given
        raise ValueError(f"The `additional_inputs_accordion` parameter must be a string or gr.Accordion, not {type(given)}")

    def _listener_options(self) -> dict[str, Any]:
        return {
            "api_name": self.api_name, "preprocess": not self.api_mode, "postprocess": not self.api_mode,
            "batch": self.batch, "max_batch_size": self.max_batch_size, "show_api": self.show_api,
            "api_visibility": self.api_visibility,
        }  # fmt: skip

    def _attach_submit(self, submit: Button | None, stop: Button | None) -> Dependency | None:
        """The prediction's listener: on every input change when live, else on Submit (and
        Enter in a text input); with a Stop button, Submit hides while the function runs."""
        if self.live and self.interface_type != "output_only":
            triggers = [
                (block, "stream") if "stream" in block.EVENTS and getattr(block, "streaming", False) else (block, "change")
                for block in self.input_components
                if "change" in block.EVENTS or "stream" in block.EVENTS
            ]
            streaming = any(event == "stream" for _, event in triggers)
            return on(
                triggers, self.fn, self.input_components, self.output_components, trigger_mode="always_last",
                show_progress="hidden" if streaming else self.show_progress, **self._listener_options(),
            )  # fmt: skip
        if submit is None:
            return None
        if self.live:  # output-only and live: run at load, and again on Generate
            self.load(self.fn, None, self.output_components, show_api=False)
        triggers = [(submit, "click")] + [(block, "submit") for block in self.input_components if "submit" in block.EVENTS]
        options = {
            **self._listener_options(), "scroll_to_output": True, "concurrency_limit": self.concurrency_limit,
            "show_progress": self.show_progress,
        }  # fmt: skip
        if stop is None:
            return on(triggers, self.fn, self.input_components, self.output_components, **options)

        def running() -> tuple[dict[str, Any], dict[str, Any]]:
            return update(visible=False), update(visible=True)

        def finished() -> tuple[dict[str, Any], dict[str, Any]]:
            return update(visible=True), update(visible=False)

        shown = on(triggers, running, None, [submit, stop], queue=False, show_api=False)
        predict = shown.then(self.fn, self.input_components, self.output_components, **options)
        stop.click(finished, None, [submit, stop], cancels=predict, queue=False, show_api=False)
        return predict.then(finished, None, [submit, stop], queue=False, show_api=False)

    def _attach_clear(self, clear: ClearButton) -> None:
        """Clear empties every input and output on the page; a State goes back to its first value."""
        clear.add(list(dict.fromkeys(self.input_components + self.output_components)))

    def _attach_flagging(self, flag_buttons: list[Button], clear: Button | None, submitted: Dependency | None) -> None:
        """Flag buttons save the current inputs and outputs as the page holds them; with
        "auto" every successful submit does."""
        if not flag_buttons or self.interface_type == "input_only":
            return
        flagged = self._flagged_components()
        if self.allow_flagging == "auto":
            if submitted is not None:
                method = FlagMethod(self.flagging_callback, "", "", visual_feedback=False)
                submitted.success(method, flagged, None, preprocess=False, queue=False, show_api=False)
            return
        for button, (label, value) in zip(flag_buttons, self.flagging_options, strict=True):
            if not isinstance(value, str):
                raise TypeError(f"Flagging option value must be a string, not {value!r}")
            method = FlagMethod(self.flagging_callback, label, value)
            # chained, not two listeners of the click (Gradio's): "Saving..." is always shown first
            saving = button.click(lambda: update(value="Saving...", interactive=False), None, button, queue=False, show_api=False)
            saving.then(method, flagged, button, preprocess=False, queue=False, show_api=False)
            if clear is not None:
                clear.click(method.reset, None, button, queue=False, show_api=False)

    def _render_examples(self) -> None:
        if not self.examples:
            return
        self.examples_handler = Examples(
            examples=self.examples,
            inputs=[block for block in self.input_components if not isinstance(block, State)],
            outputs=[block for block in self.output_components if not isinstance(block, State)],
            fn=self.fn,
            cache_examples=self.cache_examples,
            examples_per_page=self.examples_per_page,
            example_labels=self.example_labels,
            _api_mode=self.api_mode,
            batch=self.batch,
        )

    def __repr__(self) -> str:
        heading = f"Gradio Interface for: {self.__name__}"
        lines = [heading, "-" * len(heading), "inputs:"]
        lines += [f"|-{block}" for block in self.input_components]
        lines += ["outputs:"] + [f"|-{block}" for block in self.output_components]
        return "\n".join(lines)


class TabbedInterface(Blocks):
    """Several Interfaces (or Blocks), each in its own tab; each keeps its endpoints (a second
    ``/predict`` becomes ``/predict_1``, as in Gradio)."""

    def __init__(
        self,
        interface_list: Sequence[Blocks],
        tab_names: list[str] | None = None,
        title: str | None = None,
        theme: Any = None,
        analytics_enabled: bool | None = None,
        css: str | None = None,
        js: str | None = None,
        head: str | None = None,
        tabs_kwargs: dict[str, Any] | None = None,
        css_paths: str | Path | Sequence[str | Path] | None = None,
        head_paths: str | Path | Sequence[str | Path] | None = None,
        fill_width: bool = False,
    ) -> None:
        super().__init__(
            title=title or "Gradio", theme=theme, analytics_enabled=analytics_enabled, mode="tabbed_interface",
            css=css, js=js, head=head, css_paths=css_paths, head_paths=head_paths, fill_width=fill_width,
        )  # fmt: skip
        names = tab_names if tab_names is not None else [f"Tab {index}" for index in range(len(interface_list))]
        with self:
            if title:
                Markdown(_heading(title))
            with Tabs(**(tabs_kwargs or {})):  # Gradio 5: the Tabs' own keywords
                for interface, name in zip(interface_list, names, strict=False):
                    with Tab(label=name):
                        interface.render()
