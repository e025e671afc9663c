"""gr.I18n: a key's text in the default language (English), the key where none is given, and
``launch(i18n=...)`` accepted without a warning."""

from __future__ import annotations

import json

import pytest

import nbblocks as gr
from tests.server.conftest import launch, wire  # noqa: F401  (the fixtures)
from tests.server.wire import tree_values

TEXTS = gr.I18n(en={"name_label": "Your Name", "greet": "Greet"}, fr={"name_label": "Votre Nom", "extra": "Seulement"})


def test_a_key_gives_its_english_text_or_else_the_key() -> None:
    assert (TEXTS("name_label"), TEXTS("extra"), TEXTS("missing")) == ("Your Name", "extra", "missing")
    assert gr.I18n(fr={"greet": "Saluer"})("greet") == "greet"  # Gradio's fallback: English, then the key
    assert TEXTS.translations_dict["fr"]["name_label"] == "Votre Nom"


def test_an_invalid_locale_warns_as_in_gradio() -> None:
    with pytest.warns(UserWarning, match="Invalid locale code: 'English'"):
        gr.I18n(English={"greet": "Hi"})


def test_texts_reach_the_page_and_launch_takes_the_translations_silently(launch, wire) -> None:
    with gr.Blocks() as demo:
        name = gr.Textbox(label=TEXTS("name_label"), value=TEXTS("missing"))
        button = gr.Button(TEXTS("greet"))
    url = launch(demo, i18n=TEXTS)  # no "no effect" warning: warnings are errors in this suite
    render = wire.page(url).ready()
    assert tree_values(render)[name._id] == "missing" and tree_values(render)[button._id] == "Greet"
    assert '"label": "Your Name"' in json.dumps(render)
