"""Theme objects: `Base` and Gradio's built-in themes `Default`, `Soft`, `Glass` and `Monochrome`.

A theme is a table of named values in Gradio's vocabulary: the shades of its three hues
(``primary_500``), its size scales (``radius_lg``, ``text_md``), its font stacks (``font``) and the
variables `Base.set` changes (``button_primary_background_fill``). A value may name another with
``*`` ("*primary_600"). `nbblocks.themes._css` turns the ones the front end draws with into CSS.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from typing import Any, ClassVar

from . import colors, sizes
from .colors import Color
from .fonts import Font, GoogleFont, font_stack
from .sizes import Size

SANS_FALLBACKS = ("ui-sans-serif", "system-ui", "sans-serif")

# Gradio's variables as the front end draws them when no theme is given (js/src/styles/theme.css),
# said in theme terms so hues, sizes and `set` reach them. A few are nbblocks' own look rather
# than Gradio's Base (solid primary buttons, white inputs, a dark mode tint of the primary hue).
FRONT_END_VARIABLES = {
    "background_fill_primary": "white",
    "background_fill_secondary": "*neutral_50",
    "body_background_fill": "*background_fill_primary",
    "body_text_color": "*neutral_800",
    "body_text_color_subdued": "*neutral_500",
    "body_text_size": "*text_md",
    "block_background_fill": "*background_fill_primary",
    "block_label_text_color": "*neutral_600",
    "block_radius": "*radius_lg",
    "border_color_primary": "*neutral_200",
    "button_primary_background_fill": "*primary_500",
    "button_primary_background_fill_hover": "*primary_600",
    "button_primary_text_color": "white",
    "button_secondary_background_fill": "*neutral_100",
    "button_secondary_background_fill_hover": "*neutral_200",
    "button_secondary_text_color": "*neutral_800",
    "color_accent_soft": "*primary_100",
    "color_accent_soft_dark": "*primary_950",
    "input_background_fill": "*background_fill_primary",
    "input_border_color": "*neutral_300",
    "input_radius": "*radius_md",
    "layout_gap": "*spacing_xxl",
}

_REFERENCE = re.compile(r"\*(\w+)")
_MAX_DEPTH = 32  # references deeper than this are taken for a cycle

FontArgument = Font | str | Iterable[Font | str]


class Base:
    """A theme: three hues, three size scales and two font stacks, then single variables set by
    `set`. Arguments left at None take the theme's own choice (for Base, Gradio's: blue, gray, md).

    Hues are a `Color` or a palette name ("red"); sizes a `Size` or a step ("sm", "md", "lg");
    fonts a `Font`, a family name or a sequence of fallbacks."""

    name: ClassVar[str] = "base"
    # Each theme's choices for the arguments left at None, and the variables it sets itself.
    ARGUMENTS: ClassVar[dict[str, Any]] = {
        "primary_hue": colors.blue,
        "secondary_hue": colors.blue,
        "neutral_hue": colors.gray,
        "text_size": sizes.text_md,
        "spacing_size": sizes.spacing_md,
        "radius_size": sizes.radius_md,
        "font": (GoogleFont("Source Sans Pro"), *SANS_FALLBACKS),
        "font_mono": (GoogleFont("IBM Plex Mono"), "ui-monospace", "Consolas", "monospace"),
    }
    OWN_VARIABLES: ClassVar[dict[str, str]] = {}

    def __init__(
        self,
        *,
        primary_hue: Color | str | None = None,
        secondary_hue: Color | str | None = None,
        neutral_hue: Color | str | None = None,
        text_size: Size | str | None = None,
        spacing_size: Size | str | None = None,
        radius_size: Size | str | None = None,
        font: FontArgument | None = None,
        font_mono: FontArgument | None = None,
    ) -> None:
        given = {
            "primary_hue": primary_hue, "secondary_hue": secondary_hue, "neutral_hue": neutral_hue,
            "text_size": text_size, "spacing_size": spacing_size, "radius_size": radius_size,
            "font": font, "font_mono": font_mono,
        }  # fmt: skip
        chosen: dict[str, Any] = {name: self.ARGUMENTS[name] if value is None else value for name, value in given.items()}
        variables: dict[str, str] = {}
        for hue in ("primary", "secondary", "neutral"):
            color = colors.as_color(chosen[f"{hue}_hue"])
            variables.update({f"{hue}_{shade}": getattr(color, f"c{shade}") for shade in colors.SHADES})
        for kind in ("text", "spacing", "radius"):
            scale = sizes.as_size(chosen[f"{kind}_size"], kind)
            variables.update({f"{kind}_{step}": getattr(scale, step) for step in sizes.STEPS})
        variables["font"] = font_stack(chosen["font"])
        variables["font_mono"] = font_stack(chosen["font_mono"])
        self._variables = variables | FRONT_END_VARIABLES
        self.set(**self.OWN_VARIABLES)

    def set(self, **variables: Any) -> Base:
        """Set Gradio theme variables (``button_primary_background_fill="*primary_600"``); returns
        the theme. A value may name another variable with ``*``; a ``_dark`` variant applies in
        dark mode. None leaves a variable as it is. Variables the front end does not draw with
        are kept (others may refer to them) and otherwise have no effect."""
        self._variables.update({name: str(value) for name, value in variables.items() if value not in (None, "")})
        return self

    def __getattr__(self, name: str) -> str:
        """A variable as set, references unresolved (``theme.primary_500``), as Gradio's attributes."""
        try:
            return self.__dict__["_variables"][name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__!r} theme has no variable {name!r}") from None

    def _computed(self, expression: str, *, dark: bool = False) -> str | None:
        """``expression`` with each ``*name`` replaced by that variable's value, its ``_dark``
        variant first in dark mode; None when it names an unknown variable or goes round in a cycle."""
        try:
            return self._substitute(expression, dark, 0)
        except (KeyError, RecursionError):
            return None

    def _substitute(self, expression: str, dark: bool, depth: int) -> str:
        if depth > _MAX_DEPTH:
            raise RecursionError(expression)

        def value_of(match: re.Match[str]) -> str:
            name = match.group(1)
            value = self._variables.get(f"{name}_dark") if dark else None
            return self._substitute(value or self._variables[name], dark, depth + 1)

        return _REFERENCE.sub(value_of, expression)

    @classmethod
    def from_hub(cls, repo_name: str, hf_token: str | None = None) -> Base:
        """Gradio downloads a theme from the Hugging Face Hub; nbblocks runs offline and cannot."""
        raise NotImplementedError(
            f"cannot load theme {repo_name!r} from the Hugging Face Hub: nbblocks runs offline. "
            "Use a built-in theme, e.g. gr.themes.Soft(), and adjust it with .set(...)"
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} theme>"


