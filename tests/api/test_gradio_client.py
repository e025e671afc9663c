"""The official `gradio_client` (PyPI, pinned in the test extras) against served nbblocks apps:
what existing client code sees. The client is the judge of the protocol (issue 5)."""

from __future__ import annotations

import concurrent.futures
import itertools
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

import nbblocks as gr

from ..server.wire import TIMEOUT, wait_event, wait_for

Connect = Callable[..., Any]
Launch = Callable[..., str]


def hello_demo() -> gr.Blocks:
    """The spec's examples: ``/update`` by api_name, ``/remember`` by its function's name."""

    def update(name):
        return f"Welcome to Gradio, {name}!"

    def remember(item, items):
        items = [*(items or []), item]
        return items, f"{len(items)} items"

    with gr.Blocks() as demo:
        gr.Markdown("Start typing below and then click **Run** to see the output.")
        with gr.Row():
            inp = gr.Textbox(placeholder="What is your name?")
            out = gr.Textbox()
        btn = gr.Button("Run")
        btn.click(fn=update, inputs=inp, outputs=out, api_name="update")
        items = gr.State([])
        count = gr.Textbox()
        gr.Button("Remember").click(remember, [inp, items], [items, count])
    return demo


def served_ok(client: Any) -> None:
    """The app still answers an ordinary call."""
    assert client.predict("Ada", api_name="/update") == "Welcome to Gradio, Ada!"


# --- the spec's examples, state ----------------------------------------------------------------


def test_the_spec_examples(launch: Launch, connect: Connect) -> None:
    client = connect(launch(hello_demo()))
    assert client.predict("Ada", api_name="/update") == "Welcome to Gradio, Ada!"
    # the State input is filled in by the client and the State output left out of the result
    assert client.predict("x", api_name="/remember") == "1 items"


def test_state_is_per_client(launch: Launch, connect: Connect) -> None:
    url = launch(hello_demo())
    first, second = connect(url), connect(url)
    assert first.session_hash != second.session_hash
    assert first.predict("a", api_name="/remember") == "1 items"
    assert first.predict("b", api_name="/remember") == "2 items"
    assert second.predict("z", api_name="/remember") == "1 items"
    assert first.predict("c", api_name="/remember") == "3 items"
    assert second.predict("y", api_name="/remember") == "2 items"


def test_a_new_session_starts_from_the_initial_state(launch: Launch, connect: Connect) -> None:
    client = connect(launch(hello_demo()))
    client.predict("a", api_name="/remember")
    client.reset_session()
    assert client.predict("b", api_name="/remember") == "1 items"


# --- components: values as the client hands them over and gets them back ------------------------


def components_demo() -> gr.Blocks:
    def describe(text, whole, fraction, flag, picked, choice, many):
        assert isinstance(whole, int) and not isinstance(whole, bool), whole  # precision=0 → int
        return (
            text.upper(),
            whole + fraction + 0.14159,
            {"text": text, "whole": whole, "fraction": fraction, "flag": flag, "picked": picked,
             "choice": choice, "many": many},
            {"cat": 0.7, "dog": 0.2, "fish": 0.1},
            not flag,
            sorted(picked, reverse=True),
            many[::-1],
        )  # fmt: skip

    with gr.Blocks() as demo:
        ins = [
            gr.Textbox(label="text"),
            gr.Number(label="whole", precision=0),
            gr.Slider(0, 10, step=0.5, label="fraction"),
            gr.Checkbox(label="flag"),
            gr.CheckboxGroup(["a", "b", "c"], label="picked"),
            gr.Radio(["x", "y"], label="choice"),
            gr.Dropdown(["p", "q", "r"], multiselect=True, label="many"),
        ]
        outs = [
            gr.Textbox(),
            gr.Number(precision=2),
            gr.JSON(),
            gr.Label(),
            gr.Checkbox(),
            gr.CheckboxGroup(["a", "b", "c"]),
            gr.Dropdown(["p", "q", "r"], multiselect=True),
        ]
        gr.Button().click(describe, ins, outs, api_name="describe")
    return demo


