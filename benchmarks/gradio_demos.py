"""Gradio's own demo folder as the measure: how many of its apps build, and answer their first
example, under ``import nbblocks as gr``, beside the same check under real Gradio.

Run: ``.venv/bin/python benchmarks/gradio_demos.py PATH [--serve] [--only NAME ...]``, where PATH
holds a copy of Gradio's repository's ``demo/`` folder (read it with ``git archive``, outside the
project: the demos are never copied into it).

Build: each ``demo/*/run.py`` runs in its own process (cwd = its folder, 30 s at most) with
``gradio`` in ``sys.modules`` being nbblocks (``gradio.x`` being ``nbblocks.x``), ``launch()``
stubbed after binding its arguments to the real signature, every socket connection to anything
but loopback refused and Hugging Face's libraries offline. Each demo is built, or blocked by: a
missing name (``gr.X``), an unexpected keyword (``Component.keyword``), a missing third-party
package (heavy ML ones apart), or something else (the error's first line). Demos that read Gradio's
bundled sample files (``gradio.media``) are out of scope and out of the count. Where Gradio 6.31's
venv is available (`gradio_side.gradio_python`) the same check runs under Gradio (its answers are
cached beside that venv), and the target's denominator is the demos that build there.

Serve (``--serve``): each demo built here (and by Gradio) whose ``gr.Interface``,
``gr.ChatInterface`` or ``gr.Examples`` has examples is served for real on a loopback port; its
first example goes through the official ``gradio_client`` to its endpoint (a chat's, or the
listener taking those inputs), each value as a client user passes it (files through
``handle_file``, a table as ``{headers, data}``...); the same under Gradio, and the two results
compared (equal / differ / error). A listener that is no API endpoint (private) is not counted.
A demo whose paths are the repository root's runs there, as Gradio's own checks run it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
BUILD_TIMEOUT = 30
#: ``import gradio`` alone takes 10-30 s on a loaded machine
GRADIO_BUILD_TIMEOUT = 180
HEAVY_ML = {
    "torch", "torchvision", "torchaudio", "transformers", "tensorflow", "keras", "diffusers", "accelerate",
    "jax", "sentencepiece", "timm", "open_clip", "spacy", "sklearn", "xgboost", "onnxruntime", "whisper",
    "datasets", "huggingface_hub", "openai", "langchain", "llama_cpp", "ultralytics", "cv2", "mediapipe",
    "librosa", "speechbrain", "nemo", "TTS", "fairseq", "detectron2", "paddle", "tokenizers", "safetensors",
}  # fmt: skip
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}


# --- inside a demo's process ------------------------------------------------------------------


def _refuse_network() -> None:
    """Every socket connection but loopback (and Unix sockets) fails, as on a machine offline."""
    import socket

    connect = socket.socket.connect

    def loopback_only(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise OSError(f"network refused by the benchmark: {address[0]}")
        return connect(self, address)

    socket.socket.connect = loopback_only  # type: ignore[method-assign]
    socket.socket.connect_ex = lambda self, address: loopback_only(self, address) or 0  # type: ignore[method-assign]


def _alias_gradio_to_nbblocks() -> None:
    """``import gradio`` gives nbblocks, ``import gradio.x`` gives ``nbblocks.x``."""
    import importlib
    import importlib.abc
    import importlib.util

    import nbblocks

    class Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
            if not fullname.startswith("gradio."):
                return None
            try:
                found = importlib.util.find_spec("nbblocks." + fullname.partition(".")[2])
            except ModuleNotFoundError:
                found = None
            return found and importlib.util.spec_from_loader(fullname, self)

        def create_module(self, spec: Any) -> Any:
            return importlib.import_module("nbblocks." + spec.name.partition(".")[2])

        def exec_module(self, module: Any) -> None:
            pass

    sys.modules["gradio"] = nbblocks
    sys.meta_path.insert(0, Alias())


def _examples_seen() -> list[dict[str, Any]]:
    """Record the examples given to ``gr.Interface``, ``gr.ChatInterface`` and ``gr.Examples``:
    the first row and the components it fills, or for a chat the endpoint it calls (those classes
    may not exist yet: then nothing to record). An Interface's or chat's own record replaces what
    the ``gr.Examples`` it made inside recorded."""
    import gradio

    seen: list[dict[str, Any]] = []

    def first_row(examples: Any) -> list[Any] | None:
        if not examples or isinstance(examples, str):
            return None
        row = examples[0]
        return list(row) if isinstance(row, (list, tuple)) else [row]

    def record(self: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any] | None:
        if name == "ChatInterface":
            row = first_row(getattr(self, "examples", None) or kwargs.get("examples"))
            api_name = getattr(self, "api_name", None)  # None: Gradio 6's rule, the function's name
            api_name = getattr(getattr(self, "fn", None), "__name__", "chat") if api_name is None else api_name
            return row and {"row": row, "api_name": api_name if isinstance(api_name, str) else "chat"}
        if name == "Interface":
            examples, inputs = getattr(self, "examples", None) or kwargs.get("examples"), getattr(self, "input_components", None)
        else:
            examples = kwargs.get("examples", args[0] if args else None)
            inputs = kwargs.get("inputs", args[1] if len(args) > 1 else None)
        row = first_row(examples)
        if row is None or inputs is None:
            return None
        return {"row": row, "inputs": list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]}

    def recording(name: str, make: Callable[..., Any]) -> Callable[..., Any]:
        def made(*args: Any, **kwargs: Any) -> Any:
            before = len(seen)
            result = make(*args, **kwargs)
            if (found := record(args[0] if result is None else result, name, args[result is None :], kwargs)) is not None:
                del seen[before:]
                seen.append(found)
            return result

        return made

    for name in ("Interface", "ChatInterface", "Examples"):
        made = getattr(gradio, name, None)
        if isinstance(made, type):  # a class: its __init__ records (made by a subclass too)
            made.__init__ = recording(name, made.__init__)
        elif made is not None:  # Gradio 6's gr.Examples is a function returning the examples
            setattr(gradio, name, recording(name, made))
    return seen


def _called_in_demo(exc: BaseException) -> str:
    """The name called on the demo's line that raised (``gr.Tab(...)`` gives "Tab"), or "?"."""
    import traceback

    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename.endswith("run.py")]
    found = re.findall(r"(\w+)\(", frames[-1].line or "") if frames else []
    return found[0] if found else "?"


