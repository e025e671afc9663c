"""Small 3D model files for the Model3D tests, written on the spot: one triangle facing the
default camera, as STL (text), OBJ, glTF (JSON with its buffer embedded as base64) and GLB
(glTF's binary container). And `wait_for_paint`, which waits until a viewer has drawn one."""

from __future__ import annotations

import base64
import io
import json
import struct
import time
from pathlib import Path
from typing import Any

#: the triangle, in the plane z = 0, counter-clockwise seen from +z (the default camera)
TRIANGLE = ((-1.0, -1.0, 0.0), (1.0, -1.0, 0.0), (0.0, 1.0, 0.0))
FORMATS = ("stl", "obj", "gltf", "glb")


def stl() -> bytes:
    corners = "\n".join(f"      vertex {x} {y} {z}" for x, y, z in TRIANGLE)
    return f"solid t\n  facet normal 0 0 1\n    outer loop\n{corners}\n    endloop\n  endfacet\nendsolid t\n".encode()


def obj() -> bytes:
    return ("".join(f"v {x} {y} {z}\n" for x, y, z in TRIANGLE) + "f 1 2 3\n").encode()


def _gltf_json(buffer_uri: str | None) -> dict[str, object]:
    size = 4 * 9
    buffer: dict[str, object] = {"byteLength": size}
    if buffer_uri is not None:
        buffer["uri"] = buffer_uri
    return {
        "asset": {"version": "2.0"},
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
        "buffers": [buffer],
        "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": size}],
        "accessors": [{
            "bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
            "min": [-1.0, -1.0, 0.0], "max": [1.0, 1.0, 0.0],
        }],
    }  # fmt: skip


def _positions() -> bytes:
    return struct.pack("<9f", *(c for corner in TRIANGLE for c in corner))


def gltf() -> bytes:
    uri = "data:application/octet-stream;base64," + base64.b64encode(_positions()).decode()
    return json.dumps(_gltf_json(uri)).encode()


def glb() -> bytes:
    document = json.dumps(_gltf_json(None)).encode()
    document += b" " * (-len(document) % 4)  # chunks are 4-byte aligned
    binary = _positions()
    chunks = struct.pack("<I4s", len(document), b"JSON") + document + struct.pack("<I4s", len(binary), b"BIN\0") + binary
    return struct.pack("<4sII", b"glTF", 2, 12 + len(chunks)) + chunks


def write_model(folder: Path, kind: str) -> Path:
    """The triangle as ``folder/triangle.<kind>``."""
    path = folder / f"triangle.{kind}"
    path.write_bytes({"stl": stl, "obj": obj, "gltf": gltf, "glb": glb}[kind]())
    return path


def painted_pixels(png: bytes, background: tuple[int, int, int]) -> float:
    """The share of a screenshot's pixels that differ clearly from ``background``."""
    from PIL import Image, ImageChops

    image = Image.open(io.BytesIO(png)).convert("RGB")
    difference = ImageChops.difference(image, Image.new("RGB", image.size, background)).convert("L")
    painted = sum(difference.histogram()[25:])  # grey levels above 24: not antialiasing noise
    return painted / (image.width * image.height)


def wait_for_paint(canvas: Any, background: tuple[int, int, int], timeout: float = 20.0) -> None:
    """Until the canvas (a Playwright locator) shows a model: over 1 % of its pixels differ from
    ``background``. It is drawn only once the viewer's chunk and the file have arrived, so tests
    wait for the pixels, not for a fixed time."""
    deadline = time.monotonic() + timeout
    share = 0.0
    while time.monotonic() < deadline:
        share = painted_pixels(canvas.screenshot(), background)
        if share > 0.01:
            return
    raise AssertionError(f"the model was not drawn: {share:.2%} of the canvas differs from its background")
