"""`gr.OAuthProfile` and `gr.OAuthToken`: who signed in with Hugging Face, for a function that asks.

A function declares a parameter annotated with one of them (``profile: gr.OAuthProfile | None``)
and Gradio fills it in when someone signed in with Hugging Face on a Space. Sign-in happens only
on Spaces, never here (no network), so the engine always passes None: the demos written for
Spaces then take their "not signed in" branch. The classes exist to be named in annotations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class OAuthProfile(dict[str, Any]):
    """A signed-in Hugging Face user's profile (Gradio's: a dict with attributes)."""

    @property
    def name(self) -> str:
        return str(self.get("name", ""))

    @property
    def username(self) -> str:
        return str(self.get("preferred_username", ""))

    @property
    def profile(self) -> str:
        return str(self.get("profile", ""))

    @property
    def picture(self) -> str:
        return str(self.get("picture", ""))


@dataclass
class OAuthToken:
    """A signed-in Hugging Face user's access token."""

    token: str
    scope: str
    expires_at: int
