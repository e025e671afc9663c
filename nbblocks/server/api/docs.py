"""``GET /api-docs``: the "Use via API" page the footer links to.

Every listed endpoint with its parameters and returns, and a ready-to-copy example for the
official Python client and for curl. Everything shown comes from `endpoints.info`, escaped: labels
and defaults are the app author's text.
"""

from __future__ import annotations

import html
import json

from ... import endpoints
from ..handlers import BaseHandler
from .config import API_PREFIX


class ApiDocsHandler(BaseHandler):
    def get(self) -> None:
        if not self.server.options.show_api:
            self.send_error(404)
            return
        self.set_header("Cache-Control", "no-store")
        self.finish(docs_html(self.server.app.title, self.app_url(), endpoints.info(self.server.app)["named_endpoints"]))

    def app_url(self) -> str:
        """The URL a client should be given: the root path when it is a full URL, else this
        request's scheme and host with the root path."""
        root = self.server.options.root_path
        if root.startswith(("http://", "https://")):
            return root + "/"
        return f"{self.request.protocol}://{self.request.host}{root}/"


def python_example(url: str, name: str, info: endpoints.EndpointInfo) -> str:
    arguments = [f"{p['parameter_name']}={p['example_input']!r}" for p in info["parameters"]]
    call = ", ".join([*arguments, f'api_name="{name}"'])
    return f'from gradio_client import Client\n\nclient = Client("{url}")\nresult = client.predict({call})\nprint(result)'


def curl_example(url: str, name: str, info: endpoints.EndpointInfo) -> str:
    data = json.dumps({"data": [p["example_input"] for p in info["parameters"]]}).replace("'", "'\\''")
    base = f"{url.rstrip('/')}{API_PREFIX}/call{name}"
    return (
        f"EVENT_ID=$(curl -s -X POST {base} -H \"Content-Type: application/json\" -d '{data}' \\\n"
        f"  | awk -F'\"' '{{ print $4 }}')\n"
        f"curl -N {base}/$EVENT_ID"
    )


def _parameters(info: endpoints.EndpointInfo) -> str:
    e = html.escape
    rows = []
    for p in info["parameters"]:
        default = f" (default: {p['parameter_default']!r})" if p["parameter_has_default"] else " (required)"
        rows.append(f"<li><code>{e(p['parameter_name'])}</code>: <code>{e(p['python_type']['type'])}</code>{e(default)}"
                    f" — {e(p['component'])} “{e(p['label'])}”</li>")  # fmt: skip
    returns = [
        f"<li><code>{e(r['python_type']['type'])}</code> — {e(r['component'])} “{e(r['label'])}”</li>" for r in info["returns"]
    ]
    return (
        f"<h3>Parameters</h3><ul>{''.join(rows) or '<li>none</li>'}</ul>"
        f"<h3>Returns</h3><ul>{''.join(returns) or '<li>none</li>'}</ul>"
    )


def docs_html(title: str, url: str, named: dict[str, endpoints.EndpointInfo]) -> str:
    sections = []
    for name, info in named.items():
        description = f"<p>{html.escape(info['description'])}</p>" if info["description"] else ""
        sections.append(
            f'<section id="{html.escape(name[1:], quote=True)}"><h2><code>{html.escape(name)}</code></h2>{description}'
            + _parameters(info)
            + f"<h3>Python</h3><pre><code>{html.escape(python_example(url, name, info))}</code></pre>"
            + f"<h3>curl</h3><pre><code>{html.escape(curl_example(url, name, info))}</code></pre></section>"
        )
    body = "".join(sections) or "<p>This app has no API endpoints.</p>"
    count = len(named)
    return f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>API · {html.escape(title)}</title>
    <style>
      body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }}
      pre {{ background: #f4f4f5; padding: 0.75rem; overflow-x: auto; border-radius: 6px; }}
      section {{ border-top: 1px solid #ddd; margin-top: 1.5rem; }}
      @media (prefers-color-scheme: dark) {{ body {{ background: #111; color: #eee; }} pre {{ background: #222; }} }}
    </style>
  </head>
  <body>
    <h1>Use via API</h1>
    <p>{count} API endpoint{"" if count == 1 else "s"}. Install the client with
    <code>pip install gradio_client</code>, or call the app with curl: a POST starts a call and
    answers its event id, a GET on that id streams the result.</p>
    {body}
    <p><a href="./">Back to the app</a></p>
  </body>
</html>
"""