def test_inputs_and_outputs_of_several_components(launch: Launch, connect: Connect) -> None:
    client = connect(launch(components_demo()))
    result = client.predict("hi", 2.6, 1.5, True, ["a", "c"], "y", ["q", "p"], api_name="/describe")
    assert result == (
        "HI",
        4.64,  # 3 (2.6 at precision 0) + 1.5 + 0.14159, at precision 2
        {"text": "hi", "whole": 3, "fraction": 1.5, "flag": True, "picked": ["a", "c"], "choice": "y",
         "many": ["q", "p"]},
        {"label": "cat", "confidences": [{"label": "cat", "confidence": 0.7}, {"label": "dog", "confidence": 0.2},
                                         {"label": "fish", "confidence": 0.1}]},
        False,
        ["c", "a"],
        ["p", "q"],
    )  # fmt: skip


def test_keyword_arguments_match_parameter_names(launch: Launch, connect: Connect) -> None:
    client = connect(launch(components_demo()))
    result = client.predict(
        text="kw", whole=1, fraction=0, flag=False, picked=[], choice="x", many=[], api_name="/describe"
    )
    assert result[0] == "KW" and result[2]["whole"] == 1 and result[4] is True


def test_an_input_refused_by_its_component_reaches_the_client_as_an_error(launch: Launch, connect: Connect) -> None:
    from gradio_client.exceptions import AppError

    with gr.Blocks() as demo:
        number, out = gr.Number(maximum=10), gr.Number()
        gr.Button().click(lambda x: x, number, out, api_name="bounded")
    client = connect(launch(demo))
    with pytest.raises(AppError, match="greater than maximum"):
        client.predict(11, api_name="/bounded")
    assert client.predict(9, api_name="/bounded") == 9


# --- generators, cancel ----------------------------------------------------------------------


def test_a_generator_streams_every_value_to_submit(launch: Launch, connect: Connect) -> None:
    def count(n):
        for i in range(int(n)):
            yield f"{i} " * (i + 1)

    with gr.Blocks() as demo:
        n, out = gr.Number(precision=0), gr.Textbox()
        gr.Button().click(count, n, out)
    client = connect(launch(demo))
    job = client.submit(4, api_name="/count")
    assert job.result(timeout=TIMEOUT) == "3 3 3 3 "
    assert job.outputs() == ["0 ", "1 1 ", "2 2 2 ", "3 3 3 3 "]
    # iterating a second job sees the same values
    assert list(client.submit(3, api_name="/count")) == ["0 ", "1 1 ", "2 2 2 "]


def test_cancel_stops_the_generator(launch: Launch, connect: Connect) -> None:
    stopped = threading.Event()
    release = threading.Event()  # never set: each step waits a little, so the stream is not a flood

    def forever():
        try:
            for i in itertools.count():
                yield str(i)
                release.wait(0.01)
        finally:
            stopped.set()

    demo = hello_demo()
    with demo:
        out = gr.Textbox()
        gr.Button().click(forever, None, out)
    client = connect(launch(demo))
    job = client.submit(api_name="/forever")
    wait_for(lambda: len(job.outputs()) >= 2, what="the generator's first values")
    assert job.cancel()
    wait_event(stopped, what="the generator's finally after cancel")
    with pytest.raises(concurrent.futures.CancelledError):
        job.result(timeout=TIMEOUT)
    served_ok(client)


# --- errors ------------------------------------------------------------------------------------


def errors_demo() -> gr.Blocks:
    def refuse(x):
        raise gr.Error(f"Not allowed: {x}")

    def crash(x):
        raise RuntimeError(f"secret detail {x}")

    demo = hello_demo()
    with demo:
        inp, out = gr.Textbox(), gr.Textbox()
        gr.Button().click(refuse, inp, out)
        gr.Button().click(crash, inp, out)
    return demo


def test_gr_error_reaches_the_client_with_its_message(launch: Launch, connect: Connect) -> None:
    from gradio_client.exceptions import AppError

    client = connect(launch(errors_demo()))
    with pytest.raises(AppError) as raised:
        client.predict("42", api_name="/refuse")
    assert raised.value.message == "Not allowed: 42"
    served_ok(client)


