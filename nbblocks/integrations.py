"""`Blocks.integrate()`: the running app's URL logged to experiment trackers (Comet, W&B, MLflow).

The caller passes each tracker in (a comet_ml ``Experiment``, the ``wandb`` or ``mlflow`` module), so
this module imports none of them: none is a dependency and ``import nbblocks`` stays cheap.

What each tracker receives follows Gradio, so a Gradio dashboard reads the same:

- comet_ml: the other ``"Created from" = "Gradio"`` and the text sample ``"gradio: <url>"``. Unlike
  Gradio, the experiment is not ended: it belongs to the caller, who may log more to it (Comet ends
  it when the process exits anyway).
- wandb: an HTML ``"Gradio panel"`` framing the app. Without a share link Gradio logs nothing and
  prints a note; we log the URL there is (it works for whoever can reach it, such as anyone viewing
  an offline run or a local W&B server on this machine) and print a note saying who that is.
- mlflow: the param ``"Gradio Interface Share Link"``, or ``"Gradio Interface Local Link"`` without
  a share link. MLflow params are write-once per run: integrating one run twice with different URLs
  (a relaunch on another port) raises MLflow's own error.

The URL is the share link when the server has one; else, in a kernel under JupyterHub or Binder, the
app's URL through Jupyter's proxy (the only one the user's browser can reach there); else its local
URL. The last two count as Gradio's "Local Link". An app rendered inline in a notebook has no URL
(no server, no port), so integrate() refuses it with a ValueError saying to ``launch(inline=False)``,
rather than logging nothing silently.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from types import ModuleType

    from .blocks import Blocks

#: the panel's size: Gradio's launch() defaults, which it also uses for this iframe
PANEL_HEIGHT = 500
PANEL_WIDTH = "100%"


@dataclass(frozen=True)
class AppURL:
    """Where the launched app is reachable; ``public`` when it is a share link, else ``reach`` says
    who can open it."""

    url: str
    public: bool
    reach: str = "anyone with the link"


def app_url(app: Blocks) -> AppURL:
    """The share link of the app's server if it has one, else its URL through Jupyter's proxy if
    it has a full one, else its local URL.

    Raises ValueError when nothing is served: not launched yet, closed, or only rendered inline."""
    server = app.server
    if server is None:
        if app._widget is not None:
            raise ValueError(
                "integrate() logs the app's URL, but this app is rendered inline in the notebook, with no "
                "server and so no URL. Serve it first: demo.launch(inline=False) (add share=True for a "
                "link others can open), then call integrate()."
            )
        raise ValueError("Please run `launch()` first: integrate() logs the URL of the running app.")
    share_url = getattr(server, "share_url", None)
    if share_url:
        return AppURL(share_url, public=True)
    # only a full URL: a bare proxy path would resolve against the tracker's own site
    proxied_url = getattr(app, "proxied_url", None)
    if proxied_url and proxied_url.startswith(("http://", "https://")):
        return AppURL(proxied_url, public=False, reach="only you, signed in to this Jupyter server,")
    return AppURL(server.local_url, public=False, reach="only this machine")


def integrate(
    app: Blocks,
    comet_ml: Any = None,
    wandb: ModuleType | None = None,
    mlflow: ModuleType | None = None,
) -> None:
    """Log the app's URL to each tracker given (see the module docstring for what each receives)."""
    location = app_url(app)
    if comet_ml is not None:
        log_to_comet(comet_ml, location)
    if wandb is not None:
        log_to_wandb(wandb, location, quiet=bool(app.server and app.server.options.quiet))
    if mlflow is not None:
        log_to_mlflow(mlflow, location)


def log_to_comet(experiment: Any, location: AppURL) -> None:
    """Mark a comet_ml Experiment as made with Gradio and record the app's URL as a text sample."""
    experiment.log_other("Created from", "Gradio")
    experiment.log_text(f"gradio: {location.url}")


def log_to_wandb(wandb: ModuleType, location: AppURL, quiet: bool = False) -> None:
    """Log a "Gradio panel" framing the app to the current W&B run."""
    # the URL is ours, but a root_path or share server could carry characters that end the attribute
    src = html.escape(location.url, quote=True)
    frame = f'<iframe src="{src}" width="{PANEL_WIDTH}" height="{PANEL_HEIGHT}" frameBorder="0"></iframe>'
    wandb.log({"Gradio panel": wandb.Html(frame)})
    if not location.public and not quiet:
        print(
            f"The W&B panel shows {location.url}, which {location.reach} can open; "
            "launch(share=True) for a panel others can use.",
            flush=True,
        )


def log_to_mlflow(mlflow: ModuleType, location: AppURL) -> None:
    """Record the app's URL as a param of the active MLflow run (MLflow starts one if none is)."""
    key = "Gradio Interface Share Link" if location.public else "Gradio Interface Local Link"
    mlflow.log_param(key, location.url)
