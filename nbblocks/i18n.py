"""`gr.I18n`: an app's texts in several languages (Gradio 6).

``i18n = gr.I18n(en={"greet": "Hello"}, fr={"greet": "Bonjour"})``, then ``label=i18n("greet")``.
Gradio sends the key to the page, which picks the browser's language, falling back to English,
then to the key itself. Here ``i18n("greet")`` is the text at once, in that fallback: English
where given, else the key. Every prop stays a plain string, so no component and no transport
needs to know about translations; ``launch(i18n=...)``, where Gradio hands the page its
dictionaries, then has nothing left to do.
"""

from __future__ import annotations

import re
import warnings

#: a BCP 47 language tag, loosely ("en", "pt-BR", "zh-Hans"), as Gradio checks it
_LOCALE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
#: the language whose texts are shown: Gradio's fallback when the browser's is not given
DEFAULT_LOCALE = "en"


class I18n:
    """Translations by language code; calling it with a key gives that key's text."""

    def __init__(self, **translations: dict[str, str]) -> None:
        for locale in translations:
            if not _LOCALE.match(locale):
                warnings.warn(
                    f"Invalid locale code: '{locale}'. Locale codes should follow BCP 47 format (e.g., 'en', 'en-US').",
                    UserWarning,
                    stacklevel=2,
                )
        self.translations = dict(translations)

    def __call__(self, key: str) -> str:
        """The text of ``key`` in English, or ``key`` itself where no English text is given."""
        return self.translations.get(DEFAULT_LOCALE, {}).get(key, key)

    @property
    def translations_dict(self) -> dict[str, dict[str, str]]:
        """Every language's texts, by language code (Gradio's name)."""
        return self.translations
