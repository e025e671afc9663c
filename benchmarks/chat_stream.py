"""Chat streaming benchmark: a 500-token reply streamed into a Chatbot holding 200 messages, beside
one holding 2: bytes sent to the page per token, and server CPU per token.

Run: ``.venv/bin/python benchmarks/chat_stream.py``.
Target: both independent of the history's length.

In this process, a session whose transport only encodes each outgoing message as the WebSocket
and the notebook comm do (``json.dumps``) and counts its bytes. The app is the usual streaming chat:
the function appends an empty assistant message and yields the whole history after each token.
CPU is this process's (``time.process_time``, every thread: the queue's worker runs the
generator, postprocesses each yield and builds the update) over the whole event, divided by the
tokens. Each case also runs with the text append switched off (``Chatbot.TEXT_APPENDS =
False``), which is what every token would cost if the history were re-sent.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Iterator
from typing import Any

import nbblocks as gr
from nbblocks.components.chatbot import Chatbot
from nbblocks.sessions import Session

TOKENS = 500
HISTORIES = (2, 200)
RUNS = 3


def history_of(length: int) -> list[dict[str, str]]:
    """Alternating user and assistant messages of a typical length (a few hundred characters)."""
    text = "A message of an ordinary conversation, long enough to be realistic. " * 4
    return [{"role": ("user", "assistant")[index % 2], "content": f"{index}: {text}"} for index in range(length)]


def stream(history: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    history = [*history, {"role": "assistant", "content": ""}]
    for index in range(TOKENS):
        history[-1]["content"] += f"tok{index} "
        yield history


def one_run(length: int) -> tuple[float, float, float]:
    """(bytes of the first update, median bytes of each later token's update, CPU µs per token)
    of one streamed reply into ``length`` messages."""
    with gr.Blocks() as demo:
        bot = gr.Chatbot(history_of(length), type="messages")
        button = gr.Button()
        button.click(stream, bot, bot)
    sizes: list[int] = []
    session = Session(demo, lambda message: sizes.append(len(json.dumps(message))) if message["type"] == "update" else None)
    session.handle({"type": "ready"})
    assert demo.event_queue().join(timeout=60)
    sizes.clear()
    started = time.process_time()
    session.handle({"type": "trigger", "id": button._id, "event": "click"})
    assert demo.event_queue().join(timeout=600), "the reply did not finish"
    cpu = time.process_time() - started
    demo.close()
    assert len(sizes) == TOKENS, f"{len(sizes)} updates for {TOKENS} tokens"
    return sizes[0], statistics.median(sizes[1:]), cpu / TOKENS * 1e6


def main() -> None:
    print(f"A {TOKENS}-token reply streamed into a Chatbot (median of {RUNS} runs)")
    print(f"{'history':>8} {'appends':>8} {'first update B':>15} {'B/later token':>14} {'CPU µs/token':>13}")
    for appends in (True, False):
        Chatbot.TEXT_APPENDS = appends
        for length in HISTORIES:
            runs = [one_run(length) for _ in range(RUNS)]
            first, later, cpu = (statistics.median(run[column] for run in runs) for column in range(3))
            print(f"{length:>8} {'on' if appends else 'off':>8} {first:>15.0f} {later:>14.0f} {cpu:>13.0f}")
    Chatbot.TEXT_APPENDS = True


if __name__ == "__main__":
    main()
