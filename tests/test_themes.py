"""``gr.Blocks(theme=...)``: Gradio's themes reach the front end as CSS variables on the app."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr
from nbblocks.themes import _css
from tests.helpers import RecordedSession
from tests.server.conftest import launch, served_page  # noqa: F401 (fixtures of the browser tests)

THEME_CSS = Path(__file__).resolve().parents[1] / "js" / "src" / "styles" / "theme.css"


def app_css(demo: gr.Blocks) -> str | None:
    """The css of the render message, as the front end receives it."""
    session = RecordedSession(demo)
    session.handle({"type": "ready"})
    (render,) = session.of_type("render")
    return render["app"]["css"]


def declarations(css: str, *, dark: bool = False) -> dict[str, str]:
    """The declarations of the theme's light rule (or its dark rule) in ``css``."""
    values: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if ("dark" in selectors) == dark and ".nbb-app" in selectors:
            values.update(re.findall(r"([-\w]+):\s*([^;]+);", body))
    return values


def themed(theme: Any, **blocks_arguments: Any) -> gr.Blocks:
    with gr.Blocks(theme=theme, **blocks_arguments) as demo:
        gr.Button("Run", variant="primary")
    return demo


# --- the public names ------------------------------------------------------------------------------


def test_gradio_theme_names_exist():
    names = "Base Default Soft Glass Monochrome Color Size Font GoogleFont colors sizes"
    for name in names.split():
        assert hasattr(gr.themes, name), name
    assert gr.themes.utils.colors is gr.themes.colors


def test_palettes_have_every_shade():
    hues = (
        "slate gray zinc neutral stone red orange amber yellow lime green emerald teal cyan sky blue indigo violet "
        "purple fuchsia pink rose"
    )
    for hue in hues.split():
        color = getattr(gr.themes.colors, hue)
        shades = color.expand()
        assert len(shades) == 11 and all(re.fullmatch(r"#[0-9a-f]{6}", shade) for shade in shades), hue
        assert color.c50 == shades[0] and color.c950 == shades[-1] and color.name == hue
    assert gr.themes.colors.red.c500 == "#ef4444" and gr.themes.colors.indigo.c500 == "#6366f1"


def test_size_scales():
    sizes = gr.themes.sizes
    names = "radius_none radius_sm radius_md radius_lg spacing_sm spacing_md spacing_lg text_sm text_md text_lg"
    for name in names.split():
        assert len(getattr(sizes, name).expand()) == 7, name
    assert sizes.radius_md.lg == "8px" and sizes.text_md.md == "14px" and sizes.spacing_md.xxl == "16px"


def test_importing_nbblocks_does_not_load_the_themes():
    code = "import sys, nbblocks; print('nbblocks.themes' in sys.modules); nbblocks.themes.Soft(); print('ok')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "ok"]


# --- what reaches the front end --------------------------------------------------------------------


def test_soft_theme_builds_and_draws_indigo():
    demo = themed(gr.themes.Soft())
    values = declarations(app_css(demo))
    assert values["--nbb-primary"] == gr.themes.colors.indigo.c500 == "#6366f1"
    assert values["--nbb-bg"] == gr.themes.colors.gray.c50  # Soft's light grey page
    assert values["--nbb-font"].startswith("'Montserrat', ")


@pytest.mark.parametrize("hue", ["red", "RED", gr.themes.colors.red])
def test_primary_hue_by_name_or_palette(hue):
    values = declarations(app_css(themed(gr.themes.Default(primary_hue=hue))))
    assert values["--nbb-primary"] == "#ef4444"
    assert values["--nbb-primary-hover"] == "#dc2626"
    assert values["--nbb-primary-soft"] == "#fee2e2"


def test_a_custom_color():
    shades = [f"#0000{n:02x}" for n in range(11)]
    values = declarations(app_css(themed(gr.themes.Base(primary_hue=gr.themes.Color(*shades)))))
    assert values["--nbb-primary"] == "#000005"