def _classify(exc: BaseException) -> tuple[str, str]:
    """(reason, detail) of why a demo did not build."""
    message = str(exc)
    if isinstance(exc, ModuleNotFoundError):
        name = exc.name or ""
        if name.split(".")[0] in ("gradio", "nbblocks"):
            return "missing name", "gr." + name.partition(".")[2]
        return ("heavy ML package" if name.split(".")[0] in HEAVY_ML else "missing package"), name.split(".")[0]
    if isinstance(exc, ImportError) and (found := re.match(r"cannot import name '(\w+)' from '(gradio|nbblocks)[.\w]*'", message)):
        return "missing name", "gr." + found.group(1)
    if isinstance(exc, AttributeError):
        if found := re.match(r"module '(?:gradio|nbblocks)\.?([\w.]*)' has no attribute '(\w+)'", message):
            return "missing name", ".".join(filter(None, ["gr", found.group(1), found.group(2)]))
        if found := re.match(r"'(\w+)' object has no attribute '(\w+)'", message):
            return "missing name", f"{found.group(1)}.{found.group(2)}"
    if isinstance(exc, TypeError) and (found := re.search(r"(\w+)\.__init__\(\) got an unexpected keyword argument '(\w+)'", message)):
        return "unexpected keyword", f"{found.group(1)}.{found.group(2)}"
    if isinstance(exc, TypeError) and (found := re.search(r"(\w+)\(\) got an unexpected keyword argument '(\w+)'", message)):
        return "unexpected keyword", f"{found.group(1)}.{found.group(2)}"
    if isinstance(exc, TypeError) and (found := re.search(r"unexpected keyword argument '(\w+)'", message)):
        return "unexpected keyword", f"{_called_in_demo(exc)}.{found.group(1)}"
    return "other", f"{type(exc).__name__}: {message.splitlines()[0] if message else ''}"[:160]