def test_a_plain_exception_is_generic_without_show_error(launch: Launch, connect: Connect) -> None:
    from gradio_client.exceptions import AppError

    client = connect(launch(errors_demo()))
    with pytest.raises(AppError) as raised:
        client.predict("42", api_name="/crash")
    assert "secret detail" not in str(raised.value)
    assert "show_error=True" in str(raised.value)  # the client's text for an error without a message
    served_ok(client)


def test_a_plain_exception_shows_its_text_with_show_error(launch: Launch, connect: Connect) -> None:
    from gradio_client.exceptions import AppError

    client = connect(launch(errors_demo(), show_error=True))
    with pytest.raises(AppError, match="secret detail 42"):
        client.predict("42", api_name="/crash")
    served_ok(client)


# --- batches, queue ----------------------------------------------------------------------------


def test_concurrent_submits_are_batched(launch: Launch, connect: Connect) -> None:
    sizes: list[int] = []
    first_call, go_on = threading.Event(), threading.Event()

    def shout(words):
        sizes.append(len(words))
        if len(sizes) == 1:
            first_call.set()
            assert go_on.wait(TIMEOUT)
        return ([w.upper() for w in words],)

    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()
        gr.Button().click(shout, inp, out, batch=True, max_batch_size=2)
    url = launch(demo)
    clients = [connect(url) for _ in range(3)]
    first = clients[0].submit("one", api_name="/shout")
    wait_event(first_call, what="the first batch to start")
    waiting = [client.submit(word, api_name="/shout") for client, word in zip(clients[1:], ["two", "three"])]
    # an event id means the server has the event in its queue
    wait_for(lambda: all(job.communicator.event_id for job in waiting), what="both events queued")
    go_on.set()
    assert [job.result(timeout=TIMEOUT) for job in [first, *waiting]] == ["ONE", "TWO", "THREE"]
    assert sizes == [1, 2]


def test_a_full_queue_refuses_the_client(launch: Launch, connect: Connect) -> None:
    from gradio_client.utils import QueueError

    started, release = threading.Event(), threading.Event()

    def block(x):
        started.set()
        assert release.wait(TIMEOUT)
        return x

    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()
        gr.Button().click(block, inp, out, concurrency_limit=1)
    demo.queue(max_size=1)
    url = launch(demo)
    client = connect(url)
    running = client.submit("first", api_name="/block")
    wait_event(started, what="the first event to run")
    waiting = client.submit("second", api_name="/block")
    wait_for(lambda: waiting.communicator.event_id is not None, what="the second event queued")
    with pytest.raises(QueueError):
        connect(url).predict("third", api_name="/block")
    release.set()
    assert running.result(timeout=TIMEOUT) == "first"
    assert waiting.result(timeout=TIMEOUT) == "second"
    assert client.predict("fourth", api_name="/block") == "fourth"


# --- endpoint names, view_api ------------------------------------------------------------------


def naming_demo() -> gr.Blocks:
    def greet(name):
        return f"Hi {name}"

    def shout(name):
        return name.upper()

    def whisper(name):
        return name.lower()

    def secret(name):
        return "secret"

    with gr.Blocks() as demo:
        inp, out = gr.Textbox(label="Name"), gr.Textbox(label="Greeting")
        gr.Button().click(greet, inp, out, api_name="hello")
        gr.Button().click(shout, inp, out)
        gr.Button().click(shout, inp, out)
        gr.Button().click(secret, inp, out, api_name=False)
        gr.Button().click(whisper, inp, out, show_api=False)
    return demo


