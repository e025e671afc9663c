"""The API modules on their own: endpoint naming and descriptions (`nbblocks.endpoints`), message →
SSE frame conversion (`server.api.streams`), and the routes' refusals, with httpx on loopback.
The official client's end-to-end behaviour is in ``tests/api/``."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import nbblocks as gr
from nbblocks import endpoints, protocol
from nbblocks.server.api.streams import ApiEvent, Mailbox, diff

Launch = Callable[..., str]


def greet(name):
    return f"Hello {name}"


def two_things(text, items):
    return text, items


def count(n):
    yield from (str(i) for i in range(int(n)))


def named_demo() -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox(label="Name")
        out = gr.Textbox()
        state = gr.State([])
        btn = gr.Button()
        btn.click(greet, box, out)  # greet
        btn.click(greet, box, out)  # greet_1
        btn.click(greet, box, out, api_name="greet")  # greet_2
        btn.click(greet, box, out, api_name=False)  # private
        btn.click(greet, box, out, show_api=False, api_name="quiet")  # undocumented
        btn.click(None, box, out)  # no fn: private
        btn.click(two_things, [box, state], [out, state], api_name="remember")
        btn.click(lambda x: x, box, out)  # "<lambda>" → "lambda"
    return demo


# --- naming and descriptions -----------------------------------------------------------------


def test_endpoint_names_follow_gradio_rules() -> None:
    found = [(e.name, e.visibility) for e in endpoints.endpoints(named_demo())]
    assert found == [
        ("greet", "public"), ("greet_1", "public"), ("greet_2", "public"), (None, "private"),
        ("quiet", "undocumented"), (None, "private"), ("remember", "public"), ("lambda", "public"),
    ]  # fmt: skip


def test_info_lists_public_endpoints_and_skips_state() -> None:
    info = endpoints.info(named_demo())
    assert list(info["named_endpoints"]) == ["/greet", "/greet_1", "/greet_2", "/remember", "/lambda"]
    remember = info["named_endpoints"]["/remember"]
    assert [p["parameter_name"] for p in remember["parameters"]] == ["text"]
    assert [r["component"] for r in remember["returns"]] == ["Textbox"]
    param = info["named_endpoints"]["/greet"]["parameters"][0]
    assert param["label"] == "Name" and param["type"] == {"type": "string"}
    assert param["python_type"] == {"type": "str", "description": ""} and not param["parameter_has_default"]


def test_a_component_value_is_the_parameter_default() -> None:
    with gr.Blocks() as demo:
        number = gr.Number(value=3)
        number.change(lambda n=None: n, number, number)
    param = endpoints.info(demo)["named_endpoints"]["/lambda"]["parameters"][0]
    assert (param["parameter_has_default"], param["parameter_default"]) == (True, 3)


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({}, "Any"), ({"type": "string"}, "str"), ({"type": "array", "items": {"type": "number"}}, "list[float]"),
        ({"enum": ["a", "b"], "type": "string"}, "Literal['a', 'b']"),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, "str | None"),
        ({"type": "object", "properties": {"x": {"type": "boolean"}}}, "dict(x: bool)"),
    ],
)  # fmt: skip
def test_python_type(schema: dict[str, Any], expected: str) -> None:
    assert endpoints.python_type(schema) == expected


def test_each_component_describes_its_json_value() -> None:
    assert gr.Checkbox().api_info() == {"type": "boolean"}
    assert gr.Radio(["a", "b"]).api_info() == {"enum": ["a", "b"], "type": "string"}
    assert gr.Dropdown(["a"], multiselect=True).api_info() == {"type": "array", "items": {"enum": ["a"], "type": "string"}}
    assert gr.Dropdown(["a"], allow_custom_value=True).api_info() == {"type": "string"}
    assert gr.Slider(0, 5).api_info()["type"] == "number"
    assert gr.CheckboxGroup([1, 2]).example_value() == [1]


# --- frames ----------------------------------------------------------------------------------


class FakeMailbox(Mailbox):
    def __init__(self) -> None:
        super().__init__(lambda fn: None)


def frames(mailbox: Mailbox) -> list[Any]:
    texts, _ = mailbox.take()
    return [json.loads(t.removeprefix("data: ")) if t.startswith("data:") else t for t in texts]


def test_queue_event_frames_for_a_generator() -> None:
    with gr.Blocks():
        out = gr.Textbox()
        dep = gr.Button().click(count, gr.Number(), out)
    mailbox = FakeMailbox()
    event = ApiEvent("e" * 32, dep, 1, "queue", mailbox, "http://127.0.0.1:7860/gradio_api/file=")
    for text in ("a", "ab"):
        event.handle(protocol.update_message([{"id": out._id, "props": {"value": text}}], 1))
    assert event.handle(protocol.status_message(1, [out._id], "complete"))
    sent = frames(mailbox)
    assert [f["msg"] for f in sent] == ["process_generating", "process_generating", "process_completed"]
    assert sent[0]["output"]["data"] == ["a"] and sent[1]["output"]["data"] == [[["append", [], "b"]]]
    assert sent[2]["output"]["data"] == ["ab"] and sent[2]["success"] is True


def test_generic_and_gradio_errors() -> None:
    with gr.Blocks():
        out = gr.Textbox()
        dep = gr.Button().click(greet, None, out)
    for message, expected in [("An error occurred while running this event.", {"error": None}), ("nope", "nope")]:
        mailbox = FakeMailbox()
        event = ApiEvent("e" * 32, dep, 1, "call", mailbox, "http://127.0.0.1:7860/gradio_api/file=")
        event.handle(protocol.error_message(message, event=1))
        event.handle(protocol.status_message(1, [out._id], "error"))
        texts, last = mailbox.take()
        assert last and texts[0].startswith("event: error\n")
        payload = json.loads(texts[0].split("data: ", 1)[1])
        assert payload == expected if isinstance(expected, dict) else payload["error"] == expected


def test_diff() -> None:
    assert diff("a", "a") == [] and diff("a", "abc") == [["append", [], "bc"]] and diff(1, 2) == [["replace", [], 2]]


# --- routes ----------------------------------------------------------------------------------


def test_refusals_are_clear_4xx_and_the_server_keeps_serving(launch: Launch) -> None:
    url = launch(named_demo())
    with httpx.Client(base_url=url, timeout=10) as http:
        join = "/gradio_api/queue/join"
        assert http.post(join, content=b"{").status_code == 422
        assert http.post(join, json={"data": ["x"], "fn_index": 99, "session_hash": "s"}).status_code == 422
        assert http.post(join, json={"data": ["x"], "fn_index": 3, "session_hash": "s"}).status_code == 422  # private
        wrong_arity = http.post(join, json={"data": [], "fn_index": 0, "session_hash": "s"})
        assert wrong_arity.status_code == 422 and "takes 1 input" in wrong_arity.json()["error"]
        assert http.post("/gradio_api/call/nope", json={"data": []}).status_code == 404
        assert http.post("/gradio_api/call/greet", json={"data": [5]}).status_code == 422
        assert http.get("/gradio_api/queue/data", params={"session_hash": "unknown"}).status_code == 404
        assert http.get("/gradio_api/call/greet/" + "0" * 32).status_code == 404
        posted = http.post("/gradio_api/call/greet", json={"data": ["x"]})
        result = http.get(f"/gradio_api/call/greet/{posted.json()['event_id']}")
        assert result.text == 'event: complete\ndata: ["Hello x"]\n\n'


def test_call_keeps_state_per_session_hash(launch: Launch) -> None:
    url = launch(named_demo())

    def remember(session: str, state: Any) -> list[Any]:
        posted = http.post("/gradio_api/call/remember", json={"data": ["t", state], "session_hash": session})
        text = http.get(f"/gradio_api/call/remember/{posted.json()['event_id']}").text
        return json.loads(text.split("data: ", 1)[1])

    with httpx.Client(base_url=url, timeout=10) as http:
        assert remember("a-1", [1]) == ["t", None]
        assert remember("a-1", None) == ["t", None]  # the session's [1] was used: no error


def test_api_docs_page_and_config(launch: Launch) -> None:
    url = launch(named_demo())
    with httpx.Client(base_url=url, timeout=10) as http:
        page = html.unescape(http.get("/api-docs").text)
        assert 'client.predict(name=\'Hello!!\', api_name="/greet")' in page and "/quiet" not in page
        config = http.get("/config").json()
        assert config["protocol"] == "sse_v3" and config["api_prefix"] == "/gradio_api"
        assert [d["api_visibility"] for d in config["dependencies"]][3:5] == ["private", "undocumented"]
        ids = {c["id"] for c in config["components"]}
        assert all(set(d["inputs"]) | set(d["outputs"]) <= ids for d in config["dependencies"])


def test_api_routes_need_login_under_auth(launch: Launch) -> None:
    url = launch(named_demo(), auth=("u", "p"))
    with httpx.Client(base_url=url, timeout=10) as http:
        for path in ("/config", "/gradio_api/info", "/api-docs"):
            assert http.get(path).status_code == 401, path
        assert http.post("/gradio_api/call/greet", json={"data": ["x"]}).status_code == 401


def test_type_error_checks_kinds_not_choices_or_bounds() -> None:
    assert endpoints.type_error({"type": "number"}, "three") is not None
    assert endpoints.type_error({"type": "number"}, True) is not None
    assert endpoints.type_error({"type": "number"}, 11) is None  # bounds are the component's to refuse
    assert endpoints.type_error({"type": "array", "items": {"type": "string"}}, ["a", 1]) is not None
    assert endpoints.type_error({"enum": ["a"], "type": "string"}, "z") is None  # choices may change per session
    assert endpoints.type_error({"type": "string"}, None) is None