def test_set_resolves_references_and_chains():
    theme = gr.themes.Default(primary_hue="red")
    assert theme.set(button_primary_background_fill="*secondary_300") is theme
    values = declarations(app_css(themed(theme)))
    assert values["--nbb-primary"] == gr.themes.colors.blue.c300  # Default's secondary hue is blue
    assert values["--nbb-primary-hover"] == "#dc2626"
    assert theme.button_primary_background_fill == "*secondary_300"  # read back as Gradio's attributes


def test_set_maps_gradio_variables_and_ignores_unknown_ones():
    theme = gr.themes.Default().set(
        body_background_fill="*neutral_100",
        body_text_color="#111111",
        button_primary_text_color="black",
        block_radius="3px",
        input_radius="*radius_xxl",
        slider_color="*primary_500",  # a variable the front end does not draw with: accepted
        block_shadow="*shadow_drop_lg",  # names a variable nbblocks does not know: left out
    )
    values = declarations(app_css(themed(theme)))
    assert values == {
        "--nbb-bg": "#f3f4f6",
        "--nbb-text": "#111111",
        "--nbb-on-primary": "black",
        "--nbb-radius": "3px",
        "--nbb-radius-sm": "22px",
    }


def test_sizes_and_fonts():
    theme = gr.themes.Default(
        radius_size="lg", text_size=gr.themes.sizes.text_lg, spacing_size="sm",
        font=[gr.themes.GoogleFont("Inter"), "Arial", "sans-serif"], font_mono="Fira Code",
    )  # fmt: skip
    css = app_css(themed(theme))
    values = declarations(css)
    assert values["--nbb-radius"] == "12px" and values["--nbb-radius-sm"] == "8px"
    assert values["font-size"] == "16px"
    assert values["--nbb-gap"] == "12px" and values["--nbb-pad"] == "calc(9px + 2px)"
    assert values["--nbb-font"] == "'Inter', 'Arial', sans-serif"
    assert values["--nbb-mono"] == "'Fira Code'"
    assert "http" not in css and "@import" not in css  # offline: a Google font is only named


@pytest.mark.parametrize("name", ["soft", "Soft", "GLASS", "monochrome", "base"])
def test_built_in_themes_by_name(name):
    demo = themed(name)
    assert demo.theme.name == name.lower()
    assert declarations(app_css(demo))["--nbb-primary"] == demo.theme._computed("*button_primary_background_fill")


def test_monochrome_and_glass():
    mono = declarations(app_css(themed(gr.themes.Monochrome())))
    assert mono["--nbb-primary"] == mono["--nbb-secondary"] == gr.themes.colors.neutral.c900
    assert mono["--nbb-radius"] == "0px"
    glass = declarations(app_css(themed(gr.themes.Glass())))
    assert glass["--nbb-panel"] == gr.themes.colors.stone.c50 and glass["font-size"] == "13px"


def test_the_users_css_comes_after_the_themes():
    css = app_css(themed(gr.themes.Soft(), css=".gradio-container { --nbb-primary: green; }"))
    assert css.index("#6366f1") < css.index("--nbb-primary: green")
    assert css.endswith(".gradio-container { --nbb-primary: green; }")


@pytest.mark.parametrize("theme", [None, "default", "Default", gr.themes.Default()])
def test_the_default_theme_adds_no_css(theme):
    assert app_css(themed(theme)) is None
    assert app_css(themed(theme, css=".x { color: red }")) == ".x { color: red }"


def test_the_theme_is_scoped_to_its_app():
    """Apps share a notebook page: one app's theme must not restyle another."""
    demo = themed(gr.themes.Soft())
    css = app_css(demo)
    selectors = [selector for rule in re.findall(r"([^{}]+)\{", css) for selector in rule.split(",")]
    assert selectors and all(f'[data-nbb-id="{demo._id}"]' in selector for selector in selectors)


# --- dark mode ------------------------------------------------------------------------------------


