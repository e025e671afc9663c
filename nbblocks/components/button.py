"""Button: its value is its text; ``click`` is its event. ClearButton: a Button that empties
components. DuplicateButton and LoginButton: Gradio's Hugging Face Spaces buttons, plain here.
DeepLinkButton: a Button that copies the page's link."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Bool, Enum, Unicode

from ..block import current_app, undrawn
from ..events import EventListener, block_list
from ..notices import Info
from .base import Component
from .state import State

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .base import ButtonOptions


class Button(Component):
    """A button. ``variant`` "primary" (accent), "secondary" or "stop" (red)."""

    click = EventListener()
    variant = Enum(("primary", "secondary", "stop"), "secondary").tag(prop=True)
    size = Enum(("sm", "lg"), None, allow_none=True).tag(prop=True)
    icon = Unicode(None, allow_none=True).tag(prop=True)
    link = Unicode(None, allow_none=True).tag(prop=True)
    #: where ``link`` opens: Gradio 6's browsing context; None is Gradio 4.34's new tab
    link_target = Enum(("_self", "_blank", "_parent", "_top"), None, allow_none=True).tag(prop=True)
    interactive = Bool(True, allow_none=True).tag(prop=True)
    label = undrawn(Component.label, "a button shows its value, as Gradio's does")
    show_label = undrawn(Component.show_label, "a button shows its value, as Gradio's does")
    info = undrawn(Component.info, "a button shows its value, as Gradio's does")

    def __init__(
        self,
        value: str | Any = "Run",
        *,
        variant: Literal["primary", "secondary", "stop"] = "secondary",
        size: Literal["sm", "lg"] | None = None,
        icon: str | None = None,
        link: str | None = None,
        link_target: Literal["_self", "_blank", "_parent", "_top"] | None = None,
        interactive: bool = True,
        min_width: int | None = None,
        **kwargs: Unpack[ButtonOptions],
    ) -> None:
        # min_width None leaves a button its natural width
        super().__init__(
            value, variant=variant, size=size, icon=icon, link=link, link_target=link_target, interactive=interactive,
            min_width=min_width, **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_value(self) -> Any:
        return self.value or "Run"

    def preprocess(self, payload: Any) -> str | None:
        return None if payload is None else str(payload)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)



class DuplicateButton(Button):
    """Gradio's button that duplicates a Hugging Face Space. It acts only on Spaces; elsewhere,
    as Gradio's does locally, it is a plain button, and its ``click`` listeners still run."""

    def __init__(
        self,
        value: str | Any = "Duplicate Space",
        *,
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "huggingface",
        size: Literal["sm", "lg"] | None = "sm",
        scale: int | None = 0,
        **kwargs: Any,
    ) -> None:
        # "huggingface" is the Hub's yellow, which no theme here defines: a secondary button
        super().__init__(value, variant="secondary" if variant == "huggingface" else variant, size=size, scale=scale, **kwargs)


class DeepLinkButton(Button):
    """A Button whose click puts the page's URL on the clipboard and shows ``copied_value`` for a
    moment. Gradio's link also restores the session's values; here it is the page's URL only.
    Its ``click`` listeners still run."""

    copied_value = Unicode("Link Copied!").tag(prop=True)

    def __init__(
        self,
        value: str = "Share via Link",
        copied_value: str = "Link Copied!",
        *,
        size: Literal["sm", "lg"] | None = "lg",
        **kwargs: Any,
    ) -> None:
        super().__init__(value, size=size, **kwargs)
        self.copied_value = copied_value


class LoginButton(Button):
    """Gradio's "Sign in with Hugging Face" button. Sign-in happens on Hugging Face Spaces only
    (it needs the Hub, and there is no network here): a click says so in a toast, and functions
    asking for `gr.OAuthProfile` or `gr.OAuthToken` get None. Its ``click`` listeners still run."""

    def __init__(
        self,
        value: str = "Sign in with Hugging Face",
        logout_value: str = "Logout ({})",
        *,
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "huggingface",
        size: Literal["sm", "lg"] | None = "lg",
        **kwargs: Any,
    ) -> None:
        # "huggingface" is the Hub's yellow, which no theme here defines: a secondary button
        super().__init__(value, variant="secondary" if variant == "huggingface" else variant, size=size, **kwargs)
        #: the text once signed in, "{}" the user name: kept for Gradio's API, never shown here
        self.logout_value = logout_value
        if current_app() is not None:
            self.click(_explain_sign_in, None, None, show_api=False)


def _explain_sign_in() -> None:
    Info("Signing in with Hugging Face works only in an app hosted on Hugging Face Spaces.")


class ClearButton(Button):
    """A Button whose click empties ``components`` (Gradio's ``gr.ClearButton``). On the page,
    each gets its empty value (its ``postprocess(None)``) from a ``js`` listener, with no round
    trip to Python; a `gr.State`, which lives only in Python, gets its initial value back there.
    Its listeners are left out of the API unless ``show_api``."""

    def __init__(
        self,
        components: Component | list[Component] | None = None,
        *,
        value: str = "Clear",
        api_name: str | None | Literal[False] = None,
        show_api: bool = False,
        api_visibility: Literal["public", "private", "undocumented"] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(value, **kwargs)
        # Gradio 6's api_visibility says what show_api and api_name=False said
        self.api_name = False if api_visibility == "private" else api_name
        self.show_api = api_visibility == "public" if api_visibility is not None else show_api
        if components is not None and current_app() is not None:
            self.add(components)

    def add(self, components: Component | list[Component]) -> ClearButton:
        """Empty ``components`` too on a click; returns this button."""
        listed = block_list(components)[0]
        shown = [block for block in listed if isinstance(block, Component) and not isinstance(block, State)]
        states = [block for block in listed if isinstance(block, State)]
        options = {"api_name": self.api_name, "show_api": self.show_api}
        if shown:
            empty = json.dumps([block.postprocess(None) for block in shown])
            self.click(None, None, shown, js=f"() => {empty}", **options)
        if states:
            initial = [state.session_value() for state in states]  # read now: a copy per click below
            self.click(lambda: _copies(initial), None, states, **options)
        return self


def _copies(values: list[Any]) -> Any:
    """Fresh copies of the States' initial values: one value for one State, else a tuple."""
    fresh = copy.deepcopy(values)
    return fresh[0] if len(fresh) == 1 else tuple(fresh)