def child(demo: Path, module: str, serve_port: int | None, report: Path) -> None:
    """Run one demo (this process's only job) and write what happened to ``report`` as JSON."""
    import inspect
    import runpy
    import traceback

    _refuse_network()
    if module == "nbblocks":
        _alias_gradio_to_nbblocks()
    import gradio

    seen = _examples_seen() if serve_port else []
    launched: list[Any] = []
    real_launch = gradio.Blocks.launch

    def launch(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            inspect.signature(real_launch).bind(self, *args, **kwargs)
        except TypeError as exc:  # an unknown keyword raises, as it would, named as the others are
            raise TypeError(f"launch() {exc}") from None
        launched.append(self)
        if serve_port is None:  # Gradio's (app, local URL, share URL): demos unpack it
            return None, "http://127.0.0.1:7860/", None
        for found in seen:
            if "inputs" in found:
                found["inputs"] = [getattr(block, "_id", None) for block in found["inputs"]]
        report.write_text(json.dumps({"status": "serving", "examples": seen}, default=repr))
        kwargs.update(server_name="127.0.0.1", server_port=serve_port, share=False, prevent_thread_lock=False, inbrowser=False)
        return real_launch(self, **{k: v for k, v in kwargs.items() if k != "inline"})

    gradio.Blocks.launch = launch
    sys.path.insert(0, str(demo))
    sys.argv = [str(demo / "run.py")]
    try:
        runpy.run_path(str(demo / "run.py"), run_name="__main__")
    except BaseException as exc:
        reason, detail = _classify(exc)
        trace = traceback.format_exception(exc)[-3:]
        report.write_text(json.dumps({"status": reason, "detail": detail, "trace": "".join(trace)[-800:]}))
        return
    if not report.exists():
        report.write_text(json.dumps({"status": "built", "launched": bool(launched)}))


# --- the driver -------------------------------------------------------------------------------


def uses_gradio_media(demo: Path) -> bool:
    """Whether the demo reads Gradio's bundled sample files (out of scope)."""
    source = (demo / "run.py").read_text(errors="replace")
    return re.search(r"gradio\.media|gr\.media|\bget_(image|video|audio|file|model3d)\(", source) is not None


def working_folder(demo: Path) -> Path:
    """Where a demo runs: its own folder, or the repository's root for those whose paths are the
    root's (``demo/<name>/...``, ``test/test_files/...``): written to run from there, as Gradio's
    own checks run them."""
    root = demo.parent.parent
    source = (demo / "run.py").read_text(errors="replace")
    named = re.findall(r"['\"]([\w.-]+/[\w./-]+)['\"]", source)
    return root if any((root / path).exists() and not (demo / path).exists() for path in named) else demo


def run_child(python: Path, demo: Path, module: str) -> dict[str, Any]:
    """Build one demo in its own process; its report."""
    timeout = GRADIO_BUILD_TIMEOUT if module == "gradio" else BUILD_TIMEOUT
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        env = {**os.environ, **OFFLINE_ENV, "GRADIO_TEMP_DIR": scratch, "MPLBACKEND": "Agg", "PYTHONPATH": str(PROJECT)}
        command = [str(python), str(Path(__file__).resolve()), "--child", str(demo), module, str(report)]
        try:
            done = subprocess.run(command, cwd=working_folder(demo), env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"status": "other", "detail": f"no answer within {timeout} s", "timed_out": True}
        if report.exists():
            return json.loads(report.read_text())
        last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        return {"status": "other", "detail": f"exit {done.returncode}: {last}"[:160]}


def gradio_results(demos: list[Path], workers: int) -> dict[str, dict[str, Any]]:
    """The same build check under Gradio 6.31, cached by each run.py's content."""
    sys.path.insert(0, str(HERE))
    from gradio_side import CACHE, gradio_python

    python, why = gradio_python()
    if python is None:
        print(f"Gradio's side skipped: {why}")
        return {}
    cache_file = CACHE / "gradio_demos_build.json"
    cache: dict[str, dict[str, Any]] = json.loads(cache_file.read_text()) if cache_file.exists() else {}

    saving = threading.Lock()

    def one(demo: Path) -> tuple[str, dict[str, Any]]:
        key = hashlib.sha256((demo / "run.py").read_bytes()).hexdigest()
        if key not in cache or cache[key].get("timed_out"):  # a timeout says more about the load than the demo
            cache[key] = run_child(python, demo, "gradio")
            with saving:  # kept as it goes: a long run stopped halfway loses nothing
                cache_file.write_text(json.dumps(cache))
        return demo.name, cache[key]

    with ThreadPoolExecutor(workers) as pool:
        return dict(pool.map(one, demos))


def print_ranked(title: str, names: Counter[str], limit: int = 40) -> None:
    """A heading and its names, the most frequent first."""
    if names:
        print(f"\n{title}:")
        for name, count in names.most_common(limit):
            print(f"  {count:4d}  {name}")


def build_report(demos: list[Path], ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]]) -> None:
    """Counts and ranked lists; with Gradio's answers, the share of what builds there."""
    by_reason = Counter(result["status"] for result in ours.values())
    print(f"\n{len(demos)} demos; nbblocks: " + ", ".join(f"{reason} {count}" for reason, count in by_reason.most_common()))
    for reason in ("missing name", "unexpected keyword", "missing package", "heavy ML package"):
        print_ranked(f"{reason} (nbblocks)", Counter(r["detail"] for r in ours.values() if r["status"] == reason))
    print_ranked("other (nbblocks)", Counter(f"{name}: {r['detail']}" for name, r in ours.items() if r["status"] == "other"))
    if not theirs:
        return
    theirs_built = sorted(name for name, result in theirs.items() if result["status"] == "built")
    both = [name for name in theirs_built if ours[name]["status"] == "built"]
    share = len(both) / len(theirs_built) if theirs_built else 0.0
    print(f"\nGradio 6.31 builds {len(theirs_built)} (offline, no heavy ML packages); nbblocks builds {len(both)} of them ({share:.1%})")
    for name in theirs_built:
        if ours[name]["status"] != "built":
            print(f"  not built here: {name}: {ours[name]['status']}: {ours[name].get('detail', '')}")
    gradio_only = Counter(r["status"] for r in theirs.values())
    print("Gradio 6.31: " + ", ".join(f"{reason} {count}" for reason, count in gradio_only.most_common()))