def test_endpoint_names(launch: Launch, connect: Connect) -> None:
    client = connect(launch(naming_demo()))
    assert client.predict("Ada", api_name="/hello") == "Hi Ada"
    assert client.predict("Ada", api_name="/shout") == "ADA"
    assert client.predict("Ada", api_name="/shout_1") == "ADA"
    assert client.predict("Ada", api_name="/whisper") == "ada"  # show_api=False: still callable
    with pytest.raises(ValueError, match="Cannot find a function"):
        client.predict("Ada", api_name="/secret")
    with pytest.raises(ValueError, match="Cannot find a function"):
        client.predict("Ada", api_name="/greet")  # renamed: the function's name is not an endpoint
    with pytest.raises(ValueError, match="Invalid function index"):
        client.predict("Ada", fn_index=3)  # api_name=False: not callable at all


def test_view_api_lists_public_endpoints_with_parameters_and_returns(launch: Launch, connect: Connect) -> None:
    client = connect(launch(naming_demo()))
    info = client.view_api(print_info=False, return_format="dict")
    assert set(info["named_endpoints"]) == {"/hello", "/shout", "/shout_1"}
    assert info["unnamed_endpoints"] == {}
    hello = info["named_endpoints"]["/hello"]
    (parameter,) = hello["parameters"]
    assert parameter["label"] == "Name" and parameter["parameter_name"] == "name"
    assert parameter["component"] == "Textbox" and parameter["parameter_has_default"] is False
    assert parameter["python_type"]["type"] == "str" and parameter["type"]["type"] == "string"
    (returned,) = hello["returns"]
    assert returned["label"] == "Greeting" and returned["component"] == "Textbox"
    assert returned["python_type"]["type"] == "str"
    text = client.view_api(print_info=False, return_format="str")
    assert 'predict(name, api_name="/hello") -> greeting' in text
    assert "/whisper" not in text and "/secret" not in text


def test_view_api_types_of_several_components(launch: Launch, connect: Connect) -> None:
    client = connect(launch(components_demo()))
    endpoint = client.view_api(print_info=False, return_format="dict")["named_endpoints"]["/describe"]
    components = [p["component"] for p in endpoint["parameters"]]
    assert components == ["Textbox", "Number", "Slider", "Checkbox", "Checkboxgroup", "Radio", "Dropdown"]
    names = [p["parameter_name"] for p in endpoint["parameters"]]
    assert names == ["text", "whole", "fraction", "flag", "picked", "choice", "many"]
    types = [p["python_type"]["type"] for p in endpoint["parameters"]]
    assert types[:4] == ["str", "float", "float", "bool"]
    assert types[4] == "list[Literal['a', 'b', 'c']]" and types[5] == "Literal['x', 'y']"
    assert [r["component"] for r in endpoint["returns"]] == [
        "Textbox", "Number", "Json", "Label", "Checkbox", "Checkboxgroup", "Dropdown",
    ]  # fmt: skip


def test_only_one_endpoint_needs_no_api_name(launch: Launch, connect: Connect) -> None:
    with gr.Blocks() as demo:
        inp, out = gr.Textbox(), gr.Textbox()
        gr.Button().click(lambda s: s[::-1], inp, out, api_name="reverse")
    client = connect(launch(demo))
    assert client.predict("abc") == "cba"


# --- files -------------------------------------------------------------------------------------


