"""Font families for a theme's ``font`` and ``font_mono``.

Nothing is downloaded: apps must work offline, so a `GoogleFont` only names its family. The browser
uses it when it is installed and otherwise the next family of the stack.
"""

from __future__ import annotations

from collections.abc import Iterable

# CSS keywords: quoted, they would name a font called "sans-serif" instead of the generic family.
GENERIC_FAMILIES = frozenset(
    "serif sans-serif monospace cursive fantasy system-ui ui-serif ui-sans-serif ui-monospace "
    "ui-rounded math emoji fangsong -apple-system BlinkMacSystemFont".split()
)


class Font:
    """A font family, by name."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        if self.name in GENERIC_FAMILIES:
            return self.name
        escaped = self.name.replace("\\", "\\\\").replace("'", "\\'")
        return f"'{escaped}'"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.name == self.name

    def __hash__(self) -> int:
        return hash((type(self), self.name))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


class GoogleFont(Font):
    """A Google Fonts family. Gradio loads it from Google; nbblocks stays offline and only names it."""

    def __init__(self, name: str, weights: Iterable[int] = (400, 600)) -> None:
        super().__init__(name)
        self.weights = tuple(weights)


def font_stack(fonts: Font | str | Iterable[Font | str]) -> str:
    """The CSS ``font-family`` value of one font or a sequence of fallbacks."""
    if isinstance(fonts, (Font, str)):
        fonts = [fonts]
    return ", ".join(str(font if isinstance(font, Font) else Font(font)) for font in fonts)