# --- serving ----------------------------------------------------------------------------------


def served_answer(python: Path, demo: Path, module: str) -> tuple[str, Any]:
    """Serve the demo with ``module`` and call its first example; ("ok", result), ("error", why)
    or ("none", why) when it has no example to call."""
    sys.path.insert(0, str(HERE))
    from served import free_port, http_get

    port = free_port()
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        env = {**os.environ, **OFFLINE_ENV, "GRADIO_TEMP_DIR": scratch, "MPLBACKEND": "Agg", "PYTHONPATH": str(PROJECT)}
        command = [str(python), str(Path(__file__).resolve()), "--child", str(demo), module, str(report), str(port)]
        process = subprocess.Popen(command, cwd=working_folder(demo), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 90
            while True:
                if process.poll() is not None:
                    result = json.loads(report.read_text()) if report.exists() else {}
                    return "error", f"exited: {result.get('detail') or process.stderr.read().decode()[-300:] if process.stderr else ''}"
                try:
                    if report.exists() and http_get(port, "/", timeout=2)[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    return "error", "did not answer within 90 s"
                time.sleep(0.2)  # polling a starting server: nothing to wait on but the port
            examples = json.loads(report.read_text())["examples"]
            if not examples:
                return "none", "no examples"
            return call_first_example(f"http://127.0.0.1:{port}/", demo, examples[0])
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


def call_first_example(url: str, demo: Path, example: dict[str, Any]) -> tuple[str, Any]:
    """Call the endpoint the example is for (a chat's, or the listener taking the example's
    components, its other inputs left at their values) with its first row, each value in the
    form a ``gradio_client`` user sends for that component; ("none", why) when that listener is
    not an API endpoint (``api_visibility="private"``, ``api_name=False``)."""
    from gradio_client import Client
    from served import http_get

    port = int(url.rsplit(":", 1)[1].strip("/"))
    config = json.loads(http_get(port, "/config", timeout=10)[2])
    components = {component["id"]: component for component in config.get("components", [])}
    folder = working_folder(demo)  # where the example's relative paths are
    if "api_name" in example:
        endpoint, row = example["api_name"], [api_value(None, value, folder) for value in example["row"]]
    else:
        found = listener_for(config, example["inputs"])
        if found is None:
            return "error", "no listener takes the example's inputs"
        if not found.get("api_name") or found.get("api_visibility") == "private":
            return "none", "its listener is not an API endpoint"
        endpoint = found["api_name"]
        given = dict(zip(example["inputs"], example["row"]))
        row = [
            api_value(components.get(block, {}), given[block], folder) if block in given else components.get(block, {}).get("props", {}).get("value")
            for block in found["inputs"]
        ]
    try:
        client = Client(url, verbose=False, download_files=False, analytics_enabled=False)
        return "ok", normalized(client.submit(*row, api_name=f"/{endpoint}").result(timeout=60))
    except Exception as exc:
        return "error", f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:300]


def listener_for(config: dict[str, Any], inputs: list[Any]) -> dict[str, Any] | None:
    """The listener whose inputs are exactly the example's components, else the first whose
    inputs include them all."""
    listeners = config.get("dependencies", [])
    exact = [listener for listener in listeners if listener.get("inputs") == inputs]
    wider = [listener for listener in listeners if set(inputs) <= set(listener.get("inputs", []))]
    return next(iter(exact + wider), None)


def api_value(component: dict[str, Any] | None, value: Any, folder: Path) -> Any:
    """An example's value as a ``gradio_client`` user passes it for ``component`` (a config
    entry; None for a chat's message): local files through ``handle_file``, a table as
    ``{headers, data}``, a gallery as its images, a picture for an image editor as its background.
    Relative paths are read in ``folder``, where the demo runs."""
    from gradio_client import handle_file

    kind = (component or {}).get("type", "")
    if isinstance(value, str) and value and not value.startswith(("http://", "https://")) and (folder / value).is_file():
        path = folder / value
        if kind == "dataframe" and path.suffix == ".csv":
            import csv

            with path.open(newline="") as file:
                headers, *rows = list(csv.reader(file))
            return {"headers": headers, "data": rows, "metadata": None}
        if kind in ("imageeditor", "sketchpad", "imagemask", "paint"):  # a picture: the editor's background
            return {"background": handle_file(str(path)), "layers": [], "composite": None}
        return handle_file(str(path))
    if kind == "dataframe" and isinstance(value, list):
        width = len(value[0]) if value and isinstance(value[0], list) else 1
        headers = (component or {}).get("props", {}).get("headers") or []
        headers = headers if len(headers) == width else [str(index + 1) for index in range(width)]
        return {"headers": headers, "data": [row if isinstance(row, list) else [row] for row in value], "metadata": None}
    if kind == "gallery" and isinstance(value, list):
        return [{"image": api_value(None, item, folder), "caption": None} for item in value]
    if isinstance(value, dict) and "text" in value:  # a multimodal message
        return {**value, "files": [api_value(None, item, folder) for item in value.get("files", [])]}
    if isinstance(value, list):
        return [api_value(None, item, folder) if isinstance(item, str) else item for item in value]
    return value


def normalized(value: Any) -> Any:
    """A result comparable across servers: files by name only, floats rounded."""
    if isinstance(value, dict) and ("path" in value or "url" in value):
        return {"file": Path(str(value.get("orig_name") or value.get("path") or "")).suffix}
    if isinstance(value, dict):
        return {key: normalized(item) for key, item in value.items() if key not in ("__type__",)}
    if isinstance(value, (list, tuple)):
        return [normalized(item) for item in value]
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, str) and value.startswith(("/tmp", tempfile.gettempdir())):
        return Path(value).suffix
    return value


