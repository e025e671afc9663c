"""Type checking and lint, run with the tests so that CI refuses what they refuse.

Python: mypy on ``nbblocks/`` and ruff on the whole tree, both configured in pyproject.toml.
TypeScript: ``tsc --noEmit`` and the linter on ``js/`` (``npm run typecheck``, ``npm run lint``).
Each test fails with the tool's own report, so the message names file and line.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "js"


def run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=240)
    report = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{report}"


def test_mypy_finds_no_type_errors_in_the_package() -> None:
    run([sys.executable, "-m", "mypy"], ROOT)


def test_ruff_finds_nothing_to_fix() -> None:
    run([sys.executable, "-m", "ruff", "check", "nbblocks", "tests", "benchmarks"], ROOT)


@pytest.mark.parametrize("script", ["typecheck", "lint"])
def test_the_front_end_type_checks_and_lints(script: str) -> None:
    npm = shutil.which("npm")
    assert npm is not None, "npm is needed to check js/ (bash .ci/setup installs it)"
    run([npm, "run", "--silent", script], JS)
