"""`gr.Examples` and `gr.Dataset` in the engine: what a click on an example sends to the page, and
the cached outputs stored on disk and reused by a fresh app, in this process or a new one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr
from nbblocks.examples import examples_cache_root
from tests.helpers import RecordedSession, joined


@pytest.fixture(autouse=True)
def examples_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "examples-cache"
    monkeypatch.setenv("GRADIO_EXAMPLES_CACHE", str(folder))
    return folder


def click(session: RecordedSession, dataset: gr.Dataset, index: int) -> None:
    """What the page sends for a click on sample ``index``: the inputs' values its ``js`` listener
    set (`page_fill`), the index, then the click."""
    for dep in session.app.listeners(dataset._id, "click"):
        if dep.options.js:
            for block, value in zip(dep.outputs, page_fill(dep.options.js, index, len(dep.outputs))):
                session.handle({"type": "value", "id": block._id, "value": value})
    session.handle({"type": "value", "id": dataset._id, "value": index})
    session.handle({"type": "trigger", "id": dataset._id, "event": "click"})


def page_fill(js: str, index: int, outputs: int) -> list[Any]:
    """What a listener's ``js`` gives for ``index`` in a JavaScript engine (node), as a list of
    values, one per output, as the page reads it (a single output's value comes bare)."""
    script = f"console.log(JSON.stringify(({js})({index})))"
    result = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True, timeout=60).stdout)
    return [result] if outputs == 1 else result


def load_example(session: RecordedSession, examples: gr.Examples, index: int) -> None:
    """What an API client's call of ``/load_example`` runs."""
    assert examples.load_input_event is not None
    session.submit(examples.load_input_event, inputs=[index])
    joined(session.app)


class Calls:
    """A function of two inputs that counts its calls."""

    def __init__(self) -> None:
        self.args: list[tuple[Any, ...]] = []

    def __call__(self, word: str, times: float) -> str:
        self.args.append((word, times))
        return " ".join([word] * int(times))


def calculator(fn: Any, **options: Any) -> tuple[gr.Blocks, gr.Textbox, gr.Number, gr.Textbox, gr.Examples]:
    with gr.Blocks() as demo:
        word, times, out = gr.Textbox(), gr.Number(), gr.Textbox()
        examples = gr.Examples([["hi", 2], ["yo", 3], ["ok", 1]], [word, times], out, fn, **options)
    return demo, word, times, out, examples


def test_a_click_on_a_row_fills_the_inputs_in_the_page_without_python():
    demo, word, times, out, examples = calculator(None)
    assert examples.dataset.components == ["textbox", "number"]
    assert examples.dataset.samples == [["hi", 2], ["yo", 3], ["ok", 1]]
    assert examples.dataset.headers is None  # no input has a label
    (filling,) = demo.listeners(examples.dataset._id, "click")
    assert filling.fn is None and filling.outputs == [word, times]
    assert page_fill(filling.options.js or "", 1, 2) == ["yo", 3]
    session = RecordedSession(demo)
    click(session, examples.dataset, 1)
    assert session.values_sent(out._id) == session.values_sent(word._id) == []  # nothing runs in Python


def test_load_example_gives_the_inputs_of_an_example_to_api_clients():
    demo, word, times, _, examples = calculator(None)
    assert examples.load_input_event is not None and examples.load_input_event.targets == []
    session = RecordedSession(demo)
    load_example(session, examples, 1)
    assert session.values_sent(word._id) == ["yo"] and session.values_sent(times._id) == [3]


def test_a_single_input_takes_a_list_of_values_and_an_example_may_leave_an_input_out():
    with gr.Blocks():
        one = gr.Textbox()
        single = gr.Examples(["a", "b"], one)
        other = gr.Textbox()
        partial = gr.Examples([["x", None], ["y", None]], [one, other])
    assert single.dataset.samples == [["a"], ["b"]]
    assert partial.dataset.components == ["textbox"] and partial.dataset.samples == [["x"], ["y"]]


