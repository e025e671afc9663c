"""A small gallery of the components and events, written with the public API only.

``python -m nbblocks.gallery`` serves it (the README's main command starts it); in a notebook,
``from nbblocks.gallery import demo; demo`` shows it inline.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import nbblocks as gr


def greet(name: str, greeting: str, excited: bool) -> str:
    if not name:
        raise gr.Error("Type a name first.")
    return f"{greeting}, {name}{'!' if excited else '.'}"


def classify(text: str) -> dict[str, float]:
    letters = sum(ch.isalpha() for ch in text) or 1
    vowels = sum(ch in "aeiouAEIOU" for ch in text)
    return {"vowels": vowels / letters, "consonants": 1 - vowels / letters}


def count_to(n: float, progress: gr.Progress = gr.Progress()) -> Iterator[str]:
    shown = []
    for i in progress.tqdm(range(1, int(n) + 1), desc="Counting"):
        time.sleep(0.2)
        shown.append(str(i))
        yield " ".join(shown)
    gr.Info(f"Counted to {int(n)}.")


with gr.Blocks(title="nbblocks gallery") as demo:
    gr.Markdown("# nbblocks gallery\nEvery core component, wired to a Python function.")
    with gr.Tab("Inputs"):
        with gr.Row():
            with gr.Column():
                name = gr.Textbox(label="Name", placeholder="Ada")
                greeting = gr.Radio(["Hello", "Welcome", "Hi"], value="Hello", label="Greeting")
                excited = gr.Checkbox(label="Excited", value=True)
                go = gr.Button("Greet", variant="primary")
            with gr.Column():
                message = gr.Textbox(label="Message")
                verdict = gr.Label(label="Letters", num_top_classes=2)
        go.click(greet, [name, greeting, excited], message).success(classify, message, verdict)
        name.submit(greet, [name, greeting, excited], message)
    with gr.Tab("Choices"):
        with gr.Row():
            fruit = gr.Dropdown(["apple", "banana", "cherry"], label="Fruit", value="apple")
            toppings = gr.CheckboxGroup(["cream", "sugar", "nuts"], label="Toppings")
            amount = gr.Slider(1, 10, value=3, step=1, label="Amount")
            price = gr.Number(label="Price", precision=2, value=1.5)
        order = gr.JSON(label="Order")
        gr.on([fruit.change, toppings.change, amount.change, price.change],
              lambda f, t, a, p: {"fruit": f, "toppings": t, "amount": a, "total": round(a * (p or 0), 2)},
              [fruit, toppings, amount, price], order)  # fmt: skip
    with gr.Tab("State"):
        count = gr.State(0)
        shown = gr.Number(label="Clicks in this tab", value=0)
        gr.Button("Count").click(lambda n: (n + 1, n + 1), count, [count, shown])
    with gr.Tab("Streaming"):
        upto = gr.Slider(1, 20, value=5, step=1, label="Count to")
        counted = gr.Textbox(label="Counted")
        start = gr.Button("Start", variant="primary")
        stop = gr.Button("Stop", variant="stop")
        running = start.click(count_to, upto, counted)
        stop.click(None, cancels=[running])
    with gr.Accordion("About", open=False):
        gr.HTML("<p>Built with <b>nbblocks</b>: Gradio's Blocks API, Jupyter-native.</p>")


if __name__ == "__main__":
    demo.launch()