class Default(Base):
    """Gradio's default theme: orange, which the front end draws without any theme CSS."""

    name = "default"
    ARGUMENTS = Base.ARGUMENTS | {"primary_hue": colors.orange}


class Soft(Base):
    """Gradio's Soft theme: indigo on a light grey page, white blocks, Montserrat."""

    name = "soft"
    ARGUMENTS = Base.ARGUMENTS | {
        "primary_hue": colors.indigo,
        "secondary_hue": colors.indigo,
        "font": (GoogleFont("Montserrat"), *SANS_FALLBACKS),
    }
    OWN_VARIABLES: ClassVar[dict[str, str]] = {
        "background_fill_primary": "*neutral_50",
        "block_background_fill": "white",
        "input_background_fill": "white",
        "button_primary_background_fill": "*primary_500",
        "button_primary_background_fill_hover": "*primary_400",
        "button_primary_text_color": "white",
        "button_secondary_background_fill": "white",
        "button_secondary_background_fill_hover": "*neutral_100",
        "button_secondary_text_color": "*neutral_800",
    }


class Glass(Base):
    """Gradio's Glass theme: stone hues, small sizes, tinted blocks, Optima."""

    name = "glass"
    ARGUMENTS = Base.ARGUMENTS | {
        "primary_hue": colors.stone,
        "secondary_hue": colors.stone,
        "neutral_hue": colors.stone,
        "text_size": sizes.text_sm,
        "spacing_size": sizes.spacing_sm,
        "radius_size": sizes.radius_sm,
        "font": ("Optima", "Candara", "Noto Sans", "source-sans-pro", "sans-serif"),
    }
    OWN_VARIABLES: ClassVar[dict[str, str]] = {
        "block_background_fill": "*primary_50",
        "background_fill_secondary": "*primary_100",
    }


class Monochrome(Base):
    """Gradio's Monochrome theme: neutral greys, square corners, near-black buttons, Quicksand."""

    name = "monochrome"
    ARGUMENTS = Base.ARGUMENTS | {
        "primary_hue": colors.neutral,
        "secondary_hue": colors.neutral,
        "neutral_hue": colors.neutral,
        "spacing_size": sizes.spacing_lg,
        "radius_size": sizes.radius_none,
        "font": (GoogleFont("Quicksand"), *SANS_FALLBACKS),
    }
    OWN_VARIABLES: ClassVar[dict[str, str]] = {
        "body_text_color": "*neutral_900",
        "body_text_color_subdued": "*neutral_700",
        "block_label_text_color": "*body_text_color",
        "button_primary_background_fill": "*neutral_900",
        "button_primary_background_fill_hover": "*neutral_700",
        "button_primary_background_fill_dark": "*neutral_600",
        "button_primary_background_fill_hover_dark": "*neutral_600",
        "button_primary_text_color": "white",
        "button_secondary_background_fill": "*button_primary_background_fill",
        "button_secondary_background_fill_hover": "*button_primary_background_fill_hover",
        "button_secondary_text_color": "*button_primary_text_color",
    }


BUILT_IN: dict[str, type[Base]] = {theme.name: theme for theme in (Base, Default, Soft, Glass, Monochrome)}


def theme_from_argument(theme: Base | str | None) -> Base:
    """Blocks' ``theme`` argument as a theme. None is Default; a name picks a built-in theme
    (any case); another name, a Hub theme, cannot be loaded offline: it warns and gives Default."""
    if theme is None:
        return Default()
    if isinstance(theme, Base):
        return theme
    if isinstance(theme, str):
        if theme.lower() in BUILT_IN:
            return BUILT_IN[theme.lower()]()
        warnings.warn(
            f"theme {theme!r} is not a built-in theme ({', '.join(BUILT_IN)}) and nbblocks cannot load "
            "themes from the Hugging Face Hub (it runs offline): using the default theme",
            UserWarning,
            stacklevel=3,  # the user's gr.Blocks(...) line
        )
        return Default()
    is_theme_class = isinstance(theme, type) and issubclass(theme, Base)
    hint = f"; did you mean gr.themes.{theme.__name__}()?" if is_theme_class else ""
    raise TypeError(
        "theme must be a theme such as gr.themes.Soft() or the name of a built-in one, "
        f"not {type(theme).__name__}{hint}"
    )