def test_values_past_the_last_input_are_dropped_as_gradio_drops_them():
    """Gradio's fraud_detector demo gives three values for two inputs."""
    with gr.Blocks() as demo:
        word, times = gr.Textbox(), gr.Number()
        examples = gr.Examples([["hi", 2, 1.0], ["yo"]], [word, times])
    assert examples.dataset.samples == [["hi", 2], ["yo", None]]
    session = RecordedSession(demo)
    load_example(session, examples, 0)
    assert session.values_sent(word._id) == ["hi"] and session.values_sent(times._id) == [2]


def test_a_sample_its_component_refuses_is_shown_as_given_with_a_warning():
    """Gradio's fraud_detector demo, one value off: a Slider's example is a list."""
    with gr.Blocks():
        choices, level = gr.CheckboxGroup(["retail", "food"]), gr.Slider(1, 3)
        with pytest.warns(UserWarning, match="shown as given.*Slider: expected a number"):
            examples = gr.Examples([["fraud.csv", ["retail", "food"], 1.0]], [choices, level])
    assert examples.dataset.samples == [[["fraud.csv"], ["retail", "food"]]]


def test_pages_are_examples_per_page_long():
    with gr.Blocks():
        examples = gr.Examples([str(n) for n in range(7)], gr.Textbox(), examples_per_page=3, label="Try")
    assert examples.dataset.samples_per_page == 3 and len(examples.dataset.samples) == 7
    assert examples.dataset.label == "Try"


def test_a_datasets_headers_are_its_components_labels_unless_given():
    with gr.Blocks():
        word, times = gr.Textbox(label="Word"), gr.Number()
        examples = gr.Examples([["hi", 2]], [word, times])
        given = gr.Dataset(components=[word, times], samples=[["hi", 2]], headers=["W", "T"])
    assert examples.dataset.headers == ["Word", ""] and given.headers == ["W", "T"]


def write_image(path: Path, color: str = "red") -> Path:
    from PIL import Image

    Image.new("RGB", (8, 8), color).save(path)
    return path


def test_a_directory_gives_one_example_per_file_and_they_land_in_the_apps_cache(tmp_path: Path):
    folder = tmp_path / "pictures"
    folder.mkdir()
    write_image(folder / "b.png", "blue")
    write_image(folder / "a.png")
    with gr.Blocks() as demo:
        image = gr.Image()
        examples = gr.Examples(str(folder), image)
    names = [sample[0]["orig_name"] for sample in examples.dataset.samples]
    assert names == ["a.png", "b.png"]
    for (sample,) in examples.dataset.samples:
        assert demo.file_cache.contains(sample["path"])
    session = RecordedSession(demo)
    load_example(session, examples, 1)
    (shown,) = session.values_sent(image._id)
    assert Path(shown["path"]).read_bytes() == (folder / "b.png").read_bytes()


def test_a_directory_with_a_log_csv_gives_its_rows_files_relative_to_it(tmp_path: Path):
    folder = tmp_path / "flagged"
    folder.mkdir()
    write_image(folder / "cat.png")
    (folder / "log.csv").write_text("name,picture\nTom,cat.png\nJerry,\n", encoding="utf-8")
    with gr.Blocks() as demo:
        examples = gr.Examples(str(folder), [gr.Textbox(), gr.Image()])
    (tom_name, tom_picture), (jerry_name, jerry_picture) = examples.dataset.samples
    assert (tom_name, jerry_name, jerry_picture) == ("Tom", "Jerry", None)  # an empty cell: left out
    assert demo.file_cache.contains(tom_picture["path"])


def test_cached_examples_are_computed_at_build_and_a_click_loads_inputs_and_outputs():
    calls = Calls()
    demo, word, times, out, examples = calculator(calls, cache_examples=True)
    assert calls.args == [("hi", 2), ("yo", 3), ("ok", 1)]
    session = RecordedSession(demo)
    click(session, examples.dataset, 1)
    assert session.values_sent(out._id) == ["yo yo yo"]
    assert len(calls.args) == 3  # loaded, not run again
    load_example(session, examples, 2)  # an API client gets the inputs and the cached outputs
    assert session.values_sent(word._id) == ["ok"] and session.values_sent(out._id)[-1] == "ok"
    assert len(calls.args) == 3


