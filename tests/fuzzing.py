"""What the fuzz tests (Hypothesis) feed the decoders, and how hard: JSON values of every kind,
messages shaped like the protocol's but wrong in every field, JSON nested past any limit, and
arbitrary text and bytes. Shared by `tests/test_protocol_fuzz.py` (the engine's decoder) and
`tests/server/test_fuzz.py` (every decoder of the served app).

`FUZZ` runs a modest, fixed set of examples (``derandomize``: the same ones on every run, so
CI is reproducible; no example database written into the checkout)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from nbblocks.protocol import MAX_JSON_DEPTH


def fuzz(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples, deadline=None, derandomize=True, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )  # fmt: skip


FUZZ = fuzz(200)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=20)
)
json_values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def nested(depth: int, value: Any = 0) -> Any:
    """``value`` inside ``depth`` lists."""
    for _ in range(depth):
        value = [value]
    return value


#: JSON text nested around the limit, and far past what Python's decoder can take
deep_json = st.one_of(st.sampled_from([MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1]), st.integers(1, 100_000)).flatmap(
    lambda depth: st.sampled_from(["[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth])
)


def client_messages(ids: st.SearchStrategy[Any] = st.integers(-1, 30)) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts shaped like the front end's messages, any field of any type, present or not."""
    return st.fixed_dictionaries(
        {"type": st.sampled_from(["ready", "value", "trigger", "render", ""]) | json_values},
        optional={
            "id": ids | json_values,
            "event": st.sampled_from(["click", "change", "submit", "input", "load", "select", "__init__"]) | json_values,
            "value": json_values,
            "data": json_values,
            "inputs": st.dictionaries(st.integers(0, 20).map(str) | st.text(max_size=4), json_values, max_size=3) | json_values,
        },
    )


def raw_client_messages(ids: st.SearchStrategy[Any] = st.integers(-1, 30)) -> st.SearchStrategy[str | bytes]:
    """What a WebSocket may carry: message-shaped JSON, any JSON, deep JSON, any text or bytes."""
    return st.one_of(
        client_messages(ids).map(json.dumps),
        json_values.map(json.dumps),
        deep_json,
        st.text(max_size=50),
        st.binary(max_size=50),
    )