def serve_report(demos: list[Path], ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]]) -> None:
    """Serve each demo built here (and by Gradio, when its side ran) whose examples have an API
    endpoint, call its first example; with Gradio's side, the same under Gradio, and compare."""
    sys.path.insert(0, str(HERE))
    from gradio_side import gradio_python

    gradio = gradio_python()[0] if theirs else None
    outcome: Counter[str] = Counter()
    for demo in demos:
        if ours[demo.name]["status"] != "built" or (theirs and theirs[demo.name]["status"] != "built"):
            continue
        if "examples" not in (demo / "run.py").read_text(errors="replace").lower():
            continue  # no examples to call: not worth serving
        kind, answer = served_answer(Path(sys.executable), demo, "nbblocks")
        if kind == "none":
            if answer != "no examples":
                outcome["no endpoint"] += 1
                print(f"  {demo.name}: not counted: {answer}", flush=True)
            continue
        their_kind, their_answer = served_answer(gradio, demo, "gradio") if gradio else ("", None)
        if kind == "error":
            outcome["error"] += 1
            outcome["error, Gradio too"] += their_kind == "error"
            print(f"  {demo.name}: error: {answer}" + (f" / Gradio: {their_answer}" if their_kind == "error" else ""), flush=True)
            continue
        outcome["answered"] += 1
        if gradio is None:
            continue
        verdict = "gradio error" if their_kind != "ok" else "equal" if their_answer == answer else "differ"
        outcome[verdict] += 1
        if verdict != "equal":
            print(f"  {demo.name}: {verdict}: ours {str(answer)[:120]} / Gradio {str(their_answer)[:120]}", flush=True)
    total = outcome["answered"] + outcome["error"]
    print(f"\nwith examples and an API endpoint for them: {total} ({outcome['no endpoint']} more without one); "
          f"answered {outcome['answered']} ({outcome['answered'] / max(total, 1):.0%}), error {outcome['error']}")  # fmt: skip
    if gradio:
        print(f"vs Gradio 6.31: equal {outcome['equal']}, differ {outcome['differ']}, Gradio errors where we answer "
              f"{outcome['gradio error']}, both error {outcome['error, Gradio too']}")  # fmt: skip


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        demo, module, report = Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
        child(demo, module, int(sys.argv[5]) if len(sys.argv) > 5 else None, report)
        os._exit(0)  # a demo may leave threads (timers, servers) behind: the report is written
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="a folder holding Gradio's demo/ folder")
    parser.add_argument("--serve", action="store_true", help="also serve demos with examples and call the first")
    parser.add_argument("--only", nargs="*", help="only these demos (folder names)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-gradio", action="store_true", help="skip Gradio's side")
    args = parser.parse_args()
    folder = args.path / "demo" if (args.path / "demo").is_dir() else args.path
    demos = sorted(path.parent for path in folder.glob("*/run.py"))
    if args.only:
        demos = [demo for demo in demos if demo.name in args.only]
    media = [demo for demo in demos if uses_gradio_media(demo)]
    demos = [demo for demo in demos if demo not in media]
    print(f"{len(media)} demos read gradio.media (out of scope); building {len(demos)}…", flush=True)
    with ThreadPoolExecutor(args.workers) as pool:
        ours = dict(zip([d.name for d in demos], pool.map(lambda d: run_child(Path(sys.executable), d, "nbblocks"), demos)))
    theirs = {} if args.no_gradio else gradio_results(demos, args.workers)
    build_report(demos, ours, theirs)
    if args.serve:
        serve_report(demos, ours, theirs)


if __name__ == "__main__":
    main()
