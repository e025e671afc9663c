"""Dataframe through the official `gradio_client`: a table in as Gradio's ``{"headers", "data"}``
(received by the function as a pandas DataFrame), filtered, and out whole with ``metadata``;
a ragged table returned is an error at that output, and the app keeps answering."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

import nbblocks as gr


def filter_app() -> gr.Blocks:
    def heavier_than(frame: pd.DataFrame, limit: float) -> pd.DataFrame:
        assert isinstance(frame, pd.DataFrame)
        return frame[frame["kg"] > limit]

    def ragged() -> list[list[int]]:
        return [[1, 2], [3]]

    with gr.Blocks() as demo:
        table, limit = gr.Dataframe(headers=["name", "kg"], datatype=["str", "number"]), gr.Number()
        out = gr.Dataframe()
        gr.Button().click(heavier_than, [table, limit], out, api_name="filter")
        gr.Button().click(ragged, None, out, api_name="ragged")
    return demo


def test_a_dataframe_filter_in_and_out(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    client = connect(launch(filter_app()))
    table = {"headers": ["name", "kg"], "data": [["ada", 61.5], ["bob", 80], ["cy", 92.25]]}
    result = client.predict(table, 70, api_name="/filter")
    assert result == {"headers": ["name", "kg"], "data": [["bob", 80.0], ["cy", 92.25]], "metadata": None}
    info = client.view_api(return_format="dict", print_info=False)["named_endpoints"]["/filter"]
    assert info["parameters"][0]["type"]["properties"].keys() >= {"headers", "data"}


def test_a_ragged_table_is_an_error_at_that_output(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    client = connect(launch(filter_app()))
    with pytest.raises(Exception, match="every row must have 2 cells"):
        client.predict(api_name="/ragged")
    table = {"headers": ["name", "kg"], "data": [["ada", 100]]}
    assert client.predict(table, 1, api_name="/filter")["data"] == [["ada", 100]]


def test_the_api_gets_a_long_table_whole(launch: Callable[..., str], connect: Callable[..., Any]) -> None:
    """A page gets a long table a window at a time (nbblocks/windows.py); an API client, all of it."""
    with gr.Blocks() as demo:
        out = gr.Dataframe()
        gr.Button().click(lambda: [[i, str(i)] for i in range(5000)], None, out, api_name="long")
    result = connect(launch(demo)).predict(api_name="/long")
    assert len(result["data"]) == 5000 and result["data"][-1] == [4999, "4999"] and "total" not in result
