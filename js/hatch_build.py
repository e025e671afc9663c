"""Hatch build hook: bundles the front end (js/) into nbblocks/static/ before a wheel is built:
the core bundle and the lazy chunks in static/chunks/ (js/src/chunks.ts), all shipped in the wheel.

The bundle is git-ignored, so a wheel built from a checkout must build it; a wheel built where
Node.js is missing (from an sdist that already carries the bundle) uses the files as they are.
Editable installs skip this: developers run `npm run build` in js/ themselves.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

BUNDLE = ("nbblocks.js", "nbblocks.css")


class FrontendBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Runs `npm ci` and `npm run build` in js/, then checks the bundle is there."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        js = root / "js"
        npm = shutil.which("npm")
        if npm and shutil.which("node") and (js / "package.json").is_file():
            for args in (["ci", "--no-audit", "--no-fund"], ["run", "build"]):
                subprocess.run([npm, *args], cwd=js, check=True)
        static = root / "nbblocks" / "static"
        missing = [name for name in BUNDLE if not (static / name).is_file()]
        if not any((static / "chunks").glob("*.js")):  # build.mjs writes every chunk or fails
            missing.append("chunks/*.js")
        if missing:
            raise RuntimeError(
                f"the front-end bundle is missing ({', '.join(missing)} in {static}): install "
                "Node.js and npm so the build can run `npm ci && npm run build` in js/"
            )
