"""Button: Gradio's signature and defaults, text value, click event."""

from __future__ import annotations

import inspect

import pytest
from traitlets import TraitError

import nbblocks as gr
from nbblocks import endpoints, engine
from tests.helpers import RecordedSession


def test_signature_and_defaults() -> None:
    params = inspect.signature(gr.Button).parameters
    assert list(params)[0] == "value" and params["value"].default == "Run"
    button = gr.Button()
    assert (button.value, button.variant, button.size, button.interactive, button.min_width) == (
        "Run", "secondary", None, True, None,
    )  # fmt: skip
    assert gr.Button.EVENTS == ("click",)


def test_variants() -> None:
    assert gr.Button("Go", variant="primary").props()["variant"] == "primary"
    with pytest.raises(TraitError):
        gr.Button(variant="huggingface")  # Gradio 5's; not in 4


def test_value_is_text() -> None:
    button = gr.Button(3)
    assert button.value == "3"
    assert button.preprocess("Run") == "Run"
    assert button.postprocess(None) is None


def test_update_paths() -> None:
    button = gr.Button()
    assert engine.to_props(button, gr.Button(interactive=False)) == {"interactive": False}
    assert engine.to_props(button, gr.update(value="Stop", variant="stop")) == {"value": "Stop", "variant": "stop"}
    button.variant = "primary"
    assert button.props()["variant"] == "primary"


def test_login_button_click_says_sign_in_is_on_spaces_only_and_runs_its_listeners() -> None:
    with gr.Blocks() as demo:
        login = gr.LoginButton()
        out = gr.Textbox()
        login.click(lambda: "clicked", None, out)
    assert (login.value, login.logout_value, login.size) == ("Sign in with Hugging Face", "Logout ({})", "lg")
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": login._id, "event": "click"})
    (toast,) = session.of_type("toast")
    assert toast["level"] == "info" and "Hugging Face Spaces" in toast["message"]
    assert session.values_sent(out._id) == ["clicked"]
    assert list(endpoints.info(demo)["named_endpoints"]) == ["/lambda"]  # the sign-in note is not an endpoint
