"""``import nbblocks`` stays cheap: no transport or heavy library is loaded by it. What loads
later is installed with nbblocks, or named in one line saying how to install it when missing."""

import importlib.metadata
import json
import subprocess
import sys

import pytest
from packaging.requirements import Requirement

HEAVY = [
    "ipywidgets", "anywidget", "tornado", "numpy", "PIL", "pandas", "polars", "matplotlib", "IPython", "comm",
    "mlflow", "wandb", "comet_ml",
]  # fmt: skip
TRANSPORTS = ["nbblocks.notebook", "nbblocks.server"]
ENGINE = [
    "blocks", "block", "events", "engine", "sessions", "render", "protocol", "queue", "layouts", "cache",
    "filedata", "transfers", "urlfetch", "components.files", "chunks", "components.model3d", "components.image",
    "components.gallery", "windows", "examples", "components.dataset",
    "chat_interface", "interface", "flagging", "shortcuts", "renderable", "execution", "mcp", "caching",
]  # fmt: skip


def loaded_by(code: str, watched: list[str]) -> list[str]:
    """Run ``code`` in a fresh Python; the modules in or under ``watched`` that it left loaded."""
    report = (
        f"\nimport sys, json\nwatched = {watched!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules if any(m == w or m.startswith(w + '.') for w in watched))))"
    )
    result = subprocess.run([sys.executable, "-c", code + report], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("code", "watched"),
    [
        pytest.param("import nbblocks", HEAVY, id="import nbblocks loads no transport or heavy library"),
        pytest.param(
            "import nbblocks",
            ["nbblocks.examples", "nbblocks.components.dataset"],
            id="import nbblocks loads gr.Examples and gr.Dataset only on first use",
        ),
        pytest.param(
            f"import importlib\nfor m in {ENGINE!r}: importlib.import_module('nbblocks.' + m)",
            TRANSPORTS,
            id="the engine imports no transport",
        ),
    ],
)
def test_modules_import_no_transport(code: str, watched: list[str]) -> None:
    assert loaded_by(code, watched) == []


@pytest.mark.parametrize(
    ("components", "watched"),
    [
        # A URL input is fetched by `nbblocks.urlfetch` (http.client, ssl): loaded on the first URL
        pytest.param(
            "gr.File(); gr.UploadButton(); gr.DownloadButton()",
            ["nbblocks.urlfetch", "http.client", "ssl"],
            id="files load their network code only when a URL arrives",
        ),
        # ImageEditor, Sketchpad and ImageMask convert with numpy and PIL, loaded by the first value
        pytest.param(
            "gr.ImageEditor(brush=gr.Brush(), eraser=gr.Eraser()); gr.Sketchpad(); gr.ImageMask()",
            ["numpy", "PIL"],
            id="image editors load numpy and PIL only for a value",
        ),
        # Image, Gallery and AnnotatedImage convert with numpy and PIL, loaded by the first picture
        pytest.param(
            "gr.Image(type='pil'); gr.Gallery(); gr.AnnotatedImage(); gr.ImageSlider(type='pil')",
            ["numpy", "PIL"],
            id="images load numpy and PIL only for a value",
        ),
        # BrowserState and Dialogue hold JSON: they need no data or image library
        pytest.param(
            "gr.BrowserState(['', '']); gr.Dialogue(speakers=['A', 'B'])",
            ["numpy", "PIL", "pandas", "tornado", "ipywidgets"],
            id="browser state and dialogue load no data, image or transport library",
        ),
        # Audio converts samples with numpy, loaded by the first value; Video converts nothing
        pytest.param(
            "gr.Audio(); gr.Audio(type='filepath', streaming=True); gr.Video()",
            ["numpy", "PIL"],
            id="audio and video load numpy only for a value",
        ),
        # Dataframe loads pandas, polars or numpy only to convert a value of theirs, or for its `type`
        pytest.param(
            "gr.Dataframe(type='polars'); gr.Dataframe(type='numpy'); gr.Dataframe([[1, 'a']], headers=['n', 's'])",
            ["numpy", "pandas", "polars"],
            id="dataframes load pandas, polars and numpy only for a value",
        ),
        # Examples of text need no data or image library
        pytest.param(
            "gr.Examples([['a'], ['b']], gr.Textbox(), gr.Textbox(), str.upper, run_on_click=True)",
            ["numpy", "PIL", "pandas", "tornado", "ipywidgets"],
            id="examples of text load no data, image or transport library",
        ),
        # Plot and the charts convert what the function returns (a figure, a DataFrame) by its own methods
        pytest.param(
            "gr.Plot(); gr.LinePlot(x='a', y='b'); gr.ScatterPlot(x='a', y='b'); gr.BarPlot(x='a', y='b')",
            ["matplotlib", "pandas", "numpy", "PIL"],
            id="plots import no plotting or data library",
        ),
    ],
)
def test_building_an_app_loads_none_of(components: str, watched: list[str]) -> None:
    """Building the app (no value yet) loads none of ``watched``: they load with the first value."""
    assert loaded_by(f"import nbblocks as gr\nwith gr.Blocks():\n    {components}", watched) == []


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


def test_the_lazily_loaded_components_are_the_ones_type_checkers_see():
    """`nbblocks.components` names each component twice: in `_MODULES`, which loads it on first
    use, and in the imports type checkers read. The two must agree, and each name must load."""
    import ast
    import inspect

    import nbblocks
    from nbblocks import components

    tree = ast.parse(inspect.getsource(components))
    guarded = next(node for node in tree.body if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test))
    seen = {stmt.module: tuple(sorted(alias.name for alias in stmt.names)) for stmt in guarded.body if isinstance(stmt, ast.ImportFrom)}
    assert seen == {module: tuple(sorted(names)) for module, names in components._MODULES.items()}
    for module, names in components._MODULES.items():
        for name in names:
            assert getattr(nbblocks, name).__module__ == f"nbblocks.components.{module}"
