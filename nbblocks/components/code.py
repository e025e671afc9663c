"""Code: source text in an editor (CodeMirror 6, the lazy "code" chunk) with its language's highlighting."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from traitlets import Bool, Enum, Int

from ..accepted import warn_unused
from ..events import EventListener
from .base import Component, expect

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ComponentOptions

#: Gradio 4.34's languages; the front end highlights those CodeMirror has a package for here
#: (js/src/components/code-languages.ts) and shows the others as plain text
LANGUAGES = (
    "python", "c", "cpp", "markdown", "latex", "json", "html", "css", "javascript", "jinja2", "typescript",
    "yaml", "dockerfile", "shell", "r", "sql", "sql-msSQL", "sql-mySQL", "sql-mariaDB", "sql-sqlite",
    "sql-cassandra", "sql-plSQL", "sql-hive", "sql-pgSQL", "sql-gql", "sql-gpSQL", "sql-sparkSQL", "sql-esper",
)  # fmt: skip


class Code(Component):
    """An editor for code, read-only unless interactive; ``lines`` is its height in lines when it
    holds fewer, ``max_lines`` the most it shows before it scrolls. A function may return the text, or ``(path,)`` to show a file's contents."""

    languages = [*LANGUAGES, None]  # Gradio's class attribute, for code that reads it
    change = EventListener()
    input = EventListener()
    focus = EventListener()
    blur = EventListener()
    language = Enum(LANGUAGES, None, allow_none=True).tag(prop=True)
    lines = Int(5).tag(prop=True)
    max_lines = Int(None, allow_none=True).tag(prop=True)
    show_line_numbers = Bool(True).tag(prop=True)
    wrap_lines = Bool(False).tag(prop=True)

    def __init__(
        self,
        value: str | tuple[str] | None = None,
        language: str | None = None,
        *,
        lines: int = 5,
        max_lines: int | None = None,
        show_line_numbers: bool = True,
        wrap_lines: bool = False,
        autocomplete: bool = False,
        buttons: list[Any] | None = None,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        if language not in self.languages:
            raise ValueError(f"Language {language} not supported.")
        warn_unused("Code", autocomplete=autocomplete or None, buttons=buttons)
        super().__init__(
            value, language=language, lines=lines, max_lines=max_lines, show_line_numbers=show_line_numbers,
            wrap_lines=wrap_lines, **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_value(self) -> Any:
        return "print('Hello World')"

    def preprocess(self, payload: Any) -> str | None:
        expect(payload is None or isinstance(payload, str), self, f"expected the code as text, got {payload!r}")
        return payload

    def postprocess(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, tuple):  # (path,): the file's text, as Gradio reads it
            return Path(value[0]).read_text(encoding="utf-8")
        return str(value).strip()
