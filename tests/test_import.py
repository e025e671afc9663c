"""``import nbblocks`` stays cheap: no transport or heavy library is loaded by it. What loads
later is installed with nbblocks, or named in one line saying how to install it when missing."""

import importlib.metadata
import json
import subprocess
import sys

from packaging.requirements import Requirement

HEAVY = ["ipywidgets", "anywidget", "tornado", "numpy", "PIL", "pandas", "IPython", "comm", "mlflow", "wandb", "comet_ml"]


def test_import_loads_no_transport_or_heavy_library():
    code = f"import sys, json, nbblocks; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


def test_the_engine_imports_no_transport():
    engine_modules = [
        "blocks", "block", "events", "engine", "sessions", "render", "protocol", "queue", "layouts",
        "cache", "filedata", "transfers", "urlfetch", "components.files", "chunks", "components.model3d",
        "components.image", "components.gallery",
    ]  # fmt: skip
    code = (
        "import sys, json, importlib\n"
        f"for m in {engine_modules!r}: importlib.import_module('nbblocks.' + m)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('nbblocks.notebook') or m.startswith('nbblocks.server'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


def test_files_load_their_network_code_only_when_a_url_arrives():
    """A URL input is fetched by `nbblocks.urlfetch` (http.client, ssl): loaded on the first URL, not
    by ``import nbblocks`` nor by an app with file components."""
    code = (
        "import sys, json, nbblocks as gr\n"
        "with gr.Blocks():\n    gr.File(); gr.UploadButton(); gr.DownloadButton()\n"
        "print(json.dumps([m for m in ['nbblocks.urlfetch', 'http.client', 'ssl'] if m in sys.modules]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


def test_an_app_with_image_editors_loads_numpy_and_pil_only_for_a_value():
    """ImageEditor, Sketchpad and ImageMask convert with numpy and PIL, loaded by the first value
    they convert: building the app (no value yet) loads neither."""
    code = (
        "import sys, json, nbblocks as gr\n"
        "with gr.Blocks():\n    gr.ImageEditor(brush=gr.Brush(), eraser=gr.Eraser()); gr.Sketchpad(); gr.ImageMask()\n"
        "print(json.dumps([m for m in ['numpy', 'PIL'] if m in sys.modules]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


def test_an_app_with_images_loads_numpy_and_pil_only_for_a_value():
    """Image, Gallery and AnnotatedImage convert with numpy and PIL, loaded by the first picture
    they convert: building the app (no picture yet) loads neither."""
    code = (
        "import sys, json, nbblocks as gr\n"
        "with gr.Blocks():\n    gr.Image(type='pil'); gr.Gallery(); gr.AnnotatedImage()\n"
        "print(json.dumps([m for m in ['numpy', 'PIL'] if m in sys.modules]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


def test_an_app_with_audio_and_video_loads_numpy_only_for_a_value():
    """Audio converts samples with numpy, loaded by the first value it converts: building an app
    with Audio and Video (no value yet) loads neither numpy nor PIL."""
    code = (
        "import sys, json, nbblocks as gr\n"
        "with gr.Blocks():\n    gr.Audio(); gr.Audio(type='filepath', streaming=True); gr.Video()\n"
        "print(json.dumps([m for m in ['numpy', 'PIL'] if m in sys.modules]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


def test_a_plain_install_brings_what_a_notebook_needs():
    """``pip install nbblocks`` is enough for Jupyter: the widget libraries are dependencies, not
    an extra (and, above, still not imported by ``import nbblocks``)."""
    required = [Requirement(line) for line in importlib.metadata.requires("nbblocks") or []]
    unconditional = {requirement.name for requirement in required if requirement.marker is None}
    assert {"anywidget", "ipywidgets"} <= unconditional


def run_without(module: str, code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a Python where ``module`` cannot be imported, as if it were not installed."""
    hide = f"import sys\nsys.modules[{module!r}] = None\n"
    return subprocess.run([sys.executable, "-c", hide + code], capture_output=True, text=True, timeout=60)


def test_share_without_asyncssh_says_what_to_install_in_one_line_and_still_serves():
    result = run_without(
        "asyncssh",
        "import urllib.request\n"
        "import nbblocks as gr\n"
        "with gr.Blocks() as demo:\n"
        "    gr.Textbox()\n"
        "_, url, share_url = demo.launch(share=True, share_server_address='127.0.0.1:9', prevent_thread_lock=True)\n"
        "print(share_url, urllib.request.urlopen(url + 'config').status)\n"
        "demo.close()\n",
    )
    local, line, served = result.stdout.splitlines()
    assert local.startswith("Running on local URL: http://127.0.0.1:")
    assert line == (
        "Could not create share link: share=True needs asyncssh, which is not installed: "
        "pip install 'nbblocks[share]'. The app is still served locally."
    )
    assert served == "None 200" and result.stderr == ""


def test_a_missing_widget_library_is_named_with_its_install_command_and_no_chained_traceback():
    # anywidget imports ipywidgets: the module named is the one missing, not the one imported
    result = run_without(
        "ipywidgets", "import nbblocks as gr\nfrom nbblocks.notebook import widget_for\nwidget_for(gr.Textbox())\n"
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "nbblocks.dependencies.MissingDependency: Displaying an app in a notebook needs ipywidgets, "
        "which is not installed: pip install anywidget ipywidgets"
    )
    assert "ModuleNotFoundError" not in result.stderr and "During handling" not in result.stderr