def test_handle_file_uploads_and_a_returned_file_downloads(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    """No nbblocks component takes files yet; a JSON input gets the uploaded file's FileData (the
    client uploads any ``handle_file`` value), and a FileData in a JSON output is downloaded."""
    from gradio_client import handle_file

    def echo(data):
        content = Path(data["path"]).read_text()
        return {"path": data["path"], "meta": {"_type": "gradio.FileData"}}, f"{data['orig_name']}: {content}"

    with gr.Blocks() as demo:
        inp, out, text = gr.JSON(), gr.JSON(), gr.Textbox()
        gr.Button().click(echo, inp, [out, text])
    source = tmp_path / "notes.txt"
    source.write_text("uploaded through the API")
    client = connect(launch(demo))
    downloaded, summary = client.predict(handle_file(str(source)), api_name="/echo")
    assert summary == "notes.txt: uploaded through the API"
    assert Path(downloaded).read_text() == "uploaded through the API"
    assert Path(downloaded).name == "notes.txt" and Path(downloaded).resolve() != source.resolve()


def test_the_upload_route_with_the_clients_upload_helper(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    source = tmp_path / "data.bin"
    source.write_bytes(bytes(range(256)) * 4)
    client = connect(launch(hello_demo()))
    endpoint = client.endpoints[0]
    uploaded = endpoint._upload_file({"path": str(source)}, data_index=0)
    assert uploaded["orig_name"] == "data.bin" and uploaded["path"] != str(source)
    downloaded = endpoint._download_file({"path": uploaded["path"]})
    assert Path(downloaded).read_bytes() == source.read_bytes()


def test_a_file_outside_the_upload_cache_is_not_served(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    client = connect(launch(hello_demo()))
    with pytest.raises(httpx.HTTPStatusError) as raised:
        client.endpoints[0]._download_file({"path": str(secret)})
    assert raised.value.response.status_code in (403, 404)


# --- login -------------------------------------------------------------------------------------


def test_the_client_logs_in_with_auth(launch: Launch, connect: Connect) -> None:
    url = launch(hello_demo(), auth=("ada", "lovelace"))
    client = connect(url, auth=("ada", "lovelace"))
    assert client.predict("Ada", api_name="/update") == "Welcome to Gradio, Ada!"


def test_the_client_is_refused_with_wrong_or_no_credentials(launch: Launch, connect: Connect) -> None:
    from gradio_client.exceptions import AuthenticationError

    url = launch(hello_demo(), auth=("ada", "lovelace"))
    with pytest.raises(AuthenticationError):
        connect(url, auth=("ada", "wrong"))
    with pytest.raises(AuthenticationError):
        connect(url)


def test_a_client_guessing_passwords_is_made_to_wait(launch: Launch, connect: Connect, login_clock: Any) -> None:
    from gradio_client.exceptions import AuthenticationError

    url = launch(hello_demo(), auth=("ada", "lovelace"))
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            connect(url, auth=("ada", "wrong"))
    with pytest.raises(ValueError, match="Could not login") as refused:  # 429: the right password too must wait
        connect(url, auth=("ada", "lovelace"))
    assert not isinstance(refused.value, AuthenticationError)
    login_clock.advance(1)
    assert connect(url, auth=("ada", "lovelace")).predict("Ada", api_name="/update") == "Welcome to Gradio, Ada!"


# --- what the client reads first ---------------------------------------------------------------


def test_config_and_info_as_the_client_reads_them(launch: Launch, wire: Any) -> None:
    url = launch(hello_demo())
    http = wire.http(url)
    config = http.get("/config").json()
    assert config["protocol"] == "sse_v3" and config["api_prefix"] == "/gradio_api"
    assert version_tuple(config["version"]) >= (4, 29, 0)  # the client posts cancels to /cancel only past 4.29
    by_name = {d.get("api_name"): d for d in config["dependencies"]}
    assert set(by_name) >= {"update", "remember"}
    types = {c["id"]: c["type"] for c in config["components"]}
    assert [types[i] for i in by_name["remember"]["inputs"]] == ["textbox", "state"]
    info = http.get("/gradio_api/info", params={"serialize": "False"}).json()
    assert set(info["named_endpoints"]) == {"/update", "/remember"}
    json.dumps(info)  # plain JSON all the way down


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3] if part.isdigit())


def test_a_client_call_runs_only_the_called_function(launch: Launch, connect: Connect) -> None:
    """As in Gradio: `.then` and `change` listeners belong to the page, not to an API call."""
    import threading

    followed = threading.Event()
    with gr.Blocks() as demo:
        name, out = gr.Textbox(), gr.Textbox()
        first = gr.Button().click(lambda n: f"hi {n}", name, out, api_name="hi")
        first.then(lambda: followed.set())
        out.change(lambda: followed.set())
    client = connect(launch(demo))
    assert client.predict("Ada", api_name="/hi") == "hi Ada"
    assert client.predict("Bo", api_name="/hi") == "hi Bo"
    demo.event_queue().join(timeout=10)
    assert not followed.is_set()