def test_a_fresh_app_with_the_same_function_and_examples_reads_the_stored_outputs(examples_cache: Path):
    first = Calls()
    calculator(first, cache_examples=True)
    assert len(first.args) == 3 and examples_cache_root() == examples_cache
    assert len(list(examples_cache.rglob("outputs.json"))) == 3
    again = Calls()  # the same code: the same function for the cache
    demo, _, _, out, examples = calculator(again, cache_examples=True)
    assert again.args == []
    session = RecordedSession(demo)
    click(session, examples.dataset, 2)
    assert session.values_sent(out._id) == ["ok"]


def test_another_function_or_other_examples_miss_the_cache():
    calculator(Calls(), cache_examples=True)
    shout = []

    def loud(word: str, times: float) -> str:
        shout.append(word)
        return word.upper()

    calculator(loud, cache_examples=True)
    assert shout == ["hi", "yo", "ok"]
    with gr.Blocks():
        calls = Calls()
        gr.Examples([["hi", 2], ["new", 5]], [gr.Textbox(), gr.Number()], gr.Textbox(), calls, cache_examples=True)
    assert calls.args == [("new", 5)]  # ["hi", 2] was stored by the first app


RESTART = """
import json, sys
import nbblocks as gr

calls = []

def double(text):
    calls.append(text)
    return text * 2

with gr.Blocks() as demo:
    box, out = gr.Textbox(), gr.Textbox()
    examples = gr.Examples([["ab"], ["cd"]], box, out, double, cache_examples=True)
print(json.dumps({"calls": calls, "outputs": [examples._outputs_of(i) for i in range(2)]}))
"""


def test_a_new_process_reuses_the_outputs_an_earlier_one_stored(tmp_path: Path, examples_cache: Path):
    """A restart: the function's key is the same in another process (no address or hash seed in it)."""
    script = tmp_path / "app.py"
    script.write_text(RESTART, encoding="utf-8")

    def run() -> dict[str, Any]:
        env = {"GRADIO_EXAMPLES_CACHE": str(examples_cache), "PYTHONPATH": str(Path(__file__).parents[1])}
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, env=env, check=True)
        return json.loads(done.stdout)

    first, second = run(), run()
    assert first["calls"] == ["ab", "cd"] and second["calls"] == []
    assert second["outputs"] == first["outputs"] == [[{"value": "abab"}], [{"value": "cdcd"}]]


def test_lazy_caching_runs_an_example_on_its_first_click_only():
    calls = Calls()
    demo, word, _, out, examples = calculator(calls, cache_examples="lazy")
    assert calls.args == []
    for _ in range(2):
        session = RecordedSession(demo)  # each visitor: the second reads what the first stored
        click(session, examples.dataset, 0)
        assert session.values_sent(out._id) == ["hi hi"]
    assert calls.args == [("hi", 2)]
    demo, _, _, out, examples = calculator(calls, cache_examples="lazy")  # restarted: read from the disk
    session = RecordedSession(demo)
    click(session, examples.dataset, 0)
    assert session.values_sent(out._id) == ["hi hi"] and calls.args == [("hi", 2)]


def test_a_generator_is_cached_as_its_last_value_and_streams_on_a_lazy_first_click():
    def count(upto: float):
        for n in range(1, int(upto) + 1):
            yield str(n)

    with gr.Blocks() as demo:
        number, out = gr.Number(), gr.Textbox()
        eager = gr.Examples([[3]], number, out, count, cache_examples=True)
    assert eager._outputs_of(0) == [{"value": "3"}]
    with gr.Blocks() as demo:
        number, out = gr.Number(), gr.Textbox()
        lazy = gr.Examples([[2]], number, out, count, cache_examples="lazy", api_name="other")
    session = RecordedSession(demo)
    click(session, lazy.dataset, 0)
    assert session.values_sent(out._id) == ["1", "2"]


def test_a_batch_function_is_cached_one_example_at_a_time():
    batches: list[list[str]] = []

    def shout(words: list[str]) -> tuple[list[str]]:
        batches.append(words)
        return ([word.upper() for word in words],)

    with gr.Blocks():
        word, out = gr.Textbox(), gr.Textbox()
        examples = gr.Examples([["hi"], ["yo"]], word, out, shout, cache_examples=True, batch=True)
    assert batches == [["hi"], ["yo"]]
    assert [examples._outputs_of(i) for i in range(2)] == [[{"value": "HI"}], [{"value": "YO"}]]