def test_dark_values_only_where_the_theme_sets_them():
    theme = gr.themes.Default(primary_hue="red").set(body_text_color="#111111", body_background_fill_dark="#000000")
    css = app_css(themed(theme))
    assert declarations(css)["--nbb-text"] == "#111111"
    # light text must not reach dark mode, where theme.css's dark rule keeps its own colours
    assert declarations(css, dark=True) == {"--nbb-bg": "#000000", "--nbb-primary-soft": gr.themes.colors.red.c950}


def test_dark_rules_use_theme_css_selectors():
    """The theme's light rule is as specific as theme.css's `.nbb-app` (it wins by coming later);
    theme.css's dark rules are more specific, so dark mode keeps its colours; the theme's dark
    rules repeat those selectors."""
    text = THEME_CSS.read_text()
    dark_rule = next(rule for rule in re.findall(r"([^{}/]+)\{", text) if "--nbb" not in rule and ".dark" in rule)
    assert [s.strip() for s in dark_rule.split(",")] == [s.format(scope="") for s in _css.DARK_SELECTORS]


def test_the_default_theme_is_what_theme_css_draws():
    """The default theme writes nothing because theme.css already draws it: check they agree."""
    text = THEME_CSS.read_text()
    light = re.search(r"^\.nbb-app \{(.*?)^\}", text, re.DOTALL | re.MULTILINE).group(1)
    front_end = dict(re.findall(r"^\s*(--nbb-[\w-]+|font-size):\s*([^;]+);", light, re.MULTILINE))
    drawn, _ = _css._drawn(gr.themes.Default())
    for target, value in drawn.items():
        if target in ("--nbb-font", "--nbb-mono"):
            continue  # Default names Source Sans Pro first; the front end goes straight to system fonts
        expected = {"white": "#ffffff", "calc(10px + 2px)": "12px"}.get(value, value)
        assert front_end[target] == expected, target


# --- wrong arguments -------------------------------------------------------------------------------


def test_a_hub_theme_warns_and_falls_back_to_the_default():
    with pytest.warns(UserWarning, match="Hugging Face Hub"):
        demo = themed("gradio/monochrome")
    assert isinstance(demo.theme, gr.themes.Default)
    assert app_css(demo) is None


def test_from_hub_is_a_clear_error():
    with pytest.raises(NotImplementedError, match="offline"):
        gr.themes.Base.from_hub("gradio/seafoam")


@pytest.mark.parametrize("theme", [42, object(), gr.themes.Soft])
def test_a_non_theme_is_a_type_error_at_blocks(theme):
    with pytest.raises(TypeError, match="theme must be"):
        gr.Blocks(theme=theme)


def test_unknown_hue_or_size_is_a_value_error():
    with pytest.raises(ValueError, match="unknown colour 'reddish'"):
        gr.themes.Soft(primary_hue="reddish")
    with pytest.raises(ValueError, match="unknown radius size 'huge'"):
        gr.themes.Soft(radius_size="huge")


# --- in a browser ---------------------------------------------------------------------------------


def test_served_primary_button_is_red(launch, served_page):
    from playwright.sync_api import expect

    served_page.goto(launch(themed(gr.themes.Default(primary_hue="red"))))
    expect(served_page.get_by_role("button", name="Run")).to_have_css("background-color", "rgb(239, 68, 68)")


def test_served_soft_page_keeps_dark_mode(launch, served_page):
    from playwright.sync_api import expect

    url = launch(themed(gr.themes.Soft()))
    served_page.goto(url + "?__theme=light")
    expect(served_page.locator(".nbb-app")).to_have_css("background-color", "rgb(249, 250, 251)")  # gray 50
    served_page.goto(url + "?__theme=dark")
    expect(served_page.locator(".nbb-app")).to_have_css("background-color", "rgb(11, 15, 25)")
    expect(served_page.get_by_role("button", name="Run")).to_have_css("background-color", "rgb(99, 102, 241)")


def test_gr_theme_is_the_base_theme_as_in_gradio():
    assert gr.Theme is gr.themes.Base
    assert isinstance(gr.themes.Soft(), gr.Theme)
