"""integrate() after launch(): the app's URL reaches MLflow, W&B and Comet, each run for real in its
local mode (MLflow's file store, W&B offline, Comet's OfflineExperiment) and read back from what it
wrote to disk. No tracker talks to the network."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import nbblocks as gr

SHARE_URL = "https://a1b2c3.share.example/"
PROXIED_URL = "https://hub.example/user/ada/proxy/8765/"


@pytest.fixture()
def demo() -> Iterator[gr.Blocks]:
    """A served app, closed after the test."""
    with gr.Blocks() as app:
        gr.Textbox()
    app.launch(prevent_thread_lock=True, quiet=True)
    try:
        yield app
    finally:
        app.close()


@pytest.fixture()
def with_share_link(demo: gr.Blocks, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app's server has a share link, where the share tunnel puts it (tests/server cover the tunnel)."""
    monkeypatch.setattr(demo.server, "share_url", SHARE_URL, raising=False)
    return SHARE_URL


# --- MLflow ------------------------------------------------------------------------------------


@pytest.fixture()
def mlflow_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MLflow tracking into a file store in a temporary directory."""
    store = tmp_path / "mlruns"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", store.as_uri())
    # MLflow 3 refuses the file store (it is in maintenance mode) unless told it is wanted
    monkeypatch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")
    return store


def logged_params(store: Path, run_id: str) -> dict[str, str]:
    """The params of a run, read from the file store's layout: <experiment>/<run>/params/<key>."""
    (run_dir,) = store.glob(f"*/{run_id}")
    return {path.name: path.read_text() for path in (run_dir / "params").iterdir()}


def test_mlflow_gets_the_local_url_as_a_param(demo, mlflow_store):
    import mlflow

    with mlflow.start_run() as run:
        demo.integrate(mlflow=mlflow)
    assert logged_params(mlflow_store, run.info.run_id) == {"Gradio Interface Local Link": demo.server.local_url}


def test_mlflow_gets_the_share_link_when_there_is_one(demo, mlflow_store, with_share_link):
    import mlflow

    with mlflow.start_run() as run:
        demo.integrate(mlflow=mlflow)
    assert logged_params(mlflow_store, run.info.run_id) == {"Gradio Interface Share Link": with_share_link}


def test_mlflow_gets_the_proxied_url_in_a_kernel_under_jupyterhub(demo, mlflow_store):
    import mlflow

    demo.proxied_url = PROXIED_URL  # what launch() sets under jupyter-server-proxy (tests/notebook cover it)
    with mlflow.start_run() as run:
        demo.integrate(mlflow=mlflow)
    assert logged_params(mlflow_store, run.info.run_id) == {"Gradio Interface Local Link": PROXIED_URL}


def test_a_proxy_path_without_origin_is_not_logged(demo, mlflow_store):
    import mlflow

    demo.proxied_url = "/user/ada/proxy/8765/"  # would resolve against the tracker's own site
    with mlflow.start_run() as run:
        demo.integrate(mlflow=mlflow)
    assert logged_params(mlflow_store, run.info.run_id) == {"Gradio Interface Local Link": demo.server.local_url}


# --- Weights & Biases --------------------------------------------------------------------------


@pytest.fixture()
def wandb_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """An offline W&B run writing under a temporary directory, finished after the test."""
    for name in ("WANDB_DIR", "WANDB_CONFIG_DIR", "WANDB_CACHE_DIR", "WANDB_DATA_DIR"):
        path = tmp_path / name.lower()
        path.mkdir()
        monkeypatch.setenv(name, str(path))
    monkeypatch.setenv("WANDB_MODE", "offline")
    monkeypatch.setenv("WANDB_SILENT", "true")
    monkeypatch.setenv("WANDB_CONSOLE", "off")  # leave pytest's capture of stdout alone
    monkeypatch.setenv("WANDB_ERROR_REPORTING", "false")
    import wandb

    run = wandb.init(project="nbblocks-test")
    try:
        yield run
    finally:
        run.finish()


def logged_panel(run) -> str:
    """The HTML of the "Gradio panel" a run logged, as W&B saved it in the run's media."""
    (panel,) = Path(run.dir, "media", "html").glob("Gradio panel_*.html")
    return panel.read_text()


