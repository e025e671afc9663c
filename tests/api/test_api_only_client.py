"""``gr.api``: a plain function as an API endpoint with no UI, called through the official
`gradio_client`, its parameters described from the function's type hints."""

from __future__ import annotations

from typing import Any

import pytest

import nbblocks as gr


def slice_list(lst: list[int], start: int, end: int = 2) -> list[int]:
    """A tool that slices a list."""
    return lst[start:end]


def greet(name: str | None, request: gr.Request) -> str:
    assert isinstance(request, gr.Request)  # the engine's, not an API parameter
    return f"Hello {name or 'nobody'}"


def test_an_api_only_function_is_called_with_json_values(launch, connect) -> None:
    with gr.Blocks() as demo:
        gr.Markdown("An API-only app")
        gr.api(slice_list)
        gr.api(greet, api_name="hello")
    client = connect(launch(demo))
    assert client.predict([1, 2, 3, 4], 1, 3, api_name="/slice_list") == [2, 3]
    assert client.predict(None, api_name="/hello") == "Hello nobody"
    described: dict[str, Any] = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    parameters = described["/slice_list"]["parameters"]
    assert [(p["parameter_name"], p["type"]) for p in parameters] == [
        ("lst", {"type": "array", "items": {"type": "integer"}}), ("start", {"type": "integer"}), ("end", {"type": "integer"}),
    ]  # fmt: skip
    assert described["/slice_list"]["returns"][0]["type"] == {"type": "array", "items": {"type": "integer"}}
    assert described["/hello"]["parameters"][0]["type"] == {"anyOf": [{"type": "string"}, {"type": "null"}]}


def test_an_api_only_function_draws_nothing_and_needs_an_app() -> None:
    from tests.helpers import RecordedSession

    with gr.Blocks() as demo:
        gr.api(slice_list)
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    assert session.sent[0]["tree"]["children"] == [] and session.sent[0]["listeners"] == []
    with pytest.raises(AttributeError, match="outside of a gr.Blocks"):
        gr.api(slice_list)
