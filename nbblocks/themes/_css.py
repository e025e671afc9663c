"""A theme as CSS for the front end: the variables of ``js/src/styles/theme.css`` it changes.

The front end's stylesheet already draws the Default theme, so a theme writes only the values
that differ from Default's: the default theme writes nothing and pages stay as they are.

The rules are scoped to one app, the ``.nbb-app`` whose root block is the app, since several apps
share a notebook page. The light rule keeps theme.css's specificity (``:where`` adds none) and wins
by coming later in the page; theme.css's dark rules are more specific and still win over it, so
dark mode keeps its own colours. Dark values the theme sets itself (``*_dark`` variables) use the
dark rules' own selectors, so they win over those in turn.
"""

from __future__ import annotations

from functools import cache

from ._theme import Base, Default

# Each front-end variable (or property of .nbb-app) and the theme value it is drawn with.
TARGETS = {
    "--nbb-primary": "*button_primary_background_fill",
    "--nbb-primary-hover": "*button_primary_background_fill_hover",
    "--nbb-primary-soft": "*color_accent_soft",
    "--nbb-on-primary": "*button_primary_text_color",
    "--nbb-secondary": "*button_secondary_background_fill",
    "--nbb-secondary-hover": "*button_secondary_background_fill_hover",
    "--nbb-on-secondary": "*button_secondary_text_color",
    "--nbb-bg": "*body_background_fill",
    "--nbb-text": "*body_text_color",
    "--nbb-label": "*block_label_text_color",
    "--nbb-muted": "*body_text_color_subdued",
    "--nbb-panel": "*block_background_fill",
    "--nbb-panel-alt": "*background_fill_secondary",
    "--nbb-border": "*border_color_primary",
    "--nbb-input-bg": "*input_background_fill",
    "--nbb-input-border": "*input_border_color",
    "--nbb-font": "*font",
    "--nbb-mono": "*font_mono",
    "--nbb-radius": "*block_radius",
    "--nbb-radius-sm": "*input_radius",
    "--nbb-gap": "*layout_gap",
    # one length (the front end pads with "10px var(--nbb-pad)"); Gradio's block_padding has two
    "--nbb-pad": "calc(*spacing_xl + 2px)",
    "font-size": "*body_text_size",
}

# theme.css's dark-mode selectors, scoped like the light rule.
DARK_SELECTORS = (".nbb-app{scope}.dark", ".dark .nbb-app{scope}", 'body[data-jp-theme-light="false"] .nbb-app{scope}')


def app_css(theme: Base, app_id: int) -> str:
    """The CSS that draws app ``app_id`` (its root block's id) in ``theme``; "" for the default look."""
    light, dark = _drawn(theme)
    default_light, default_dark = _drawn_by_default()
    light = {target: value for target, value in light.items() if default_light.get(target) != value}
    dark = {target: value for target, value in dark.items() if default_dark.get(target) != value}
    scope = f':where(:has(> [data-nbb-id="{app_id}"]))'
    rules = []
    if light:
        rules.append(_rule([f".nbb-app{scope}"], light))
    if dark:
        rules.append(_rule([selector.format(scope=scope) for selector in DARK_SELECTORS], dark))
    return "\n".join(rules)


def _drawn(theme: Base) -> tuple[dict[str, str], dict[str, str]]:
    """The targets' values in light mode, and in dark mode those that ``*_dark`` variables change.
    A target whose value names a variable the theme does not have is left out."""
    light: dict[str, str] = {}
    dark: dict[str, str] = {}
    for target, expression in TARGETS.items():
        value = theme._computed(expression)
        if value is not None:
            light[target] = value
        dark_value = theme._computed(expression, dark=True)
        if dark_value is not None and dark_value != value:
            dark[target] = dark_value
    return light, dark


@cache
def _drawn_by_default() -> tuple[dict[str, str], dict[str, str]]:
    return _drawn(Default())


def _rule(selectors: list[str], declarations: dict[str, str]) -> str:
    body = "".join(f"  {name}: {value};\n" for name, value in declarations.items())
    return ",\n".join(selectors) + " {\n" + body + "}"