def test_wandb_gets_a_panel_framing_the_local_url_and_a_note(demo, wandb_run, capsys):
    import wandb

    demo.server.options.quiet = False  # the note is printed unless launched quietly
    demo.integrate(wandb=wandb)
    panel = logged_panel(wandb_run)
    assert f'<iframe src="{demo.server.local_url}" width="100%" height="500" frameBorder="0"></iframe>' in panel
    assert "only this machine can open" in capsys.readouterr().out


def test_wandb_gets_a_panel_framing_the_share_link_without_a_note(demo, wandb_run, with_share_link, capsys):
    import wandb

    demo.server.options.quiet = False
    demo.integrate(wandb=wandb)
    assert f'<iframe src="{with_share_link}"' in logged_panel(wandb_run)
    assert capsys.readouterr().out == ""


def test_wandb_note_says_who_can_open_a_proxied_url(demo, wandb_run, capsys):
    import wandb

    demo.server.options.quiet = False
    demo.proxied_url = PROXIED_URL
    demo.integrate(wandb=wandb)
    assert f'<iframe src="{PROXIED_URL}"' in logged_panel(wandb_run)
    assert "only you, signed in to this Jupyter server, can open" in capsys.readouterr().out


# --- Comet -------------------------------------------------------------------------------------


def comet_offline_log(tmp_path: Path, log) -> tuple[list[dict], dict[str, str]]:
    """Run ``log(experiment)`` on a Comet OfflineExperiment and return what it archived: its
    messages and the contents of the files it saved, by name."""
    import comet_ml

    experiment = comet_ml.OfflineExperiment(
        offline_directory=str(tmp_path),
        project_name="nbblocks-test",
        # nothing but what integrate() logs: no stdout capture, environment, git or code
        auto_output_logging=None,
        log_code=False,
        log_graph=False,
        parse_args=False,
        auto_param_logging=False,
        auto_metric_logging=False,
        log_env_details=False,
        log_git_metadata=False,
        log_git_patch=False,
        display_summary_level=0,
    )
    try:
        log(experiment)
    finally:
        experiment.end()
    (archive,) = tmp_path.glob("*.zip")
    with zipfile.ZipFile(archive) as opened:
        files = {name: opened.read(name).decode() for name in opened.namelist()}
    messages = [json.loads(line) for line in files.pop("messages.json").splitlines()]
    return messages, files


def test_comet_gets_created_from_gradio_and_the_url_as_text(demo, tmp_path):
    messages, files = comet_offline_log(tmp_path, lambda experiment: demo.integrate(comet_ml=experiment))
    others = {m["payload"]["key"]: m["payload"]["value"] for m in messages if m["type"] == "log_other"}
    assert others["Created from"] == "Gradio"
    (upload,) = [m["payload"] for m in messages if m["type"] == "file_upload"]
    assert upload["upload_type"] == "text-sample"
    assert files[upload["file_path"]] == f"gradio: {demo.server.local_url}"


def test_comet_experiment_stays_open_for_the_caller(demo, tmp_path):
    def integrate_then_log_more(experiment) -> None:
        demo.integrate(comet_ml=experiment)
        assert experiment.alive  # Gradio ends it; the experiment is the caller's to end
        experiment.log_other("after", "integrate")

    messages, _ = comet_offline_log(tmp_path, integrate_then_log_more)
    others = {m["payload"]["key"]: m["payload"]["value"] for m in messages if m["type"] == "log_other"}
    assert others["after"] == "integrate"


# --- when there is no URL ----------------------------------------------------------------------


class Recorder:
    """A tracker that records calls; integrate() must refuse before calling it."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def log_param(self, *args) -> None:
        self.calls.append(args)


def test_integrate_before_launch_says_to_launch_first():
    with gr.Blocks() as demo:
        gr.Textbox()
    tracker = Recorder()
    with pytest.raises(ValueError, match=r"run `launch\(\)` first"):
        demo.integrate(mlflow=tracker)
    assert tracker.calls == []


def test_integrate_after_close_says_to_launch_first(demo):
    demo.close()
    with pytest.raises(ValueError, match=r"run `launch\(\)` first"):
        demo.integrate(mlflow=Recorder())


def test_integrate_on_an_inline_rendering_says_to_serve_the_app():
    from nbblocks.notebook import widget_for

    with gr.Blocks() as demo:
        gr.Textbox()
    widget_for(demo)  # what launch() shows inline in a notebook: a widget, no server, no URL
    try:
        with pytest.raises(ValueError, match=r"rendered inline.*launch\(inline=False\)"):
            demo.integrate(mlflow=Recorder())
    finally:
        demo.close()
