"""Gradio 5 and 6 keywords and forms, found by building Gradio's own demo folder
(benchmarks/gradio_demos.py): each works as it does there, or, where it means nothing here, is
accepted and warns once (`nbblocks.accepted`)."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr
from nbblocks import accepted, endpoints
from tests.helpers import RecordedSession
from tests.server.conftest import launch  # noqa: F401  (the fixture)


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test sees the once-per-process warnings afresh."""
    monkeypatch.setattr(accepted, "_warned", set())


def get(url: str, path: str) -> str:
    with urllib.request.urlopen(url.rstrip("/") + path, timeout=30) as response:
        return response.read().decode()


def rendered(demo: gr.Blocks) -> dict[str, Any]:
    """The render message a page receives for ``demo``."""
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    (render,) = session.of_type("render")
    return render


def props_of(render: dict[str, Any], block: gr.components.Component) -> dict[str, Any]:
    found: list[dict[str, Any]] = []

    def walk(node: dict[str, Any]) -> None:
        if node.get("id") == block._id:
            found.append(node["props"])
        for child in node.get("children", []):
            walk(child)

    walk(render["tree"])
    (props,) = found
    return props


# --- launch() --------------------------------------------------------------------------------


def test_launch_takes_the_look_gradio_6_moved_there(launch, tmp_path: Path) -> None:
    extra = tmp_path / "extra.css"
    extra.write_text(".from-a-file { color: blue }")
    with gr.Blocks(css=".from-blocks { color: green }") as demo:
        gr.Textbox()
    url = launch(
        demo, theme=gr.themes.Default(primary_hue="red"), css=".from-launch { color: red }", css_paths=[extra],
        head='<meta name="from-launch" content="1">', js="() => 1", ssr_mode=False,
    )  # fmt: skip
    config = json.loads(get(url, "/config"))
    assert ".from-launch" in config["css"] and ".from-a-file" in config["css"]
    assert ".from-blocks" not in config["css"]  # launch()'s css replaces Blocks()'s, as in Gradio 6
    assert config["js"] == "() => 1"
    assert '<meta name="from-launch" content="1">' in get(url, "/")
    assert "--nbb-primary" in rendered(demo)["app"]["css"]  # the red theme's variables reach the page


def test_launch_keywords_without_effect_warn_once(launch) -> None:
    with gr.Blocks() as first:
        gr.Textbox()
    with pytest.warns(UserWarning, match=r"launch\(\): footer_links=\[.api.\], pwa=True: .* no effect"):
        launch(first, pwa=True, footer_links=["api"], i18n=None, strict_cors=True)
    with gr.Blocks() as second:
        gr.Textbox()
    launch(second, pwa=True)  # warned already: warnings are errors in this suite


# --- listeners -------------------------------------------------------------------------------


def test_api_visibility_is_gradio_4s_api_name_and_show_api() -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        button = gr.Button()
        button.click(str.upper, box, box, api_name="shout", api_visibility="public")
        button.click(str.lower, box, box, api_name="whisper", api_visibility="undocumented")
        button.click(str.title, box, box, api_name="secret", api_visibility="private")
        gr.on([box.submit], str.strip, box, box, api_name="strip", api_visibility="undocumented")
    found = [(e.name, e.visibility) for e in endpoints.endpoints(demo)]
    assert found == [("shout", "public"), ("whisper", "undocumented"), (None, "private"), ("strip", "undocumented")]
    assert list(endpoints.info(demo)["named_endpoints"]) == ["/shout"]
    with pytest.raises(ValueError, match="api_visibility"), gr.Blocks():
        gr.Button().click(str.upper, api_visibility="hidden")  # type: ignore[arg-type]


def test_listener_keywords_without_effect_warn_once() -> None:
    with gr.Blocks():
        box = gr.Textbox()
        with pytest.warns(UserWarning, match=r"click\(\): api_description=.Shouts., time_limit=5, stream_every=0.5: .* no effect"):
            gr.Button().click(str.upper, box, box, time_limit=5, stream_every=0.5, api_description="Shouts")
        gr.Button().click(str.upper, box, box, time_limit=5)  # once only


# --- props -----------------------------------------------------------------------------------


def test_visible_hidden_reaches_the_page() -> None:
    with gr.Blocks() as demo:
        hidden = gr.Textbox(visible="hidden")
        row = gr.Row(visible="hidden")
    render = rendered(demo)
    assert props_of(render, hidden)["visible"] == "hidden"
    assert hidden.visible == "hidden" and row.visible == "hidden"
    with pytest.raises(Exception, match="visible"):
        gr.Textbox(visible="gone")  # type: ignore[arg-type]