def test_a_cached_file_output_is_kept_with_the_cache_and_served_from_the_new_apps_cache(tmp_path: Path):
    def paint(color: str) -> str:
        return str(write_image(tmp_path / f"{color}.png", color))

    def app() -> tuple[gr.Blocks, gr.Image, gr.Examples]:
        with gr.Blocks() as demo:
            color, picture = gr.Textbox(), gr.Image()
            examples = gr.Examples([["green"]], color, picture, paint, cache_examples=True)
        return demo, picture, examples

    first_demo, _, _ = app()
    painted = (tmp_path / "green.png").read_bytes()
    (tmp_path / "green.png").unlink()  # gone, as the first app's cache is after its process ends
    first_demo.file_cache.clear()
    demo, picture, examples = app()
    assert not (tmp_path / "green.png").exists()  # not painted again
    session = RecordedSession(demo)
    click(session, examples.dataset, 0)
    (shown,) = session.values_sent(picture._id)
    assert demo.file_cache.contains(shown["path"]) and Path(shown["path"]).read_bytes() == painted


def test_run_on_click_runs_the_function_after_filling_the_inputs():
    calls = Calls()
    demo, _, _, out, examples = calculator(calls, run_on_click=True)
    session = RecordedSession(demo)
    click(session, examples.dataset, 2)
    assert calls.args == [("ok", 1)] and session.values_sent(out._id) == ["ok"]


def test_caching_needs_a_function_and_outputs():
    with gr.Blocks(), pytest.raises(ValueError, match="`fn` and `outputs` must be provided"):
        gr.Examples([["a"]], gr.Textbox(), cache_examples=True)


@pytest.mark.parametrize(
    ("kind", "expected"), [("values", ["b", 2]), ("index", 1), ("tuple", (1, ["b", 2]))], ids=["values", "index", "tuple"]
)
def test_a_dataset_gives_the_clicked_sample_as_its_type_says_and_select_its_index_and_value(kind: str, expected: Any):
    got: list[Any] = []
    with gr.Blocks() as demo:
        dataset = gr.Dataset(components=["textbox", gr.Number(render=False)], samples=[["a", 1], ["b", 2]], type=kind)
        dataset.click(got.append, dataset)

        @dataset.select(inputs=None)
        def selected(evt: gr.SelectData) -> None:
            got.append((evt.index, evt.value))
    session = RecordedSession(demo)
    click(session, dataset, 1)
    session.handle({"type": "trigger", "id": dataset._id, "event": "select", "data": {"index": 1, "value": ["b", 2]}})
    assert got == [expected, (1, ["b", 2])]


def test_a_dataset_refuses_an_index_out_of_its_samples():
    with gr.Blocks() as demo:
        dataset = gr.Dataset(components=["textbox"], samples=[["a"]], type="index")
        out = gr.Textbox()
        dataset.click(lambda i: str(i), dataset, out)
    session = RecordedSession(demo)
    click(session, dataset, 5)
    assert [e["message"] for e in session.of_type("error")] == ["Dataset: expected the index of a sample (0 to 0), got 5"]


def test_new_samples_returned_to_a_dataset_replace_its_samples_and_an_index_picks_one():
    """Gradio 4 takes a list of samples as the Dataset's new samples; Gradio 5 an index as the one picked."""
    with gr.Blocks() as demo:
        dataset = gr.Dataset(components=[gr.Number(render=False)], samples=[[1]], type="values")
        got: list[Any] = []
        grow, pick = gr.Button(), gr.Button()
        grow.click(lambda: [[1], [2.5], [3]], None, dataset)
        pick.click(lambda: 2, None, dataset)
        dataset.click(got.append, dataset)
    session = RecordedSession(demo)
    session.handle({"type": "trigger", "id": grow._id, "event": "click"})
    session.handle({"type": "trigger", "id": pick._id, "event": "click"})
    updates = [u["props"] for m in session.of_type("update") for u in m["updates"] if u["id"] == dataset._id]
    assert updates == [{"samples": [[1], [2.5], [3]]}, {"value": 2}]
    click(session, dataset, 1)
    assert got == [[2.5]]
