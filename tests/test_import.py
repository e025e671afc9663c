"""``import nbblocks`` stays cheap: no transport or heavy library is loaded by it."""

import json
import subprocess
import sys

HEAVY = ["ipywidgets", "anywidget", "tornado", "numpy", "pandas", "IPython", "comm", "mlflow", "wandb", "comet_ml"]


def test_import_loads_no_transport_or_heavy_library():
    code = f"import sys, json, nbblocks; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


def test_the_engine_imports_no_transport():
    engine_modules = ["blocks", "block", "events", "engine", "sessions", "render", "protocol", "queue", "layouts"]
    code = (
        "import sys, json, importlib\n"
        f"for m in {engine_modules!r}: importlib.import_module('nbblocks.' + m)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('nbblocks.notebook') or m.startswith('nbblocks.server'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