def test_textbox_buttons_and_submit_btn() -> None:
    with gr.Blocks() as demo:
        copyable = gr.Textbox(buttons=["copy"], submit_btn="Send")
        plain = gr.Textbox(submit_btn=True)
        with pytest.warns(UserWarning, match="stop_btn"):
            gr.Textbox(stop_btn=True)
        markdown = gr.Markdown("hi", buttons=["copy"])
    render = rendered(demo)
    assert props_of(render, copyable)["show_copy_button"] is True and props_of(render, copyable)["submit_btn"] == "Send"
    assert props_of(render, plain)["submit_btn"] is True and props_of(render, plain)["show_copy_button"] is False
    assert props_of(render, markdown)["show_copy_button"] is True


def test_number_placeholder() -> None:
    with gr.Blocks() as demo:
        number = gr.Number(placeholder="How many?")
    assert props_of(rendered(demo), number)["placeholder"] == "How many?"


def test_themes_base_is_where_gradios_guide_imports_from() -> None:
    from nbblocks.themes.base import Base

    assert Base is gr.themes.Base and gr.themes.base.Base is Base


def test_failure_runs_after_an_error_and_success_after_none() -> None:
    def check(text: str) -> str:
        if text == "bad":
            raise gr.Error("refused")
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox()
        outcome = gr.Textbox()
        button = gr.Button()
        chain = button.click(check, box, box)
        chain.success(lambda: "succeeded", None, outcome).failure(lambda: "never: its success ran", None, outcome)
        chain.failure(lambda: "failed", None, outcome)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.type_and_trigger(box._id, "good", "change")
    session.handle({"type": "trigger", "id": button._id, "event": "click"})
    assert session.values_sent(outcome._id) == ["succeeded"]
    session.type_and_trigger(box._id, "bad", "change")
    session.handle({"type": "trigger", "id": button._id, "event": "click"})
    assert session.values_sent(outcome._id) == ["succeeded", "failed"]


def test_tab_takes_render_children() -> None:
    with gr.Blocks() as demo, gr.Tab("Later", render_children=True):
        inside = gr.Textbox("drawn")
    assert props_of(rendered(demo), inside)["value"] == "drawn"


def test_validator_stops_the_event_with_its_messages() -> None:
    def validate_age(age: float, place: str) -> list[dict[str, Any]]:
        return [gr.validate(age >= 3, "Age must be at least 3"), gr.validate("london" not in place.lower(), "Not London")]

    ran: list[float] = []
    with gr.Blocks() as demo:
        age, place, out = gr.Number(), gr.Textbox(), gr.Textbox()
        button = gr.Button()
        button.click(lambda a, p: ran.append(a) or f"{a} in {p}", [age, place], out, validator=validate_age)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.handle({"type": "value", "id": age._id, "value": 2})
    session.handle({"type": "value", "id": place._id, "value": "London"})
    session.handle({"type": "trigger", "id": button._id, "event": "click"})
    (error,) = [m for m in session.sent if "Age must be at least 3" in json.dumps(m)]
    assert "Age must be at least 3\nNot London" in json.dumps(error).replace("\\n", "\n") and ran == []
    session.handle({"type": "value", "id": age._id, "value": 30})
    session.handle({"type": "value", "id": place._id, "value": "Paris"})
    session.handle({"type": "trigger", "id": button._id, "event": "click"})
    assert session.values_sent(out._id) == ["30 in Paris"] and ran == [30]


def test_html_template_keywords_and_its_extra_props() -> None:
    with gr.Blocks() as demo:
        rating = gr.HTML(3, html_template="<b>${value} ${title}</b>", css_template="b { color: red }", title="stars",
                         js_on_load=None, max_height=200, elem_id="rating")  # fmt: skip
        with pytest.warns(UserWarning, match="server_functions"):
            gr.HTML("x", server_functions=[print])
    props = props_of(rendered(demo), rating)
    assert props["value"] == 3 and props["template_props"] == {"title": "stars"} and props["max_height"] == 200
    assert props["html_template"] == "<b>${value} ${title}</b>" and props["js_on_load"] is None and rating.elem_id == "rating"
    assert rating.preprocess(4) == 4  # a template's script may set any JSON value
    assert gr.HTML().postprocess(4) == "4"  # plain HTML stays text


def test_duplicate_button_is_a_plain_button_here_and_no_reload_is_true() -> None:
    clicks: list[str] = []
    with gr.Blocks() as demo:
        button = gr.DuplicateButton(variant="huggingface")
        button.click(lambda: clicks.append("clicked"))
    assert props_of(rendered(demo), button)["value"] == "Duplicate Space" and button.type_name == "duplicatebutton"
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    session.handle({"type": "trigger", "id": button._id, "event": "click"})
    assert clicks == ["clicked"]
    assert gr.NO_RELOAD is True


def test_server_port_and_local_url_once_launched(launch) -> None:
    with gr.Blocks() as demo:
        gr.Textbox()
    assert demo.server_port is None and demo.local_url is None
    url = launch(demo)
    assert demo.local_url == url and url.rstrip("/").endswith(f":{demo.server_port}")
