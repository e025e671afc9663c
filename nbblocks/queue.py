"""Queue settings from ``Blocks.queue()``. The scheduler that applies them is the queue issue's."""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from typing import Literal


@dataclass
class QueueSettings:
    """What ``demo.queue(...)`` was given, with Gradio's defaults and environment variables."""

    status_update_rate: float | Literal["auto"] = "auto"
    api_open: bool | None = None
    max_size: int | None = None
    default_concurrency_limit: int | None = 1

    @classmethod
    def from_arguments(
        cls,
        status_update_rate: float | Literal["auto"] = "auto",
        api_open: bool | None = None,
        max_size: int | None = None,
        concurrency_count: int | None = None,
        default_concurrency_limit: int | None | Literal["not_set"] = "not_set",
    ) -> QueueSettings:
        if concurrency_count is not None:
            warnings.warn(
                "queue(concurrency_count=...) is deprecated: set concurrency_limit on each listener "
                "(btn.click(fn, ..., concurrency_limit=10)) or default_concurrency_limit in queue(); "
                "the total number of worker threads is launch(max_threads=...).",
                DeprecationWarning,
                stacklevel=3,
            )
        if default_concurrency_limit == "not_set":
            default_concurrency_limit = _limit_from_env()
        if max_size is not None and max_size < 0:
            raise ValueError("max_size must be None or a non-negative int")
        return cls(status_update_rate, api_open, max_size, default_concurrency_limit)


def _limit_from_env() -> int | None:
    raw = os.environ.get("GRADIO_DEFAULT_CONCURRENCY_LIMIT")
    if raw is None:
        return 1
    if raw.strip().lower() == "none":
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"GRADIO_DEFAULT_CONCURRENCY_LIMIT must be an int or 'None', not {raw!r}") from None
